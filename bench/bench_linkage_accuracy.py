"""Donor resolution accuracy on labelled generated donors, against the exact key.

Generates people with known identity (fecscreen.synth.linkage: nicknames, typos,
ZIP+4, employer spellings and changes, moves across town; spouses at one
address, parents and children told apart by suffix, namesakes in one ZIP),
loads their receipts, runs ``fecscreen.donors.resolve`` and scores, in the same
run and on the same rows:

* resolve            -- fecscreen's donor_id (Splink scores + household modelling)
* splink, plain CC   -- the same Splink scores, connected components at the same
                        threshold, without the household vetoes and constraints
* exact key (rules)  -- last name | first word of first name | suffix | ZIP5, the
                        key the screening rules fall back on
* exact filed name   -- the whole filed name | ZIP5

Reports pairwise precision / recall / F1 and B-cubed F1, and the effect on an
excessive-contribution screen: receipts of a (donor, committee, election) whose
total is over the 2023-24 individual-to-candidate limit (read from the rules'
dated parameters, limits.yaml: $3,300, 11 CFR 110.1(b)), flagged right and wrong
with each key, against the truth. (The rules' own excessive rule, EX001, also
needs each committee's type from the committee master; the generated committees
have none, so the same per-donor, per-committee, per-election sum is done here.)

    python bench/bench_linkage_accuracy.py                 # 10,000 people, seed 11
    python bench/bench_linkage_accuracy.py --people 20000 --seed 12
    python bench/bench_linkage_accuracy.py --rules     # also the rules on the demo data
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))



def candidate_limit(cycle: int = 2024) -> tuple[int, str]:
    """The individual-to-candidate per-election limit of ``cycle``, from the rules'
    dated parameters (fecscreen/law/data/limits.yaml), with its reference."""
    from importlib import resources

    import yaml

    text = (resources.files("fecscreen.law") / "data" / "limits.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    rows = data["values"] if isinstance(data, dict) else data
    for row in rows:
        if row.get("key") == "individual-candidate" and row.get("cycle") == cycle:
            return int(row["amount"]), row.get("reference", "")
    raise SystemExit(f"no individual-candidate limit for {cycle} in limits.yaml")


def label_propagation(con) -> None:
    """Connected components by iterated minimum label (fast for small components)."""
    con.execute("CREATE OR REPLACE TEMP TABLE cc AS "
                "SELECT profile_id, profile_id AS comp FROM donor_profiles")
    con.execute("CREATE OR REPLACE TEMP TABLE und AS SELECT profile_l AS a, profile_r AS b "
                "FROM donor_edges UNION ALL SELECT profile_r, profile_l FROM donor_edges")
    while True:
        con.execute(
            """CREATE OR REPLACE TEMP TABLE cc2 AS
               SELECT c.profile_id, least(c.comp, coalesce(min(n.comp), c.comp)) AS comp
               FROM cc c LEFT JOIN und u ON u.a = c.profile_id
               LEFT JOIN cc n ON n.profile_id = u.b GROUP BY c.profile_id, c.comp"""
        )
        changed = con.execute(
            "SELECT count(*) FROM cc JOIN cc2 USING (profile_id) WHERE cc.comp <> cc2.comp"
        ).fetchall()[0][0]
        con.execute("CREATE OR REPLACE TEMP TABLE cc AS SELECT * FROM cc2")
        if not changed:
            return


def excessive_effect(con, key_sql: str, limit: int) -> tuple[int, int, int]:
    """(flagged right, flagged wrong, missed) receipts for a donor key."""
    row = con.execute(
        f"""
        WITH r AS (
            SELECT r.receipt_key, r.committee_id, r.election_code, r.amount, t.person_id,
                   ({key_sql}) AS key
            FROM receipts r JOIN truth t USING (receipt_key)),
        flagged AS (
            SELECT receipt_key, sum(amount) OVER (PARTITION BY key, committee_id, election_code)
                   > {limit} AS by_key,
                   sum(amount) OVER (PARTITION BY person_id, committee_id, election_code)
                   > {limit} AS truly
            FROM r)
        SELECT count(*) FILTER (WHERE by_key AND truly),
               count(*) FILTER (WHERE by_key AND NOT truly),
               count(*) FILTER (WHERE truly AND NOT by_key)
        FROM flagged"""
    ).fetchall()[0]
    return tuple(int(x) for x in row)


def rules_effect(scales=(1.0, 5.0), seed: int = 7) -> None:
    """The screening rules themselves (excessive, straw-donor) on the demo generator's
    labelled data, without and with resolve: true / false / missed findings."""
    import shutil
    import tempfile

    from fecscreen.donors import resolve
    from fecscreen.ingest import load_paths
    from fecscreen.rules import run_check
    from fecscreen.store import open_store
    from fecscreen.synth import evaluate, generate

    print(f"\nrules on fecscreen.synth.generate (seed {seed}): true / false / missed findings")
    for scale in scales:
        tmp = Path(tempfile.mkdtemp(prefix="fecscreen-rules-"))
        try:
            gen = generate(tmp / "gen", seed=seed, scale=scale)
            for with_resolve in (False, True):
                store = open_store(tmp / f"{with_resolve}.duckdb")
                load_paths(store, [str(p) for p in gen.filings + gen.bulk], quiet=True)
                if with_resolve:
                    resolve(store)
                scores = evaluate(store, gen.labels, run_check(store).run_id)
                shown = ", ".join(f"{g} {s.tp}/{s.fp}/{s.fn}" for g, s in sorted(scores.items())
                                  if g in ("excessive", "straw-donor"))
                label = "resolve" if with_resolve else "exact key"
                print(f"  scale {scale:g}, {label:<9}: {shown}")
                store.close()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--people", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--write-model", metavar="PATH", default=None,
                    help="also write the trained model (how fecscreen/donors/default_model.json "
                         "is made: --people 10000 --seed 101)")
    ap.add_argument("--rules", action="store_true",
                    help="also run the screening rules on the demo generator's data, "
                         "without and with resolve")
    args = ap.parse_args()

    import pyarrow as pa

    from fecscreen.donors import resolve
    from fecscreen.donors.evaluate import accuracy
    from fecscreen.donors.keys import exact_key_sql
    from fecscreen.store import open_store
    from fecscreen.synth.linkage import generate_records, load_records

    limit, reference = candidate_limit(2024)
    records = generate_records(args.people, seed=args.seed)
    store = open_store(":memory:")
    load_records(store, records)
    con = store.con
    con.register("truth_arrow", pa.table({
        "receipt_key": [r.receipt_key for r in records],
        "person_id": [r.person_id for r in records],
        "household_id": [r.household_id for r in records]}))
    con.execute("CREATE TABLE truth AS SELECT * FROM truth_arrow")
    t = time.perf_counter()
    summary = resolve(store, retrain=bool(args.write_model))
    secs = time.perf_counter() - t
    if args.write_model:
        import json

        model = json.loads(con.execute("SELECT settings FROM donor_model").fetchall()[0][0])
        model.pop("linker_uid", None)
        Path(args.write_model).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"model trained on {summary.profiles:,} profiles written to {args.write_model}")
    label_propagation(con)
    print(f"{args.people:,} generated people (seed {args.seed}), {len(records):,} receipts; "
          f"resolve {secs:.1f} s -> {summary.profiles:,} profiles, {summary.donors:,} donors, "
          f"{summary.refused:,} pairs kept apart by household constraints")
    truth = "SELECT receipt_key, person_id FROM truth"
    keys = {
        "resolve (donor_id)": "SELECT receipt_key, donor_id FROM donor_links",
        "splink, plain CC": "SELECT receipt_key, comp FROM cc_links",
        "exact key (rules)": f"SELECT receipt_key, {exact_key_sql()} FROM receipts",
        "exact filed name": "SELECT receipt_key, upper(name) || '|' || left(zip, 5) FROM receipts",
    }
    print()
    print(f"{'key':<20} {'precision':>9} {'recall':>7} {'F1':>7} {'B3 F1':>7}   "
          f"{'pairs':>8} {'wrong':>6}   excessive: {'right':>6} {'wrong':>6} {'missed':>6}")
    con.execute("CREATE OR REPLACE TEMP TABLE cc_links AS SELECT l.receipt_key, cc.comp "
                "FROM donor_links l JOIN cc USING (profile_id)")
    effect_sql = {
        "resolve (donor_id)":
            "(SELECT donor_id FROM donor_links d WHERE d.receipt_key = r.receipt_key)",
        "splink, plain CC": "(SELECT comp FROM cc_links c WHERE c.receipt_key = r.receipt_key)",
        "exact key (rules)": exact_key_sql("r.name", "r.zip"),
        "exact filed name": "upper(r.name) || '|' || left(r.zip, 5)",
    }
    for label, pred_sql in keys.items():
        acc = accuracy(con, truth, pred_sql)
        right, wrong, missed = excessive_effect(con, effect_sql[label], limit)
        print(f"{label:<20} {acc.precision:>9.4f} {acc.recall:>7.4f} {acc.f1:>7.4f} "
              f"{acc.bcubed_f1:>7.4f}   {acc.predicted_pairs:>8,} "
              f"{acc.predicted_pairs - acc.correct_pairs:>6,}   "
              f"{'':>11}{right:>6,} {wrong:>6,} {missed:>6,}")
    hh = con.execute(
        """SELECT count(*) FROM (
             SELECT a.receipt_key FROM truth a JOIN truth b
               ON a.household_id = b.household_id AND a.person_id < b.person_id
             JOIN donor_links la ON la.receipt_key = a.receipt_key
             JOIN donor_links lb ON lb.receipt_key = b.receipt_key
             WHERE la.donor_id = lb.donor_id)"""
    ).fetchall()[0][0]
    print(f"\nrecord pairs of two household members given one donor_id: {hh:,}")
    print(f"excessive: receipts of a (donor key, committee, election) over ${limit:,} "
          f"({reference}); right/wrong/missed against the true person")
    store.close()
    if args.rules:
        rules_effect()


if __name__ == "__main__":
    main()
