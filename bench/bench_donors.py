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
  junior/senior, spouse, typo (a misspelt record joined to another person),
  other;
* missed pairs per kind: typo, moved (another ZIP5), employer changed, other.

The store is bench_resolve's: a base of generated people made once and cached
in bench/data/, repeated above its size with shifted ZIP codes, cities and
employers per place group (a namesake stays in its original's ZIP5), so every
repeat is a different set of people.

    python bench/bench_donors.py --rows 100000
    python bench/bench_donors.py --rows 1000000
    python bench/bench_donors.py --rows 10000000 --memory-limit 5GB -v
    python bench/bench_donors.py --namesakes    # namesakes in one ZIP5, real bulk samples
    python bench/bench_donors.py --report bench/data/donors_100000.duckdb   # errors again
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
                      WHEN a.place = b.place THEN 'namesake'
                      WHEN a.typo OR b.typo THEN 'typo' ELSE 'other' END"""
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


FIXTURE_BULK = ROOT.parent / "shared" / "fixtures" / "bulk" / "indiv"


def namesakes_in_fixture(folder: Path = FIXTURE_BULK) -> None:
    """How often two donors of one first and last name share a ZIP5, from the real
    bulk samples.

    Donors are the distinct (first, last, ZIP5) keys of individual rows. Of all pairs
    of keys, the share with one first and last name in one state (at other ZIP5s,
    so two people) times the share of key pairs in one state that share a ZIP5 is
    the chance that two random donors are namesakes of one ZIP5. Among M donors a
    donor then has (M - 1) times that many such namesakes.
    """
    import duckdb

    files = sorted(folder.glob("itcont_sample_*.txt"))
    if not files:
        raise SystemExit(f"no bulk samples in {folder} (the shared fixtures sit beside the project)")
    con = duckdb.connect()
    src = ", ".join(f"'{f}'" for f in files)
    con.execute(
        f"""CREATE TABLE k AS SELECT DISTINCT
               trim(split_part(column07, ',', 1)) AS last,
               split_part(trim(split_part(column07, ',', 2)), ' ', 1) AS first,
               column09 AS st, left(column10, 5) AS z5
        FROM read_csv([{src}], delim='|', header=false, all_varchar=true, quote='')
        WHERE column06 = 'IND' AND position(',' IN column07) > 0"""
    )
    n, rows = con.execute("SELECT count(*), (SELECT count(*) FROM read_csv("
                          f"[{src}], delim='|', header=false, all_varchar=true, quote='')) "
                          "FROM k").fetchall()[0]
    same_name_state, state_pairs, zip_pairs = con.execute(
        """SELECT (SELECT count(*) FROM k a JOIN k b ON a.first = b.first AND a.last = b.last
                   AND a.st = b.st AND a.z5 < b.z5),
                  (SELECT sum(c * (c - 1) / 2) FROM (SELECT count(*) c FROM k GROUP BY st)),
                  (SELECT sum(c * (c - 1) / 2) FROM (SELECT count(*) c FROM k GROUP BY st, z5))"""
    ).fetchall()[0]
    pairs = n * (n - 1) / 2
    p = same_name_state / pairs * (zip_pairs / state_pairs)
    print(f"{rows:,} rows, {n:,} donor keys: {same_name_state} pairs of one name in one state "
          f"at other ZIP5s; P(same ZIP5 | same state) {zip_pairs / state_pairs:.3f}; "
          f"P(two donors are namesakes of one ZIP5) {p:.2e}")
    for m in (28_000, 280_000, 2_800_000, 5_000_000):
        print(f"  among {m:>9,} donors: {100 * (m - 1) * p:5.2f} % of donors have a namesake "
              "in their ZIP5")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", default=None, help="database file (default bench/data/donors_N.duckdb)")
    ap.add_argument("--verbose", "-v", action="store_true", help="print stage timings")
    ap.add_argument("--memory-limit", default=None, metavar="SIZE",
                    help="DuckDB memory_limit of the store and of the linkage engine each (e.g. 5GB)")
    ap.add_argument("--report", metavar="DB", default=None,
                    help="only report the errors of a store this benchmark built and resolved")
    ap.add_argument("--namesakes", action="store_true",
                    help="only measure how often namesakes share a ZIP5 in the real bulk samples")
    args = ap.parse_args()
    if args.namesakes:
        namesakes_in_fixture()
        return
    if args.report:
        from fecscreen.store import open_store

        store = open_store(args.report)
        exact_key_peer(store)
        report(store.con, "resolve", "SELECT receipt_key, donor_id FROM donor_links")
        report(store.con, "exact key (peer)",
               "SELECT receipt_key, CAST(donor_no AS VARCHAR) AS donor_id FROM peer_keys")
        store.close()
        return

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

    engine = None
    if args.memory_limit:
        from fecscreen.donors.scoring import get_engine

        con.execute(f"SET memory_limit = '{args.memory_limit}'")
        engine = get_engine(memory_limit=args.memory_limit)
    peer = exact_key_peer(store)
    t = time.perf_counter()
    s = resolve(store, quiet=not args.verbose, engine=engine)
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
