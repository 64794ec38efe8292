"""Bulk-file benchmark: a generated itcont.txt (>=10 M rows, >=1.5 GB) loaded end to end.

Generates ``bench/data/itcont-<N>M.txt`` (git-ignored) with DuckDB itself: realistic
names, places, employers, dates across a cycle and amounts; one row in nine an
earmarked 15E gift with its conduit's 24T row (one pair in ten differs in the
name, so stays unpaired); a few bad rows (a missing field, an unparseable date,
an unparseable amount).

Then, each in its own process, alternating so that both see the same machine:

* typed floor: bare DuckDB ``CREATE TABLE t AS SELECT * FROM read_csv(file,
  delim='|', header=false, columns={...the FEC's types...}, dateformat='%m%d%Y',
  ignore_errors=true)`` into a new database (the rows that do not fit the types are
  dropped silently); the ratio is to this floor;
* text floor: the same with every column text (``all_varchar=true``);
* ours: ``fecscreen.bulk.load_bulk`` into a new fecscreen database (typed
  columns, line numbers, load issues, duplicate SUB_IDs, earmark pairs, one
  transaction).

Every run has DuckDB's ``memory_limit`` at ``--memory`` (default 8GB). Prints
wall seconds and peak RSS (ru_maxrss of the child) of every run, the
median of each and the ratio ours / floor. ``--memory-limit 1GB`` also loads
with DuckDB capped below the file's size (spilling to disk); ``--zip`` also
loads the file from a zip.

    python bench/bench_bulk.py [--rows 10000000] [--runs 2] [--memory 8GB]
                               [--memory-limit 1GB] [--zip]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from fecscreen.sql import list_literal as _list

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"

FIRST = ["JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL", "LINDA",
         "DAVID", "ELIZABETH", "WILLIAM", "BARBARA", "RICHARD", "SUSAN", "JOSEPH", "JESSICA",
         "THOMAS", "SARAH", "CHARLES", "KAREN", "MARIA", "JOSE", "WEI", "PRIYA", "AHMED"]
LAST = ["SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS",
        "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON",
        "THOMAS", "TAYLOR", "MOORE", "JACKSON", "MARTIN", "LEE", "PEREZ", "THOMPSON", "WHITE",
        "NGUYEN", "O'BRIEN", "VAN DER BERG", "SCHMIDT", "KIM", "PATEL"]
PLACES = [("NEW YORK", "NY", "100"), ("LOS ANGELES", "CA", "900"), ("CHICAGO", "IL", "606"),
          ("HOUSTON", "TX", "770"), ("PHOENIX", "AZ", "850"), ("PHILADELPHIA", "PA", "191"),
          ("SAN ANTONIO", "TX", "782"), ("SAN DIEGO", "CA", "921"), ("DALLAS", "TX", "752"),
          ("AUSTIN", "TX", "787"), ("SEATTLE", "WA", "981"), ("DENVER", "CO", "802"),
          ("BOSTON", "MA", "021"), ("MIAMI", "FL", "331"), ("ATLANTA", "GA", "303")]
EMPLOYERS = ["NOT EMPLOYED", "RETIRED", "SELF-EMPLOYED", "N/A", "ACME CORPORATION",
             "UNIVERSITY OF CALIFORNIA", "GOOGLE LLC", "KAISER PERMANENTE", "US ARMY",
             "STATE OF TEXAS", "JOHNS HOPKINS HOSPITAL", "WALMART INC."]
OCCUPATIONS = ["NOT EMPLOYED", "RETIRED", "ATTORNEY", "ENGINEER", "PROFESSOR", "PHYSICIAN",
               "TEACHER", "CEO", "CONSULTANT", "SOFTWARE DEVELOPER", "NURSE", "HOMEMAKER"]


def generate(rows: int) -> Path:
    out = DATA / f"itcont-{rows // 1_000_000}M.txt"
    if out.exists() and out.stat().st_size > 0:
        return out
    import duckdb

    DATA.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    # k: the donor/gift behind a row; rows 9g and 9g+1 are one earmarked gift (15E + 24T).
    sql = f"""
    COPY (
      WITH base AS (
        SELECT i, CASE WHEN i % 9 < 2 THEN i // 9 ELSE i + {rows} END AS k,
               i % 9 AS slot FROM range({rows}) r(i)),
      v AS (
        SELECT i, slot, k,
          'C00' || lpad(CAST(100000 + (hash(k) % 700000) AS VARCHAR), 6, '0') AS recipient,
          ['C00401224', 'C00694323'][1 + CAST(hash(k * 3) % 2 AS INTEGER)] AS conduit,
          {_list(LAST)}[1 + CAST(hash(k * 5) % {len(LAST)} AS INTEGER)] || ', ' ||
            {_list(FIRST)}[1 + CAST(hash(k * 7) % {len(FIRST)} AS INTEGER)] ||
            CASE WHEN k % 3 = 0 THEN ' ' || chr(CAST(65 + k % 26 AS INTEGER)) || '.' ELSE '' END AS name,
          CAST(hash(k * 11) % {len(PLACES)} AS INTEGER) AS p,
          lpad(CAST(hash(k * 13) % 100 AS VARCHAR), 2, '0') ||
            CASE WHEN k % 2 = 0 THEN lpad(CAST(hash(k * 17) % 10000 AS VARCHAR), 4, '0') ELSE '' END AS zip_tail,
          {_list(EMPLOYERS)}[1 + CAST(hash(k * 19) % {len(EMPLOYERS)} AS INTEGER)] AS employer,
          {_list(OCCUPATIONS)}[1 + CAST(hash(k * 23) % {len(OCCUPATIONS)} AS INTEGER)] AS occupation,
          strftime(DATE '2023-01-01' + CAST(hash(k * 29) % 730 AS INTEGER), '%m%d%Y') AS dt,
          CAST([5, 10, 15, 25, 27, 50, 100, 250, 500, 1000, 2900, 3300][1 + CAST(hash(k * 31) % 12 AS INTEGER)]
               AS VARCHAR) AS amt
        FROM base)
      SELECT concat_ws('|',
        CASE slot WHEN 1 THEN conduit ELSE recipient END,
        CASE WHEN i % 10 = 3 THEN 'A' ELSE 'N' END,
        ['Q1', 'Q2', 'Q3', 'YE', 'M3', 'M4', '12G', '30G'][1 + CAST(i % 8 AS INTEGER)],
        ['P', 'G', 'P2024', 'G2024', ''][1 + CAST(i % 5 AS INTEGER)],
        CAST(202301019000000000 + i * 7 AS VARCHAR),
        CASE slot WHEN 0 THEN '15E' WHEN 1 THEN '24T' ELSE '15' END,
        'IND', CASE WHEN slot = 1 AND k % 10 = 3 THEN name || ' JR' ELSE name END,
        {_list([c for c, _, _ in PLACES])}[1 + p], {_list([s for _, s, _ in PLACES])}[1 + p],
        {_list([z for _, _, z in PLACES])}[1 + p] || zip_tail,
        employer, occupation,
        CASE WHEN i % 1000003 = 17 THEN '13322024' ELSE dt END,
        CASE WHEN i % 1000003 = 29 THEN '12,50' ELSE amt END,
        CASE slot WHEN 0 THEN conduit WHEN 1 THEN recipient ELSE '' END,
        'SA11AI_' || CAST(100000000 + i AS VARCHAR),
        CAST(1700000 + i // 5000 AS VARCHAR),
        CASE WHEN i % 50 = 7 THEN 'X' ELSE '' END,
        CASE slot WHEN 0 THEN '* EARMARKED CONTRIBUTION: SEE BELOW'
                  WHEN 1 THEN 'EARMARKED FOR ' || recipient ELSE '' END,
        CASE WHEN i % 1000003 = 41 THEN NULL ELSE CAST(4010120231000000000 + i AS VARCHAR) END
      ) FROM v
    ) TO '{tmp}' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\x01')
    """
    con.execute(sql)
    tmp.replace(out)
    return out


FLOOR = """
import duckdb, resource, sys, time
t = time.perf_counter()
con = duckdb.connect({db!r})
con.execute("SET enable_progress_bar_print = false")
con.execute("SET memory_limit = ?", [{memory!r}])
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, delim='|', header=false, all_varchar=true, ignore_errors=true)", [{path!r}])
n = con.execute("SELECT count(*) FROM t").fetchone()[0]
con.close()
ru = resource.getrusage(resource.RUSAGE_SELF)
print(time.perf_counter() - t, n, ru.ru_maxrss, ru.ru_utime + ru.ru_stime)
"""

# the FEC's types for itcont (text, DATE, DECIMAL, BIGINT), as fecscreen's bulk layout has them
TYPED_FLOOR = """
import duckdb, resource, sys, time
sys.path.insert(0, {root!r})
from fecscreen.bulk.layouts import layouts
types = {{"date": "DATE"}}
cols = "{{" + ", ".join(f"'{{c.fec_name}}': '{{types.get(c.kind, c.sql_type)}}'"
                      for c in layouts()["indiv"].columns) + "}}"
t = time.perf_counter()
con = duckdb.connect({db!r})
con.execute("SET enable_progress_bar_print = false")
con.execute("SET memory_limit = ?", [{memory!r}])
con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv(?, delim='|', header=false, columns={{cols}}, "
            "dateformat='%m%d%Y', ignore_errors=true)", [{path!r}])
n = con.execute("SELECT count(*) FROM t").fetchone()[0]
con.close()
ru = resource.getrusage(resource.RUSAGE_SELF)
print(time.perf_counter() - t, n, ru.ru_maxrss, ru.ru_utime + ru.ru_stime)
"""

OURS = """
import os, resource, sys, time
sys.path.insert(0, {root!r})
t = time.perf_counter()
from fecscreen.store import open_store
from fecscreen.bulk import load_bulk
with open_store({db!r}) as store:
    s = load_bulk(store, {path!r}, cycle=2024)
    assert s.rows_in == s.rows_stored + s.rows_issues
import json
print(json.dumps({{k: round(v, 2) for k, v in s.timings.items()}}), s.reader, s.rows_in)
ru = resource.getrusage(resource.RUSAGE_SELF)
print(time.perf_counter() - t, s.rows_stored, ru.ru_maxrss, ru.ru_utime + ru.ru_stime,
      s.rows_issues, s.earmark_pairs)
"""


def run(label: str, code: str, env: dict | None = None) -> dict:
    db = DATA / f"bench-{label}.duckdb"
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    code = code.format(root=str(ROOT), db=str(db), path=str(run.path), memory=run.memory)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env={**os.environ, "FECSCREEN_MEMORY_LIMIT": run.memory, **(env or {})})
    if p.returncode:
        raise SystemExit(f"{label} failed:\n{p.stderr[-2000:]}")
    lines = p.stdout.strip().splitlines()
    fields = lines[-1].split()
    out = {"label": label, "seconds": float(fields[0]), "rows": int(fields[1]),
           "rss_mb": int(fields[2]) // 1024, "cpu_seconds": round(float(fields[3]), 1),
           "db_mb": db.stat().st_size // 2**20}
    if len(fields) > 4:
        steps, reader, rows_in = lines[-2].rsplit(" ", 2)
        out.update(issues=int(fields[4]), earmark_pairs=int(fields[5]), rows_in=int(rows_in),
                   reader=reader, steps=json.loads(steps))
    db.unlink(missing_ok=True)
    print(json.dumps(out), flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--memory-limit", default=None, help="also load with DuckDB capped, e.g. 1GB")
    ap.add_argument("--memory", default="8GB",
                    help="DuckDB's memory_limit for every run, floors and ours (default 8GB)")
    ap.add_argument("--zip", action="store_true", help="also load from a zip of the file")
    args = ap.parse_args()

    t = time.perf_counter()
    path = generate(args.rows)
    size = path.stat().st_size
    print(f"file: {path.name}, {size / 1e9:.2f} GB, {args.rows:,} rows "
          f"(generated or reused in {time.perf_counter() - t:.0f} s)", flush=True)
    run.path, run.memory = path, args.memory
    floor, text, ours = [], [], []
    for _ in range(args.runs):
        floor.append(run("typed-floor", TYPED_FLOOR))
        text.append(run("text-floor", FLOOR))
        ours.append(run("ours", OURS))
    f = statistics.median(r["seconds"] for r in floor)
    o = statistics.median(r["seconds"] for r in ours)
    fc = statistics.median(r["cpu_seconds"] for r in floor)
    oc = statistics.median(r["cpu_seconds"] for r in ours)
    print(f"\ntyped floor (read_csv CTAS, FEC types): median {f:.1f} s wall, {fc:.1f} s CPU, "
          f"peak RSS {max(r['rss_mb'] for r in floor)} MB")
    print(f"text floor (all_varchar):  median {statistics.median(r['seconds'] for r in text):.1f} s "
          f"wall, {statistics.median(r['cpu_seconds'] for r in text):.1f} s CPU")
    print(f"ours (load_bulk):           median {o:.1f} s wall, {oc:.1f} s CPU, "
          f"peak RSS {max(r['rss_mb'] for r in ours)} MB")
    print(f"ratio ours / typed floor: wall {o / f:.2f} (target <= 1.30), CPU {oc / fc:.2f}; "
          f"best-of wall {min(r['seconds'] for r in ours) / min(r['seconds'] for r in floor):.2f}")
    if args.memory_limit:
        capped = run("ours-capped", OURS, env={"FECSCREEN_MEMORY_LIMIT": args.memory_limit})
        print(f"ours with memory_limit={args.memory_limit}: {capped['seconds']:.1f} s, "
              f"peak RSS {capped['rss_mb']} MB (file {size / 2**20:.0f} MB)")
    if args.zip:
        z = path.with_suffix(".zip")
        if not z.exists():
            with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                zf.write(path, "itcont.txt")
        run.path = z
        zipped = run("ours-zip", OURS)
        print(f"ours from {z.name} ({z.stat().st_size / 1e9:.2f} GB): {zipped['seconds']:.1f} s "
              f"= {zipped['seconds'] / o:.2f}x the plain load")


if __name__ == "__main__":
    main()
