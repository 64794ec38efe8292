"""Spark against DuckDB: the same generated itcont file loaded by each engine, same run.

The file is ``bench_bulk.py``'s (``bench/data/itcont-<N>M.txt``, git-ignored; realistic
rows, earmark pairs, a few bad rows). Each load runs in its own process, the two
engines alternating so both see the same machine:

* duckdb: ``fecscreen.bulk.load_bulk`` into a new database;
* spark: ``fecscreen.spark.bulk.load_bulk`` on ``local[N]`` into a new store folder
  (JVM start-up timed separately and left out of the load time).

Prints wall seconds and the peak memory of the process tree (the Python process
plus, for Spark, its JVM), the median of each engine and the ratio spark / duckdb,
and checks that both stored the same number of rows, issues and earmark pairs.

    python bench/bench_spark.py [--rows 10000000] [--runs 1] [--master local[2]]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_bulk import DATA, generate  # noqa: E402

DUCKDB = """
import json, sys, time
sys.path.insert(0, {root!r})
from fecscreen.store import open_store
from fecscreen.bulk import load_bulk
t = time.perf_counter()
with open_store({out!r}) as store:
    s = load_bulk(store, {path!r}, cycle=2024)
print(json.dumps(dict(seconds=time.perf_counter() - t, start=0.0, rows=s.rows_stored,
                      issues=s.rows_issues, pairs=s.earmark_pairs)))
"""

SPARK = """
import json, sys, time
sys.path.insert(0, {root!r})
t = time.perf_counter()
from fecscreen.spark import spark_session
from fecscreen.spark.bulk import load_bulk
spark = spark_session({master!r})
spark.sparkContext.setLogLevel("ERROR")
start = time.perf_counter() - t
t = time.perf_counter()
s = load_bulk(spark, {out!r}, {path!r}, cycle=2024)
print(json.dumps(dict(seconds=time.perf_counter() - t, start=start, rows=s.rows_stored,
                      issues=s.rows_issues, pairs=s.earmark_pairs)))
spark.stop()
"""


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in kB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/statm") as fh:
                rss[int(entry)] = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def run(engine: str, code: str, path: Path, master: str) -> dict:
    out = DATA / f"bench-spark-{engine}"
    shutil.rmtree(out, ignore_errors=True)
    Path(str(out) + ".duckdb").unlink(missing_ok=True)
    target = str(out) + ".duckdb" if engine == "duckdb" else str(out)
    proc = subprocess.Popen([sys.executable, "-c", code.format(
        root=str(ROOT), out=target, path=str(path), master=master)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            time.sleep(0.25)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    stdout, stderr = proc.communicate()
    watcher.join()
    if proc.returncode:
        raise SystemExit(f"{engine} failed:\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result.update(engine=engine, peak_mb=peak[0] // 1024)
    shutil.rmtree(out, ignore_errors=True)
    Path(str(out) + ".duckdb").unlink(missing_ok=True)
    print(json.dumps(result), flush=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--master", default="local[2]")
    args = ap.parse_args()
    path = generate(args.rows)
    print(f"file: {path.name}, {path.stat().st_size / 1e9:.2f} GB, {args.rows:,} rows; "
          f"Spark master {args.master}; {os.cpu_count()} cores", flush=True)
    duck, spark = [], []
    for _ in range(args.runs):
        duck.append(run("duckdb", DUCKDB, path, args.master))
        spark.append(run("spark", SPARK, path, args.master))
    same = {(r["rows"], r["issues"], r["pairs"]) for r in duck + spark}
    d = statistics.median(r["seconds"] for r in duck)
    s = statistics.median(r["seconds"] for r in spark)
    print(f"\nduckdb load: median {d:.1f} s, peak {max(r['peak_mb'] for r in duck)} MB")
    print(f"spark load:  median {s:.1f} s (+ {statistics.median(r['start'] for r in spark):.1f} s "
          f"session start), peak {max(r['peak_mb'] for r in spark)} MB (driver and JVM)")
    print(f"ratio spark / duckdb: {s / d:.2f}x the time")
    print("same rows, issues and earmark pairs: " + ("yes" if len(same) == 1 else f"NO: {same}"))


if __name__ == "__main__":
    main()
