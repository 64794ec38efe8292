"""Looking at one donor, and correcting the linkage by hand.

``show`` returns a donor's records and the scored pairs that joined (or failed
to join) its profiles, with the weight each comparison contributed.
``merge`` and ``split`` record an override in ``donor_overrides`` (who, when,
why) and re-apply all overrides at once; every later ``resolve`` re-applies
them too, so a correction is never lost to a re-run.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field

from fecscreen.donors.linking import COMPARISONS, stored_model
from fecscreen.donors.scoring import default_model
from fecscreen.donors.stable_ids import assign_ids
from fecscreen.errors import InputError
from fecscreen.store import Store


@dataclass
class PairExplanation:
    profile_l: str
    profile_r: str
    match_weight: float
    match_probability: float
    linked: bool
    reason: str | None
    parts: list[tuple[str, str, float]]  # (comparison, level label, weight in bits)


@dataclass
class DonorView:
    donor_id: str
    records: list[dict]
    pairs: list[PairExplanation]
    overrides: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "donor_id": self.donor_id,
            "records": self.records,
            "pairs": [p.__dict__ for p in self.pairs],
            "overrides": self.overrides,
        }


def _rows(store: Store, sql: str, params: list | None = None) -> list[dict]:
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def level_labels(store: Store) -> dict[str, dict[int, str]]:
    """comparison -> gamma -> label, from the stored model (default model if none)."""
    stored = stored_model(store)
    settings = stored[0] if stored else default_model()
    out: dict[str, dict[int, str]] = {}
    for comp in settings["comparisons"]:
        levels = comp["comparison_levels"]
        labels: dict[int, str] = {}
        n = len([lv for lv in levels if not lv.get("is_null_level")])
        g = n - 1
        for lv in levels:
            if lv.get("is_null_level"):
                labels[-1] = lv.get("label_for_charts", "null")
            else:
                labels[g] = lv.get("label_for_charts", lv["sql_condition"])
                g -= 1
        out[comp["output_column_name"]] = labels
    return out


def _require_donor(store: Store, donor_id: str) -> None:
    found = store.con.execute(
        "SELECT count(*) FROM donor_links WHERE donor_id = ?", [donor_id]
    ).fetchall()[0][0]
    if not found:
        raise InputError(
            f"no donor with id {donor_id!r}",
            where="DONOR_ID",
            hint="run `fecscreen resolve` first, and copy an id from `receipts.donor_id`",
        )


def show(store: Store, donor_id: str) -> DonorView:
    """The records of ``donor_id`` and why they were joined."""
    _require_donor(store, donor_id)
    records = _rows(
        store,
        """SELECT r.receipt_key, r.name, r.street_1, r.city, r.state, r.zip, r.employer,
                  r.occupation, r.committee_id, r.date, r.amount, l.profile_id
           FROM receipts r
           JOIN donor_links l USING (receipt_key)
           WHERE l.donor_id = ? ORDER BY r.date, r.receipt_key""",
        [donor_id],
    )
    labels = level_labels(store)
    cols = ", ".join(f"g_{c}, w_{c}" for c in COMPARISONS)
    edge_rows = _rows(
        store,
        f"""WITH p AS (SELECT DISTINCT profile_id FROM donor_links WHERE donor_id = ?)
            SELECT profile_l, profile_r, match_weight, match_probability, linked, reason, {cols}
            FROM donor_edges
            WHERE profile_l IN (SELECT profile_id FROM p)
              AND profile_r IN (SELECT profile_id FROM p)
            ORDER BY match_weight DESC, profile_l, profile_r""",
        [donor_id],
    )
    pairs = [
        PairExplanation(
            e["profile_l"], e["profile_r"], e["match_weight"], e["match_probability"],
            bool(e["linked"]), e["reason"],
            [(c, labels.get(c, {}).get(e[f"g_{c}"], str(e[f"g_{c}"])), e[f"w_{c}"])
             for c in COMPARISONS],
        )
        for e in edge_rows
    ]
    keys = [r["receipt_key"] for r in records]
    overrides = _rows(
        store,
        """SELECT override_id, action, donor_ids, receipt_keys, reason, made_by, made_at
           FROM donor_overrides
           WHERE list_contains(donor_ids, ?) OR len(list_intersect(receipt_keys, ?)) > 0
           ORDER BY override_id""",
        [donor_id, keys],
    )
    return DonorView(donor_id, records, pairs, overrides)


def _who(by: str | None) -> str:
    if by:
        return by
    try:
        return os.environ.get("USER") or getpass.getuser()
    except Exception:  # pragma: no cover - no user name available
        return "unknown"


def _reason(reason: str | None) -> str:
    if not reason or not reason.strip():
        raise InputError("a reason is required", where="--reason",
                         hint="say why, e.g. --reason 'same person: confirmed by the committee'")
    return reason.strip()


def merge(store: Store, donor_ids: list[str], *, reason: str, by: str | None = None) -> str:
    """Join donors into one; returns the id the merged donor has now."""
    reason = _reason(reason)
    ids = list(dict.fromkeys(donor_ids))
    if len(ids) < 2:
        raise InputError("merge needs at least two different donor ids", where="DONOR_ID",
                         hint="fecscreen donor merge D1 D2 --reason '...'")
    for d in ids:
        _require_donor(store, d)
    anchors = [
        store.con.execute("SELECT min(receipt_key) FROM donor_links WHERE donor_id = ?",
                          [d]).fetchall()[0][0]
        for d in ids
    ]
    store.con.execute(
        "INSERT INTO donor_overrides (action, donor_ids, receipt_keys, reason, made_by) "
        "VALUES ('merge', ?, ?, ?, ?)", [ids, anchors, reason, _who(by)],
    )
    assign_ids(store)
    return store.con.execute("SELECT donor_id FROM donor_links WHERE receipt_key = ?",
                             [anchors[0]]).fetchall()[0][0]


def split(store: Store, donor_id: str, receipt_keys: list[str], *, reason: str,
          by: str | None = None) -> str:
    """Move ``receipt_keys`` out of ``donor_id`` into a donor of their own; returns its id."""
    reason = _reason(reason)
    _require_donor(store, donor_id)
    keys = list(dict.fromkeys(receipt_keys))
    if not keys:
        raise InputError("split needs the records to move out", where="--records",
                         hint="fecscreen donor split D1 --records B:123 --records B:456 "
                              "--reason '...'")
    members = {r[0] for r in store.con.execute(
        "SELECT receipt_key FROM donor_links WHERE donor_id = ?", [donor_id]).fetchall()}
    missing = [k for k in keys if k not in members]
    if missing:
        raise InputError(
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not records of "
            f"{donor_id}",
            where="--records",
            hint=f"list the records with `fecscreen donor show {donor_id}`",
        )
    if len(keys) == len(members):
        raise InputError("that would move every record; nothing would be left to split from",
                         where="--records", hint="name only the records that are someone else")
    store.con.execute(
        "INSERT INTO donor_overrides (action, donor_ids, receipt_keys, reason, made_by) "
        "VALUES ('split', ?, ?, ?, ?)", [[donor_id], keys, reason, _who(by)],
    )
    assign_ids(store)
    return store.con.execute("SELECT donor_id FROM donor_links WHERE receipt_key = ?",
                             [keys[0]]).fetchall()[0][0]


__all__ = ["show", "merge", "split", "DonorView", "PairExplanation", "level_labels"]
