"""A store written as a folder of Parquet files and read back is the same store."""

import json
import shutil

import pytest
from click.testing import CliRunner

from fecscreen.cli import main
from fecscreen.errors import ConfigError, InputError
from fecscreen.ingest import load_paths
from fecscreen.reviews import set_status
from fecscreen.rules import run_check
from fecscreen.store import open_store
from fecscreen.store.parquet import MANIFEST, export_store, import_store
from fecscreen.tokens import create_token


@pytest.fixture(scope="module")
def source(tmp_path_factory, fixtures_dir):
    """A demo store, plus a real filing with disbursements, a token and a review."""
    out = tmp_path_factory.mktemp("pq") / "demo"
    result = CliRunner().invoke(main, ["demo", "--out", str(out), "--scale", "0.3", "--quiet"])
    assert result.exit_code == 0, result.output
    db = out / "fecscreen.duckdb"
    with open_store(db) as store:
        summary = load_paths(store, [str(fixtures_dir / "filings" / "fastfec" / "1550126.fec")])
        assert [f.status for f in summary.files] == ["loaded"]
        create_token(store, "desk-1", "reviewer")
        finding = store.scalar("SELECT min(finding_id) FROM findings")
        set_status(store, finding, "cleared", "copy of US passport received", by="desk-1")
    return db


def _table_rows(store, table):
    cols = [n for (n,) in store.query(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND NOT is_generated "
        "AND database_name = current_database() ORDER BY column_index", [table])]
    body = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in cols)
    return sorted(store.query(f'SELECT {body} FROM "{table}"'), key=repr)


def test_round_trip_keeps_every_row_of_every_table_and_the_findings(source, tmp_path):
    folder = tmp_path / "store"
    with open_store(source) as store:
        written = export_store(store, folder)
        tables = dict(written.tables)
        before = {t: _table_rows(store, t) for t in tables}
        findings_before = sorted((f.rule, f.committee_id, f.message, str(f.amount))
                                 for f in run_check(store).findings)
    assert tables["bulk_receipts"] > 0 and tables["filing_receipts"] > 0
    assert tables["filing_disbursements"] > 0 and tables["review_audit"] == 1
    assert "api_tokens" not in tables
    assert (folder / "bulk_receipts" / "cycle=2024").is_dir()
    manifest = json.loads((folder / MANIFEST).read_text())
    assert manifest["tables"]["bulk_receipts"]["partition_by"] == "cycle"
    assert manifest["tables"]["filings"]["partition_by"] is None

    with open_store(tmp_path / "copy.duckdb") as copy:
        read = import_store(copy, folder)
        assert read.tables == tables and not read.already_loaded
        for table in tables:
            assert _table_rows(copy, table) == before[table], table
        assert copy.scalar("SELECT count(*) FROM api_tokens") == 0
        findings_after = sorted((f.rule, f.committee_id, f.message, str(f.amount))
                                for f in run_check(copy).findings)
        assert findings_after == findings_before and findings_after
        # Sequences move past the rows read, so new audit rows get new numbers.
        assert copy.scalar("SELECT nextval('review_audit_seq')") == 2


def test_reading_the_same_folder_again_changes_nothing(source, tmp_path):
    folder = tmp_path / "store"
    with open_store(source) as store:
        export_store(store, folder)
    with open_store(tmp_path / "copy.duckdb") as copy:
        first = import_store(copy, folder)
        n = copy.scalar("SELECT count(*) FROM bulk_receipts")
        again = import_store(copy, folder)
        assert again.already_loaded and again.rows == 0
        assert copy.scalar("SELECT count(*) FROM bulk_receipts") == n == first.tables["bulk_receipts"]


def test_a_folder_is_read_only_into_an_empty_database(source, tmp_path):
    folder = tmp_path / "store"
    with open_store(source) as store:
        export_store(store, folder)
    # Another folder of the same store is another snapshot: it must not be mixed in.
    with open_store(source) as store:
        with pytest.raises(InputError, match="already holds data") as err:
            import_store(store, folder)
    assert err.value.hint == "pass --db with a new database file"


def test_a_damaged_folder_leaves_the_database_empty(source, tmp_path):
    folder = tmp_path / "store"
    with open_store(source) as store:
        export_store(store, folder)
    shutil.rmtree(folder / "findings")
    with open_store(tmp_path / "copy.duckdb") as copy:
        with pytest.raises(InputError, match="table findings has no Parquet files"):
            import_store(copy, folder)
        assert copy.scalar("SELECT count(*) FROM bulk_receipts") == 0
        assert copy.scalar("SELECT count(*) FROM store_imports") == 0


def test_a_bad_manifest_is_named(tmp_path):
    (tmp_path / MANIFEST).write_text("{not json")
    with open_store(tmp_path / "copy.duckdb") as copy:
        with pytest.raises(InputError, match="not valid JSON") as err:
            import_store(copy, tmp_path)
        assert err.value.where == str(tmp_path / MANIFEST)
        (tmp_path / MANIFEST).write_text(json.dumps({"format": "fecscreen-parquet-store",
                                                     "format_version": 99}))
        with pytest.raises(InputError, match="format version 99; this fecscreen reads version 1"):
            import_store(copy, tmp_path)


def test_export_never_overwrites_a_folder_of_other_files(source, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with open_store(source) as store:
        with pytest.raises(ConfigError, match="is not a fecscreen store folder"):
            export_store(store, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_cli_export_then_load_into_a_new_database(source, tmp_path):
    folder, copy = tmp_path / "store", tmp_path / "copy.duckdb"
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--db", str(source), "--format", "parquet",
                                  "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {folder}: ")
    result = runner.invoke(main, ["load", "--db", str(copy), str(folder)])
    assert result.exit_code == 0, result.output
    assert "store folder loaded" in result.output
    result = runner.invoke(main, ["load", "--db", str(copy), str(folder)])
    assert "store folder unchanged (already loaded)" in result.output
    result = runner.invoke(main, ["load", "--db", str(source), str(folder)])
    assert result.exit_code != 0 and "already holds data" in result.output
    assert "Traceback" not in result.output
