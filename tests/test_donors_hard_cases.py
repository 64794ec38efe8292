"""The generator's hard cases: namesakes in one ZIP5, fathers and sons, labelled by kind."""

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
