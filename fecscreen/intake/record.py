"""Record a received contribution exactly once, with the answer the rules gave.

A retry with the same ``(committee_id, transaction_id)`` returns the stored
answer and writes nothing. The row, its provisional donor link and the answer
commit in one transaction, so an acknowledged contribution is durable and a
killed process leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import json

from fecscreen.intake.contribution import Contribution
from fecscreen.intake.screen import Screener, receipt_key


def stored_result(store, committee_id: str, transaction_id: str) -> dict | None:
    row = store.query("SELECT result FROM intake_receipts WHERE committee_id = ? AND transaction_id = ?",
                      [committee_id, transaction_id])
    return json.loads(row[0][0]) if row else None


def record(store, screener: Screener, c: Contribution, *, by: str) -> tuple[dict, bool]:
    """Store ``c``; return (the answer, whether it was new). Call from the one writer."""
    previous = stored_result(store, c.committee_id, c.transaction_id)
    if previous is not None:
        return previous, False
    donor_id, match = screener.match_donor(c)
    result = screener.screen(c, donor_id=donor_id, match=match).to_dict()
    result["transaction_id"] = c.transaction_id
    parts = c.name_parts()
    with store.transaction() as con:
        con.execute(
            "INSERT INTO intake_receipts (committee_id, transaction_id, form_type, entity_type, name, "
            "last_name, first_name, middle_name, suffix, street, city, state, zip, employer, occupation, "
            "amount, date, election, memo, recorded_at, recorded_by, result) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [c.committee_id, c.transaction_id, c.form_type, c.entity_type, c.contributor_name,
             parts["last_name"], parts["first_name"], parts["middle_name"], parts["suffix"], c.street,
             c.city, c.state, c.zip, c.employer, c.occupation, c.amount, c.date, c.election, c.memo,
             dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), by, json.dumps(result)])
        if donor_id is not None:
            con.execute("INSERT INTO donor_links (receipt_key, donor_id) VALUES (?, ?)",
                        [receipt_key(c.committee_id, c.transaction_id), donor_id])
    screener.add(c, donor_id)
    return result, True


__all__ = ["record", "stored_result"]
