"""Review statuses of findings, and the append-only audit log of every change.

A status belongs to a finding's stable ``finding_id`` (a hash of its rule and
evidence rows), so a later ``fecscreen check`` that finds the same thing again
keeps it. A finding with no review is ``open``.
"""

from __future__ import annotations

import datetime as dt

from fecscreen.errors import InputError, NotFoundError

STATUSES = ("open", "inquiry-sent", "refunded", "cleared", "false-positive")
MAX_TEXT = 2000
AUDIT_COLUMNS = ("seq", "finding_id", "changed_at", "actor", "old_status", "new_status", "reason", "evidence")


def status_of(store, finding_ids: list[str]) -> dict[str, str]:
    rows = store.query("SELECT finding_id, status FROM finding_reviews WHERE finding_id IN "
                       "(SELECT unnest(?::VARCHAR[]))", [finding_ids])
    return dict(rows)


def set_status(store, finding_id: str, status: str, reason: str | None, *, by: str,
               evidence: str | None = None) -> dict:
    """Change a finding's status with a reason; the change is appended to the audit log."""
    if status not in STATUSES:
        raise InputError(f"unknown status {status!r}", where="status", hint="one of: " + ", ".join(STATUSES))
    reason = (reason or "").strip()
    if not reason:
        raise InputError("a status change needs a reason", where="reason",
                         hint="say what was done or found, e.g. 'copy of US passport received'")
    if len(reason) > MAX_TEXT or len(evidence or "") > MAX_TEXT:
        raise InputError(f"is longer than {MAX_TEXT} characters",
                         where="reason" if len(reason) > MAX_TEXT else "evidence")
    if not store.scalar("SELECT count(*) FROM findings WHERE finding_id = ?", [finding_id]):
        raise NotFoundError(f"no finding {finding_id!r}", where="id", hint="GET /v1/findings lists them")
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    with store.transaction() as con:
        old = con.execute("SELECT status FROM finding_reviews WHERE finding_id = ?", [finding_id]).fetchall()
        old_status = old[0][0] if old else "open"
        con.execute("INSERT OR REPLACE INTO finding_reviews (finding_id, status, reason, evidence, updated_by, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?)", [finding_id, status, reason, evidence, by, now])
        con.execute("INSERT INTO review_audit (finding_id, changed_at, actor, old_status, new_status, reason, "
                    "evidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [finding_id, now, by, old_status, status, reason, evidence])
    return {"finding_id": finding_id, "old_status": old_status, "status": status, "reason": reason,
            "evidence": evidence, "by": by, "at": now.isoformat()}


def audit(store, *, finding_id: str | None = None, after: int = 0, limit: int = 100) -> list[dict]:
    """Audit entries, oldest first, after sequence number ``after`` (for paging)."""
    sql = f"SELECT {', '.join(AUDIT_COLUMNS)} FROM review_audit WHERE seq > ?"
    params: list = [after]
    if finding_id is not None:
        sql += " AND finding_id = ?"
        params.append(finding_id)
    rows = store.query(sql + " ORDER BY seq LIMIT ?", params + [limit])
    out = []
    for row in rows:
        entry = dict(zip(AUDIT_COLUMNS, row))
        entry["changed_at"] = entry["changed_at"].isoformat()
        out.append(entry)
    return out


__all__ = ["STATUSES", "status_of", "set_status", "audit"]
