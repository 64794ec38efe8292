"""Screening the FEC's own bulk samples (two 5,000-row itcont extracts).

Every finding below was reviewed by hand; the rule docs explain the ones that
need explaining (FALMOUTH ZZ in FN001, MONTREAL in EM001, the unpaired
MCDONALD records in EM002).
"""

from __future__ import annotations

import pytest

from fecscreen.bulk import load_bulk
from fecscreen.rules import run_check
from fecscreen.store import open_store

US_NOT_FOREIGN = ("AA", "AE", "AP", "AS", "GU", "MP", "PR", "VI", "DC")


@pytest.fixture(scope="module")
def screened(fixtures_dir):
    store = open_store(":memory:")
    for path in sorted((fixtures_dir / "bulk" / "indiv").glob("itcont_sample_*.txt")):
        load_bulk(store, str(path), cycle=2018)
    result = run_check(store)
    yield store, result
    store.close()


def _flagged_sub_ids(result, prefix):
    return {t["sub_id"] for f in result.findings if f.rule.startswith(prefix)
            for t in f.transactions}


def test_every_zz_contribution_is_flagged(screened):
    store, result = screened
    zz = dict(store.query("SELECT sub_id, transaction_tp FROM bulk_receipts WHERE state = 'ZZ'"))
    assert len(zz) == 7
    flagged = _flagged_sub_ids(result, "FN001")
    # the one ZZ row left alone is a refund (22Y) the committee paid out, not a receipt
    assert {s for s, tp in zz.items() if tp != "22Y"} == flagged
    assert [tp for s, tp in zz.items() if s not in flagged] == ["22Y"]


def test_no_military_or_territory_address_is_flagged(screened):
    store, result = screened
    us_rows = {s for (s,) in store.query(
        f"SELECT sub_id FROM bulk_receipts WHERE state IN {US_NOT_FOREIGN}")}
    assert len(us_rows) > 100  # DC and a Guam row are in the samples
    assert not us_rows & _flagged_sub_ids(result, "FN")


def test_foreign_national_findings_reviewed_by_hand(screened):
    _, result = screened
    fn = sorted((f.rule, f.donor["city"], f.donor["zip"] or "") for f in result.findings
                if f.group == "foreign-national")
    assert fn == [
        ("FN001", "CAMPINAS 13083 BRAZIL", "00000"),
        ("FN001", "FALMOUTH", ""),
        ("FN001", "GOTEBORG", "41661"),
        ("FN001", "LONDON GREAT BRITAIN", "00000"),
        ("FN001", "NORLANE", "03214"),
        ("FN001", "TORONTO", ""),
        ("FN002", "HAMPSTEAD", "H3X9C6"),
        ("FN002", "ROBERTS CREEK", "V0N2W0"),
        ("FN003", "MONTREAL", ""),
    ]
    assert all(f.severity == "review" for f in result.findings if f.group == "foreign-national")
    assert all("requires a reasonable inquiry" in f.message for f in result.findings
               if f.group == "foreign-national")


def test_other_groups_on_the_samples(screened):
    _, result = screened
    counts = result.counts()
    assert counts.get("EX001", 0) == 0 and counts.get("PS001", 0) == 0
    assert counts["EM001"] == 3 and counts["EM002"] == 1
    # itemised rows over $200 with neither employer nor occupation nor a best-efforts note
    assert counts["RP001"] == 43
    assert all(f.amount > 200 for f in result.findings if f.rule == "RP001")
