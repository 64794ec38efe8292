"""The labelled linkage data, the accuracy measures, and resolution on real bulk samples."""

from __future__ import annotations

import duckdb

from fecscreen.bulk import load_bulk
from fecscreen.donors import resolve
from fecscreen.donors.evaluate import accuracy
from fecscreen.store import open_store
from fecscreen.synth.linkage import generate_records, load_records


def test_generator_is_seeded_and_has_hard_negatives():
    a = generate_records(60, seed=3)
    b = generate_records(60, seed=3)
    assert a == b
    assert len({r.person_id for r in a}) == 60
    households = {}
    for r in a:
        households.setdefault(r.household_id, set()).add(r.person_id)
    assert any(len(p) == 2 for p in households.values())          # spouses / parent+child
    assert any(r.suffix in ("JR", "SR") for r in a)
    assert {r.source for r in a} == {"bulk", "filing"}


def test_accuracy_pairwise_and_bcubed():
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('a','1'),('b','1'),('c','1'),('d','2')) "
                "x(k, l)")
    con.execute("CREATE TABLE p AS SELECT * FROM (VALUES ('a','X'),('b','X'),('c','Y'),('d','Y')) "
                "x(k, l)")
    acc = accuracy(con, "SELECT k, l FROM t", "SELECT k, l FROM p")
    # true pairs ab ac bc; predicted ab cd; correct ab
    assert (acc.true_pairs, acc.predicted_pairs, acc.correct_pairs) == (3, 2, 1)
    assert (acc.precision, acc.recall) == (0.5, 0.33333)
    assert acc.bcubed_precision == 0.75          # (1 + 1 + 1/2 + 1/2) / 4
    assert acc.bcubed_recall == 0.66667          # (2/3 + 2/3 + 1/3 + 1) / 4


def test_resolution_on_generated_donors_beats_the_exact_key():
    store = open_store(":memory:")
    records = generate_records(400, seed=5)
    load_records(store, records)
    resolve(store)
    store.con.execute("CREATE TABLE truth (k VARCHAR, l VARCHAR)")
    store.con.executemany("INSERT INTO truth VALUES (?, ?)",
                          [(r.receipt_key, r.person_id) for r in records])
    ours = accuracy(store.con, "SELECT k, l FROM truth",
                    "SELECT receipt_key, donor_id FROM donor_links")
    from fecscreen.donors.keys import exact_key_sql

    exact = accuracy(store.con, "SELECT k, l FROM truth",
                     f"SELECT receipt_key, {exact_key_sql()} FROM receipts")
    assert ours.precision >= 0.99
    assert ours.recall >= 0.98
    assert ours.recall >= exact.recall + 0.12
    assert ours.precision >= exact.precision + 0.04
    store.close()


def test_real_bulk_samples_resolve(fixtures_dir):
    store = open_store(":memory:")
    for name in ("itcont_sample_a.txt", "itcont_sample_b.txt"):
        load_bulk(store, fixtures_dir / "bulk" / "indiv" / name, cycle=2018)
    summary = resolve(store)
    individuals = store.con.execute(
        "SELECT count(*) FROM receipts WHERE entity_type = 'IND'").fetchall()[0][0]
    assert summary.receipts == individuals == store.con.execute(
        "SELECT count(*) FROM receipts WHERE donor_id IS NOT NULL").fetchall()[0][0]
    assert summary.donors < summary.receipts
    # no donor mixes generational suffixes or two middle initials
    bad = store.con.execute(
        """SELECT count(*) FROM (SELECT l.donor_id FROM donor_links l
           JOIN donor_profiles p USING (profile_id) GROUP BY l.donor_id
           HAVING count(DISTINCT p.suffix) > 1 OR count(DISTINCT p.middle) > 1)"""
    ).fetchall()[0][0]
    assert bad == 0
    store.close()


def test_training_on_a_surname_sample_scores_all_data_and_reruns_agree(monkeypatch):
    import fecscreen.donors.model as model

    monkeypatch.setattr(model, "TRAIN_MAX_PROFILES", 1500)
    store = open_store(":memory:")
    load_records(store, generate_records(1500, seed=9))
    first = resolve(store, retrain=True)
    query = "SELECT receipt_key, donor_id FROM donor_links ORDER BY 1"
    before = store.con.execute(query).fetchall()
    second = resolve(store)
    after = store.con.execute(query).fetchall()
    assert first.trained and not second.trained
    assert first.profiles > 3000                       # so the sample path was taken
    assert (first.pairs_scored, first.donors) == (second.pairs_scored, second.donors)
    assert before == after
    store.close()


def test_prior_scales_as_one_over_n_up_to_a_cap():
    from fecscreen.donors.model import PRIOR_SCALE_MAX_PROFILES, scaled_prior

    assert scaled_prior(1e-4, 20_000, 20_000) == 1e-4
    assert scaled_prior(1e-4, 20_000, 10_000) == 2e-4
    assert scaled_prior(1e-4, 20_000, 10) == 0.2
    assert scaled_prior(1e-4, 20_000, 3) == 0.5
    cap = PRIOR_SCALE_MAX_PROFILES
    assert scaled_prior(1e-4, 20_000, 10 * cap) == scaled_prior(1e-4, 20_000, cap)
