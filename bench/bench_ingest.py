"""Ingest benchmark: a >=200 MB filing loaded end to end, side by side with FastFEC and libfec.

Builds ``bench/data/big-<N>MB.fec`` (git-ignored) by repeating the Schedule A lines
of a real 8.3 filing, then loads it three ways, each in its own process:

* fecscreen: ``fecscreen.ingest.load_file`` into a new DuckDB database;
* FastFEC (PyPI ``fastfec``): ``parse_as_files`` to CSVs, then DuckDB ``read_csv``
  of every CSV into tables of a new database;
* libfec (PyPI ``libfec``): ``libfec export FILE -o out.db`` (SQLite);
* DuckDB floor: DuckDB's own ``read_csv`` of the Schedule A lines straight into a
  table of 45 text columns in a new database: no line numbers, no types, no checks,
  no other forms. Not a peer that could load a filing; it is what DuckDB alone needs to
  store these rows on this machine, so ``fecscreen / floor`` shows what is left to win;
* the floor plus line numbers: the same, with each row's line number, which DuckDB's
  reader does not give (the lines are numbered into a temporary table first).

Prints wall seconds, MB/s and peak RSS of each, and our ratios to the peers.

    python bench/bench_ingest.py [--mb 200] [--source path/to/real.fec] [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
DEFAULT_SOURCE = ROOT.parent / "shared" / "fixtures" / "filings" / "fastfec" / "1527862.fec"


def build(source: Path, mb: int) -> Path:
    out = DATA / f"big-{mb}MB.fec"
    if out.exists() and out.stat().st_size >= mb * 1_000_000:
        return out
    DATA.mkdir(parents=True, exist_ok=True)
    lines = source.read_bytes().split(b"\n")
    head = [ln for ln in lines[:2]]
    sa = [ln for ln in lines[2:] if ln.startswith(b"SA")]
    block = b"\n".join(sa) + b"\n"
    with open(out, "wb") as fh:
        fh.write(b"\n".join(head) + b"\n")
        while fh.tell() < mb * 1_000_000:
            fh.write(block)
    return out


OURS = """
import sys, time
sys.path.insert(0, {root!r})
from fecscreen.store import open_store
from fecscreen.ingest import load_file
t = time.perf_counter()
with open_store({db!r}) as store:
    r = load_file(store, {path!r}, filing_id="1")
    n = store.scalar("SELECT count(*) FROM filing_receipts")
print(time.perf_counter() - t, n)
"""

FASTFEC = """
import glob, os, sys, time
import duckdb
from fastfec import FastFEC
t = time.perf_counter()
with FastFEC() as ff, open({path!r}, "rb") as fh:
    ff.parse_as_files(fh, {out!r})
con = duckdb.connect({db!r})
n = 0
for csv in sorted(glob.glob(os.path.join({out!r}, "*.csv"))):
    name = os.path.basename(csv)[:-4].replace("-", "_")
    con.execute(f"CREATE TABLE \\"{{name}}\\" AS SELECT * FROM read_csv('{{csv}}', all_varchar=true)")
    if name.startswith("SA"):
        n += con.execute(f"SELECT count(*) FROM \\"{{name}}\\"").fetchone()[0]
con.close()
print(time.perf_counter() - t, n)
"""


FLOOR = """
import sys, time
import duckdb
t = time.perf_counter()
cols = ", ".join(f"'c{{i}}': 'VARCHAR'" for i in range({ncol}))
con = duckdb.connect({db!r})
con.execute("SET preserve_insertion_order = false")
con.execute("CREATE TABLE sa AS SELECT * FROM read_csv({path!r}, delim = chr(28), quote = '', "
            "escape = '', header = false, new_line = '\\\\n', auto_detect = false, skip = 2, "
            "columns = {{" + cols + "}})")
n = con.execute("SELECT count(*) FROM sa").fetchone()[0]
con.close()
print(time.perf_counter() - t, n)
"""

# The floor plus line numbers, the cheapest way DuckDB 2.0 gives them (its reader has no
# row-number column, and row_number() over the reading runs on one thread): read the
# file's lines into a temporary table in file order, whose row positions number them,
# then split them into the 45 columns.
FLOOR_NUMBERED = """
import sys, time
import duckdb
t = time.perf_counter()
con = duckdb.connect({db!r})
con.execute("SET preserve_insertion_order = true")
con.execute("CREATE TEMP TABLE raw AS SELECT l FROM read_csv({path!r}, "
            "delim = chr(1), quote = '', escape = '', header = false, new_line = '\\\\n', "
            "auto_detect = false, columns = {{'l': 'VARCHAR'}})")
con.execute("SET preserve_insertion_order = false")
cols = ", ".join(f"nullif(s[{{i}}], '') AS c{{i}}" for i in range(1, {ncol} + 1))
con.execute(f"CREATE TABLE sa AS SELECT n, {{cols}} FROM (SELECT rowid + 1 AS n, "
            "string_split(l, chr(28)) AS s FROM raw WHERE rowid >= 2)")
n = con.execute("SELECT count(*) FROM sa").fetchone()[0]
con.close()
print(time.perf_counter() - t, n)
"""


def child(code: str) -> tuple[float, float, float]:
    """Run ``code`` in a fresh interpreter: (wall seconds, peak RSS MB, CPU seconds)."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run([sys.executable, '-c', sys.argv[1]], capture_output=True, text=True)\n"
        "wall = time.perf_counter() - t\n"
        "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "rss, cpu = ru.ru_maxrss, ru.ru_utime + ru.ru_stime\n"
        "import json; print(json.dumps([p.returncode, wall, rss, cpu, p.stdout.strip(), p.stderr[-800:]]))\n"
    )
    return _run([sys.executable, "-c", wrapper, code])


def binary(argv: list[str]) -> tuple[float, float, float]:
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "wall = time.perf_counter() - t\n"
        "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "rss, cpu = ru.ru_maxrss, ru.ru_utime + ru.ru_stime\n"
        "import json; print(json.dumps([p.returncode, wall, rss, cpu, '', p.stderr[-800:]]))\n"
    )
    return _run([sys.executable, "-c", wrapper, *argv])


def _run(cmd: list[str]) -> tuple[float, float, float]:
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    rc, wall, rss, cpu, _stdout, stderr = json.loads(out.splitlines()[-1])
    if rc != 0:
        raise SystemExit(f"failed: {cmd[-1][:80]}: {stderr}")
    return float(wall), int(rss) / 1024.0, float(cpu)


def _fields(path: Path) -> int:
    """Fields of the file's Schedule A lines (all alike: they are copies of one filing's)."""
    with open(path, "rb") as fh:
        fh.readline(), fh.readline()
        return fh.readline().count(b"\x1c") + 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--runs", type=int, default=1, help="best of N runs per tool")
    args = ap.parse_args()
    big = build(args.source, args.mb)
    size_mb = big.stat().st_size / 1e6
    work = DATA / "work"
    print(f"file: {big.name} {size_mb:.0f} MB (Schedule A lines of {args.source.name} repeated)")
    results = {}
    load = os.getloadavg()
    tools = {
        "fecscreen": lambda: child(OURS.format(root=str(ROOT), db=str(work / "ours.duckdb"),
                                               path=str(big))),
        "fastfec+duckdb": lambda: child(FASTFEC.format(path=str(big), out=str(work / "ff"),
                                                       db=str(work / "ff.duckdb"))),
    }
    tools["duckdb floor"] = lambda: child(FLOOR.format(db=str(work / "floor.duckdb"), path=str(big),
                                                       ncol=_fields(big)))
    tools["floor + line nos"] = lambda: child(FLOOR_NUMBERED.format(
        db=str(work / "floor2.duckdb"), path=str(big), ncol=_fields(big)))
    libfec = shutil.which("libfec")
    if libfec:
        tools["libfec sqlite"] = lambda: binary([libfec, "export", str(big), "-o",
                                                 str(work / "libfec.db"), "--clobber"])
    for name, fn in tools.items():
        best = None
        for _ in range(args.runs):
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            wall, rss, cpu = fn()
            if best is None or wall < best[0]:
                best = (wall, rss, cpu)
        results[name] = best
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average before: {load[0]:.1f}, after: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    print(f"{'tool':<16} {'wall s':>8} {'MB/s':>8} {'CPU s':>8} {'MB per CPU s':>13} {'peak RSS MB':>12}")
    for name, (wall, rss, cpu) in results.items():
        print(f"{name:<16} {wall:>8.2f} {size_mb / wall:>8.1f} {cpu:>8.2f} {size_mb / cpu:>13.1f} "
              f"{rss:>12.0f}")
    ours = results["fecscreen"]
    for name, (wall, rss, cpu) in results.items():
        if name in ("duckdb floor", "floor + line nos"):
            print(f"fecscreen / {name}: {ours[0] / wall:.2f}x the time (wall), "
                  f"{ours[2] / cpu:.2f}x (CPU); at the floor's speed, fecscreen would load "
                  f"{size_mb / wall:.0f} MB/s")
        elif name != "fecscreen":
            print(f"fecscreen vs {name}: {wall / ours[0]:.2f}x the speed (wall), "
                  f"{cpu / ours[2]:.2f}x (CPU), {ours[1] / rss:.2f}x the peak memory")
    print(json.dumps({k: {"seconds": round(v[0], 3), "mb_per_s": round(size_mb / v[0], 1),
                          "cpu_seconds": round(v[2], 2), "peak_rss_mb": round(v[1])}
                      for k, v in results.items()}))


if __name__ == "__main__":
    main()
