"""Screening benchmark: all rules over 10 million generated bulk rows.

Generates the rows straight into ``bulk_receipts`` of a fecscreen database
under ``bench/data/`` (git-ignored) with DuckDB SQL over ``range()``, plus a
committee master of 3,000 committees, with realistic distributions: skewed
donors (a few give very often) and committees, small online gifts most common,
a tail at and above the per-election limit, earmarked 15E gifts with their
conduit 24T rows (marked as not counting toward totals, as the bulk loader
does), refunds (22Y), super-PAC gifts (10), organisations, a few foreign (ZZ,
blank-state Canadian), military (AE) and territory (PR) addresses, memo lines
and cash notes.

Then, in the same process and on the same table:

* peer: a bare scan ``SELECT cmte_id, count(*), sum(transaction_amt) FROM
  bulk_receipts GROUP BY cmte_id`` (median of 3 runs);
* ours: ``fecscreen.rules.run_check`` with every rule (findings stored).

Prints seconds for both, the ratio, the findings per rule and seconds per rule.

    python bench/bench_screen.py [--rows 10000000] [--keep]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fecscreen.rules import run_check  # noqa: E402
from fecscreen.sql import list_literal as _list  # noqa: E402
from fecscreen.store import open_store  # noqa: E402

DATA = ROOT / "bench" / "data"

SYLLABLES = ["AN", "BER", "CO", "DEL", "E", "FER", "GAR", "HOL", "IN", "JO", "KEL", "LAN",
             "MOR", "NOR", "OL", "PER", "QUIN", "ROS", "SAN", "TOR", "US", "VAL", "WIN", "YOR"]
FIRST = ["ANA", "BEN", "CARLA", "DMITRI", "ELENA", "FRANK", "GRACE", "HAROLD", "IRENE",
         "JAMAL", "KATHERINE", "LUIS", "MEI", "NATHAN", "OLIVIA", "PAUL", "QUINN", "ROSA",
         "SAMUEL", "TERESA", "ULYSSES", "VERA", "WALTER", "XIMENA", "YUSUF"]
# (city, state, first three digits of its ZIP codes)
PLACES = [("PORTLAND", "OR", "972"), ("MINNEAPOLIS", "MN", "554"), ("NASHVILLE", "TN", "372"),
          ("COLUMBUS", "OH", "432"), ("RALEIGH", "NC", "276"), ("MILWAUKEE", "WI", "532"),
          ("ALBUQUERQUE", "NM", "871"), ("TUCSON", "AZ", "857"), ("OMAHA", "NE", "681"),
          ("RICHMOND", "VA", "232"), ("BOISE", "ID", "837"), ("PROVIDENCE", "RI", "029"),
          ("LOUISVILLE", "KY", "402"), ("SALT LAKE CITY", "UT", "841"), ("TAMPA", "FL", "336")]
EMPLOYERS = ["NOT EMPLOYED", "RETIRED", "SELF-EMPLOYED", "ACME CORPORATION", "HARBOR CAPITAL",
             "UNIVERSITY OF CALIFORNIA", "GOOGLE LLC", "KAISER PERMANENTE", "US ARMY",
             "STATE OF TEXAS", "JOHNS HOPKINS HOSPITAL", "WALMART INC.", "INFORMATION REQUESTED"]
OCCUPATIONS = ["NOT EMPLOYED", "RETIRED", "ATTORNEY", "ENGINEER", "PROFESSOR", "PHYSICIAN",
               "TEACHER", "CEO", "CONSULTANT", "SOFTWARE DEVELOPER", "NURSE"]
COMMITTEE_TYPES = ["H", "H", "H", "H", "H", "S", "S", "S", "P", "P", "N", "N", "Q", "Q",
                   "X", "Y", "O", "O", "V", "W"]


def _u(i: str, salt: int) -> str:
    """A uniform number in [0, 1) from row ``i`` (deterministic)."""
    return f"((hash({i}, {salt}) % 1000000007) / 1000000007.0)"


def generate(store, rows: int, committees: int = 3000, donors: int | None = None) -> None:
    donors = donors or max(1000, rows // 8)  # about eight gifts per donor, skewed
    con = store.con
    con.execute("DELETE FROM bulk_receipts")
    con.execute("DELETE FROM committees")
    con.execute(f"""
        INSERT INTO committees (cmte_id, cmte_tp, cmte_dsgn, cycle)
        SELECT 'C' || lpad(CAST(i AS VARCHAR), 8, '0'),
               {_list(COMMITTEE_TYPES)}[1 + i % {len(COMMITTEE_TYPES)}],
               CASE WHEN i % 97 = 0 THEN 'J' WHEN i % 20 < 10 THEN 'P' ELSE 'U' END, 2024
        FROM range({committees}) t(i)
    """)
    syl, n_syl = _list(SYLLABLES), len(SYLLABLES)
    con.execute(f"""
        INSERT INTO bulk_receipts (sub_id, cmte_id, amndt_ind, rpt_tp, transaction_pgi, image_num,
            transaction_tp, entity_tp, name, city, state, zip_code, employer, occupation,
            transaction_dt, transaction_amt, other_id, tran_id, file_num, memo_cd, memo_text,
            cycle, source_file, line_number, earmark_pair_id, counts_toward_totals)
        WITH base AS (
            SELECT i,
                   CAST(floor(pow({_u('i', 1)}, 1.5) * {donors}) AS BIGINT) AS d,
                   CAST(floor(pow({_u('i', 2)}, 3) * {committees}) AS BIGINT) AS c,
                   {_u('i', 3)} AS ua, {_u('i', 4)} AS us, {_u('i', 5)} AS ut,
                   {_u('i', 6)} AS ue, {_u('i', 7)} AS up, {_u('i', 8)} AS um
            FROM range({rows}) t(i)
        ),
        shaped AS (
            SELECT b.*,
                   {syl}[1 + d % {n_syl}] || {syl}[1 + (d // {n_syl}) % {n_syl}]
                     || {syl}[1 + (d // {n_syl ** 2}) % {n_syl}] AS last,
                   {_list(FIRST)}[1 + (d // 7) % {len(FIRST)}] AS first,
                   1 + (d // 3) % {len(PLACES)} AS place,
                   CASE WHEN ut < 0.60 THEN '15' WHEN ut < 0.85 THEN '15E' WHEN ut < 0.95 THEN '24T'
                        WHEN ut < 0.955 THEN '22Y' WHEN ut < 0.995 THEN '10' ELSE '11' END AS tp
            FROM base b
        )
        SELECT i AS sub_id,
               'C' || lpad(CAST(c AS VARCHAR), 8, '0') AS cmte_id,
               'N', 'Q1',
               CASE WHEN up < 0.5 THEN 'P2024' WHEN up < 0.8 THEN 'G2024' WHEN up < 0.95 THEN '' ELSE 'P' END,
               CAST(202400000000 + i AS VARCHAR),
               tp,
               CASE WHEN ue < 0.99 THEN 'IND' WHEN ue < 0.992 THEN 'ORG' ELSE 'PAC' END,
               CASE WHEN ue < 0.99 THEN last || ', ' || first || ' ' || chr(65 + CAST(d % 26 AS INTEGER))
                    ELSE last || ' HOLDINGS LLC' END,
               CASE WHEN us < 0.0005 THEN 'TORONTO' WHEN us < 0.0008 THEN 'VANCOUVER'
                    WHEN us < 0.0012 THEN 'APO' WHEN us < 0.0016 THEN 'SAN JUAN'
                    ELSE {_list([p[0] for p in PLACES])}[place] END,
               CASE WHEN us < 0.0005 THEN 'ZZ' WHEN us < 0.0008 THEN ''
                    WHEN us < 0.0012 THEN 'AE' WHEN us < 0.0016 THEN 'PR'
                    ELSE {_list([p[1] for p in PLACES])}[place] END,
               CASE WHEN us < 0.0008 THEN 'V6B1A1' WHEN us < 0.0012 THEN '09012'
                    WHEN us < 0.0016 THEN '00901'
                    ELSE {_list([p[2] for p in PLACES])}[place] || lpad(CAST(d % 100 AS VARCHAR), 2, '0') END,
               CASE WHEN d % 50 = 0 THEN '' ELSE {_list(EMPLOYERS)}[1 + (d // 11) % {len(EMPLOYERS)}] END,
               CASE WHEN d % 70 = 0 THEN '' ELSE {_list(OCCUPATIONS)}[1 + (d // 13) % {len(OCCUPATIONS)}] END,
               DATE '2023-01-01' + CAST(hash(i, 9) % 730 AS INTEGER),
               CAST(CASE WHEN ua < 0.60 THEN 5 + floor(ua * 160)
                         WHEN ua < 0.85 THEN 100 + floor((ua - 0.6) * 1600)
                         WHEN ua < 0.95 THEN 500 + floor((ua - 0.85) * 15000)
                         WHEN ua < 0.995 THEN 2000 + floor((ua - 0.95) * 28888)
                         ELSE 3300 + floor((ua - 0.995) * 1000000) END AS DECIMAL(14, 2))
                 * CASE WHEN tp = '22Y' AND um < 0.5 THEN -1 ELSE 1 END,
               CASE WHEN tp IN ('15E', '24T') THEN 'C00401224' END,
               'T' || CAST(i AS VARCHAR),
               1000000 + c,
               CASE WHEN um < 0.03 THEN 'X' END,
               CASE WHEN um > 0.999 THEN 'CASH' WHEN tp = '15E' THEN 'EARMARKED THROUGH ACTBLUE' END,
               2024, 'bench', i + 1,
               NULL,
               tp <> '24T' OR um < 0.1
        FROM shaped
    """)


def bare_scan(store) -> tuple[float, float]:
    """Median wall and CPU seconds of a bare group-by scan."""
    times, cpus = [], []
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        store.con.execute("SELECT cmte_id, count(*), sum(transaction_amt) FROM bulk_receipts "
                          "GROUP BY cmte_id").fetchall()
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(times), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--keep", action="store_true", help="reuse bench/data/screen-<N>.duckdb if present")
    ap.add_argument("--ignore", help="rules to leave out (codes, comma-separated), as `check --ignore`")
    args = ap.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"screen-{args.rows}.duckdb"
    fresh = not (args.keep and path.exists())
    if fresh and path.exists():
        path.unlink()
    store = open_store(path)
    if fresh:
        t0 = time.perf_counter()
        with store.transaction():
            generate(store, args.rows)
        store.con.execute("CHECKPOINT")
        print(f"generated {args.rows:,} rows in {time.perf_counter() - t0:.1f} s -> {path}")
    store.con.execute("DELETE FROM findings")
    store.con.execute("DELETE FROM check_runs")
    peer, peer_cpu = bare_scan(store)
    t0, c0 = time.perf_counter(), time.process_time()
    result = run_check(store, ignore=args.ignore)
    ours, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = store.scalar("SELECT count(*) FROM bulk_receipts")
    print(f"rows: {n:,}")
    print(f"peer  bare group-by scan: {peer:.2f} s  (CPU {peer_cpu:.2f} s)")
    print(f"ours  all {len(result.rules)} rules:     {ours:.2f} s  (CPU {cpu:.2f} s; "
          f"findings: {len(result.findings):,})")
    print(f"ratio ours / peer: {ours / peer:.1f}x wall, {cpu / max(peer_cpu, 1e-9):.1f}x CPU   "
          f"target <= 30 s: {'met' if ours <= 30 else 'NOT met'}")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    counts = result.counts()
    for code, secs in result.timings.items():
        print(f"  {code}  {secs:6.2f} s  {counts.get(code, 0):>8,} findings")
    store.close()


if __name__ == "__main__":
    main()
