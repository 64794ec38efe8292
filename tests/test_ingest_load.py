"""Loading is idempotent, transactional, order-independent for amendments; sources of all kinds."""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import signal
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

import fecscreen.bulk
from fecscreen.errors import DownloadError
from fecscreen.ingest import load_file, load_paths
from fecscreen.ingest import stream as stream_mod
from fecscreen.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def _snapshot(store) -> dict:
    out = {}
    for table in ("filings", "filing_receipts", "filing_disbursements", "filing_lines", "load_issues"):
        cols = "* EXCLUDE (loaded_at)" if table == "filings" else (
            "* EXCLUDE (issue_id, recorded_at)" if table == "load_issues" else "*")
        out[table] = sorted(map(repr, store.query(f"SELECT {cols} FROM {table}")))
    return out


def test_loading_twice_changes_nothing(tmp_path, fixtures_dir):
    store = open_store(tmp_path / "db.duckdb")
    src = fixtures_dir / "filings" / "fastfec" / "1550548.fec"
    first = load_file(store, src)
    before = _snapshot(store)
    again = load_file(store, src)
    assert (first.status, again.status) == ("loaded", "unchanged")
    assert _snapshot(store) == before
    # a copy under another name whose id comes from the header is also recognised
    other = fixtures_dir / "filings" / "fec-parse" / "paper2.fec"
    a = load_file(store, other)
    b = load_file(store, other)
    assert a.filing_id == b.filing_id and a.filing_id.startswith("hdr-") and b.status == "unchanged"


def test_same_id_new_content_replaces(tmp_path, fixtures_dir):
    store = open_store(tmp_path / "db.duckdb")
    text = (fixtures_dir / "filings" / "fastfec" / "1550126.fec").read_bytes()
    path = tmp_path / "1550126.fec"
    path.write_bytes(text)
    load_file(store, path)
    lines = text.split(b"\n")
    sa = [i for i, ln in enumerate(lines) if ln.startswith(b"SA")]
    del lines[sa[0]]
    path.write_bytes(b"\n".join(lines))
    result = load_file(store, path)
    assert result.status == "replaced" and result.rows["receipts"] == len(sa) - 1
    assert store.scalar("SELECT count(*) FROM filing_receipts") == len(sa) - 1
    assert store.scalar("SELECT count(*) FROM filings") == 1


def _chain(tmp_path: Path, fixtures_dir: Path) -> list[Path]:
    """Original 1542500, amendment 1550126 (as filed) and a second amendment 1560001."""
    text = (fixtures_dir / "filings" / "fastfec" / "1550126.fec").read_bytes()
    hdr, cover, *rest = text.split(b"\n")
    original = b"\n".join([hdr.replace(b"FEC-1542500\x1c1", b"\x1c"), cover.replace(b"F3A", b"F3N", 1),
                           *rest])
    second = b"\n".join([hdr.replace(b"FEC-1542500\x1c1", b"FEC-1550126\x1c2"), cover, *rest])
    paths = []
    for fid, body in (("1542500", original), ("1550126", text), ("1560001", second)):
        p = tmp_path / f"{fid}.fec"
        p.write_bytes(body)
        paths.append(p)
    return paths


@pytest.mark.parametrize("order", ["forward", "reversed", "middle-last"])
def test_amendment_chain_supersedes_whatever_the_load_order(tmp_path, fixtures_dir, order):
    paths = _chain(tmp_path, fixtures_dir)
    ordered = {"forward": paths, "reversed": paths[::-1], "middle-last": [paths[0], paths[2], paths[1]]}
    store = open_store(tmp_path / "db.duckdb")
    for p in ordered[order]:
        load_file(store, p)
    assert store.query("SELECT filing_id, amends_filing_id, superseded, superseded_by FROM filings "
                       "ORDER BY 1") == [
        ("1542500", None, True, "1560001"),
        ("1550126", "1542500", True, "1560001"),
        ("1560001", "1550126", False, None),
    ]
    assert store.query("SELECT DISTINCT filing_id FROM receipts_current") == [("1560001",)]
    assert store.query("SELECT DISTINCT filing_id FROM disbursements_current") == [("1560001",)]
    assert store.scalar("SELECT count(*) FROM receipts WHERE superseded") == 10


def test_amendment_without_link_joins_its_report_period(tmp_path, fixtures_dir):
    paths = _chain(tmp_path, fixtures_dir)
    text = paths[1].read_bytes().replace(b"FEC-1542500\x1c1", b"\x1c")  # no report_id
    paths[1].write_bytes(text)
    store = open_store(tmp_path / "db.duckdb")
    load_file(store, paths[1])
    load_file(store, paths[0])
    assert store.query("SELECT filing_id, superseded FROM filings ORDER BY 1") == [
        ("1542500", True), ("1550126", False)]


def test_a_failure_half_way_leaves_no_partial_filing(tmp_path, fixtures_dir, monkeypatch):
    import fecscreen.ingest as ingest

    store = open_store(tmp_path / "db.duckdb")
    src = fixtures_dir / "filings" / "fastfec" / "1544132.fec"
    load_file(store, fixtures_dir / "filings" / "fastfec" / "1550126.fec")
    before = _snapshot(store)
    calls = []

    def failing(con, filing_id, group):
        calls.append(group.table)
        if len(calls) == 3:
            raise OSError("disk full (injected)")
        return real(con, filing_id, group)

    real = ingest.insert_group
    monkeypatch.setattr(ingest, "insert_group", failing)
    with pytest.raises(OSError, match="injected"):
        load_file(store, src)
    assert len(calls) == 3 and store.scalar("SELECT count(*) FROM filings") == 1
    assert _snapshot(store) == before


KILLER = """
import sys, time
sys.path.insert(0, {root!r})
import fecscreen.ingest as ingest
import fecscreen.ingest.stream as stream
from fecscreen.store import open_store
stream.STREAM_BYTES = {stream_bytes}
stream.STREAM_MAX_THREADS = 1 << 20
real = ingest.insert_group
def slow(con, fid, group, paths=None):
    real(con, fid, group, paths)
    if group.table == "receipts":
        print("inserted", flush=True)
        time.sleep(30)
ingest.insert_group = slow
ingest.load_file(open_store({db!r}), {src!r})
"""


@pytest.mark.parametrize("stream_bytes", [1 << 40, 0], ids=["files", "pipe"])
def test_a_killed_load_leaves_no_partial_filing(tmp_path, fixtures_dir, stream_bytes):
    db = tmp_path / "db.duckdb"
    store = open_store(db)
    load_file(store, fixtures_dir / "filings" / "fastfec" / "1550126.fec")
    store.close()
    src = fixtures_dir / "filings" / "fastfec" / "1544132.fec"
    code = KILLER.format(root=str(ROOT), db=str(db), src=str(src), stream_bytes=stream_bytes)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "inserted"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    store = open_store(db)
    assert store.query("SELECT filing_id FROM filings") == [("1550126",)]
    assert store.scalar("SELECT count(*) FROM filing_receipts WHERE filing_id = '1544132'") == 0
    assert store.scalar("SELECT count(*) FROM filing_receipts") == 5


@pytest.fixture()
def fec_server(fixtures_dir, monkeypatch):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(fixtures_dir / "filings" / "fastfec"))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a, **k: None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("FECSCREEN_FEC_URL", base + "/{id}.fec")
    yield base
    server.shutdown()


def test_download_by_id_and_url(tmp_path, fec_server):
    store = open_store(tmp_path / "db.duckdb")
    summary = load_paths(store, ["1550126", "FEC-1550548", f"{fec_server}/1527862.fec"])
    assert [(f.source, f.filing_id, f.status) for f in summary.files] == [
        (f"{fec_server}/1550126.fec", "1550126", "loaded"),
        (f"{fec_server}/1550548.fec", "1550548", "loaded"),
        (f"{fec_server}/1527862.fec", "1527862", "loaded"),
    ]
    assert store.scalar("SELECT count(*) FROM filing_receipts") == 5 + 76 + 2224
    assert store.scalar("SELECT source_path FROM filings WHERE filing_id = '1550126'") == \
        f"{fec_server}/1550126.fec"


def test_download_of_a_missing_filing_is_a_clear_error(tmp_path, fec_server):
    store = open_store(tmp_path / "db.duckdb")
    summary = load_paths(store, ["999"])
    (failed,) = summary.errors
    assert isinstance(failed.error, DownloadError)
    assert failed.error.render().startswith(f"{fec_server}/999.fec: the server answered 404")
    assert store.scalar("SELECT count(*) FROM filings") == 0


def test_zip_and_folder_sources(tmp_path, fixtures_dir):
    zpath = tmp_path / "filings.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(fixtures_dir / "filings" / "fech" / "753533.fec", "a/753533.fec")
        zf.write(fixtures_dir / "filings" / "fech" / "97405.fec", "97405.fec")
        zf.writestr("readme.txt", "not a filing")
    store = open_store(tmp_path / "db.duckdb")
    summary = load_paths(store, [str(zpath), str(fixtures_dir / "filings" / "fech")])
    assert [f.source for f in summary.files[:2]] == [f"{zpath}!97405.fec", f"{zpath}!a/753533.fec"]
    folder = sorted(str(p) for p in (fixtures_dir / "filings" / "fech").glob("*.fec"))
    assert [f.source for f in summary.files[2:]] == folder
    unchanged = [Path(f.source).name for f in summary.files if f.status == "unchanged"]
    assert unchanged == ["753533.fec", "97405.fec"]  # already loaded from the zip
    assert summary.ok and store.scalar("SELECT count(*) FROM filings") == len(folder)


def test_gzipped_filings_load_as_the_filing_inside(tmp_path, fixtures_dir):
    src = fixtures_dir / "filings" / "fastfec" / "1550548.fec"
    folder = tmp_path / "in"
    folder.mkdir()
    gz = folder / "1550548.fec.gz"
    gz.write_bytes(gzip.compress(src.read_bytes()))
    store = open_store(tmp_path / "db.duckdb")
    (result,) = load_paths(store, [str(folder)]).files          # found in a folder
    assert (result.status, result.filing_id, result.source) == ("loaded", "1550548", str(gz))
    plain = load_paths(store, [str(src)]).files[0]              # the same filing, unpacked
    assert plain.status == "unchanged"
    gzipped_rows = store.scalar("SELECT count(*) FROM filing_receipts WHERE filing_id = '1550548'")
    other = open_store(tmp_path / "plain.duckdb")
    load_file(other, src)
    assert gzipped_rows == other.scalar("SELECT count(*) FROM filing_receipts") > 0


def test_a_broken_gzip_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "1550548.fec.gz"
    bad.write_bytes(gzip.compress(b"HDR\x1cFEC\x1c8.3\x1c" * 1000)[:60])   # cut short
    store = open_store(tmp_path / "db.duckdb")
    (failed,) = load_paths(store, [str(bad)]).errors
    assert failed.error.render().startswith(f"{bad}: not a readable gzip file")
    assert "download the file again" in failed.error.render()
    assert store.scalar("SELECT count(*) FROM filings") == 0


def test_bulk_files_go_to_the_bulk_loader_with_the_cycle(tmp_path, fixtures_dir, monkeypatch):
    seen = []
    bulk = tmp_path / "itcont.txt"
    bulk.write_text("C00000001|N|Q1|P|1|15|IND|DOE, JANE|X|CA|90001||||01022024|10||T1|1|||1\n")
    monkeypatch.setattr(fecscreen.bulk, "is_bulk_file", lambda p: Path(p).name == "itcont.txt")

    class Done:
        rows = 1

    def fake_load_bulk(store, path, *, cycle=None, progress=None):
        seen.append((Path(path).name, cycle))
        return Done()

    monkeypatch.setattr(fecscreen.bulk, "load_bulk", fake_load_bulk)
    store = open_store(tmp_path / "db.duckdb")
    summary = load_paths(store, [str(bulk), str(fixtures_dir / "filings" / "fech" / "97405.fec")],
                         cycle=2024)
    assert seen == [("itcont.txt", 2024)]
    assert [(f.kind, f.status) for f in summary.files] == [("bulk", "loaded"), ("filing", "loaded")]
    assert summary.files[0].rows == {"bulk rows": 1}


def test_not_an_fec_file(tmp_path):
    path = tmp_path / "notes.fec"
    path.write_text("hello\nworld\n")
    store = open_store(tmp_path / "db.duckdb")
    (result,) = load_paths(store, [str(path)]).files
    assert result.status == "failed"
    assert result.error.render() == (
        f"{path}:1: not an FEC filing: the first line is neither an HDR record nor a "
        "'/* Header' block\n  hint: pass .fec files (electronic or paper filings from the FEC), "
        "folders or .zip files of them, or filing ids; bulk files are recognised by their FEC names")
    assert store.scalar("SELECT count(*) FROM filings") == 0


def test_a_real_bulk_sample_goes_through_load_paths(tmp_path, fixtures_dir):
    store = open_store(tmp_path / "db.duckdb")
    sample = fixtures_dir / "bulk" / "indiv" / "itcont_sample_a.txt"
    (result,) = load_paths(store, [str(sample)], cycle=2018).files
    assert (result.kind, result.status, result.rows) == ("bulk", "loaded", {"bulk rows": 5000})
    assert result.line() == f"{sample}: bulk file loaded, 5,000 rows"
    assert store.scalar("SELECT count(*) FROM receipts WHERE source = 'bulk'") == 5000


def test_streamed_load_equals_the_file_load(tmp_path, fixtures_dir, monkeypatch):

    src = fixtures_dir / "filings" / "fastfec" / "1544132.fec"
    plain = open_store(tmp_path / "plain.duckdb")
    load_file(plain, src)
    monkeypatch.setattr(stream_mod, "STREAM_BYTES", 0)  # stream even this small filing
    monkeypatch.setattr(stream_mod, "STREAM_MAX_THREADS", 1 << 20)  # and with any threads
    streamed_groups = []
    real = stream_mod.Stream.open

    def spy(self, group):
        fh = real(self, group)
        if fh is not None:
            streamed_groups.append(group.table)
        return fh

    monkeypatch.setattr(stream_mod.Stream, "open", spy)
    streamed = open_store(tmp_path / "streamed.duckdb")
    load_file(streamed, src)
    assert streamed_groups == ["receipts"]
    assert _snapshot(streamed) == _snapshot(plain)


def test_a_stream_whose_insert_fails_raises_and_rolls_back(tmp_path, fixtures_dir, monkeypatch):
    import fecscreen.ingest as ingest

    monkeypatch.setattr(stream_mod, "STREAM_BYTES", 0)
    monkeypatch.setattr(stream_mod, "STREAM_MAX_THREADS", 1 << 20)
    real = ingest.insert_group

    def failing(con, filing_id, group, paths=None):
        if paths is not None:  # the streamed INSERT
            raise RuntimeError("insert failed (injected)")
        return real(con, filing_id, group, paths)

    monkeypatch.setattr(ingest, "insert_group", failing)
    store = open_store(tmp_path / "db.duckdb")
    with pytest.raises(RuntimeError, match="injected"):
        load_file(store, fixtures_dir / "filings" / "fastfec" / "1527862.fec")
    assert store.scalar("SELECT count(*) FROM filings") == 0
    assert store.scalar("SELECT count(*) FROM filing_receipts") == 0


def test_a_large_filing_streams_only_when_duckdb_has_one_thread(tmp_path):

    store = open_store(tmp_path / "db.duckdb")
    big = stream_mod.STREAM_BYTES
    store.con.execute("SET threads = 1")
    assert stream_mod.streams(store.con, big) is True
    assert stream_mod.streams(store.con, big - 1) is False
    store.con.execute("SET threads = 2")
    assert stream_mod.streams(store.con, big) is False
