"""The service under load: screens and recordings against the same server's /health.

Builds a store of N receipts (generated filings and bulk rows, the bulk rows repeated
with other names and ZIP codes up to N; cached in bench/data/), starts
``fecscreen serve --workers W`` on it, and drives it with an async httpx client at a
fixed concurrency, for a fixed time per route, in this order: ``GET /health`` (the peer:
the same server, the same client, no work), ``POST /v1/screen`` (varied contributions:
existing donors near their limit, foreign addresses, new donors), ``POST
/v1/contributions`` (new transaction ids). Prints requests per second, p50 and p99
latency, and each route's rate as a ratio of /health's.

    python bench/bench_serve.py --receipts 1000000 --workers 2
    python bench/bench_serve.py --receipts 100000 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from serve_live import LiveServer  # noqa: E402

from fecscreen import open_store  # noqa: E402
from fecscreen.ingest import load_paths  # noqa: E402
from fecscreen.synth.generate import generate  # noqa: E402
from fecscreen.tokens import create_token  # noqa: E402

DATA = ROOT / "bench" / "data"


def build_store(n: int) -> Path:
    db = DATA / f"serve-{n}.duckdb"
    if db.exists():
        return db
    DATA.mkdir(parents=True, exist_ok=True)
    tmp = db.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    g = generate(DATA / "serve-files", seed=11, scale=1.0)
    with open_store(tmp) as store:
        load_paths(store, [str(p) for p in g.filings + g.bulk])
        base = store.scalar("SELECT count(*) FROM bulk_receipts")
        have = store.scalar("SELECT count(*) FROM receipts")
        if not base:
            raise SystemExit("the generated sample has no bulk rows to repeat")
        copies = max(0, -(-(n - have) // base))
        # each copy another set of people: a letter pair after the last name, ZIP codes shifted
        store.con.execute(f"""
INSERT INTO bulk_receipts
SELECT b.* REPLACE (b.sub_id + k.k * 1000000000 AS sub_id,
                    replace(b.name, ',', chr(CAST(65 + k.k % 26 AS INTEGER)) || chr(CAST(65 + (k.k // 26) % 26 AS INTEGER)) || ',') AS name,
                    lpad(CAST((CAST(coalesce(nullif(regexp_extract(b.zip_code, '^[0-9]+'), ''), '0') AS BIGINT)
                               + k.k * 7) % 100000 AS VARCHAR), 5, '0') AS zip_code)
FROM bulk_receipts b CROSS JOIN range(1, {copies + 1}) k(k)
""")
        store.con.execute("CHECKPOINT")
    tmp.rename(db)
    return db


def contributions(db: Path, seed: int = 3) -> tuple[list[dict], str]:
    with open_store(db) as store:
        committee = store.scalar("SELECT committee_id FROM receipts_current GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
        donors = store.query("SELECT name, city, state, zip, employer, occupation FROM receipts_current "
                             "WHERE committee_id = ? AND name LIKE '%,%' USING SAMPLE 500 ROWS", [committee])
    rnd = random.Random(seed)
    out = []
    for i in range(1000):
        if i % 3 == 0:
            out.append({"contributor_name": f"NEWCOMER, P{'ABCDEFGHIJ'[i % 10]}", "city": "DENVER", "state": "CO",
                        "zip": "80202", "amount": 100})
        elif i % 3 == 1:
            out.append({"contributor_name": "ABROAD, KIM", "city": "LONDON", "state": "ZZ", "zip": "SW1A1AA",
                        "amount": 250})
        else:
            name, city, state, zip_code, employer, occupation = rnd.choice(donors)
            out.append({"contributor_name": name, "city": city, "state": state, "zip": zip_code,
                        "employer": employer, "occupation": occupation, "amount": rnd.choice([500, 2900])})
        out[-1].update(committee_id=committee, date="2024-03-01")
    return out, committee


async def drive(url, method, path, bodies, headers, seconds, concurrency):
    latencies, errors = [], 0
    stop = time.perf_counter() + seconds
    counter = iter(range(10**9))

    async def worker(http):
        nonlocal errors
        while time.perf_counter() < stop:
            i = next(counter)
            body = bodies(i) if bodies else None
            t0 = time.perf_counter()
            r = await http.request(method, path, json=body, headers=headers)
            latencies.append(time.perf_counter() - t0)
            errors += r.status_code >= 400

    async with httpx.AsyncClient(base_url=url, timeout=60,
                                 limits=httpx.Limits(max_connections=concurrency)) as http:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(http) for _ in range(concurrency)))
        elapsed = time.perf_counter() - t0
    latencies.sort()
    return {"rate": len(latencies) / elapsed, "p50": statistics.median(latencies) * 1000,
            "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000, "n": len(latencies), "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--receipts", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--concurrency", type=int, default=16)
    args = ap.parse_args()
    t0 = time.perf_counter()
    source = build_store(args.receipts)
    db = DATA / "serve-run.duckdb"
    shutil.copy(source, db)
    with open_store(db) as store:
        token = create_token(store, f"bench-{time.time_ns()}", "intake")
        n = store.scalar("SELECT count(*) FROM receipts")
    bodies, committee = contributions(db)
    print(f"store: {n:,} receipts ({time.perf_counter() - t0:.0f} s to build or read)")
    server = LiveServer(db, workers=args.workers)
    t1 = time.perf_counter()
    server.start()
    print(f"server start (copies and indexes the receipts): {time.perf_counter() - t1:.1f} s")
    h = {"Authorization": f"Bearer {token}"}
    try:
        runs = {
            "GET /health": asyncio.run(drive(server.url, "GET", "/health", None, None, args.seconds, args.concurrency)),
            "POST /v1/screen": asyncio.run(drive(server.url, "POST", "/v1/screen", lambda i: bodies[i % len(bodies)],
                                                 h, args.seconds, args.concurrency)),
            "POST /v1/contributions": asyncio.run(drive(
                server.url, "POST", "/v1/contributions",
                lambda i: {**bodies[i % len(bodies)], "transaction_id": f"B{time.time_ns()}-{i}"},
                h, args.seconds, args.concurrency)),
        }
    finally:
        server.stop()
    peer = runs["GET /health"]["rate"]
    print(f"\n{args.workers} workers, {args.concurrency} concurrent clients, {args.seconds:.0f} s per route")
    print(f"{'route':<24} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs /health':>11}")
    for route, r in runs.items():
        print(f"{route:<24} {r['rate']:>9.1f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['errors']:>7} "
              f"{r['rate'] / peer:>10.3f}x")


if __name__ == "__main__":
    main()
