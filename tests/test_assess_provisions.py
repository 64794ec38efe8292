"""Table-driven tests: one case per provision and per exception.

Each case is a small matter (parties below, plus the activities and knowledge of
the case) and the conclusions it must reach, in plain words.
"""

from __future__ import annotations

import pytest

from fecscreen.assess import assess, parse_matter

PARTIES = [
    {"id": "fp", "name": "Foreign Party", "kind": "foreign-party", "country": "GB"},
    {"id": "vol", "name": "Foreign Volunteer", "kind": "individual", "citizenship": ["GB"],
     "permanent_resident": "no"},
    {"id": "usvol", "name": "US Volunteer", "kind": "individual", "citizenship": ["US"]},
    {"id": "lpr", "name": "Green-card Holder", "kind": "individual", "citizenship": ["GB"],
     "permanent_resident": "yes"},
    {"id": "dual", "name": "Dual Citizen", "kind": "individual", "citizenship": ["US", "GB"]},
    {"id": "who", "name": "Someone", "kind": "individual"},
    {"id": "co", "name": "US Co", "kind": "company", "country": "US"},
    {"id": "fco", "name": "Foreign Co", "kind": "company", "country": "GB"},
    {"id": "cmte", "name": "Campaign", "kind": "committee", "roles": ["respondent"]},
]


def run(activities, knowledge=()):
    m = parse_matter({"version": 1, "title": "case", "parties": PARTIES,
                      "activities": list(activities), "knowledge": list(knowledge)})
    return assess(m)


def svc(**kw):
    return {"id": "a", "kind": "services", "by": "vol", "for": "cmte", **kw}


def travel(**kw):
    return {"id": "a", "kind": "travel", "by": "vol", "for": "cmte", **kw}


NO_EXC = {"on_leave": "no", "time_made_up": "no", "commission_or_piecework": "no"}
KNEW = [{"who": "cmte", "about": "a", "knew": "yes"}]

# (case name, activities, knowledge, {(party, provision): expected label prefix},
#  {activity: expected characterisation prefix})
CASES = [
    # 11 CFR 100.74: uncompensated volunteer services
    ("100.74 unpaid foreign volunteer", [svc(paid_by="none")], KNEW,
     {("vol", "30121a1"): "no violation", ("vol", "110.20b"): "no violation",
      ("cmte", "30121a2"): "no violation", ("cmte", "110.20g"): "no violation"},
     {"a": "not a contribution"}),
    # 11 CFR 100.54: someone pays for the time, and each exception
    ("100.54 foreign party pays the volunteer", [svc(paid_by="fp", **NO_EXC)], KNEW,
     {("fp", "30121a1"): "violation likely", ("fp", "110.20b"): "violation likely",
      ("vol", "30121a1"): "no violation", ("cmte", "110.20g"): "violation likely"},
     {"a": "contribution"}),
    ("100.54 exception: bona fide vacation or earned leave",
     [svc(paid_by="fp", on_leave="yes")], KNEW,
     {("fp", "30121a1"): "no violation", ("cmte", "110.20g"): "no violation"},
     {"a": "not a contribution"}),
    ("100.54 exception: time made up later", [svc(paid_by="fp", time_made_up="yes")], KNEW,
     {("fp", "30121a1"): "no violation"}, {"a": "not a contribution"}),
    ("100.54 exception: commission or piecework",
     [svc(paid_by="fp", commission_or_piecework="yes")], KNEW,
     {("fp", "30121a1"): "no violation"}, {"a": "not a contribution"}),
    ("100.54 exceptions unknown", [svc(paid_by="fp")], KNEW,
     {("fp", "30121a1"): "depends on whether the pay for the services is commission or piecework"},
     {"a": "depends on"}),
    ("100.54 US payer: a contribution, but not a foreign national's",
     [svc(paid_by="co", **NO_EXC)], KNEW,
     {("co", "30121a1"): "no violation", ("cmte", "110.20g"): "no violation"},
     {"a": "contribution"}),
    ("committee pays its own worker", [svc(paid_by="cmte")], KNEW,
     {("vol", "30121a1"): "no violation", ("cmte", "110.20g"): "no violation"},
     {"a": "not a contribution"}),
    # 11 CFR 100.52: goods, money, third-party payments
    ("100.52 goods given free by a foreign national", [
        {"id": "a", "kind": "goods", "by": "vol", "for": "cmte", "free": "yes"}], KNEW,
     {("vol", "30121a1"): "violation likely", ("cmte", "110.20g"): "violation likely"},
     {"a": "contribution"}),
    ("100.52 goods sold at the usual charge", [
        {"id": "a", "kind": "goods", "by": "vol", "for": "cmte", "free": "no"}], KNEW,
     {("vol", "30121a1"): "no violation"}, {"a": "not a contribution"}),
    ("100.52 money from a foreign company", [
        {"id": "a", "kind": "money", "by": "fco", "for": "cmte", "amount": 5000}], KNEW,
     {("fco", "30121a1"): "violation likely"}, {"a": "contribution"}),
    ("100.52 money from a US company", [
        {"id": "a", "kind": "money", "by": "co", "for": "cmte", "amount": 5000}], KNEW,
     {("co", "30121a1"): "no violation", ("cmte", "110.20g"): "no violation"},
     {"a": "contribution"}),
    ("100.52 foreign party pays the flights", [travel(paid_by="fp", amount=3000)], KNEW,
     {("fp", "30121a1"): "violation likely", ("vol", "30121a1"): "no violation"},
     {"a": "contribution"}),
    ("100.52 who paid unknown", [travel(amount=3000)], KNEW,
     {("fp", "30121a1"): "depends on who paid for the travel"},
     {"a": "depends on who paid for the travel"}),
    # 11 CFR 100.79: own travel and subsistence
    ("100.79 own travel within $1,000", [travel(paid_by="self", amount=800)], KNEW,
     {("vol", "30121a1"): "no violation"}, {"a": "not a contribution"}),
    ("100.79 foreign volunteer's own travel over $1,000 is open",
     [travel(paid_by="self", amount=1500)], KNEW,
     {("vol", "30121a1"): "open question", ("vol", "110.20b"): "open question"},
     {"a": "open question"}),
    ("100.79 US volunteer's own travel over $1,000", [
        {**travel(paid_by="self", amount=1500), "by": "usvol"}], KNEW,
     {("usvol", "30121a1"): "no violation"}, {"a": "contribution"}),
    ("100.79 own travel, cost unknown", [travel(paid_by="self")], KNEW,
     {("vol", "30121a1"): "depends on the cost of the travel per person"}, {"a": "depends on"}),
    ("100.79 own lodging, no cap", [
        {"id": "a", "kind": "lodging", "by": "vol", "for": "cmte", "paid_by": "self",
         "amount": 9000}], KNEW,
     {("vol", "30121a1"): "no violation"}, {"a": "not a contribution"}),
    ("100.79 own per diem", [
        {"id": "a", "kind": "per-diem", "by": "vol", "for": "cmte", "paid_by": "vol"}], KNEW,
     {("vol", "30121a1"): "no violation"}, {"a": "not a contribution"}),
    # 52 U.S.C. 30121(b): who is a foreign national
    ("30121(b) permanent resident is not a foreign national", [
        {"id": "a", "kind": "goods", "by": "lpr", "for": "cmte", "free": "yes"}], KNEW,
     {("lpr", "30121a1"): "no violation"}, {"a": "contribution"}),
    ("30121(b) dual US citizen is not a foreign national", [
        {"id": "a", "kind": "goods", "by": "dual", "for": "cmte", "free": "yes"}], KNEW,
     {("dual", "30121a1"): "no violation"}, {"a": "contribution"}),
    ("30121(b) citizenship unknown", [
        {"id": "a", "kind": "goods", "by": "who", "for": "cmte", "free": "yes"}], KNEW,
     {("who", "30121a1"): "depends on the citizenship of Someone"}, {"a": "contribution"}),
    # 30121(a)(2) and 11 CFR 110.20(g): knowing acceptance; 110.20(a)(4) knowledge
    ("110.20(g) knowledge unknown", [travel(paid_by="fp")], [],
     {("cmte", "110.20g"): "depends on whether Campaign knew",
      ("cmte", "30121a2"): "depends on whether Campaign knew"}, {"a": "contribution"}),
    ("110.20(a)(4) facts calling for inquiry, no inquiry", [travel(paid_by="fp")],
     [{"who": "cmte", "about": "a", "knew": "no", "pertinent_facts": "yes",
       "reasonable_inquiry": "no"}],
     {("cmte", "110.20g"): "violation likely"}, {}),
    ("110.20(a)(4) facts calling for inquiry, reasonable inquiry made",
     [travel(paid_by="fp")],
     [{"who": "cmte", "about": "a", "knew": "no", "pertinent_facts": "yes",
       "reasonable_inquiry": "yes"}],
     {("cmte", "110.20g"): "no violation"}, {}),
    ("110.20(a)(4) no knowledge, nothing to prompt inquiry", [travel(paid_by="fp")],
     [{"who": "cmte", "about": "a", "knew": "no", "pertinent_facts": "no"}],
     {("cmte", "110.20g"): "no violation", ("fp", "30121a1"): "violation likely"}, {}),
    ("110.20(g) knowing solicitation of a foreign national", [
        {"id": "a", "kind": "solicitation", "by": "cmte", "to": "vol", "for": "cmte"}], KNEW,
     {("cmte", "110.20g"): "violation likely", ("cmte", "30121a2"): "violation likely"}, {}),
    ("110.20(g) solicitation of a US citizen", [
        {"id": "a", "kind": "solicitation", "by": "cmte", "to": "usvol", "for": "cmte"}],
     KNEW, {("cmte", "110.20g"): "no violation"}, {}),
    # 11 CFR 110.20(h): substantial assistance
    ("110.20(h) knowing help arranging party-paid housing", [
        {"id": "a", "kind": "lodging", "by": "vol", "for": "cmte", "paid_by": "fp",
         "arranged_by": ["usvol"]}],
     [{"who": "usvol", "about": "a", "knew": "yes"}],
     {("usvol", "110.20h"): "violation likely"}, {"a": "contribution"}),
    ("110.20(h) unknowing help", [
        {"id": "a", "kind": "lodging", "by": "vol", "for": "cmte", "paid_by": "fp",
         "arranged_by": ["usvol"]}],
     [{"who": "usvol", "about": "a", "knew": "no", "pertinent_facts": "no"}],
     {("usvol", "110.20h"): "no violation"}, {}),
    ("110.20(h) arranging self-paid housing", [
        {"id": "a", "kind": "lodging", "by": "vol", "for": "cmte", "paid_by": "self",
         "arranged_by": ["fp"]}], [],
     {("fp", "110.20h"): "no violation"}, {"a": "not a contribution"}),
    # 11 CFR 110.20(i): decision-making
    ("110.20(i) foreign volunteer takes part in campaign decisions", [
        {"id": "a", "kind": "decision-making", "by": "vol", "for": "cmte",
         "election_related": "yes"}], [],
     {("vol", "110.20i"): "violation likely"}, {}),
    ("110.20(i) decisions not about elections", [
        {"id": "a", "kind": "decision-making", "by": "vol", "for": "co",
         "election_related": "no"}], [],
     {("vol", "110.20i"): "no violation"}, {}),
    ("110.20(i) US citizen decides", [
        {"id": "a", "kind": "decision-making", "by": "usvol", "for": "cmte",
         "election_related": "yes"}], [],
     {("usvol", "110.20i"): "no violation"}, {}),
    ("110.20(i) foreign decision makes a US company's gift a foreign national's", [
        {"id": "gift", "kind": "money", "by": "co", "for": "cmte", "amount": 1000},
        {"id": "a", "kind": "decision-making", "by": "vol", "for": "co", "about": "gift"}],
     [{"who": "cmte", "about": "gift", "knew": "yes"}],
     {("vol", "110.20i"): "violation likely", ("co", "30121a1"): "violation likely",
      ("cmte", "110.20g"): "violation likely"}, {"gift": "contribution"}),
    ("activity denied", [travel(paid_by="fp", occurred="no")], KNEW,
     {("fp", "30121a1"): "no violation"}, {"a": "not a contribution"}),
]


@pytest.mark.parametrize("name,activities,knowledge,expected,chars", CASES,
                         ids=[c[0] for c in CASES])
def test_provision_case(name, activities, knowledge, expected, chars):
    result = run(activities, knowledge)
    for (party, prov), label in expected.items():
        got = result.conclusion(party, prov).label
        assert got.startswith(label), f"{party} {prov}: {got!r}"
    for aid, label in chars.items():
        got = result.characterisations[aid].label
        assert got.startswith(label), f"{aid}: {got!r}"


def test_every_concluded_provision_has_a_case():
    from fecscreen.assess.conclusions import CONCLUDED
    covered = {prov for c in CASES for (_, prov) in c[3]}
    assert covered == set(CONCLUDED)


def test_every_step_cites_a_known_provision():
    from fecscreen.assess.provisions import PROVISIONS
    for c in CASES:
        result = run(c[1], c[2])
        for conc in result.conclusions.values():
            cited = [s.cite for s in conc.steps if s.cite]
            assert cited, conc.key
            assert all(p in PROVISIONS for p in cited)
            assert conc.steps[-1].cite in (conc.provision, None) or any(
                s.cite == conc.provision for s in conc.steps)


# -- precedents: document number, link, and whether the summary was checked ----

def test_precedents_carry_number_link_and_check():
    from fecscreen.assess.precedents import load_precedents
    by_id = {p.id: p for p in load_precedents()}
    for p in by_id.values():
        if p.case_number and p.case_number.startswith("AO "):
            assert p.url == ("https://www.fec.gov/data/legal/advisory-opinions/"
                             f"{p.case_number[3:]}/")
        if p.case_number and p.case_number.startswith("MUR "):
            assert p.url == ("https://www.fec.gov/data/legal/matter-under-review/"
                             f"{p.case_number[4:]}/")
        if not p.summary_checked:
            assert p.checked.endswith("[U]")
    ao = by_id["ao-2016-10"]
    assert ao.summary_checked and "solicit" in ao.facts and "solicit" in ao.outcome
    assert "may contribute" not in ao.outcome
    ao = by_id["ao-2007-22"]
    assert "Canadian third-party campaigns" in ao.facts and "not from the volunteers" in ao.facts
    assert "may not accept election materials donated by Canadian campaigns" in ao.outcome
    assert ao.summary_checked and ao.confidence == "S" and "January 2, 2008" in ao.source
    # checked ones name the FEC page they were checked against
    checked = {p.id for p in by_id.values() if p.summary_checked}
    assert checked == {"ao-2016-10", "ao-2007-22", "ao-2014-20"}
    for pid in checked:
        assert by_id[pid].source_url.startswith("https://www.fec.gov/updates/ao-")
        assert by_id[pid].source.startswith("FEC Record")
    # the others say what they rest on, and the memo that they were not checked
    for p in by_id.values():
        if not p.summary_checked:
            assert "report" in p.source or "Volunteer activity" in p.source, p.id
            assert p.checked == "summary not checked against the FEC's text [U]"
