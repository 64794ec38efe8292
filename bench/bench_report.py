"""How long the report takes on a large database, against a bare DuckDB scan of it.

    python bench/bench_report.py [--rows 1000000] [--skip-demo]

1. ``fecscreen demo`` at its default size, end to end, against its 2-minute budget.
2. A database of ``--rows`` generated bulk receipts (``fecscreen.synth.bulk_rows``),
   screened with every rule; then, in the same run:
   - peer: one bare DuckDB aggregate pass over ``receipts_current`` (receipts per
     committee and week: the least any report must read);
   - ``write_report`` to HTML (cold: first call in the process, with the chart
     renderer's start-up), again warm, and the findings export to Parquet.
   Ratios are against the peer.

Data goes under bench/data/ (git-ignored) and is removed at the end.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fecscreen.store import open_store  # noqa: E402

PEER_SQL = (
    "SELECT committee_id, date_trunc('week', date) AS week, count(*), sum(amount) "
    "FROM receipts_current WHERE counts_toward_totals GROUP BY ALL"
)


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    value = func(*args, **kwargs)
    return value, time.perf_counter() - start


def bench_demo(work: Path) -> float:
    exe = shutil.which("fecscreen") or f"{sys.executable} -c 'from fecscreen.cli import main; main()'"
    start = time.perf_counter()
    subprocess.run(f"{exe} demo --quiet --out {work / 'demo'}", shell=True, check=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-demo", action="store_true")
    args = parser.parse_args()
    work = ROOT / "bench" / "data" / "report"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        if not args.skip_demo:
            seconds = bench_demo(work)
            print(f"demo, default size, end to end: {seconds:.1f} s "
                  f"({seconds / 120:.2f} of the 120 s budget)")

        from fecscreen.rules import run_check
        from fecscreen.synth.bulk_rows import generate_bulk_rows

        db = work / "report.duckdb"
        with open_store(db) as store:
            _, gen_s = timed(generate_bulk_rows, store.con, n=args.rows)
            result, check_s = timed(run_check, store)
            n_findings = len(result.findings)
        print(f"{args.rows:,} bulk rows generated in {gen_s:.1f} s; "
              f"screened in {check_s:.1f} s: {n_findings:,} findings")

        with open_store(db) as store:
            from fecscreen.report import write_report

            _, cold = timed(write_report, store, work / "report.html")
            _, peer = timed(lambda: store.con.execute(PEER_SQL).fetchall())
            _, warm = timed(write_report, store, work / "report.html")
            _, export = timed(write_report, store, work / "findings.parquet", fmt="parquet")
        size = (work / "report.html").stat().st_size / 1e6
        print(f"peer: bare DuckDB aggregate over receipts_current: {peer:.2f} s")
        print(f"report HTML, cold: {cold:.2f} s ({cold / peer:.1f}x peer); "
              f"warm: {warm:.2f} s ({warm / peer:.1f}x peer); file {size:.2f} MB")
        print(f"findings export to Parquet: {export:.2f} s ({export / peer:.1f}x peer)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
