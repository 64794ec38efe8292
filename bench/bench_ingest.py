"""Ingest benchmark: real filing shapes loaded end to end, side by side with the peers.

Builds its files in ``bench/data`` (git-ignored) from the lines of real filings in
``../shared/fixtures/filings``, one file per shape (``--shape``):

* ``unquoted``: the header and cover line of ``fastfec/1527862.fec`` (8.3, Form 3P),
  then its Schedule A lines repeated to ``--mb`` MB;
* ``quoted``: the same of ``fec-loader/romney-f3p.fec`` (8.1, every text field quoted);
* ``blank-tail``: the Schedule A lines of ``fastfec/1550548.fec`` (8.3, Form 3X), each
  with one empty field more than the layout (as some vendors write them: the Form 3P
  line of ``fech/723604.fec`` has one; libfec does not read that 7.0 filing itself);
* ``v5``: the Schedule A lines of ``fech/97405.fec`` (5.00, comma-separated, quoted,
  one field fewer than the layout), to ``--v5-mb`` MB;
* ``small``: ``--small`` small filings in one folder, copies of the fixtures' real
  filings under 200 KB, each with its own filing id and committee id.

Each shape is loaded, each tool in its own process, by:

* fecscreen: ``fecscreen.ingest.load_paths`` into a new DuckDB database;
* libfec (PyPI ``libfec``): ``libfec export FILE... -o out.db`` (SQLite), if installed
  (it does not read version 5);
* FastFEC (PyPI ``fastfec``): ``parse_as_files`` to CSVs, then DuckDB ``read_csv`` of every
  CSV into tables of a new database (big files), or its parse alone (``v5``);
* fecfile (PyPI ``fecfile``): ``fecfile.from_file`` (its Python parse), ``v5`` only;
* DuckDB floor: DuckDB's own ``read_csv`` of the Schedule A lines straight into a
  table of text columns in a new database: no line numbers, no types, no checks, no
  other forms, quotes left as they are (ASCII-28 shapes). Not a peer that could load a
  filing; it is what DuckDB alone needs to store these rows on this machine;
* the floor plus line numbers: the same, with each row's line number.

Prints wall seconds, MB/s (files/s for ``small``) and peak RSS of each, and the ratios.

    python bench/bench_ingest.py [--shape all] [--mb 200] [--v5-mb 100] [--small 2000] [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
FILINGS = ROOT.parent / "shared" / "fixtures" / "filings"
SHAPES = {   # shape -> (real filing, the line of its Schedule A lines as written out)
    "unquoted": ("fastfec/1527862.fec", lambda ln: ln),
    "quoted": ("fec-loader/romney-f3p.fec", lambda ln: ln),
    "blank-tail": ("fastfec/1550548.fec", lambda ln: ln + b"\x1c"),
    "v5": ("fech/97405.fec", lambda ln: ln),
}


def build(shape: str, mb: int) -> Path:
    """A filing of ``mb`` MB: the header and cover line of the shape's real filing, then
    its Schedule A lines repeated."""
    name, change = SHAPES[shape]
    out = DATA / f"{shape}-{mb}MB.fec"
    if out.exists() and out.stat().st_size >= mb * 1_000_000:
        return out
    DATA.mkdir(parents=True, exist_ok=True)
    lines = (FILINGS / name).read_bytes().split(b"\n")
    sa = [change(ln) for ln in lines[2:] if ln.lstrip(b'"').startswith(b"SA")]
    block = b"\n".join(sa) + b"\n"
    with open(out, "wb") as fh:
        fh.write(b"\n".join(lines[:2]) + b"\n")
        while fh.tell() < mb * 1_000_000:
            fh.write(block)
    return out


def _libfec_reads(path: Path) -> bool:
    """Whether libfec exports the filing (so that both load the same files); True without it."""
    libfec = shutil.which("libfec")
    if not libfec:
        return True
    out = DATA / "libfec-check.db"
    ok = subprocess.run([libfec, "export", str(path), "-o", str(out), "--clobber"],
                        capture_output=True, timeout=60).returncode == 0
    out.unlink(missing_ok=True)
    return ok


def build_small(count: int) -> Path:
    """``count`` small filings (``<id>.fec``), copies of the real fixture filings under
    200 KB that libfec can export, in turn, each with its own filing id and its filer's
    committee id replaced."""
    out = DATA / f"small-{count}"
    if out.is_dir() and len(list(out.iterdir())) == count:
        return out
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    real = []
    for p in sorted(FILINGS.glob("*/*.fec")):
        data = p.read_bytes()
        if p.stat().st_size < 200_000 and p.name != "filing_invalid_version.fec" \
                and _libfec_reads(p):
            m = re.search(rb"\n\"?F[0-9A-Z]+\"?[\x1c,]\"?(C\d{8})", data[:20_000])
            real.append((data, m.group(1) if m else None))
    for i in range(count):
        data, committee = real[i % len(real)]
        if committee:
            data = data.replace(committee, b"C%08d" % (90_000_000 + i % 10_000_000))
        (out / f"{5_000_000 + i}.fec").write_bytes(data)
    return out


OURS = """
import sys, time
sys.path.insert(0, {root!r})
from fecscreen.store import open_store
from fecscreen.ingest import load_paths
t = time.perf_counter()
with open_store({db!r}) as store:
    r = load_paths(store, [{path!r}])
    assert r.ok, r.errors[0].error
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

FASTFEC_PARSE = """
import time
from fastfec import FastFEC
t = time.perf_counter()
n = 0
with FastFEC() as ff, open({path!r}, "rb") as fh:
    for form, line in ff.parse(fh):
        n += form.startswith("SA")
print(time.perf_counter() - t, n)
"""

FECFILE = """
import time
import fecfile
t = time.perf_counter()
f = fecfile.from_file({path!r})
n = len(f.get("itemizations", {{}}).get("Schedule A", []))
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


TIMEOUT = 1200  # seconds a tool may take (a stuck peer must not hang the run)


def _run(cmd: list[str]) -> tuple[float, float, float]:
    out = subprocess.run(cmd, capture_output=True, text=True, check=True,
                         timeout=TIMEOUT).stdout.strip()
    rc, wall, rss, cpu, _stdout, stderr = json.loads(out.splitlines()[-1])
    if rc != 0:
        raise SystemExit(f"failed: {cmd[-1][:80]}: {stderr}")
    return float(wall), int(rss) / 1024.0, float(cpu)


def _fields(path: Path) -> int:
    """Fields of the file's Schedule A lines (all alike: they are copies of one filing's)."""
    with open(path, "rb") as fh:
        fh.readline(), fh.readline()
        return fh.readline().count(b"\x1c") + 1


def tools_for(shape: str, big: Path, work: Path) -> dict:
    """The tools that load ``big`` (a file, or the folder of small filings)."""
    path = str(big)
    tools = {"fecscreen": lambda: child(OURS.format(root=str(ROOT), db=str(work / "ours.duckdb"),
                                                    path=path))}
    libfec = shutil.which("libfec")
    if libfec and shape != "v5":
        files = sorted(map(str, big.iterdir())) if big.is_dir() else [path]
        tools["libfec sqlite"] = lambda: binary([libfec, "export", *files, "-o",
                                                 str(work / "libfec.db"), "--clobber"])
    if shape == "v5":
        tools["fastfec parse"] = lambda: child(FASTFEC_PARSE.format(path=path))
        tools["fecfile parse"] = lambda: child(FECFILE.format(path=path))
    elif shape != "small":
        tools["fastfec+duckdb"] = lambda: child(FASTFEC.format(path=path, out=str(work / "ff"),
                                                               db=str(work / "ff.duckdb")))
        ncol = _fields(big)
        tools["duckdb floor"] = lambda: child(FLOOR.format(db=str(work / "floor.duckdb"),
                                                           path=path, ncol=ncol))
        tools["floor + line nos"] = lambda: child(FLOOR_NUMBERED.format(
            db=str(work / "floor2.duckdb"), path=path, ncol=ncol))
    return tools


def run_shape(shape: str, big: Path, runs: int) -> dict:
    work = DATA / "work"
    if big.is_dir():
        files = list(big.iterdir())
        size_mb = sum(p.stat().st_size for p in files) / 1e6
        print(f"\n== {shape}: {len(files):,} filings in {big.name}/, {size_mb:.1f} MB")
    else:
        size_mb = big.stat().st_size / 1e6
        print(f"\n== {shape}: {big.name}, {size_mb:.0f} MB ({SHAPES[shape][0]}'s Schedule A "
              "lines repeated)")
    results = {}
    load = os.getloadavg()
    for name, fn in tools_for(shape, big, work).items():
        best = None
        for _ in range(runs):
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            try:
                wall, rss, cpu = fn()
            except SystemExit as exc:   # a peer that cannot read the file
                print(f"{name}: {str(exc)[:300]}")
                break
            if best is None or wall < best[0]:
                best = (wall, rss, cpu)
        if best:
            results[name] = best
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average before: {load[0]:.1f}, after: {os.getloadavg()[0]:.1f} "
          f"({os.cpu_count()} cores)")
    per = f"{'files/s':>8}" if big.is_dir() else f"{'MB/s':>8}"
    print(f"{'tool':<16} {'wall s':>8} {per} {'CPU s':>8} {'peak RSS MB':>12}")
    amount = len(files) if big.is_dir() else size_mb
    for name, (wall, rss, cpu) in results.items():
        print(f"{name:<16} {wall:>8.2f} {amount / wall:>8.1f} {cpu:>8.2f} {rss:>12.0f}")
    ours = results["fecscreen"]
    for name, (wall, rss, cpu) in results.items():
        if name in ("duckdb floor", "floor + line nos"):
            print(f"fecscreen / {name}: {ours[0] / wall:.2f}x the time (wall), "
                  f"{ours[2] / cpu:.2f}x (CPU)")
        elif name != "fecscreen":
            print(f"fecscreen vs {name}: {wall / ours[0]:.2f}x the speed (wall), "
                  f"{cpu / ours[2]:.2f}x (CPU), {ours[1] / rss:.2f}x the peak memory")
    return {k: {"seconds": round(v[0], 3), "per_s": round(amount / v[0], 1),
                "cpu_seconds": round(v[2], 2), "peak_rss_mb": round(v[1])}
            for k, v in results.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shape", choices=["all", *SHAPES, "small"], default="all")
    ap.add_argument("--mb", type=int, default=200, help="size of the ASCII-28 files")
    ap.add_argument("--v5-mb", type=int, default=100, help="size of the comma-separated file")
    ap.add_argument("--small", type=int, default=2000, help="number of small filings")
    ap.add_argument("--runs", type=int, default=1, help="best of N runs per tool")
    args = ap.parse_args()
    shapes = [*SHAPES, "small"] if args.shape == "all" else [args.shape]
    out = {}
    for shape in shapes:
        if shape == "small":
            big = build_small(args.small)
        else:
            big = build(shape, args.v5_mb if shape == "v5" else args.mb)
        out[shape] = run_shape(shape, big, args.runs)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
