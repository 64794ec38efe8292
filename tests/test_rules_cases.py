"""Every rule's YAML cases (fecscreen/rules/cases/<CODE>.yaml), run by one generic runner.

A case inserts rows into the tables, runs its rule and compares the findings;
another test checks that every registered rule has its metadata and at least
one passing and one failing case.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from importlib import resources

import pytest
import yaml

from fecscreen.rules import registry, run_check
from fecscreen.store import open_store

# Default values for rows of each table, merged under every row of a case.
TABLE_DEFAULTS = {
    "bulk_receipts": {
        "cmte_id": "C00000001", "amndt_ind": "N", "rpt_tp": "Q1", "transaction_pgi": "P2024",
        "transaction_tp": "15", "entity_tp": "IND", "name": "DOE, JANE", "city": "SPRINGFIELD",
        "state": "IL", "zip_code": "62701", "employer": "ACME", "occupation": "ENGINEER",
        "transaction_dt": "2024-03-01", "transaction_amt": 100, "file_num": 1000,
        "cycle": 2024, "counts_toward_totals": True,
    },
    "committee_transactions": {
        "cmte_id": "C00000001", "amndt_ind": "N", "rpt_tp": "Q1", "transaction_pgi": "P2024",
        "transaction_tp": "18K", "entity_tp": "PAC", "name": "ROADS PAC", "city": "SPRINGFIELD",
        "state": "IL", "zip_code": "62701", "transaction_dt": "2024-03-01", "transaction_amt": 100,
        "file_num": 1000, "cycle": 2024,
    },
    "committees": {"cmte_tp": "H", "cmte_dsgn": "P", "cycle": 2024},
    "filings": {"form_type": "F3N", "report_type": "Q1"},
    "filing_receipts": {"form_type": "SA11AI", "entity_type": "IND"},
    "filing_disbursements": {"form_type": "SB28A", "entity_type": "IND"},
}


def insert_rows(store, tables: dict) -> None:
    counter = 0
    for table, rows in tables.items():
        for row in rows or []:
            row = dict(row)
            repeat = int(row.pop("_repeat", 1))  # the same row N times (bulk: new sub_ids)
            for _ in range(repeat):
                full = copy.deepcopy(TABLE_DEFAULTS.get(table, {}))
                full.update(row)
                if table in ("bulk_receipts", "committee_transactions"):
                    counter += 1
                    full.setdefault("sub_id", counter)
                    if repeat > 1:
                        full["sub_id"] = counter
                    full.setdefault("tran_id", f"T{full['sub_id']}")
                full = {c: json.dumps(v) if isinstance(v, dict) else v for c, v in full.items()}
                cols = ", ".join(f'"{c}"' for c in full)
                marks = ", ".join("?" for _ in full)
                store.con.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})",
                                  list(full.values()))


CASE_TABLES = ("bulk_receipts", "committee_transactions", "committees", "candidates", "filings", "filing_receipts",
               "filing_disbursements", "filing_lines", "donor_links", "findings", "check_runs")
_STORE = None


def _store():
    """One in-memory store for all cases, emptied before each."""
    global _STORE
    if _STORE is None:
        _STORE = open_store(":memory:")
    for table in CASE_TABLES:
        _STORE.con.execute(f"DELETE FROM {table}")
    return _STORE


def run_case(code: str, case: dict, defaults: dict | None = None):
    """Return (findings of rule ``code``, the store) for one case."""
    store = _store()
    tables: dict = {}
    for table, rows in (defaults or {}).get("rows", {}).items():
        tables.setdefault(table, []).extend(rows)
    for table, rows in (case.get("rows") or {}).items():
        tables.setdefault(table, []).extend(rows)
    insert_rows(store, tables)
    result = run_check(store, select=[code])
    return [f for f in result.findings if f.rule == code], store


def check_case(code: str, case: dict, defaults: dict | None = None) -> None:
    findings, _ = run_case(code, case, defaults)
    got = [_describe(f) for f in findings]
    if case["expect"] == "pass":
        assert not findings, f"{code} / {case['name']}: expected no finding, got {got}"
        return
    expected = case.get("findings") or [{}]
    assert len(findings) == len(expected), (
        f"{code} / {case['name']}: expected {len(expected)} finding(s), got {got}"
    )
    remaining = list(findings)
    for exp in expected:
        match = next((f for f in remaining if _matches(f, exp)), None)
        assert match is not None, f"{code} / {case['name']}: no finding like {exp}; got {got}"
        remaining.remove(match)


def _describe(f) -> dict:
    return {"severity": f.severity, "committee_id": f.committee_id, "amount": f.amount,
            "date": f.date, "evidence": f.receipt_keys, "message": f.message}


def _matches(f, exp: dict) -> bool:
    if "severity" in exp and f.severity != exp["severity"]:
        return False
    if "committee_id" in exp and f.committee_id != exp["committee_id"]:
        return False
    if "amount" in exp and (f.amount is None or Decimal(str(exp["amount"])) != f.amount):
        return False
    if "date" in exp and str(f.date) != str(exp["date"]):
        return False
    if "evidence" in exp and sorted(f.receipt_keys) != sorted(str(e) for e in exp["evidence"]):
        return False
    contains = exp.get("message_contains") or []
    if isinstance(contains, str):
        contains = [contains]
    return all(c in f.message for c in contains)


def _cases():
    for rule in registry():
        path = resources.files("fecscreen.rules") / "cases" / f"{rule.code}.yaml"
        data = yaml.safe_load(path.read_text()) if path.is_file() else {}
        for case in rule.cases:
            yield pytest.param(rule.code, case, data.get("defaults"),
                               id=f"{rule.code}-{case['name'][:60]}")


@pytest.mark.parametrize("code,case,defaults", list(_cases()))
def test_rule_case(code, case, defaults):
    check_case(code, case, defaults)


@pytest.mark.parametrize("rule", registry(), ids=lambda r: r.code)
def test_rule_has_metadata_and_cases(rule):
    for attr in ("code", "name", "group", "severity", "version", "summary", "matches",
                 "rationale", "false_positives", "cannot_see", "sql"):
        assert str(getattr(rule, attr)).strip(), f"{rule.code} lacks {attr}"
    assert rule.citations, f"{rule.code} cites nothing"
    assert all(c.confidence in ("V", "S", "U") for c in rule.citations)
    expects = [c.get("expect") for c in rule.cases]
    assert "pass" in expects, f"{rule.code} has no passing case"
    assert "fail" in expects, f"{rule.code} has no failing case"
    assert all(e in ("pass", "fail") for e in expects)
    assert all(c.get("name") for c in rule.cases)
