"""The worked examples in examples/ reach the conclusions the record supports."""

from __future__ import annotations

from pathlib import Path

import pytest

from fecscreen.assess import assess, load_matter

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def result(name):
    return assess(load_matter(EXAMPLES / f"{name}.yaml"))


def labels(r):
    return {k: c.label for k, c in r.conclusions.items()}


def test_alp_sanders_prohibited_in_kind_contribution_campaign_knew():
    r = result("alp-sanders-2016")
    assert labels(r) == {
        ("alp", "30121a1"): "violation likely", ("alp", "110.20b"): "violation likely",
        ("bernie2016", "30121a2"): "violation likely",
        ("bernie2016", "110.20g"): "violation likely",
        ("delegates", "30121a1"): "no violation", ("delegates", "110.20b"): "no violation",
    }
    assert {a: c.label for a, c in r.characterisations.items()} == {
        "stipends": "contribution", "flights": "contribution"}
    assert r.decisive == []
    # the campaign's knowledge of the stipends is what makes its acceptance knowing
    steps = " ".join(s.text for s in r.conclusion("bernie2016", "110.20g").steps)
    assert "Bernie 2016 knew that a foreign national was behind the delegates' campaign work" \
        in steps
    est = {e.party: e for e in r.penalties}
    assert est["alp"].amount_involved == 24422
    assert est["alp"].ordinary_max == 24885  # per-violation amount exceeds the amount
    assert est["alp"].knowing_willful_max == 53088  # 200% of $24,422 is less
    assert r.precedents[0].precedent.id == "alp-sanders-2016"


def test_elton_john_uncompensated_performance_is_no_contribution():
    r = result("elton-john-2008")
    assert set(labels(r).values()) == {"no violation"}
    assert r.characterisations["concert"].label == "not a contribution"
    assert any(s.cite == "100.74" for s in r.characterisations["concert"].steps)
    assert "elton-john-2008" in [m.precedent.id for m in r.precedents]
    assert r.penalties == []


def test_apic_foreign_owners_in_the_decision_to_give_is_a_violation():
    r = result("apic-right-to-rise")
    lab = labels(r)
    assert lab[("owners", "110.20i")] == "violation likely"
    assert lab[("apic", "30121a1")] == "violation likely"
    assert lab[("apic", "110.20b")] == "violation likely"
    # what the super PAC knew is not in the digest's account: a conditional finding
    assert lab[("r2r", "110.20g")].startswith("depends on whether Right to Rise USA knew")
    assert r.precedents[0].precedent.id == "apic-right-to-rise"


def test_uk_labour_findings_are_conditional_on_who_paid():
    r = result("uk-labour-2024")
    lab = labels(r)
    assert all(v.startswith("depends on") for v in lab.values())
    assert "who paid for the staff's housing" in lab[("labour", "30121a1")]
    assert "who paid for the staff's travel to swing states" in lab[("labour", "30121a1")]
    housing = next(d for d in r.decisive if d.path == "activities[2].paid_by")
    by_labour = next(o for o in housing.outcomes if o.value == "labour")
    assert by_labour.sentence.startswith(
        "If the Labour Party (UK) paid for the staff's housing: the staff's housing is an "
        "in-kind contribution by a foreign national")
    # its own payment is assessed as its contribution, not as assistance (110.20(h))
    assert {(k, after.value) for k, _, after in by_labour.changes} == {
        (("labour", "30121a1"), "true"), (("labour", "110.20b"), "true"),
        (("labour", "110.20h"), "false")}
    assert r.precedents[0].precedent.id == "uk-labour-2024"


@pytest.mark.parametrize("name", ["alp-sanders-2016", "elton-john-2008",
                                  "apic-right-to-rise", "uk-labour-2024"])
def test_example_memo_renders_in_every_format(name):
    import json

    from fecscreen.assess import render
    r = result(name)
    md = render(r, "md")
    assert md.startswith("# Assessment memo: ")
    assert "not legal advice" in md
    data = json.loads(render(r, "json"))
    assert [c["label"] for c in data["conclusions"]] == [c.label for c in r.conclusions.values()]
    assert "<table>" in render(r, "html")
