"""Screening a contribution gives the findings `check` gives once it is recorded.

Three rounds of generated contributions: foreign addresses, limit crossings by
donors already in the store, organisations, and co-workers giving near the limit
(two in one round, the third in the next, so the shared-employer rule fires).
Each round screens every contribution, records them, runs the check, and compares
the check's findings that involve each one with what its screen said.
"""

from __future__ import annotations

import random

import pytest
from serve_support import candidate_committee, fresh_copy

from fecscreen import open_store
from fecscreen.intake import Screener, parse_contribution
from fecscreen.intake.record import record
from fecscreen.intake.screen import PENDING, receipt_key
from fecscreen.rules import run_check


def _shape(finding, transaction_id):
    d = finding.to_dict()
    txs = sorted((t["filing_id"] or "", transaction_id if t["transaction_id"] == PENDING else (t["transaction_id"] or ""),
                  t["sub_id"] or 0) for t in d["transactions"])
    return (d["rule"], d["committee_id"], d["severity"], d["message"], d["amount"], d["date"],
            tuple(sorted((d["donor"] or {}).items())), tuple(txs))


def _alpha(*numbers: int) -> str:
    """Letters for numbers (donor keys keep letters only, so names must differ in letters)."""
    return "".join("ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n % 26] + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n // 26] for n in numbers)


def _contributions(store, committee, rnd: random.Random, round_no: int):
    donors = store.query(
        "SELECT name, city, state, zip, employer, occupation, sum(amount) FROM receipts_current "
        "WHERE committee_id = ? AND coalesce(entity_type, 'IND') = 'IND' AND name LIKE '%,%' "
        "GROUP BY ALL ORDER BY name, zip", [committee])
    by_key = {}
    for row in donors:  # one contribution per donor key in a round, so they do not interact
        last, _, first = row[0].partition(",")
        by_key.setdefault((last.strip(), (first.split() or [""])[0], (row[3] or "")[:5]), row)
    picked = rnd.sample(sorted(by_key.values()), k=min(40, len(by_key)))
    out = []
    for i, (name, city, state, zip_code, employer, occupation, total) in enumerate(picked):
        # existing donors: some cross the limit, some stay under it
        amount = rnd.choice([100, 500, 1500, 3300 - float(total) + rnd.choice([-50, 1, 250])])
        out.append({"contributor_name": name, "city": city, "state": state, "zip": zip_code,
                    "employer": employer, "occupation": occupation, "amount": round(max(amount, 5), 2)})
    for i in range(15):  # foreign addresses
        out.append({"contributor_name": f"ABROAD{_alpha(round_no, i)}, PAT", "city": rnd.choice(["LONDON", "TORONTO", "PARIS"]),
                    "state": rnd.choice(["ZZ", None]), "zip": rnd.choice(["SW1A1AA", "M5V2T6", "75001"]),
                    "employer": "NONE", "occupation": "RETIRED", "amount": rnd.choice([50, 250, 2900])})
    for i in range(10):  # organisations
        out.append({"contributor_name": f"WIDGETS {_alpha(round_no, i)} LLC", "entity_type": "ORG", "city": "DOVER",
                    "state": "DE", "zip": "19901", "amount": rnd.choice([500, 1000])})
    for i in range(6):  # co-workers near the limit; the group completes in the next round
        for j in range(2 if round_no == 0 else 1):
            out.append({"contributor_name": f"WORKER{_alpha(i, round_no, j)}, SAM", "city": "AUSTIN", "state": "TX",
                        "zip": "78701", "employer": f"ZEPHYR{_alpha(i)} HOLDINGS INC", "occupation": "ANALYST",
                        "amount": 3300, "date": "2024-02-1" + str(round_no)})
    for n, c in enumerate(out):
        c.setdefault("date", f"2024-0{rnd.randint(1, 5)}-1{rnd.randint(0, 9)}")
        c.update(committee_id=committee, transaction_id=f"EQ{round_no}-{n}")
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db, _ = fresh_copy(tmp_path_factory.getbasetemp(), tmp_path_factory.mktemp("eq") / "eq.duckdb")
    with open_store(db) as s:
        yield s


def test_screen_equals_check_after_recording(store):
    rnd = random.Random(12)
    committee = candidate_committee(store)
    screened_total, rules_seen = 0, set()
    for round_no in range(3):
        screener = Screener(store)
        batch = _contributions(store, committee, rnd, round_no)
        expected = {}
        for data in batch:
            c = parse_contribution({k: v for k, v in data.items() if k != "transaction_id"})
            result = screener.screen(c)
            expected[data["transaction_id"]] = sorted(_shape(f, data["transaction_id"]) for f in result.findings)
            assert result.decision == ("review" if any(f.severity != "info" for f in result.findings) else "clear")
        for data in batch:
            record(store, screener, parse_contribution(data, with_transaction_id=True), by="test")
        findings = run_check(store).findings
        for data in batch:
            key = receipt_key(committee, data["transaction_id"])
            got = sorted(_shape(f, data["transaction_id"]) for f in findings if key in f.receipt_keys)
            assert got == expected[data["transaction_id"]], data
            rules_seen |= {shape[0] for shape in got}
        screened_total += len(batch)
    assert screened_total >= 200
    # the rounds exercised every kind of finding they were built for
    assert {"FN001", "FN002", "EX001", "PS001", "SD001"} <= rules_seen, rules_seen


def test_the_aggregate_before_and_after(store):
    committee = candidate_committee(store)
    screener = Screener(store)
    base = {"committee_id": committee, "contributor_name": "AGGREGATE, TESTER", "city": "RALEIGH",
            "state": "NC", "zip": "27601", "employer": "STATE", "occupation": "CLERK", "date": "2024-01-05"}
    record(store, screener, parse_contribution({**base, "amount": 2000, "transaction_id": "AGG-1"},
                                               with_transaction_id=True), by="test")
    out = screener.screen(parse_contribution({**base, "amount": 1500, "date": "2024-01-09"}))
    assert out.donor["aggregate_before"] == 2000.0
    assert out.donor["aggregate_after"] == 3500.0
    assert out.donor["limit"] == 3300.0
    ex = [f for f in out.findings if f.rule == "EX001"]
    assert len(ex) == 1 and float(ex[0].amount) == 200.0
