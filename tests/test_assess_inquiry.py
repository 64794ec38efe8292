"""Pertinent facts (11 CFR 110.20(a)(5)) make the memo name the reasonable inquiry."""

from __future__ import annotations

import copy

import pytest

from fecscreen.assess import assess, parse_matter
from fecscreen.assess.render import render, to_data

BASE = {
    "version": 1, "title": "Gift from an address in Canada",
    "parties": [{"id": "d", "name": "Dana", "kind": "individual", "citizenship": ["US"]},
                {"id": "c", "name": "The Committee", "kind": "committee",
                 "roles": ["respondent"]}],
    "activities": [{"id": "g", "kind": "money", "by": "d", "for": "c",
                    "description": "the $500 gift", "amount": 500}],
    "knowledge": [{"who": "c", "about": ["g"], "pertinent_facts": "yes"}],
}


def _assess(**knowledge):
    data = copy.deepcopy(BASE)
    data["knowledge"][0].update(knowledge)
    return assess(parse_matter(data))


@pytest.mark.parametrize("inquiry, status", [
    ("yes", "the matter says a reasonable inquiry was made"),
    ("no", "the matter says no reasonable inquiry was made"),
    ("unknown", "the matter does not show whether a reasonable inquiry was made"),
])
def test_inquiry_named_whatever_the_conclusion(inquiry, status):
    a = _assess(reasonable_inquiry=inquiry)
    assert a.conclusion("c", "110.20g").label == "no violation"  # a US citizen may give
    [q] = a.inquiries
    assert (q["who"], q["activity"]) == ("c", "g")
    assert "110.20(a)(5)" in q["text"] and "110.20(a)(7)" in q["text"]
    assert "copy of a current, valid US passport" in q["text"]
    assert status in q["text"]
    md = render(a, "md")
    assert "## Reasonable inquiry" in md and "valid US passport" in md
    assert "<h2>Reasonable inquiry</h2>" in render(a, "html")
    assert to_data(a)["inquiries"][0]["citation"] == "11 CFR 110.20(a)(5), (a)(7)"


@pytest.mark.parametrize("pertinent", ["no", "unknown"])
def test_no_inquiry_without_pertinent_facts(pertinent):
    a = _assess(pertinent_facts=pertinent)
    assert a.inquiries == []
    assert "Reasonable inquiry" not in render(a, "md")


def test_inquiry_never_calls_anyone_a_foreign_national():
    [q] = _assess().inquiries
    assert "Dana is" not in q["text"] and "Dana" not in q["text"]
    assert "whether the source is a foreign national" in q["text"]
