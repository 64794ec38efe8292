"""Findings export: CSV and Parquet files hold exactly the stored findings of a run."""

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from fecscreen.cli import main
from fecscreen.errors import ConfigError
from fecscreen.report import write_report
from fecscreen.store import open_store

try:
    from tests.test_report_sample import FINDINGS, RUN, build
except ImportError:  # tests/ is not a package
    from test_report_sample import FINDINGS, RUN, build

COLUMNS = ["run_id", "finding_id", "rule", "rule_version", "name", "group", "severity",
           "committee_id", "message", "citations", "amount", "date", "donor", "transactions",
           "receipt_keys"]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    build(path)
    return path


def _stored(db, committee=None):
    with open_store(db) as store:
        rows = store.query(
            "SELECT * FROM findings WHERE run_id = ? AND (? IS NULL OR committee_id = ?) "
            "ORDER BY \"group\", rule, finding_id", [RUN, committee, committee])
    return [dict(zip(COLUMNS, r)) for r in rows]


def test_parquet_export_equals_the_findings_table(db, tmp_path):
    with open_store(db) as store:
        out = write_report(store, tmp_path / "f.parquet", fmt="parquet")
    table = pq.read_table(out)
    assert table.column_names == COLUMNS
    exported = table.to_pylist()
    stored = _stored(db)
    assert len(exported) == len(FINDINGS) == len(stored)
    for got, want in zip(exported, stored):
        for col in COLUMNS:
            if col in ("citations", "donor", "transactions"):
                assert json.loads(got[col]) == json.loads(want[col]), col
            else:
                assert got[col] == want[col], col


def test_csv_export_equals_the_findings_table(db, tmp_path):
    with open_store(db) as store:
        out = write_report(store, tmp_path / "f.csv", fmt="csv")
    with open(out, newline="", encoding="utf-8") as fh:
        exported = list(csv.DictReader(fh))
    stored = _stored(db)
    assert list(exported[0]) == COLUMNS
    assert len(exported) == len(stored) == 6
    for got, want in zip(exported, stored):
        assert got["finding_id"] == want["finding_id"]
        assert got["rule"] == want["rule"] and got["group"] == want["group"]
        assert got["message"] == want["message"]
        assert got["amount"] == f"{want['amount']:.2f}"
        assert got["date"] == want["date"].isoformat()
        assert json.loads(got["citations"]) == json.loads(want["citations"])
        assert json.loads(got["transactions"]) == json.loads(want["transactions"])
        assert json.loads(got["receipt_keys"]) == want["receipt_keys"]


def test_a_committee_export_holds_only_that_committees_findings(db, tmp_path):
    with open_store(db) as store:
        out = write_report(store, tmp_path / "c.parquet", fmt="parquet", committee="C00000002")
    rows = pq.read_table(out).to_pylist()
    assert [r["finding_id"] for r in rows] == [r["finding_id"] for r in _stored(db, "C00000002")]
    assert {r["committee_id"] for r in rows} == {"C00000002"}


def test_exporting_without_a_screening_run_is_a_clear_error(tmp_path):
    with open_store(tmp_path / "e.duckdb") as store:
        with pytest.raises(ConfigError, match="no screening run is stored"):
            write_report(store, tmp_path / "f.csv", fmt="csv")


def test_the_cli_infers_the_format_from_the_file_name_and_prints_the_path(db, tmp_path):
    out = tmp_path / "findings.parquet"
    result = CliRunner().invoke(main, ["report", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}\n"
    assert pq.read_table(out).num_rows == 6


def test_the_cli_turns_a_bad_committee_into_exit_status_2(db, tmp_path):
    result = CliRunner().invoke(main, ["report", "--db", str(db), "--committee", "C09",
                                       "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "--committee: no receipts or findings for committee 'C09'" in result.output
