"""Donor resolution: nicknames, households, stable ids, incremental runs, overrides."""

from __future__ import annotations

import pytest

from fecscreen.donors import merge, resolve, show, split
from fecscreen.errors import InputError
from fecscreen.store import open_store

# (sub_id, name, city, state, zip, employer, occupation)
BASE = [
    (1, "SMITH, ROBERT A", "DENVER", "CO", "80206", "ACME CORP", "ENGINEER"),
    (2, "SMITH, BOB A", "DENVER", "CO", "802061234", "ACME CORPORATION", "ENGINEER"),
    (3, "SMITH, ROBERT", "DENVER", "CO", "80206", "ACME", "ENGINEER"),
    # his wife at the same address and employer: a different person
    (4, "SMITH, JANE B", "DENVER", "CO", "80206", "ACME CORP", "ENGINEER"),
    (5, "SMITH, JANE", "DENVER", "CO", "802061234", "ACME CORP", "ENGINEER"),
    # father and son with one name at one address, told apart by SR / JR
    (6, "GARCIA, LUIS M SR", "AUSTIN", "TX", "78704", "RETIRED", "RETIRED"),
    (7, "GARCIA, LUIS M SR.", "AUSTIN", "TX", "787041111", "RETIRED", "RETIRED"),
    (8, "GARCIA, LUIS M JR", "AUSTIN", "TX", "78704", "STATE OF TEXAS", "ANALYST"),
    (9, "GARCIA, LUIS M JR", "AUSTIN", "TX", "78704", "STATE OF TEXAS", "ANALYST"),
    # an initial-only record at the SMITH address must not chain ROBERT and JANE together
    (10, "SMITH, J", "DENVER", "CO", "80206", "ACME CORP", "ENGINEER"),
    # an organisation is not an individual
    (11, "ACME PAC", "DENVER", "CO", "80206", None, None),
]


def add_bulk(store, rows, entity="IND"):
    for sub_id, name, city, state, zip_code, employer, occupation in rows:
        store.con.execute(
            "INSERT INTO bulk_receipts (sub_id, cmte_id, transaction_tp, entity_tp, name, city, "
            "state, zip_code, employer, occupation, transaction_amt, cycle) "
            "VALUES (?, 'C00000001', '15', ?, ?, ?, ?, ?, ?, ?, 100, 2024)",
            [sub_id, "ORG" if name.endswith("PAC") else entity, name, city, state, zip_code,
             employer, occupation],
        )


def donor_of(store, sub_id: int) -> str | None:
    rows = store.con.execute(
        "SELECT donor_id FROM receipts WHERE receipt_key = ?", [f"B:{sub_id}"]
    ).fetchall()
    return rows[0][0] if rows else None


def links(store) -> dict[str, str]:
    return dict(store.con.execute("SELECT receipt_key, donor_id FROM donor_links").fetchall())


@pytest.fixture()
def store():
    s = open_store(":memory:")
    add_bulk(s, BASE)
    yield s
    s.close()


def test_every_individual_receipt_gets_an_id_and_organisations_none(store):
    summary = resolve(store)
    assert summary.receipts == 10
    assert donor_of(store, 11) is None
    assert all(donor_of(store, i) for i in range(1, 11))
    assert all(d.startswith("D") and len(d) == 13 for d in links(store).values())


def test_nickname_zip4_and_employer_spelling_are_one_donor(store):
    resolve(store)
    assert donor_of(store, 1) == donor_of(store, 2) == donor_of(store, 3)


def test_spouses_at_one_address_stay_separate(store):
    resolve(store)
    assert donor_of(store, 4) == donor_of(store, 5)
    assert donor_of(store, 4) != donor_of(store, 1)


def test_father_and_son_told_apart_by_suffix(store):
    resolve(store)
    assert donor_of(store, 6) == donor_of(store, 7)
    assert donor_of(store, 8) == donor_of(store, 9)
    assert donor_of(store, 6) != donor_of(store, 8)


def test_initial_only_record_does_not_chain_a_household(store):
    resolve(store)
    robert, jane = donor_of(store, 1), donor_of(store, 4)
    assert robert != jane
    # "J" can be JANE (same initial) but never ROBERT; it joins JANE and stops there
    assert donor_of(store, 10) == jane
    assert {donor_of(store, i) for i in (1, 2, 3, 4, 5, 10)} == {robert, jane}


def test_rerun_without_new_data_gives_the_same_ids(store):
    resolve(store)
    first = links(store)
    summary = resolve(store)
    assert links(store) == first
    assert summary.new_donors == 0


def test_new_data_extends_donors_without_renumbering(store):
    resolve(store)
    first = links(store)
    add_bulk(store, [
        (20, "SMITH, ROBERT A", "DENVER", "CO", "80206", "ACME", "ENGINEER"),
        (21, "NGUYEN, THANH", "SEATTLE", "WA", "98101", "BOEING", "MACHINIST"),
    ])
    summary = resolve(store)
    after = links(store)
    assert {k: after[k] for k in first} == first
    assert after["B:20"] == first["B:1"]
    assert after["B:21"] not in set(first.values())
    assert summary.new_donors == 1



def test_a_new_donor_whose_id_is_taken_gets_a_rehashed_one(store):
    import hashlib

    def digest(text: str) -> str:
        return "D" + hashlib.md5(text.encode()).hexdigest()[:12].upper()

    resolve(store)
    # Jane's donor already holds the id the next new donor would be given.
    taken = digest("B:21")
    store.con.execute("UPDATE donor_links SET donor_id = ? WHERE donor_id = ?",
                      [taken, donor_of(store, 4)])
    add_bulk(store, [(21, "NGUYEN, THANH", "SEATTLE", "WA", "98101", "BOEING", "MACHINIST")])
    summary = resolve(store)
    assert donor_of(store, 4) == taken
    assert donor_of(store, 21) == digest("B:21:1")
    assert summary.new_donors == 1
    ids = links(store)
    assert len({ids["B:4"], ids["B:21"], ids["B:1"]}) == 3

def test_merge_and_split_persist_across_reruns_with_who_and_why(store):
    resolve(store)
    robert, jane = donor_of(store, 1), donor_of(store, 4)
    merged = merge(store, [robert, jane], reason="test merge", by="analyst")
    assert donor_of(store, 1) == donor_of(store, 4) == merged
    resolve(store)
    assert donor_of(store, 1) == donor_of(store, 4) == merged

    new_id = split(store, merged, ["B:4", "B:5"], reason="the wife", by="analyst2")
    assert donor_of(store, 4) == donor_of(store, 5) == new_id != donor_of(store, 1)
    resolve(store)
    assert donor_of(store, 4) == donor_of(store, 5) != donor_of(store, 1)

    rows = store.con.execute(
        "SELECT action, reason, made_by, made_at IS NOT NULL FROM donor_overrides "
        "ORDER BY override_id"
    ).fetchall()
    assert rows == [("merge", "test merge", "analyst", True),
                    ("split", "the wife", "analyst2", True)]


def test_override_defaults_to_user_and_requires_a_reason(store, monkeypatch):
    resolve(store)
    monkeypatch.setenv("USER", "clerk")
    split(store, donor_of(store, 1), ["B:3"], reason="moved out")
    assert store.con.execute("SELECT made_by FROM donor_overrides").fetchall() == [("clerk",)]
    with pytest.raises(InputError, match="reason is required"):
        merge(store, [donor_of(store, 1), donor_of(store, 4)], reason=" ")
    with pytest.raises(InputError, match="not records of"):
        split(store, donor_of(store, 1), ["B:8"], reason="x")
    with pytest.raises(InputError, match="no donor with id"):
        show(store, "DNOPE")


def test_show_explains_the_join_with_weights(store):
    resolve(store)
    view = show(store, donor_of(store, 1))
    assert {r["receipt_key"] for r in view.records} == {"B:1", "B:2", "B:3"}
    joined = [p for p in view.pairs if p.linked]
    assert len(joined) == len({r["profile_id"] for r in view.records}) - 1
    labels = {(c, label) for p in joined for c, label, _w in p.parts}
    assert ("first_name", "nickname") in labels
    assert all(p.match_weight >= 6.0 for p in joined)
