"""Findings of the latest check, filtered and paged, with their evidence rows and review status.

Read by the report (evidence rows) and the service (``GET /v1/findings``). Paging is
by a cursor: the last ``finding_id`` of a page, findings ordered by id, so a page
boundary stays put while reviews change.
"""

from __future__ import annotations

from fecscreen.errors import InputError, NotFoundError
from fecscreen.findings import FINDING_COLUMNS, Finding, _from_row, latest_run
from fecscreen.reviews import STATUSES, status_of

MAX_EVIDENCE_ROWS = 25
MAX_PAGE = 500
EVIDENCE_COLUMNS = (
    "receipt_key", "source", "filing_id", "sub_id", "transaction_id", "committee_id",
    "form_type", "entity_type", "name", "street_1", "city", "state", "zip", "employer",
    "occupation", "date", "amount", "election_code", "memo_code", "other_id", "donor_id",
)


def attach_evidence(store, findings: list[Finding], limit: int = MAX_EVIDENCE_ROWS) -> None:
    """Fill each finding's ``evidence`` with up to ``limit`` of its receipts rows."""
    keys = sorted({k for f in findings for k in f.receipt_keys[:limit]})
    if not keys:
        return
    cols = ", ".join(f"r.{c}" for c in EVIDENCE_COLUMNS)
    cur = store.con.execute(
        f"SELECT {cols} FROM receipts r SEMI JOIN (SELECT unnest(?::VARCHAR[]) AS k) w ON r.receipt_key = w.k",
        [keys])
    names = [d[0] for d in cur.description]
    by_key = {row[0]: dict(zip(names, row)) for row in cur.fetchall()}
    for f in findings:
        f.evidence = [by_key[k] for k in f.receipt_keys[:limit] if k in by_key]


def public(f: Finding, status: str) -> dict:
    """The one finding shape plus the service's ``id`` and review ``status``."""
    return {"id": f.finding_id, "status": status, **f.to_dict()}


def list_findings(store, *, group=None, rule=None, committee_id=None, status=None, q=None,
                  cursor=None, limit: int = 50) -> tuple[list[dict], str | None]:
    """One page of the latest run's findings and the cursor of the next page (or None)."""
    if status is not None and status not in STATUSES:
        raise InputError(f"unknown status {status!r}", where="status", hint=", ".join(STATUSES))
    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"must be 1 to {MAX_PAGE}", where="limit")
    run = latest_run(store)
    if run is None:
        return [], None
    where, params = ["run_id = ?"], [run]
    for column, value in (('"group"', group), ("rule", rule and rule.upper()),
                          ("committee_id", committee_id and committee_id.upper())):
        if value:
            where.append(f"findings.{column} = ?")
            params.append(value)
    if q:
        where.append("findings.donor->>'name' ILIKE ?")
        params.append("%" + q.replace("%", "").replace("_", "") + "%")
    if cursor:
        where.append("findings.finding_id > ?")
        params.append(cursor)
    outer, tail = "", []
    if status:
        outer, tail = "WHERE review_status = ?", [status]
    rows = store.query(
        f"SELECT * FROM (SELECT {FINDING_COLUMNS}, coalesce((SELECT v.status FROM finding_reviews v "
        f"WHERE v.finding_id = findings.finding_id), 'open') AS review_status FROM findings "
        f"WHERE {' AND '.join(where)}) {outer} ORDER BY finding_id LIMIT ?", params + tail + [limit + 1])
    page = [public(_from_row(r[:-1]), r[-1]) for r in rows[:limit]]
    return page, (page[-1]["id"] if len(rows) > limit else None)


def get_finding(store, finding_id: str) -> tuple[Finding, str]:
    """One finding of the latest run that has it, with its evidence rows, and its status."""
    rows = store.query(f"SELECT {FINDING_COLUMNS} FROM findings WHERE finding_id = ? "
                       "ORDER BY run_id DESC LIMIT 1", [finding_id])
    if not rows:
        raise NotFoundError(f"no finding {finding_id!r}", where="id", hint="GET /v1/findings lists them")
    finding = _from_row(rows[0])
    attach_evidence(store, [finding])
    return finding, status_of(store, [finding_id]).get(finding_id, "open")


__all__ = ["attach_evidence", "list_findings", "get_finding", "public", "EVIDENCE_COLUMNS"]
