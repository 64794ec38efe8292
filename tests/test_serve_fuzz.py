"""Schemathesis against the service's own OpenAPI schema: no input makes a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from serve_support import fresh_copy

from fecscreen.serve import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db, tokens = fresh_copy(tmp_path_factory.getbasetemp(), tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb")
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as c:
        yield c, tokens


def test_no_generated_request_gets_a_5xx(client):
    c, tokens = client
    schema = schemathesis.openapi.from_dict(c.get("/openapi.json").json())
    failures, seen = [], set()
    operations = [op.ok() for op in schema.get_all_operations()]
    assert len(operations) >= 8

    for operation in operations:
        @settings(max_examples=25, deadline=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            headers = {**(case.headers or {}), "Authorization": f"Bearer {tokens['reviewer']}"}
            kwargs = case.as_transport_kwargs(base_url="http://testserver", headers=headers)
            kwargs.pop("base_url", None)
            url = kwargs.pop("url")
            response = c.request(kwargs.pop("method"), url.replace("http://testserver", ""), **{
                k: v for k, v in kwargs.items() if k in ("headers", "params", "json", "content", "data")})
            seen.add(response.status_code)
            if response.status_code >= 500:
                failures.append((case.method, case.path, response.status_code, response.text[:200]))
            elif response.status_code >= 400:
                assert set(response.json()["error"]) == {"code", "message", "field"}

        run()
    assert failures == []
    assert 200 in seen and 422 in seen and 404 in seen, seen  # valid, invalid and unknown ids all reached
