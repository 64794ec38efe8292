"""Donor resolution speed: 1 million (and 10 million) receipts, against the exact key.

Builds a store with N generated individual receipts (60% bulk rows, 40% filing
lines), then times, in the same run:

* peer: the exact name+ZIP5 key of the screening rules, assigned to every row
  with one GROUP BY (what a resolve-free analysis does);
* ``fecscreen.donors.resolve`` on the fresh store (trains the model);
* ``resolve`` again with no new data (stored model; ids must not change).

Rows come from the labelled generator (fecscreen.synth.linkage): a base of
generated people is made once and cached in bench/data/, then repeated with
shifted ZIP codes so every repeat is a different set of people.

    python bench/bench_resolve.py --rows 1000000
    python bench/bench_resolve.py --rows 10000000
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench" / "data"
BASE_PEOPLE = 100_000
BUCKETS = 96
# Employers that name no employer keep their spelling (renamed, they would become
# employers shared by a place group and tell its people apart or join them).
NO_EMPLOYER = "['SELF-EMPLOYED', 'SELF', 'SELF EMPLOYED', 'RETIRED', 'NOT EMPLOYED', 'NONE']"


def base_records(seed: int) -> Path:
    """Generated records of BASE_PEOPLE people, cached as parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from fecscreen.synth.linkage import as_rows, generate_records

    path = DATA / f"linkage_base_{BASE_PEOPLE}_{seed}_middle.parquet"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    rows = as_rows(generate_records(BASE_PEOPLE, seed=seed))
    pq.write_table(pa.Table.from_pylist(rows), path)
    print(f"generated {len(rows):,} base records in {time.perf_counter() - t:.1f} s -> {path}")
    return path


def build_store(db: Path, rows: int, base: Path):
    from fecscreen.store import open_store

    if db.exists():
        db.unlink()
    store = open_store(db)
    con = store.con
    n_base = con.execute(f"SELECT count(*) FROM read_parquet('{base}')").fetchall()[0][0]
    reps = -(-rows // n_base)
    # The generator's address pool is small (a few hundred ZIP codes), far denser than
    # real data. Spread households over places as real data is: each place group (a
    # household, with any namesake of its members, who stays in their ZIP5) gets a
    # bucket that shifts its ZIP5 and renames its city and employer (the generator has a
    # dozen employers; real data has hundreds of thousands; see NO_EMPLOYER); repeat k shifts again (so every
    # repeat is a different set of people). Whole place groups are kept. Keys are offset
    # per row.
    con.execute(
        f"""CREATE TEMP TABLE gen AS
        SELECT b.*, k,
               lpad(CAST((CAST(left(b.zip, 5) AS INTEGER) + k * 7919 + bucket * 1361) % 100000
                         AS VARCHAR), 5, '0') || substr(b.zip, 6) AS zip_k,
               b.city || ' ' || (k * {BUCKETS} + bucket) AS city_k,
               CASE WHEN list_contains({NO_EMPLOYER}, b.employer) THEN b.employer
                    ELSE b.employer || ' ' || (k * {BUCKETS} + bucket) END AS employer_k,
               row_number() OVER () AS rn
        FROM (SELECT *, hash(place_group) % {BUCKETS} AS bucket FROM read_parquet('{base}')) b,
             range({reps}) t(k)
        ORDER BY k, hash(place_group), person_id LIMIT {rows}"""
    )
    con.execute(
        """INSERT INTO bulk_receipts BY NAME
        SELECT 5000000000 + rn AS sub_id, committee_id AS cmte_id, election_code AS transaction_pgi,
               '15' AS transaction_tp, 'IND' AS entity_tp, name, city_k AS city, state,
               zip_k AS zip_code,
               employer_k AS employer, occupation, date AS transaction_dt,
               CAST(amount AS DECIMAL(14, 2)) AS transaction_amt, 2024 AS cycle
        FROM gen WHERE source = 'bulk'"""
    )
    con.execute(
        """INSERT INTO filing_receipts BY NAME
        SELECT 'B' || (k + 1) AS filing_id, CAST(rn AS INTEGER) AS line_number,
               'SA11AI' AS form_type, committee_id AS filer_committee_id_number,
               'IND' AS entity_type, last AS contributor_last_name,
               first AS contributor_first_name, nullif(middle, '') AS contributor_middle_name,
               nullif(prefix, '') AS contributor_prefix, nullif(suffix, '') AS contributor_suffix,
               street_1 AS contributor_street_1, city_k AS contributor_city,
               state AS contributor_state, zip_k AS contributor_zip_code, election_code,
               date AS contribution_date, CAST(amount AS DECIMAL(14, 2)) AS contribution_amount,
               employer_k AS contributor_employer, occupation AS contributor_occupation
        FROM gen WHERE source = 'filing'"""
    )
    # The truth, for a check of accuracy at scale (not timed): person and repeat.
    con.execute(
        """CREATE TABLE bench_truth AS
        SELECT CASE WHEN source = 'bulk' THEN 'B:' || (5000000000 + rn)
                    ELSE 'F:B' || (k + 1) || ':' || rn END AS receipt_key,
               person_id || ':' || k AS person, household_id || ':' || k AS household,
               place_group || ':' || k AS place, kind, typo, left(zip_k, 5) AS zip5,
               employer
        FROM gen"""
    )
    con.execute("DROP TABLE gen")
    con.execute("CHECKPOINT")
    return store


def exact_key_peer(store) -> float:
    """Seconds to give every receipt the exact name+ZIP5 key (one GROUP BY)."""
    from fecscreen.donors.keys import exact_key_sql

    t = time.perf_counter()
    store.con.execute(
        f"""CREATE OR REPLACE TEMP TABLE peer_keys AS
        WITH k AS (SELECT receipt_key, {exact_key_sql()} AS key FROM receipts
                   WHERE entity_type = 'IND')
        SELECT k.receipt_key, g.donor_no FROM k JOIN (
            SELECT key, row_number() OVER () AS donor_no FROM k GROUP BY key) g USING (key)"""
    )
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", default=None,
                    help="database file (default bench/data/resolve_N.duckdb)")
    ap.add_argument("--verbose", "-v", action="store_true", help="print stage timings")
    args = ap.parse_args()

    from fecscreen.donors import resolve

    base = base_records(args.seed)
    db = Path(args.db) if args.db else DATA / f"resolve_{args.rows}.duckdb"
    t = time.perf_counter()
    store = build_store(db, args.rows, base)
    n = store.con.execute("SELECT count(*) FROM receipts").fetchall()[0][0]
    zips = store.con.execute("SELECT count(DISTINCT left(zip, 5)) FROM receipts").fetchall()[0][0]
    print(f"built store with {n:,} receipts in {zips:,} ZIP5 areas in "
          f"{time.perf_counter() - t:.1f} s ({db})")

    peer = exact_key_peer(store)
    print(f"peer  exact name+ZIP5 key (GROUP BY): {peer:8.2f} s")

    t = time.perf_counter()
    s1 = resolve(store, quiet=not args.verbose)
    first = time.perf_counter() - t
    print(f"resolve (fresh, trains the model):    {first:8.2f} s  "
          f"ratio to peer {first / peer:5.1f}x   {s1.receipts:,} receipts -> "
          f"{s1.profiles:,} profiles -> {s1.donors:,} donors")
    before = store.con.execute("SELECT hash(string_agg(receipt_key || donor_id, ',' "
                               "ORDER BY receipt_key)) FROM donor_links").fetchall()[0][0]
    t = time.perf_counter()
    s2 = resolve(store, quiet=not args.verbose)
    second = time.perf_counter() - t
    after = store.con.execute("SELECT hash(string_agg(receipt_key || donor_id, ',' "
                              "ORDER BY receipt_key)) FROM donor_links").fetchall()[0][0]
    print(f"resolve (re-run, stored model):       {second:8.2f} s  "
          f"ratio to peer {second / peer:5.1f}x   ids unchanged: {before == after}; "
          f"new donors {s2.new_donors}")
    from fecscreen.donors.evaluate import accuracy

    acc = accuracy(store.con, "SELECT receipt_key, person FROM bench_truth",
                   "SELECT receipt_key, donor_id FROM donor_links")
    people = store.con.execute("SELECT count(DISTINCT person) FROM bench_truth").fetchall()[0][0]
    print(f"accuracy against the generated truth ({people:,} people): pairwise precision "
          f"{acc.precision:.4f}, recall {acc.recall:.4f}, B-cubed F1 {acc.bcubed_f1:.4f}")
    rss_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"peak RSS {rss_gb:.1f} GB; cores {os.cpu_count()}")
    store.close()


if __name__ == "__main__":
    main()
