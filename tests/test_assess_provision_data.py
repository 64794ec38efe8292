"""Provisions are dated data; conclusion functions are registered by provision id."""

from __future__ import annotations

import datetime as dt

import pytest

from fecscreen.assess.conclusions import CONCLUDED, CONCLUDERS, concludes
from fecscreen.assess.provisions import PROVISIONS, Provision, Text


def test_every_provision_has_dated_text_with_reference():
    assert len(PROVISIONS) == 17
    for p in PROVISIONS.values():
        assert p.texts, p.id
        for t in p.texts:
            assert t.says and t.reference, p.id
            assert t.confidence in ("V", "S", "U"), p.id
            assert t.since is None or isinstance(t.since, dt.date), p.id
            # read in the eCFR as of January 2025, or not held (the statute, the 30109 summary)
            assert t.read in ("2025-01", None), p.id
        assert p.kind in ("prohibition", "definition", "exception", "penalty", "procedure")
    assert PROVISIONS["110.20b"].citation.text == "11 CFR 110.20(b)"
    assert PROVISIONS["110.20b"].citation.url == (
        "https://www.ecfr.gov/current/title-11/section-110.20#p-110.20(b)")
    assert PROVISIONS["30109"].citation.confidence == "S"  # the latest text's tag
    assert PROVISIONS["30109"].confidence == "S"
    assert PROVISIONS["30121a2"].note.startswith("The statute states no knowledge element")


def test_text_in_force_on_a_day():
    old = Text("old text", None, None, "r1", "V")
    new = Text("new text", dt.date(2020, 1, 1), "2025-01", "r2", "V")
    p = Provision("x", "X", "definition", (old, new))
    assert p.on(dt.date(2019, 12, 31)) is old
    assert p.on(dt.date(2020, 1, 1)) is new
    assert p.on() is new and p.says == "new text"


def test_conclusions_registered_by_provision_id_in_memo_order():
    assert CONCLUDED == ("30121a1", "110.20b", "30121a2", "110.20g", "110.20h", "110.20i")
    assert {c.share.__name__ for c in CONCLUDERS} == {"making", "receiving", "assisting",
                                                     "deciding"}
    assert all(p in PROVISIONS for p in CONCLUDED)


def test_registering_an_unknown_provision_fails():
    with pytest.raises(KeyError, match="no provision"):
        concludes("30121z", parties=lambda ctx, act: [])(lambda *a: None)
    assert len(CONCLUDERS) == 4
