"""Speed of the labelled-sample generator and of the in-DuckDB bulk-row generator.

Two measurements, each against a peer timed in the same run:

* ``fecscreen.synth.generate`` at several scales, against loading the same
  sample with ``fecscreen.ingest.load_paths`` (the next step of ``fecscreen
  demo``): generation should be a small share of the demo;
* ``fecscreen.synth.generate_bulk_rows`` for N rows of ``bulk_receipts``,
  against a bare ``CREATE TABLE ... AS SELECT i FROM range(N)`` in the same
  database.

    python bench/bench_synth.py [--rows 10000000] [--scales 1,10]

Data goes to bench/data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench" / "data" / "synth"


def bench_generate(scale: float) -> None:
    from fecscreen.ingest import load_paths
    from fecscreen.store import open_store
    from fecscreen.synth import generate

    out = DATA / f"sample_{scale:g}"
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    gen = generate(out / "data", seed=7, scale=scale)
    t_gen = time.perf_counter() - t
    db = out / "bench.duckdb"
    with open_store(db) as store:
        t = time.perf_counter()
        load_paths(store, [str(p) for p in [*gen.filings, *gen.bulk]], cycle=gen.cycle)
        t_load = time.perf_counter() - t
    print(f"generate scale {scale:g}: {gen.n_receipts:,} receipts, {len(gen.filings)} filings "
          f"in {t_gen:.2f} s ({gen.n_receipts / t_gen:,.0f} receipts/s); peer load_paths "
          f"{t_load:.2f} s; ratio generate/load {t_gen / t_load:.2f}")


def bench_bulk_rows(rows: int) -> None:
    import duckdb

    from fecscreen.synth.bulk_rows import generate_bulk_rows

    DATA.mkdir(parents=True, exist_ok=True)
    db = DATA / "bulk_rows.duckdb"
    for stale in (db, Path(f"{db}.wal")):
        stale.unlink(missing_ok=True)
    con = duckdb.connect(str(db))
    t = time.perf_counter()
    con.execute(f"CREATE TABLE peer AS SELECT i FROM range({rows}) t(i)")
    t_peer = time.perf_counter() - t
    t = time.perf_counter()
    generate_bulk_rows(con, "bulk_receipts", rows, seed=7)
    t_gen = time.perf_counter() - t
    n = con.execute("SELECT count(*) FROM bulk_receipts").fetchone()[0]
    con.close()
    print(f"generate_bulk_rows: {n:,} rows in {t_gen:.2f} s ({n / t_gen:,.0f} rows/s); peer "
          f"CTAS of range({rows:,}) {t_peer:.2f} s; ratio {t_gen / t_peer:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--scales", default="1,10")
    args = parser.parse_args()
    for scale in (float(s) for s in args.scales.split(",") if s):
        bench_generate(scale)
    bench_bulk_rows(args.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
