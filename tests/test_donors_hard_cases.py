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


def _d(day: int):
    import datetime as dt

    return dt.date(2024, 1, 1) + dt.timedelta(days=day)


def test_a_father_who_leaves_off_sr_is_not_joined_to_his_son_on_name_and_address():
    # The son writes JR (a professor at State); the father's records carry no suffix
    # and another job. Name and address alone do not join them.
    attrs = {0: ("PAUL", None, "JR", "30857:1234", None, "E:STATE"),
             1: ("PAUL", None, None, "30857:1234", None, "E:STATE"),
             2: ("PAUL", None, None, "30857:1234", None, "E:ACME")}
    roots, refused = _rebuild(attrs, [(0, 0, 1), (1, 1, 2)])
    assert roots == {0: 0, 1: 0, 2: 2}
    assert refused == [(1, "suffix left off, other job")]


def test_a_suffix_left_off_with_the_same_job_stays_merged():
    attrs = {0: ("PAUL", None, "JR", "30857:1234", None, "E:STATE"),
             1: ("PAUL", None, None, None, None, "E:STATE"),
             2: ("PAUL", None, "JR", None, None, "E:CITY")}   # the son's next job, JR kept
    roots, refused = _rebuild(attrs, [(0, 0, 1), (1, 1, 2)])
    assert roots == {0: 0, 1: 0, 2: 0}
    assert refused == []


def test_the_plain_records_of_both_generations_cannot_chain_to_the_son():
    # Father (no suffix, Acme) and the son's record without JR (State) joined first on
    # name and address; the son's JR records then may not take the father with them.
    attrs = {0: ("PAUL", None, None, "30857:1234", None, "E:ACME"),
             1: ("PAUL", None, None, "30857:1234", None, "E:STATE"),
             2: ("PAUL", None, "JR", "30857:1234", None, "E:STATE")}
    roots, refused = _rebuild(attrs, [(0, 0, 1), (1, 1, 2)])
    assert roots == {0: 0, 1: 0, 2: 2}
    assert refused == [(1, "suffix left off, other job")]


def test_middle_name_against_initial_is_compatible_two_middle_names_are_not():
    attrs = {0: ("JOHN", "A", None, None, "ALAN"), 1: ("JOHN", "A", None, None, None),
             2: ("JOHN", "A", None, None, "ARTHUR"), 3: ("JOHN", "A", None, None, "ALLAN")}
    roots, refused = _rebuild(attrs, [(0, 0, 1), (1, 1, 2), (2, 3, 0)])
    assert roots == {0: 0, 1: 0, 2: 2, 3: 0}     # ALLAN: a one-letter slip of ALAN
    assert refused == [(1, "middle initial conflict")]


def test_two_jobs_at_one_time_are_two_people_a_job_change_is_one():
    def rec(emp, occ, lo, hi):
        return ("MEI", None, None, None, None, None, emp, occ, _d(lo), _d(hi))

    # Namesakes: a teacher and a developer, each giving all year.
    attrs = {0: rec("LAKESIDE", "TEACHER", 0, 200), 1: rec("LAKESIDE", "TEACHER", 300, 600),
             2: rec("PINNACLE", "DEVELOPER", 100, 500)}
    roots, refused = _rebuild(attrs, [(0, 0, 1), (1, 1, 2)])
    assert roots == {0: 0, 1: 0, 2: 2}
    assert refused == [(1, "two jobs at one time")]
    # A job change: the old job's receipts end before the new job's begin.
    attrs = {0: rec("LAKESIDE", "TEACHER", 0, 200), 1: rec("LAKESIDE", "TEACHER", 250, 300),
             2: rec("PINNACLE", "DEVELOPER", 400, 600)}
    roots, refused = _rebuild(attrs, [(0, 0, 1), (1, 1, 2)])
    assert roots == {0: 0, 1: 0, 2: 0}
    assert refused == []
    # One employer, two occupations at once (ENGINEER, MANAGER): one person.
    attrs = {0: rec("ACME", "ENGINEER", 0, 400), 1: rec("ACME", "MANAGER", 100, 500)}
    roots, refused = _rebuild(attrs, [(0, 0, 1)])
    assert roots == {0: 0, 1: 0}


def test_generator_writes_middle_names_in_full_and_namesakes_share_initials():
    from fecscreen.synth.linkage import middle_name

    records = generate_records(3000, seed=9)
    full = [r for r in records if len(r.middle) > 1]
    with_middle = [r for r in records if r.middle]
    assert 0.08 < len(full) / len(with_middle) < 0.25
    folks = {p.person_id: p for p in people(3000, seed=9)}
    assert all(r.middle == middle_name(folks[r.person_id]) for r in full)
    kind_of = kinds(list(folks.values()))
    shared = 0
    for p in folks.values():
        if kind_of[p.person_id][0] == "namesake":
            originals = [o for o in folks.values() if o.person_id != p.person_id
                         and (o.first, o.last, o.address.zip5) == (p.first, p.last, p.address.zip5)]
            shared += bool(p.middle) and any(o.middle == p.middle for o in originals)
    assert shared >= 10


def test_resolve_keeps_father_son_and_namesakes_apart_and_a_job_change_together():
    import datetime as dt

    from fecscreen.donors import resolve
    from fecscreen.store import open_store

    rows = [  # (sub_id, name, zip, employer, occupation, date)
        # the son writes JR but once; the father never writes SR and works elsewhere
        (1, "MITCHELL, PAUL JR", "308571234", "STATE UNIVERSITY", "PROFESSOR", "2023-02-01"),
        (2, "MITCHELL, PAUL JR", "30857", "STATE UNIVERSITY", "PROFESSOR", "2023-06-01"),
        (3, "MITCHELL, PAUL", "308571234", "STATE UNIVERSITY", "PROFESSOR", "2023-09-01"),
        (4, "MITCHELL, PAUL", "30857", "ACME CORP", "SALES MANAGER", "2023-03-01"),
        (5, "MITCHELL, PAUL", "308571234", "ACME CORP", "SALES MANAGER", "2023-10-01"),
        # namesakes of one ZIP5, each giving through the year at another job
        (6, "BAKER, FATIMA", "20347", "LAKESIDE SCHOOLS", "TEACHER", "2023-01-10"),
        (7, "BAKER, FATIMA", "20347", "LAKESIDE SCHOOLS", "TEACHER", "2023-12-10"),
        (8, "BAKER, FATIMA G", "20347", "PINNACLE SOFTWARE", "DEVELOPER", "2023-04-10"),
        (9, "BAKER, FATIMA G", "20347", "PINNACLE SOFTWARE", "DEVELOPER", "2023-08-10"),
        # one woman who changed jobs mid-year, at one address
        (10, "ROBINSON, DEBORAH E", "316031111", "LAKESIDE SCHOOLS", "TEACHER", "2023-01-05"),
        (11, "ROBINSON, DEBORAH E", "316031111", "LAKESIDE SCHOOLS", "TEACHER", "2023-03-05"),
        (12, "ROBINSON, DEBORAH E", "316031111", "PINNACLE SOFTWARE", "DEVELOPER", "2023-09-05"),
        (13, "ROBINSON, DEBORAH", "31603", "PINNACLE SOFTWARE", "DEVELOPER", "2023-12-05"),
    ]
    store = open_store(":memory:")
    for sub_id, name, zip_code, employer, occupation, day in rows:
        store.con.execute(
            "INSERT INTO bulk_receipts (sub_id, cmte_id, transaction_tp, entity_tp, name, city, "
            "state, zip_code, employer, occupation, transaction_dt, transaction_amt, cycle) "
            "VALUES (?, 'C00000001', '15', 'IND', ?, 'SPRINGFIELD', 'IL', ?, ?, ?, ?, 100, 2024)",
            [sub_id, name, zip_code, employer, occupation, dt.date.fromisoformat(day)])
    resolve(store)
    donor = dict(store.con.execute(
        "SELECT CAST(substr(receipt_key, 3) AS INTEGER), donor_id FROM donor_links").fetchall())
    groups = sorted(sorted(k for k, d in donor.items() if d == v) for v in set(donor.values()))
    store.close()
    assert groups == [[1, 2, 3], [4, 5], [6, 7], [8, 9], [10, 11, 12, 13]]
