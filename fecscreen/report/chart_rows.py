"""What the report's charts show, read from the store.

Each function returns the rows of one chart (receipts per week and the flagged
receipts, foreign receipts by country, donors against the limit, straw-donor
clusters); :func:`fecscreen.report.data.collect` calls them, after it has made
the temporary table of flagged receipts (``report_flagged``) they read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fecscreen.findings import Finding
from fecscreen.law.params import load_params
from fecscreen.report.rows import committee_filter, json_value, rows
from fecscreen.sql.keys import donor_key_sql as rules_key
from fecscreen.sql.keys import election_type_sql, election_year_sql
from fecscreen.store import Store

MAX_FLAGGED_POINTS = 3000  # receipts drawn in the flagged-receipts chart, the largest first


def donor_key_sql(alias: str = "r") -> str:
    """The rules' donor key (resolved donor id, else name + ZIP5) for receipts row ``alias``.

    Defined once, in :func:`fecscreen.sql.keys.donor_key_sql`, and given the
    same columns as the rules' ``screen_donors`` (donor id, filed name, postal
    code), so the report counts and totals donors exactly as the rules do.
    """
    return rules_key(f"{alias}.donor_id", f"{alias}.name", "NULL", "NULL", f"{alias}.zip")


def weekly(store: Store, committee: str | None) -> list[dict[str, Any]]:
    where, params = committee_filter(committee)
    return rows(
        store,
        "SELECT CAST(date_trunc('week', date) AS DATE) AS week, count(*) AS receipts, "
        "CAST(sum(amount) AS DOUBLE) AS amount FROM receipts_current "
        "WHERE date IS NOT NULL AND counts_toward_totals" + where + " GROUP BY 1 ORDER BY 1",
        params,
    )


def flagged_points(store: Store, committee: str | None) -> list[dict[str, Any]]:
    where, params = committee_filter(committee, "r.committee_id")
    return rows(
        store,
        "SELECT r.date, CAST(r.amount AS DOUBLE) AS amount, f.\"group\", f.rule, r.committee_id "
        "FROM receipts_current r JOIN report_flagged f USING (receipt_key) "
        "WHERE r.date IS NOT NULL AND r.amount > 0" + where +
        f" ORDER BY r.amount DESC LIMIT {MAX_FLAGGED_POINTS}",
        params,
    )


def foreign_label(state: str | None, detail: dict[str, Any]) -> str:
    """A foreign receipt's label: the country its address names, else the foreign city, else
    what the state field shows. The country and city come from the finding's detail, as the
    foreign-national rules found them (``relations/questioned.sql``)."""
    state = (state or "").strip().upper()
    if detail.get("country"):
        return str(detail["country"]).title()
    if detail.get("city"):
        return f"{str(detail['city']).title()} (city)"
    if state == "ZZ":
        return "State ZZ, no country named"
    if not state:
        return "No state, foreign postal code"
    return "Other address indicator"


def foreign(store: Store, run_id: str | None, committee: str | None) -> list[dict[str, Any]]:
    if run_id is None:
        return []
    where, params = committee_filter(committee, "r.committee_id")
    found = rows(
        store,
        "WITH d AS (SELECT receipt_key, min(detail) AS detail FROM ("
        "  SELECT unnest(receipt_keys) AS receipt_key, detail FROM findings"
        "  WHERE run_id = ? AND \"group\" = 'foreign-national') GROUP BY receipt_key) "
        "SELECT r.state, d.detail, CAST(r.amount AS DOUBLE) AS amount "
        "FROM receipts r JOIN report_flagged f USING (receipt_key) "
        "LEFT JOIN d USING (receipt_key) "
        "WHERE f.\"group\" = 'foreign-national'" + where,
        [run_id, *params],
    )
    totals: dict[str, dict[str, Any]] = {}
    for row in found:
        label = foreign_label(row["state"], json_value(row["detail"], {}) or {})
        t = totals.setdefault(label, {"indicator": label, "receipts": 0, "amount": 0.0})
        t["receipts"] += 1
        t["amount"] += row["amount"] or 0.0
    return sorted(totals.values(), key=lambda t: (-t["amount"], t["indicator"]))


def limit_for(year: int | None) -> dict[str, Any] | None:
    """The individual-to-candidate per-election limit in force in ``year``.

    Read from the rules' dated limit table (``fecscreen/law/data/limits.yaml``);
    returns ``{"amount", "reference", "year"}``, or None when there is no value
    for that year (the chart then shows the totals without a limit line).
    """
    if year is None:
        return None
    try:
        limits = load_params().limits
    except Exception:  # the limit table cannot be read
        return None
    day = date(year, 12, 31)
    for lim in limits:
        if (lim.contributor, lim.recipient, lim.period) != ("individual", "candidate", "election"):
            continue
        if lim.start <= day and (lim.end is None or day <= lim.end):
            tag = "" if lim.confidence == "V" else f" [{lim.confidence}]"
            return {"amount": float(lim.amount), "reference": lim.reference + tag, "year": year}
    return None


def people_table(store: Store, committee: str | None) -> None:
    """A temporary table: per donor, recipient and election, what individuals gave.

    One pass over the receipts computes the donor key (see :func:`donor_key_sql`)
    for the donor count and the limits chart. The election is the election code's
    letter and year (:func:`fecscreen.sql.keys.election_type_sql`, ``election_year_sql``);
    a code without a year (bulk ``TRANSACTION_PGI`` such as ``P``) takes the next even
    year from the receipt's date. A gift with no designation is labelled
    ``"<year> undesignated"`` (the next even year from its date): the limit rules date
    it to the primary or the general by its state's election days
    (``rules/relations/limited.sql``), which the report does not do again. The name
    shown is the one on most of the donor's receipts there, the first alphabetically
    among equals.
    """
    where, params = committee_filter(committee, "r.committee_id")
    ecode = "upper(trim(coalesce(r.election_code, '')))"
    # The key is worked out once per distinct spelling, not once per receipt.
    raw = "r.donor_id, r.name, r.zip"
    store.con.execute(
        "CREATE OR REPLACE TEMP TABLE report_people AS "
        f"WITH g AS (SELECT {raw}, r.committee_id, "
        f"  coalesce({election_type_sql(ecode)} || CAST({election_year_sql(ecode, 'r.date')} AS VARCHAR), "
        f"    CAST({election_year_sql(ecode, 'r.date')} AS VARCHAR) || ' undesignated') AS election, "
        f"  {election_year_sql(ecode, 'r.date')} AS year, "
        "  sum(r.amount) AS total, count(*) AS receipts, "
        "  coalesce(bool_or(f.\"group\" = 'excessive'), FALSE) AS flagged "
        "  FROM receipts_current r LEFT JOIN report_flagged f USING (receipt_key) "
        "  WHERE coalesce(nullif(r.entity_type, ''), 'IND') = 'IND' AND r.counts_toward_totals "
        "    AND r.amount > 0" + where + " GROUP BY ALL), "
        f"k AS (SELECT {raw}, {donor_key_sql('r')} AS donor_key FROM (SELECT DISTINCT {raw} FROM g r) r), "
        "n AS (SELECT k.donor_key, g.committee_id, g.election, g.year, g.name, sum(g.total) AS total, "
        "  sum(g.receipts) AS receipts, bool_or(g.flagged) AS flagged "
        "  FROM g JOIN k ON g.donor_id IS NOT DISTINCT FROM k.donor_id "
        "    AND g.name IS NOT DISTINCT FROM k.name AND g.zip IS NOT DISTINCT FROM k.zip "
        "  GROUP BY 1, 2, 3, 4, 5) "
        "SELECT donor_key, committee_id, election, max(year) AS year, "
        "  first(name ORDER BY receipts DESC, name NULLS LAST) AS name, "
        "  sum(total) AS total, sum(receipts) AS receipts, bool_or(flagged) AS flagged "
        "FROM n GROUP BY 1, 2, 3",
        params,
    )


def donor_limits(store: Store, top: int = 30) -> list[dict[str, Any]]:
    """The largest per-donor, per-recipient, per-election totals, flagged donors first.

    The excessive rule applies the full designation logic; this view is for
    orientation and marks the donors that rule flagged.
    """
    return rows(
        store,
        "SELECT donor_key, committee_id, election, year, name, CAST(total AS DOUBLE) AS total, receipts, "
        f"flagged FROM report_people ORDER BY flagged DESC, total DESC, donor_key LIMIT {int(top)}",
    )


def straw_clusters(findings: list[Finding], top: int = 20) -> list[dict[str, Any]]:
    points = []
    clusters = [f for f in findings if f.group == "straw-donor" and f.evidence][:top]
    for i, f in enumerate(clusters, 1):
        employers = sorted({(e.get("employer") or "").strip() for e in f.evidence} - {""})
        label = f"#{i} {f.rule} {f.committee_id or ''}".strip()
        if employers:
            label += f" · {employers[0][:24]}"
        for e in f.evidence:
            if e.get("date") is None or e.get("amount") is None:
                continue
            points.append({
                "cluster": label,
                "date": e["date"],
                "amount": float(e["amount"]),
                "donor": e.get("name") or "",
                "employer": e.get("employer") or "",
            })
    return points


__all__ = ["MAX_FLAGGED_POINTS", "donor_key_sql", "weekly", "flagged_points", "foreign_label", "foreign",
           "limit_for", "people_table", "donor_limits", "straw_clusters"]
