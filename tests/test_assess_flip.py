"""Flipping an unknown fact to a known value changes exactly the conclusions that
depend on it, and the memo says which."""

from __future__ import annotations

from pathlib import Path

import pytest

from fecscreen.assess import assess, load_matter, parse_matter

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def values(r):
    return {k: c.value for k, c in r.conclusions.items()}


def _value(result, key):
    """A conclusion that no longer arises (the party cannot be the source) is no
    violation."""
    from fecscreen.assess.logic import F
    c = result.conclusions.get(key)
    return F if c is None else c.value


@pytest.mark.parametrize("name", ["uk-labour-2024", "apic-right-to-rise"])
def test_each_decisive_outcome_changes_exactly_what_it_says(name, tmp_path):
    m = load_matter(EXAMPLES / f"{name}.yaml")
    base = assess(m)
    assert base.decisive
    for d in base.decisive:
        for o in d.outcomes:
            # through the file: set the fact, write the matter out, read it back
            path = m.with_fact(d.fact, o.value).dump(tmp_path / "m.yaml")
            after = assess(load_matter(path))
            changed = {k for k in base.conclusions
                       if _value(after, k) is not base.conclusions[k].value}
            assert changed == {k for k, _, _ in o.changes}, (d.path, o.value)


@pytest.mark.parametrize("name", ["uk-labour-2024", "apic-right-to-rise"])
def test_a_fact_changes_only_conclusions_that_list_it(name):
    m = load_matter(EXAMPLES / f"{name}.yaml")
    base = assess(m)
    for f in m.unknown_facts():
        for v in m.fact_domain(f):
            after = assess(m.with_fact(f, v))
            for k, c in base.conclusions.items():
                if _value(after, k) is not c.value:
                    assert f in c.depends_on, (k, f, v)


def test_uk_labour_party_paid_housing_changes_only_labours_conclusions():
    m = load_matter(EXAMPLES / "uk-labour-2024.yaml")
    before = values(assess(m))
    r = assess(m.with_fact(("activity", "housing", "paid_by"), "labour"))
    after = {k: _value(r, k) for k in before}
    changed = {k for k in before if before[k] is not after[k]}
    assert changed == {("labour", "30121a1"), ("labour", "110.20b"), ("labour", "110.20h")}
    assert after[("labour", "30121a1")].value == "true"


def test_settling_knowledge_settles_the_recipient_only():
    base = {"version": 1, "title": "t", "parties": [
        {"id": "fp", "name": "FP", "kind": "foreign-party"},
        {"id": "v", "name": "V", "kind": "individual", "citizenship": "GB",
         "permanent_resident": "no"},
        {"id": "c", "name": "C", "kind": "committee"}],
        "activities": [{"id": "t", "kind": "travel", "by": "v", "for": "c", "paid_by": "fp"}]}
    m = parse_matter(base)
    r0 = assess(m)
    assert r0.conclusion("c", "110.20g").label.startswith("depends on")
    assert r0.conclusion("fp", "30121a1").label == "violation likely"
    r1 = assess(m.with_fact(("knowledge", "c", "t", "knew"), _T()))
    assert r1.conclusion("c", "110.20g").label == "violation likely"
    assert r1.conclusion("fp", "30121a1").label == "violation likely"
    r2 = assess(m.with_fact(("knowledge", "c", "t", "knew"), _F()))
    # not knowing is not enough: facts calling for inquiry are still unknown
    assert r2.conclusion("c", "110.20g").label.startswith(
        "depends on whether C was aware of facts calling for inquiry")


def _T():
    from fecscreen.assess.logic import T
    return T


def _F():
    from fecscreen.assess.logic import F
    return F
