"""The DuckDB store: schema, defaults, errors."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from fecscreen.cli import main
from fecscreen.errors import StoreError
from fecscreen.store import default_path, open_store
from fecscreen.store.schema_doc import render

ROOT = Path(__file__).resolve().parents[1]


def test_schema_is_created_and_reapplying_it_changes_nothing(tmp_path):
    db = tmp_path / "x.duckdb"
    with open_store(db) as store:
        before = store.query("SELECT table_name, column_name FROM information_schema.columns ORDER BY ALL")
        store.con.execute(
            "INSERT INTO filings (filing_id, committee_id) VALUES ('1', 'C00000001')"
        )
    with open_store(db) as store:
        after = store.query("SELECT table_name, column_name FROM information_schema.columns ORDER BY ALL")
        assert store.scalar("SELECT count(*) FROM filings") == 1
    assert before == after
    names = {t for t, _ in before}
    assert {"filings", "receipts", "receipts_current", "disbursements", "load_issues"} <= names


def test_receipts_view_has_the_contract_columns():
    with open_store(":memory:") as store:
        cols = [r[0] for r in store.query("DESCRIBE receipts")]
    for required in ("source", "filing_id", "line_number", "form_type", "transaction_id",
                     "amount", "date", "memo_code", "entity_type", "sub_id", "committee_id",
                     "donor_id", "counts_toward_totals"):
        assert required in cols


def test_default_path_follows_the_environment(monkeypatch):
    monkeypatch.delenv("FECSCREEN_DB", raising=False)
    assert default_path() == "fecscreen.duckdb"
    monkeypatch.setenv("FECSCREEN_DB", "/tmp/other.duckdb")
    assert default_path() == "/tmp/other.duckdb"


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError) as err:
        open_store(bogus)
    assert str(bogus) in str(err.value)
    assert "--db" in str(err.value)


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nope" / "x.duckdb")


def test_cli_reports_store_errors_without_a_traceback(tmp_path):
    result = CliRunner().invoke(main, ["load", "--db", str(tmp_path / "nope" / "x.duckdb"),
                                       str(tmp_path)])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert "Traceback" not in result.output


def test_docs_schema_matches_the_code():
    documented = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert documented == render(), (
        "docs/schema.md is out of date: python -m fecscreen.store.schema_doc > docs/schema.md"
    )
