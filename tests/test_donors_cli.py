"""``fecscreen resolve`` and ``fecscreen donor show|merge|split``."""

from __future__ import annotations

import json

from click.testing import CliRunner
from test_donors_resolve import BASE, add_bulk

from fecscreen.cli import main
from fecscreen.store import open_store


def _db(tmp_path):
    db = tmp_path / "t.duckdb"
    with open_store(db) as store:
        add_bulk(store, BASE)
    return str(db)


def _donor(db, key):
    with open_store(db) as store:
        return store.con.execute(
            "SELECT donor_id FROM donor_links WHERE receipt_key = ?", [key]).fetchall()[0][0]


def test_resolve_prints_a_summary_and_json(tmp_path):
    db = _db(tmp_path)
    r = CliRunner().invoke(main, ["resolve", "--db", db, "--quiet"])
    assert r.exit_code == 0 and r.output == ""
    r = CliRunner().invoke(main, ["resolve", "--db", db, "--json", "--quiet"])
    assert r.exit_code == 0
    summary = json.loads(r.output)
    assert summary["receipts"] == 10 and summary["donors"] == 4 and summary["new_donors"] == 0
    r = CliRunner().invoke(main, ["resolve", "--db", db])
    assert r.exit_code == 0
    assert "10 receipts -> 9 profiles -> 4 donors (0 new)" in r.output


def test_donor_show_lists_records_and_why(tmp_path):
    db = _db(tmp_path)
    CliRunner().invoke(main, ["resolve", "--db", db, "-q"])
    bob = _donor(db, "B:2")
    r = CliRunner().invoke(main, ["donor", "show", bob, "--db", db])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0] == f"Donor {bob}: 3 records, 3 distinct cleaned records (profiles)"
    assert sum(1 for line in lines if line.startswith("  B:")) == 3
    assert "SMITH, BOB A | DENVER, CO, 802061234 | ACME CORPORATION / ENGINEER" in r.output
    assert "first_name nickname" in r.output and "(joined)" in r.output
    data = json.loads(CliRunner().invoke(main, ["donor", "show", bob, "--db", db, "--json"]).output)
    assert sorted(x["receipt_key"] for x in data["records"]) == ["B:1", "B:2", "B:3"]


def test_donor_merge_and_split_commands(tmp_path):
    db = _db(tmp_path)
    CliRunner().invoke(main, ["resolve", "--db", db, "-q"])
    sr, jr = _donor(db, "B:6"), _donor(db, "B:8")
    r = CliRunner().invoke(main, ["donor", "merge", sr, jr, "--reason", "same man", "--by", "me",
                                  "--db", db])
    assert r.exit_code == 0, r.output
    merged = _donor(db, "B:6")
    assert _donor(db, "B:8") == merged
    assert r.output == f"merged {sr}, {jr} into {merged}\n"
    r = CliRunner().invoke(main, ["donor", "split", merged, "--records", "B:8", "--records", "B:9",
                                  "--reason", "the son", "--db", db])
    assert r.exit_code == 0, r.output
    assert _donor(db, "B:8") != _donor(db, "B:6")
    show = CliRunner().invoke(main, ["donor", "show", _donor(db, "B:8"), "--db", db]).output
    assert "split by" in show and "the son" in show


def test_errors_name_the_field_and_exit_2(tmp_path):
    db = _db(tmp_path)
    CliRunner().invoke(main, ["resolve", "--db", db, "-q"])
    r = CliRunner().invoke(main, ["donor", "show", "DNOPE", "--db", db])
    assert r.exit_code == 2
    assert "DONOR_ID: no donor with id 'DNOPE'" in r.output
    r = CliRunner().invoke(main, ["donor", "split", _donor(db, "B:1"), "--records", "B:8",
                                  "--reason", "x", "--db", db])
    assert r.exit_code == 2 and "--records: B:8 is not records of" in r.output
    r = CliRunner().invoke(main, ["donor", "merge", "D1", "--db", db])
    assert r.exit_code == 2 and "--reason" in r.output
