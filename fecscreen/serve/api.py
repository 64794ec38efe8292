"""The JSON routes under /v1: thin calls into fecscreen.intake, findings_query and reviews."""

from __future__ import annotations

import json
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from fecscreen.findings_query import get_finding, list_findings, public
from fecscreen.intake import parse_contribution
from fecscreen.intake.record import record
from fecscreen.reviews import audit, set_status
from fecscreen.tokens import Token

router = APIRouter(prefix="/v1")


def state(request: Request):
    return request.app.state.service


def need(role: str):
    """A dependency: the request's bearer token, which must allow ``role``."""
    def check(request: Request) -> Token:
        return state(request).tokens.authenticate(request.headers.get("authorization"), role)
    return check


class ContributionIn(BaseModel):
    """A prospective contribution. Only the fields listed are accepted."""

    model_config = ConfigDict(extra="forbid")
    committee_id: str = Field(examples=["C00401224"])
    contributor_name: str = Field(description="LAST, FIRST MIDDLE (or the organisation's name)",
                                  examples=["SMITH, JANE A"])
    entity_type: str | None = Field(None, description="IND (default), ORG, PAC, PTY, CAN, CCM, COM")
    street: str | None = None
    city: str | None = None
    state: str | None = Field(None, description="two letters; ZZ for a foreign country")
    zip: str | None = None
    employer: str | None = None
    occupation: str | None = None
    amount: float | str = Field(description="dollars, positive", examples=[250])
    date: str = Field(description="YYYY-MM-DD", examples=["2024-10-15"])
    election: str | None = Field(None, description="e.g. P2024; default: the next election")
    memo: str | None = None


class ReceivedIn(ContributionIn):
    transaction_id: str = Field(description="the committee's own id for this receipt; a retry with the "
                                "same id is answered with the stored result")


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Literal["open", "inquiry-sent", "refunded", "cleared", "false-positive"]
    reason: str | None = Field(None, description="required: what was done or found")
    evidence: str | None = None


@router.post("/screen", summary="What the rules would find if this contribution were accepted (writes nothing)")
def screen(body: ContributionIn, request: Request, token: Token = Depends(need("intake"))) -> dict:
    c = parse_contribution(body.model_dump(exclude_unset=True))
    return state(request).screener.screen(c).to_dict()


@router.post("/contributions", summary="Record a received contribution and return its findings (idempotent)")
def contributions(body: ReceivedIn, request: Request, token: Token = Depends(need("intake"))) -> dict:
    c = parse_contribution(body.model_dump(exclude_unset=True), with_transaction_id=True)
    svc = state(request)
    result, _new = svc.write(record, svc.screener, c, by=token.name)
    return result


@router.get("/findings", summary="Findings of the latest check, filtered, a page at a time")
def findings(request: Request, group: str | None = None, rule: str | None = None,
             committee_id: str | None = None,
             status: Literal["open", "inquiry-sent", "refunded", "cleared", "false-positive"] | None = None,
             q: str | None = Query(None, description="part of the donor's name"),
             cursor: str | None = None, limit: int = Query(50, ge=1, le=500),
             token: Token = Depends(need("read"))) -> dict:
    page, nxt = list_findings(state(request).reader(), group=group, rule=rule, committee_id=committee_id,
                              status=status, q=q, cursor=cursor, limit=limit)
    return {"findings": page, "next": nxt}


@router.get("/findings/{finding_id}", summary="One finding with its evidence rows")
def finding(finding_id: str, request: Request, token: Token = Depends(need("read"))) -> dict:
    f, status = get_finding(state(request).reader(), finding_id)
    return {**public(f, status), "evidence": _jsonable(f.evidence)}


@router.patch("/findings/{finding_id}", summary="Change a finding's review status (a reason is required)")
def review(finding_id: str, body: ReviewIn, request: Request, token: Token = Depends(need("reviewer"))) -> dict:
    svc = state(request)
    return svc.write(set_status, finding_id, body.status, body.reason, by=token.name, evidence=body.evidence)


@router.get("/findings/{finding_id}/history", summary="Every status change of one finding, oldest first")
def history(finding_id: str, request: Request, token: Token = Depends(need("read"))) -> dict:
    store = state(request).reader()
    get_finding(store, finding_id)  # 404 for an unknown id
    return {"history": audit(store, finding_id=finding_id, limit=10_000)}


@router.get("/audit", summary="The audit log of review changes, oldest first, paged by sequence number")
def audit_log(request: Request, after: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=1000),
              token: Token = Depends(need("read"))) -> dict:
    entries = audit(state(request).reader(), after=after, limit=limit)
    return {"audit": entries, "next": entries[-1]["seq"] if len(entries) == limit else None}


@router.post("/check", summary="Run every rule over the store again (as `fecscreen check`); statuses are kept")
def check(request: Request, token: Token = Depends(need("reviewer"))) -> dict:
    from fecscreen.rules import run_check

    result = state(request).write(run_check)
    return {"run_id": result.run_id, "findings": len(result.findings), "counts": result.counts()}


def _jsonable(rows: list[dict]) -> list[dict]:
    return json.loads(json.dumps(rows, default=str))



__all__ = ["router"]
