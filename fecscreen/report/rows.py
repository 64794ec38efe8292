"""Small helpers of the report's queries: rows as dicts, JSON columns, the committee filter."""

from __future__ import annotations

import json
from typing import Any

from fecscreen.store import Store


def rows(store: Store, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    """The rows of ``sql`` as dicts, by column name."""
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def json_value(value, default):
    """A JSON column's value as Python (``default`` when null or not JSON)."""
    if value is None:
        return default
    if isinstance(value, (list, dict)):
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return default


def committee_filter(committee: str | None, column: str = "committee_id") -> tuple[str, list]:
    """`` AND column = ?`` and its parameter for one committee, or nothing."""
    return (f" AND {column} = ?", [committee]) if committee else ("", [])


__all__ = ["rows", "json_value", "committee_filter"]
