"""`fecscreen check`, `fecscreen rules`, `fecscreen explain`: exit codes and exact output."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from fecscreen.cli import main
from fecscreen.findings import CSV_COLUMNS, FINDING_KEYS
from fecscreen.rules import registry
from fecscreen.store import open_store

ROW = ("INSERT INTO bulk_receipts (sub_id, cmte_id, transaction_tp, entity_tp, name, city, state, "
       "zip_code, employer, occupation, transaction_dt, transaction_amt, tran_id, file_num) "
       "VALUES (?, ?, '15', 'IND', ?, ?, ?, ?, 'ACME', 'ENGINEER', DATE '2024-03-01', ?, ?, 77)")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "screen.duckdb"
    with open_store(path) as store:
        store.con.execute(ROW, [1, "C00000001", "ROE, ANN", "TORONTO", "ZZ", "M5V2T6", 500, "T1"])
        store.con.execute(ROW, [2, "C00000002", "DOE, JO", "SPRINGFIELD", "IL", "62701", 50, "T2"])
    return str(path)


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_check_text_output_and_exit_1(db):
    result = run("check", "--db", db)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("C00000001 | FN001 review | contribution of $500.00 with a foreign "
                               "address (state code ZZ)")
    assert lines[1] == ("    cites: 52 U.S.C. 30121(a)(2); 11 CFR 110.20(a)(5); 11 CFR 110.20(g); "
                        "11 CFR 103.3(b); evidence rows: 1")
    assert lines[-1] == "Found 1 finding (1 review)."


def test_check_clean_exits_0(db):
    result = run("check", "--db", db, "--committee", "C00000002")
    assert result.exit_code == 0
    assert result.output == "Found 0 findings.\n"


def test_check_json_has_exactly_the_finding_keys(db):
    result = run("check", "--db", db, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert len(data) == 1
    assert tuple(data[0]) == FINDING_KEYS
    f = data[0]
    assert f["rule"] == "FN001" and f["group"] == "foreign-national"
    assert f["amount"] == 500.0 and f["date"] == "2024-03-01"
    assert f["transactions"] == [{"filing_id": "77", "transaction_id": "T1", "sub_id": 1}]
    assert f["donor"] == {"name": "ROE, ANN", "city": "TORONTO", "state": "ZZ", "zip": "M5V2T6",
                          "employer": "ACME", "occupation": "ENGINEER", "donor_id": None}
    assert f["citations"][0] == "52 U.S.C. 30121(a)(2)"


def test_check_csv_to_file(db, tmp_path):
    out = tmp_path / "f.csv"
    result = run("check", "--db", db, "--format", "csv", "--output", str(out))
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["rule"] == "FN001" and rows[0]["amount"] == "500.00"
    assert rows[0]["donor_city"] == "TORONTO"


def test_check_stores_run_rule_and_version(db):
    run("check", "--db", db, "--select", "foreign-national", "--ignore", "FN003")
    with open_store(db) as store:
        run_id, rules, n = store.query("SELECT run_id, rules, n_findings FROM check_runs")[0]
        assert json.loads(rules) == [{"rule": "FN001", "version": "1"},
                                     {"rule": "FN002", "version": "1"}]
        assert n == 1
        assert store.query("SELECT run_id, rule, rule_version FROM findings") == [
            (run_id, "FN001", "1")]


def test_check_bad_selector_exits_2_with_hint(db):
    result = CliRunner().invoke(main, ["check", "--db", db, "--select", "FN999"])
    assert result.exit_code == 2
    assert "--select: 'FN999' is not a rule code, name or group" in result.output
    assert "hint: groups: foreign-national, excessive" in result.output


def test_rules_lists_every_rule():
    result = run("rules")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(registry())
    assert lines[0].split()[:3] == ["FN001", "foreign-national.zz-state", "review"]


def test_rules_json():
    data = json.loads(run("rules", "--format", "json").output)
    assert [d["rule"] for d in data] == [r.code for r in registry()]


def test_explain_prints_the_rule_doc():
    result = run("explain", "EX001")
    assert result.exit_code == 0
    assert result.output.startswith("EX001 excessive.individual-to-candidate\n")
    assert "  - 11 CFR 110.1(b) [V: read in the primary text]" in result.output
    assert "What the data cannot show:" in result.output
    assert "flagged:     the contribution that crosses the 2024 per-election limit" in result.output


def test_explain_by_name_and_unknown():
    assert run("explain", "earmark.pair-does-not-reconcile").output.startswith("EM002 ")
    result = CliRunner().invoke(main, ["explain", "XX999"])
    assert result.exit_code == 2
    assert "no rule 'XX999'" in result.output
