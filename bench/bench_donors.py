"""Donor resolution on hard cases, per kind of error, at a given scale.

Builds a store of N generated receipts from the labelled generator
(fecscreen.synth.linkage: spouses, fathers and sons who write JR / SR or
nothing, namesakes in one ZIP5 with their own ZIP+4, middle initial and job,
people who move within their city or change jobs, typos), runs
``fecscreen.donors.resolve`` and, in the same run on the same rows, the exact
name+ZIP5 key of the screening rules as the peer. Prints, for each:

* seconds (resolve as a ratio to the peer);
* pairwise precision and recall;
* wrongly joined pairs and clusters mixing people, per kind: namesake,
  junior/senior, spouse, other;
* missed pairs per kind: typo, moved (another ZIP5), employer changed, other.

The store is bench_resolve's: a base of generated people made once and cached
in bench/data/, repeated above its size with shifted ZIP codes, cities and
employers per place group (a namesake stays in its original's ZIP5), so every
repeat is a different set of people.

    python bench/bench_donors.py --rows 100000
    python bench/bench_donors.py --rows 1000000
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

from bench_resolve import base_records, build_store, exact_key_peer  # noqa: E402  (the same store)

# A wrongly joined pair of two people, by how the two are related.
JOINED_KIND = """CASE WHEN a.household = b.household AND a.kind IN ('senior', 'junior')
                           AND b.kind IN ('senior', 'junior') THEN 'junior/senior'
                      WHEN a.household = b.household THEN 'spouse'
                      WHEN a.place = b.place THEN 'namesake' ELSE 'other' END"""
# A missed pair of one person's records, by how the two records differ.
MISSED_KIND = """CASE WHEN a.typo OR b.typo THEN 'typo'
                      WHEN a.zip5 IS DISTINCT FROM b.zip5 THEN 'moved'
                      WHEN a.employer IS DISTINCT FROM b.employer THEN 'employer changed'
                      ELSE 'other' END"""


def errors(con, pred: str) -> tuple[list, list]:
    """(kind, pairs, clusters) wrongly joined and (kind, pairs) missed, for ``pred``."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE bench_cells AS
        SELECT p.donor_id, t.person, t.household, t.place, t.kind, t.typo, t.zip5, t.employer,
               count(*) AS n, row_number() OVER () AS cell
        FROM bench_truth t JOIN ({pred}) p USING (receipt_key) GROUP BY ALL"""
    )
    joined = con.execute(
        f"""SELECT {JOINED_KIND} AS k, sum(a.n * b.n) AS pairs, count(DISTINCT a.donor_id)
        FROM bench_cells a JOIN bench_cells b
          ON a.donor_id = b.donor_id AND a.person < b.person
        GROUP BY k ORDER BY k"""
    ).fetchall()
    missed = con.execute(
        f"""SELECT {MISSED_KIND} AS k, sum(a.n * b.n) AS pairs
        FROM bench_cells a JOIN bench_cells b
          ON a.person = b.person AND a.donor_id < b.donor_id
        GROUP BY k ORDER BY k"""
    ).fetchall()
    return joined, missed


def report(con, name: str, pred: str) -> None:
    from fecscreen.donors.evaluate import accuracy

    acc = accuracy(con, "SELECT receipt_key, person FROM bench_truth", pred)
    print(f"  {name}: pairwise precision {acc.precision:.4f}, recall {acc.recall:.4f} "
          f"({acc.true_pairs:,} true pairs)")
    joined, missed = errors(con, pred)
    for kind, pairs, clusters in joined:
        print(f"    joined  {kind:<16} {int(pairs):>9,} pairs  {clusters:>7,} clusters mixing people")
    for kind, pairs in missed:
        print(f"    missed  {kind:<16} {int(pairs):>9,} pairs")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", default=None, help="database file (default bench/data/donors_N.duckdb)")
    ap.add_argument("--verbose", "-v", action="store_true", help="print stage timings")
    args = ap.parse_args()

    from fecscreen.donors import resolve

    base = base_records(args.seed)
    db = Path(args.db) if args.db else DATA / f"donors_{args.rows}.duckdb"
    t = time.perf_counter()
    store = build_store(db, args.rows, base)
    con = store.con
    n, people = con.execute("SELECT count(*), count(DISTINCT person) FROM bench_truth").fetchall()[0]
    mix = con.execute("SELECT kind, count(DISTINCT person) FROM bench_truth GROUP BY ALL "
                      "ORDER BY ALL").fetchall()
    print(f"built store with {n:,} receipts of {people:,} people in "
          f"{time.perf_counter() - t:.1f} s ({db}); people by kind: "
          + ", ".join(f"{k} {c:,}" for k, c in mix))

    peer = exact_key_peer(store)
    t = time.perf_counter()
    s = resolve(store, quiet=not args.verbose)
    took = time.perf_counter() - t
    print(f"peer    exact name+ZIP5 key: {peer:8.2f} s")
    print(f"resolve (fresh, trains):     {took:8.2f} s  ratio to peer {took / peer:6.1f}x  "
          f"{s.receipts:,} receipts -> {s.profiles:,} profiles -> {s.donors:,} donors")
    report(con, "resolve", "SELECT receipt_key, donor_id FROM donor_links")
    report(con, "exact key (peer)", "SELECT receipt_key, CAST(donor_no AS VARCHAR) AS donor_id FROM peer_keys")
    rss_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"peak RSS {rss_gb:.1f} GB; cores {os.cpu_count()}")
    store.close()


if __name__ == "__main__":
    main()
