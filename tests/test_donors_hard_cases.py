"""Hard cases: the generator's namesakes and fathers and sons, and the constraints that
keep them apart while a mover stays one donor."""

from collections import Counter

from fecscreen.synth.linkage import NAMESAKE_SHARE, generate_records, kinds, people


def test_namesakes_share_name_and_zip5_but_not_zip4():
    folks = people(3000, seed=4)
    kind_of = kinds(folks)
    namesakes = [p for p in folks if kind_of[p.person_id][0] == "namesake"]
    assert abs(len(namesakes) / len(folks) - NAMESAKE_SHARE) < 0.01
    same_plus4 = 0
    for p in namesakes:
        originals = [o for o in folks if o.household_id == kind_of[p.person_id][1]
                     and (o.first, o.last, o.address.zip5) == (p.first, p.last, p.address.zip5)]
        assert originals and originals[0].person_id != p.person_id
        same_plus4 += originals[0].address.zip4 == p.address.zip4
    # A namesake lives elsewhere in the ZIP5: almost never at the same ZIP+4.
    assert same_plus4 <= 1


def test_fathers_leave_off_sr_more_often_than_sons_leave_off_jr():
    records = generate_records(4000, seed=6)
    seen = Counter((r.kind, bool(r.suffix)) for r in records if r.kind in ("senior", "junior"))
    sr_dropped = seen["senior", False] / (seen["senior", False] + seen["senior", True])
    jr_dropped = seen["junior", False] / (seen["junior", False] + seen["junior", True])
    assert 0.4 < sr_dropped < 0.6
    assert 0.05 < jr_dropped < 0.15
    assert {r.kind for r in records} == {"single", "spouse", "senior", "junior", "namesake"}


def test_typo_flag_marks_exactly_the_misspelt_records():
    records = generate_records(3000, seed=8, typo_rate=0.05)
    flagged = [r for r in records if r.typo]
    assert 0.05 < len(flagged) / len(records) < 0.12
    # Unflagged records of one person all carry one surname; flagged ones may not.
    surnames: dict[str, set[str]] = {}
    for r in records:
        if not r.typo:
            surnames.setdefault(r.person_id, set()).add(r.last)
    assert all(len(s) == 1 for s in surnames.values())
    assert any(r.last not in surnames.get(r.person_id, {r.last}) for r in flagged)


def _rebuild(attrs, edges):
    from fecscreen.donors.cluster import FirstNameRules, constrained_rebuild

    rules = FirstNameRules([("ROBERT", "BOB"), ("BOB", "ROBERT")], {"ROBERT", "BOB", "JOHN"})
    out = constrained_rebuild(attrs, edges, rules)
    roots = dict(zip(out.root[::2], out.root[1::2]))
    return roots, out.refused


def test_namesakes_at_two_zip4s_of_one_zip5_are_kept_apart():
    # Two JOHN SMITHs of 20001 at other ZIP+4s, and a record of 20001 without ZIP+4
    # that scores well with both: it joins the stronger, the other stays apart.
    attrs = {0: ("JOHN", None, None, "20001:1234"), 1: ("JOHN", None, None, None),
             2: ("JOHN", None, None, "20001:9876")}
    roots, refused = _rebuild(attrs, [(0, 0, 1), (1, 1, 2)])
    assert roots == {0: 0, 1: 0, 2: 2}
    assert refused == [(1, "ZIP+4 conflict")]


def test_a_mover_to_another_zip5_stays_merged():
    attrs = {0: ("ROBERT", "J", None, "20001:1234"), 1: ("BOB", None, None, "20009:4321"),
             2: ("ROBERT", "J", None, None)}
    roots, refused = _rebuild(attrs, [(0, 0, 2), (1, 1, 2)])
    assert roots == {0: 0, 1: 0, 2: 0}
    assert refused == []


def test_jr_and_sr_are_kept_apart_even_at_one_zip4():
    attrs = {0: ("JOHN", "A", "JR", "20001:1234"), 1: ("JOHN", "A", None, "20001:1234"),
             2: ("JOHN", "A", "SR", "20001:1234")}
    roots, refused = _rebuild(attrs, [(0, 0, 1), (1, 1, 2)])
    assert roots == {0: 0, 1: 0, 2: 2}
    assert refused == [(1, "suffix conflict")]
