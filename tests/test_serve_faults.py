"""A real server under 64 concurrent clients, and killed with SIGKILL mid-stream."""

from __future__ import annotations

import asyncio
import threading

import httpx
import pytest
from serve_live import LiveServer
from serve_support import candidate_committee, fresh_copy

from fecscreen import open_store


def _body(committee, n, tid=None):
    data = {"committee_id": committee, "contributor_name": f"LOADTEST, PERSON{'ABCDEFGHIJ'[n % 10]}",
            "city": "BOSTON", "state": "MA", "zip": f"021{n % 100:02d}", "employer": "ACME",
            "occupation": "NURSE", "amount": 100 + n % 50, "date": "2024-03-04"}
    if tid:
        data["transaction_id"] = tid
    return data


@pytest.fixture()
def db(tmp_path_factory, tmp_path):
    path, tokens = fresh_copy(tmp_path_factory.getbasetemp(), tmp_path / "faults.duckdb")
    with open_store(path) as store:
        committee = candidate_committee(store)
    return path, tokens, committee


def test_64_concurrent_clients_mixing_screens_records_and_reviews(db):
    path, tokens, committee = db
    server = LiveServer(path).start()
    try:
        h = {k: {"Authorization": f"Bearer {v}"} for k, v in tokens.items()}
        fids = [f["id"] for f in httpx.get(server.url + "/v1/findings", params={"limit": 20},
                                           headers=h["read"]).json()["findings"]]

        async def client(i, http):
            statuses = []
            for j in range(6):
                n = i * 6 + j
                kind = n % 3
                if kind == 0:
                    r = await http.post("/v1/screen", json=_body(committee, n), headers=h["intake"])
                elif kind == 1:  # each transaction sent twice, by two different clients
                    r = await http.post("/v1/contributions", json=_body(committee, n, f"C{n // 2}"),
                                        headers=h["intake"])
                else:
                    r = await http.patch(f"/v1/findings/{fids[n % len(fids)]}",
                                         json={"status": "inquiry-sent", "reason": f"batch {n}"},
                                         headers=h["reviewer"])
                statuses.append(r.status_code)
            return statuses

        async def main():
            async with httpx.AsyncClient(base_url=server.url, timeout=120) as http:
                return await asyncio.gather(*(client(i, http) for i in range(64)))

        statuses = [s for group in asyncio.run(main()) for s in group]
        assert len(statuses) == 64 * 6 and set(statuses) == {200}, sorted(set(statuses))
    finally:
        server.stop()
    with open_store(path) as store:
        sent = {f"C{n // 2}" for n in range(64 * 6) if n % 3 == 1}
        rows = store.query("SELECT transaction_id, count(*) FROM intake_receipts GROUP BY 1")
        assert {t for t, _ in rows} == sent and {c for _, c in rows} == {1}
        reviews = sum(1 for n in range(64 * 6) if n % 3 == 2)
        assert store.scalar("SELECT count(*) FROM review_audit") == reviews


def test_kill_9_mid_stream_keeps_every_acknowledged_contribution_once(db):
    path, tokens, committee = db
    server = LiveServer(path).start()
    h = {"Authorization": f"Bearer {tokens['intake']}"}
    acked: list[str] = []
    stop = threading.Event()

    def stream(worker):
        with httpx.Client(base_url=server.url, timeout=30) as http:
            n = 0
            while not stop.is_set():
                tid = f"K{worker}-{n}"
                try:
                    r = http.post("/v1/contributions", json=_body(committee, n, tid), headers=h)
                except httpx.HTTPError:
                    return
                if r.status_code == 200:
                    acked.append(tid)
                n += 1

    threads = [threading.Thread(target=stream, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    while len(acked) < 40:
        threading.Event().wait(0.05)
    server.kill9()
    stop.set()
    for t in threads:
        t.join()
    restarted = LiveServer(path).start()  # a restart opens the store and replays its log
    try:
        assert httpx.get(restarted.url + "/health").status_code == 200
        again = httpx.post(restarted.url + "/v1/contributions", json=_body(committee, 0, acked[0]), headers=h)
        assert again.status_code == 200 and again.json()["transaction_id"] == acked[0]
    finally:
        restarted.stop()
    with open_store(path) as store:
        rows = dict(store.query("SELECT transaction_id, count(*) FROM intake_receipts GROUP BY 1"))
        assert set(acked) <= set(rows), "an acknowledged contribution was lost"
        assert set(rows.values()) == {1}
        # nothing half-written: every stored row has its answer
        assert store.scalar("SELECT count(*) FROM intake_receipts WHERE result IS NULL") == 0
