"""Many small filings load in batches: the same tables as one by one, one INSERT per layout."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from test_ingest_fastpath import TABLES  # every column but load times and issue numbers

import fecscreen.ingest.batch as batch_mod
from fecscreen.errors import FecscreenError
from fecscreen.ingest import load_file, load_paths
from fecscreen.ingest import write as write_mod
from fecscreen.store import open_store


def _tables(store) -> dict[str, list]:
    return {t: sorted(map(repr, store.query(f"SELECT {cols} FROM {t}"))) for t, cols in TABLES.items()}


def _folder(tmp_path: Path, fixtures_dir: Path) -> Path:
    """Every fixture filing (and the one of an unknown version), under numbered names."""
    out = tmp_path / "filings"
    out.mkdir()
    for i, p in enumerate(sorted((fixtures_dir / "filings").glob("*/*.fec"))):
        shutil.copy(p, out / f"{100 + i}.fec")
    return out


def _inserts(monkeypatch) -> list:
    calls = []
    for name in ("_insert_itemized", "_insert_lines"):
        real = getattr(write_mod, name)

        def spy(*args, real=real, name=name):
            calls.append(name)
            return real(*args)

        monkeypatch.setattr(write_mod, name, spy)
    return calls


def test_a_batch_gives_the_tables_of_one_by_one(tmp_path, fixtures_dir, monkeypatch):
    folder = _folder(tmp_path, fixtures_dir)
    paths = sorted(folder.iterdir())
    one = open_store(tmp_path / "one.duckdb")
    for p in paths:
        try:
            load_file(one, p, source=str(p))
        except FecscreenError:  # the filing of an unknown version
            pass
    calls = _inserts(monkeypatch)
    many = open_store(tmp_path / "many.duckdb")
    summary = load_paths(many, [str(folder)])
    assert len(summary.files) == len(paths) == 44
    assert [f.source for f in summary.files] == [str(p) for p in paths]   # in order
    assert [f.source for f in summary.errors] == [str(folder / "105.fec")]
    assert "version '180.5' is unknown" in summary.errors[0].error.message
    assert _tables(many) == _tables(one)
    # one INSERT per itemized layout and one for the other lines, for all 43 filings
    layouts = many.scalar("SELECT count(DISTINCT form_type) FROM filing_lines") > 1
    assert calls.count("_insert_lines") == 1 and layouts
    assert 10 < calls.count("_insert_itemized") < 43


def test_a_reload_is_a_no_op_and_amendments_resolve_as_one_by_one(tmp_path, fixtures_dir):
    from test_ingest_load import _chain

    paths = _chain(tmp_path, fixtures_dir)
    store = open_store(tmp_path / "db.duckdb")
    first = load_paths(store, [str(p) for p in paths[::-1]])
    assert [f.status for f in first.files] == ["loaded"] * 3
    assert store.query("SELECT filing_id, superseded, superseded_by FROM filings ORDER BY 1") == [
        ("1542500", True, "1560001"), ("1550126", True, "1560001"), ("1560001", False, None)]
    before = _tables(store)
    again = load_paths(store, [str(p) for p in paths])
    assert [f.status for f in again.files] == ["unchanged"] * 3
    assert _tables(store) == before
    # one changed: replaced, the others unchanged, in the same batch
    paths[0].write_bytes(paths[0].read_bytes() + b"\n")
    third = load_paths(store, [str(p) for p in paths])
    assert [f.status for f in third.files] == ["replaced", "unchanged", "unchanged"]
    assert store.scalar("SELECT count(*) FROM filings") == 3


def test_a_failed_batch_is_loaded_one_by_one_and_only_the_bad_filing_fails(
        tmp_path, fixtures_dir, monkeypatch):
    folder = _folder(tmp_path, fixtures_dir)
    bad = folder / "101.fec"
    real_insert, real_load = batch_mod.insert_batch, batch_mod.load_file

    def refuse(*args):
        raise duckdb.ConstraintException("a row the table refuses (injected)")

    def load_file(store, path, **kw):
        if Path(path) == bad:
            refuse()
        return real_load(store, path, **kw)

    monkeypatch.setattr(batch_mod, "insert_batch", refuse)
    monkeypatch.setattr(batch_mod, "load_file", load_file)
    store = open_store(tmp_path / "db.duckdb")
    summary = load_paths(store, [str(folder)])
    failed = {f.source: f.error.message for f in summary.errors}
    assert set(failed) == {str(bad), str(folder / "105.fec")}
    assert "injected" in failed[str(bad)]
    assert store.scalar("SELECT count(*) FROM filings") == 42
    assert real_insert is not refuse


def test_a_filing_given_twice_in_one_batch_loads_once(tmp_path, fixtures_dir):
    src = fixtures_dir / "filings" / "fastfec" / "1550126.fec"
    store = open_store(tmp_path / "db.duckdb")
    summary = load_paths(store, [str(src), str(src)])
    assert [f.status for f in summary.files] == ["loaded", "unchanged"]
    assert store.scalar("SELECT count(*) FROM filings") == 1


def test_batches_are_cut_at_their_size(tmp_path, fixtures_dir, monkeypatch):
    folder = _folder(tmp_path, fixtures_dir)
    monkeypatch.setattr(batch_mod, "BATCH_FILES", 10)
    sizes = []
    real = batch_mod.load_batch

    def spy(store, items, progress=None):
        sizes.append(len(items))
        return real(store, items, progress)

    monkeypatch.setattr(batch_mod, "load_batch", spy)
    store = open_store(tmp_path / "db.duckdb")
    summary = load_paths(store, [str(folder)])
    assert sizes == [10, 10, 10, 10, 4] and len(summary.errors) == 1
    assert store.scalar("SELECT count(*) FROM filings") == 43
