"""depends_on lists only unknown facts that could still change the conclusion."""

from __future__ import annotations

from fecscreen.assess import assess, parse_matter
from fecscreen.assess.render import to_data

MATTER = {
    "version": 1, "title": "t",
    "parties": [{"id": "fp", "name": "FP", "kind": "foreign-party"},
                {"id": "v", "name": "V", "kind": "individual", "citizenship": ["GB"]},
                {"id": "c", "name": "C", "kind": "committee", "roles": ["respondent"]}],
    "activities": [{"id": "s", "kind": "services", "by": "v", "for": "c", "on_leave": "yes"},
                   {"id": "t", "kind": "travel", "by": "v", "for": "c", "amount": 2000,
                    "paid_by": "self"}],
    "knowledge": [{"who": "c", "about": ["s", "t"], "knew": "yes"}],
}


def _names(a, key):
    return sorted({f[-1] for f in a.conclusions[key].depends_on})


def test_settled_exceptions_and_knowledge_left_out():
    a = assess(parse_matter(MATTER))
    # on leave is known: the other 100.54 exceptions cannot change anything
    assert _names(a, ("fp", "30121a1")) == ["paid_by"]
    # knowledge is known: pertinent facts and inquiry cannot change anything
    assert _names(a, ("c", "110.20g")) == ["paid_by", "permanent_resident"]
    data = to_data(a)
    row = next(r for r in data["conclusions"]
               if r["party"] == "c" and r["provision"] == "110.20g")
    assert not any("pertinent_facts" in str(d) or "time_made_up" in str(d)
                   for d in row["depends_on"])


def test_unsettled_facts_still_listed():
    m = dict(MATTER, activities=[dict(MATTER["activities"][0], on_leave="unknown"),
                                 MATTER["activities"][1]],
             knowledge=[{"who": "c", "about": ["s", "t"], "knew": "unknown"}])
    a = assess(parse_matter(m))
    assert {"on_leave", "time_made_up", "commission_or_piecework"} <= set(
        _names(a, ("fp", "30121a1")))
    assert {"knew", "pertinent_facts", "reasonable_inquiry"} <= set(
        _names(a, ("c", "110.20g")))
