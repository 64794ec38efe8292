"""The HTTP API through FastAPI's test client, on a real generated store."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from serve_support import candidate_committee, fresh_copy

from fecscreen import open_store
from fecscreen.serve import create_app


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    db, tokens = fresh_copy(tmp_path_factory.getbasetemp(), root / "api.duckdb")
    with open_store(db) as store:
        committee = candidate_committee(store)
    with TestClient(create_app(str(db))) as client:
        yield client, tokens, committee


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def body(committee, **extra):
    data = {"committee_id": committee, "contributor_name": "DUPONT, MARIE", "street": "5 RUE DE RIVOLI",
            "city": "PARIS", "state": "ZZ", "zip": "75001", "employer": "SELF", "occupation": "WRITER",
            "amount": 250, "date": "2024-03-01"}
    data.update(extra)
    return data


def test_health_needs_no_token(service):
    client, _, _ = service
    assert client.get("/health").json() == {"status": "ok"}


def test_openapi_and_docs_are_served(service):
    client, _, _ = service
    spec = client.get("/openapi.json").json()
    assert {"/v1/screen", "/v1/contributions", "/v1/findings", "/v1/findings/{finding_id}",
            "/v1/findings/{finding_id}/history", "/v1/audit"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize("headers, status", [
    ({}, 401), ({"Authorization": "Bearer fsk_nope"}, 401), ({"Authorization": "Basic abc"}, 401)])
def test_no_or_bad_token_is_401(service, headers, status):
    client, _, committee = service
    r = client.post("/v1/screen", json=body(committee), headers=headers)
    assert r.status_code == status
    assert r.json()["error"]["code"] == "unauthorized"
    assert r.json()["error"]["field"] == "Authorization"


def test_roles(service):
    client, tokens, committee = service
    assert client.post("/v1/screen", json=body(committee), headers=auth(tokens["read"])).status_code == 403
    assert client.get("/v1/findings", headers=auth(tokens["read"])).status_code == 200
    fid = client.get("/v1/findings", headers=auth(tokens["read"])).json()["findings"][0]["id"]
    r = client.patch(f"/v1/findings/{fid}", json={"status": "cleared", "reason": "x"}, headers=auth(tokens["intake"]))
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"


def test_screen_a_foreign_address_asks_for_review_and_writes_nothing(service):
    client, tokens, committee = service
    with_before = client.get("/v1/findings", headers=auth(tokens["read"])).json()
    r = client.post("/v1/screen", json=body(committee), headers=auth(tokens["intake"]))
    assert r.status_code == 200
    out = r.json()
    assert out["decision"] == "review"
    fn = [f for f in out["findings"] if f["rule"] == "FN001"]
    assert len(fn) == 1
    assert "11 CFR 110.20(a)(5)" in fn[0]["citations"]
    assert fn[0]["group"] == "foreign-national" and fn[0]["amount"] == 250.0
    assert out["donor"]["aggregate_before"] == 0.0 and out["donor"]["aggregate_after"] == 250.0
    assert out["donor"]["election"] == "P2024" and out["donor"]["limit"] == 3300.0
    assert client.get("/v1/findings", headers=auth(tokens["read"])).json() == with_before


def test_screen_a_clean_contribution_is_clear(service):
    client, tokens, committee = service
    r = client.post("/v1/screen", json=body(committee, contributor_name="NEWPERSON, ALEX", city="ARLINGTON",
                                            state="VA", zip="22201", amount=100, employer="ACME INC",
                                            occupation="ENGINEER"), headers=auth(tokens["intake"]))
    assert r.json()["decision"] == "clear" and r.json()["findings"] == []


@pytest.mark.parametrize("change, field", [
    ({"amount": -5}, "amount"), ({"amount": "lots"}, "amount"), ({"amount": 0}, "amount"),
    ({"date": "03/01/2024"}, "date"), ({"date": "2024-02-30"}, "date"),
    ({"committee_id": "C12"}, "committee_id"), ({"committee_id": "C00000001"}, "committee_id"),
    ({"contributor_name": "MARIE DUPONT"}, "contributor_name"), ({"entity_type": "XYZ"}, "entity_type"),
    ({"state": "Virginia"}, "state"), ({"nickname": "M"}, "nickname"), ({"amount": [1]}, "amount"),
])
def test_bad_fields_are_4xx_naming_the_field(service, change, field):
    client, tokens, committee = service
    r = client.post("/v1/screen", json=body(committee, **change), headers=auth(tokens["intake"]))
    assert 400 <= r.status_code < 500
    assert r.json()["error"]["field"] == field, r.json()
    assert set(r.json()["error"]) == {"code", "message", "field"}


def test_bad_json_is_400(service):
    client, tokens, _ = service
    r = client.post("/v1/screen", content=b"{not json", headers={**auth(tokens["intake"]),
                                                               "content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_json"


def test_record_is_idempotent_and_check_screens_it(service):
    client, tokens, committee = service
    data = body(committee, transaction_id="T-API-1", amount=3500, contributor_name="ROSSI, LUCA")
    first = client.post("/v1/contributions", json=data, headers=auth(tokens["intake"]))
    assert first.status_code == 200
    assert {f["rule"] for f in first.json()["findings"]} >= {"FN001", "EX001"}
    again = client.post("/v1/contributions", json=data, headers=auth(tokens["intake"]))
    assert again.json() == first.json()
    check = client.post("/v1/check", headers=auth(tokens["reviewer"]))
    assert check.status_code == 200
    found = client.get("/v1/findings", params={"q": "ROSSI", "limit": 500}, headers=auth(tokens["read"])).json()
    assert {f["rule"] for f in found["findings"]} >= {"FN001", "EX001"}
    assert all(f["transactions"][0]["transaction_id"] == "T-API-1" for f in found["findings"]
               if f["donor"]["name"] == "ROSSI, LUCA")


def test_review_needs_a_reason_and_is_audited(service):
    client, tokens, _ = service
    fid = client.get("/v1/findings", params={"rule": "FN001"}, headers=auth(tokens["read"])).json()["findings"][0]["id"]
    r = client.patch(f"/v1/findings/{fid}", json={"status": "inquiry-sent"}, headers=auth(tokens["reviewer"]))
    assert r.status_code == 422 and r.json()["error"]["field"] == "reason"
    r = client.patch(f"/v1/findings/{fid}", json={"status": "inquiry-sent", "reason": "letter sent 3 Mar",
                                                  "evidence": "letter 24-031"}, headers=auth(tokens["reviewer"]))
    assert r.status_code == 200 and r.json()["old_status"] == "open"
    r = client.patch(f"/v1/findings/{fid}", json={"status": "cleared", "reason": "copy of US passport"},
                     headers=auth(tokens["reviewer"]))
    assert r.json()["old_status"] == "inquiry-sent"
    history = client.get(f"/v1/findings/{fid}/history", headers=auth(tokens["read"])).json()["history"]
    assert [(h["old_status"], h["new_status"], h["actor"]) for h in history] == [
        ("open", "inquiry-sent", "reviewer-1"), ("inquiry-sent", "cleared", "reviewer-1")]
    assert client.get(f"/v1/findings/{fid}", headers=auth(tokens["read"])).json()["status"] == "cleared"
    assert client.get(f"/v1/findings/{fid}", headers=auth(tokens["read"])).json()["evidence"]
    cleared = client.get("/v1/findings", params={"status": "cleared"}, headers=auth(tokens["read"])).json()
    assert [f["id"] for f in cleared["findings"]] == [fid]
    # a later check finds it again and keeps its status
    client.post("/v1/check", headers=auth(tokens["reviewer"]))
    assert client.get(f"/v1/findings/{fid}", headers=auth(tokens["read"])).json()["status"] == "cleared"
    log = client.get("/v1/audit", headers=auth(tokens["read"])).json()["audit"]
    assert [e["new_status"] for e in log if e["finding_id"] == fid] == ["inquiry-sent", "cleared"]


def test_unknown_finding_is_404(service):
    client, tokens, _ = service
    r = client.get("/v1/findings/nope", headers=auth(tokens["read"]))
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client.patch("/v1/findings/nope", json={"status": "cleared", "reason": "x"}, headers=auth(tokens["reviewer"]))
    assert r.status_code == 404


def test_paging_with_a_cursor_covers_every_finding_once(service):
    client, tokens, _ = service
    seen, cursor = [], None
    while True:
        params = {"limit": 7} | ({"cursor": cursor} if cursor else {})
        page = client.get("/v1/findings", params=params, headers=auth(tokens["read"])).json()
        seen += [f["id"] for f in page["findings"]]
        cursor = page["next"]
        if cursor is None:
            break
    everything = client.get("/v1/findings", params={"limit": 500}, headers=auth(tokens["read"])).json()
    assert seen == [f["id"] for f in everything["findings"]] and len(seen) == len(set(seen)) > 7


def test_filters(service):
    client, tokens, _ = service
    page = client.get("/v1/findings", params={"group": "excessive", "limit": 500}, headers=auth(tokens["read"])).json()
    assert page["findings"] and {f["group"] for f in page["findings"]} == {"excessive"}
    page = client.get("/v1/findings", params={"rule": "fn002"}, headers=auth(tokens["read"])).json()
    assert page["findings"] and {f["rule"] for f in page["findings"]} == {"FN002"}


def test_the_report_shows_review_statuses(tmp_path, tmp_path_factory):
    from fecscreen.report.data import collect
    from fecscreen.reviews import set_status

    db, _ = fresh_copy(tmp_path_factory.getbasetemp(), tmp_path / "r.duckdb")
    with open_store(db) as store:
        fid = store.scalar("SELECT min(finding_id) FROM findings")
        set_status(store, fid, "refunded", "refund check 1042 mailed", by="ann")
        data = collect(store)
        shown = {f.finding_id: f.review_status for g in data.groups for f in g.findings}
    assert shown[fid] == "refunded"
    assert set(shown.values()) == {"open", "refunded"}
