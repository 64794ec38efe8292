"""What the report shows, read from the store with plain SQL.

Everything the report needs is gathered here into one :class:`ReportData`, so the
template and the charts never query the database themselves. The report shows
one screening run (the latest unless another is named) and, optionally, one
recipient committee.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fecscreen.errors import ConfigError
from fecscreen.findings import Finding, latest_run, load_findings
from fecscreen.findings_query import attach_evidence
from fecscreen.law.params import load_params
from fecscreen.law.vocabulary import GROUPS, SEVERITY_RANK
from fecscreen.reviews import status_of
from fecscreen.sql import literal
from fecscreen.sql.keys import donor_key_sql as rules_key
from fecscreen.sql.keys import election_type_sql, election_year_sql
from fecscreen.store import Store

SEVERITIES = tuple(SEVERITY_RANK)  # most severe first

# At most this many findings per group are written out in full; the rest are
# counted, and all of them are in the CSV/Parquet export.
MAX_FINDINGS_PER_GROUP = 200
MAX_FLAGGED_POINTS = 3000
# for ORDER BY (an unknown severity ranks with the last)
_SEVERITY_RANK = ("CASE severity " + " ".join(f"WHEN {literal(s)} THEN {i}" for s, i in SEVERITY_RANK.items())
                  + f" ELSE {len(SEVERITY_RANK) - 1} END")


def donor_key_sql(alias: str = "r") -> str:
    """The rules' donor key (resolved donor id, else name + ZIP5) for receipts row ``alias``.

    Defined once, in :func:`fecscreen.sql.keys.donor_key_sql`, and given the
    same columns as the rules' ``screen_donors`` (donor id, filed name, postal
    code), so the report counts and totals donors exactly as the rules do.
    """
    return rules_key(f"{alias}.donor_id", f"{alias}.name", "NULL", "NULL", f"{alias}.zip")


@dataclass
class GroupSection:
    group: str
    findings: list[Finding]
    total: int
    by_severity: dict[str, int]
    amount: Decimal


@dataclass
class ReportData:
    generated_at: datetime
    committee: str | None
    committee_names: dict[str, str]
    run: dict[str, Any] | None
    summary: dict[str, Any]
    groups: list[GroupSection]
    rules: list[dict[str, Any]]
    sources: dict[str, Any]
    weekly: list[dict[str, Any]]
    flagged_points: list[dict[str, Any]]
    foreign: list[dict[str, Any]]
    donor_limits: list[dict[str, Any]]
    limit: dict[str, Any] | None
    straw_clusters: list[dict[str, Any]]

    @property
    def n_findings(self) -> int:
        return sum(g.total for g in self.groups)


def _rows(store: Store, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _json(value, default):
    if value is None:
        return default
    if isinstance(value, (list, dict)):
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return default


def resolve_run(store: Store, run_id: str | None) -> str | None:
    """The run to report: the one named (which must exist), else the latest."""
    if run_id is None:
        return latest_run(store)
    known = store.scalar(
        "SELECT count(*) FROM (SELECT run_id FROM check_runs UNION SELECT run_id FROM findings) "
        "WHERE run_id = ?",
        [run_id],
    )
    if not known:
        raise ConfigError(
            f"there is no screening run {run_id!r} in this database",
            where="--run",
            hint="leave --run out to use the latest run, or run `fecscreen check` first",
        )
    return run_id


def _committee_filter(committee: str | None, column: str = "committee_id") -> tuple[str, list]:
    return (f" AND {column} = ?", [committee]) if committee else ("", [])


def committee_names(store: Store) -> dict[str, str]:
    """Committee id -> name, from the committee master or the filings' headers."""
    names: dict[str, str] = {}
    if store.table_exists("filings"):
        for cid, name in store.query(
            "SELECT committee_id, any_value(coalesce(header->>'committee_name', "
            "header->>'COMMITTEE NAME', header->>'name')) FROM filings "
            "WHERE committee_id IS NOT NULL GROUP BY 1"
        ):
            if name:
                names[cid] = name
    for table, id_col, name_col in (("committees", "cmte_id", "cmte_nm"), ("bulk_committees", "cmte_id", "cmte_nm")):
        if store.table_exists(table):
            cols = {r[0] for r in store.query(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table])}
            if {id_col, name_col} <= cols:
                for cid, name in store.query(f"SELECT {id_col}, any_value({name_col}) FROM {table} GROUP BY 1"):
                    if name:
                        names[cid] = name
    return names


def _findings(store: Store, run_id: str | None, committee: str | None) -> list[Finding]:
    """The run's findings, most severe and largest first within each group."""
    if run_id is None:
        return []

    def order(f: Finding):
        return (f.group, SEVERITY_RANK.get(f.severity, 9), -(f.amount or 0), f.date or date.min,
                f.finding_id or "")

    return sorted(load_findings(store, run_id, committee=committee), key=order)


def _group_sections(findings: list[Finding]) -> list[GroupSection]:
    sections = []
    known = list(GROUPS) + sorted({f.group for f in findings} - set(GROUPS))
    for group in known:
        members = [f for f in findings if f.group == group]
        if not members:
            continue
        sections.append(
            GroupSection(
                group=group,
                findings=members[:MAX_FINDINGS_PER_GROUP],
                total=len(members),
                by_severity={s: sum(1 for f in members if f.severity == s) for s in SEVERITIES},
                amount=sum((f.amount or Decimal(0) for f in members), Decimal(0)),
            )
        )
    return sections


def _flagged_keys_table(store: Store, run_id: str | None, committee: str | None) -> None:
    """A temporary table: every evidence receipt of the run with its most severe group."""
    store.con.execute(
        "CREATE OR REPLACE TEMP TABLE report_flagged (receipt_key VARCHAR, \"group\" VARCHAR, "
        "severity VARCHAR, rule VARCHAR)"
    )
    if run_id is None:
        return
    where, params = _committee_filter(committee)
    store.con.execute(
        "INSERT INTO report_flagged SELECT receipt_key, arg_min(\"group\", rank), "
        "arg_min(severity, rank), arg_min(rule, rank) FROM ("
        "  SELECT unnest(receipt_keys) AS receipt_key, \"group\", severity, rule, "
        f"  {_SEVERITY_RANK} AS rank "
        "  FROM findings WHERE run_id = ?" + where + ") GROUP BY receipt_key",
        [run_id, *params],
    )


def _summary(store: Store, committee: str | None, findings: list[Finding],
             donor_links: int) -> dict[str, Any]:
    where, params = _committee_filter(committee)
    r = _rows(
        store,
        "SELECT count(*) AS receipts, "
        "coalesce(sum(amount) FILTER (WHERE counts_toward_totals), 0) AS total, "
        "count(DISTINCT committee_id) AS committees, "
        "min(date) AS first_date, max(date) AS last_date "
        "FROM receipts_current WHERE TRUE" + where,
        params,
    )[0]
    flagged = _rows(
        store,
        "SELECT count(*) AS n, coalesce(sum(r.amount) FILTER (WHERE r.counts_toward_totals), 0) AS amount "
        "FROM receipts_current r SEMI JOIN report_flagged f ON r.receipt_key = f.receipt_key "
        "WHERE TRUE" + _committee_filter(committee, "r.committee_id")[0],
        params,
    )[0]
    r["donors"] = store.scalar("SELECT count(DISTINCT donor_key) FROM report_people")
    r["flagged_receipts"] = flagged["n"]
    r["flagged_amount"] = flagged["amount"]
    r["findings"] = len(findings)
    r["by_severity"] = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    r["donor_ids_resolved"] = bool(donor_links)
    return r


def _sources(store: Store) -> dict[str, Any]:
    out: dict[str, Any] = {
        "filings": _rows(
            store,
            "SELECT format_version, count(*) AS n, count(*) FILTER (WHERE superseded) AS superseded, "
            "min(coverage_from) AS first, max(coverage_through) AS last FROM filings "
            "GROUP BY 1 ORDER BY 1",
        ),
        "filing_receipts": store.scalar("SELECT count(*) FROM filing_receipts"),
        "bulk": _rows(
            store,
            "SELECT cycle, count(*) AS n, count(DISTINCT source_file) AS files, "
            "count(*) FILTER (WHERE NOT counts_toward_totals) AS earmark_duplicates "
            "FROM bulk_receipts GROUP BY 1 ORDER BY 1",
        ),
        "load_issues": store.scalar("SELECT count(*) FROM load_issues"),
        "donor_links": store.scalar("SELECT count(*) FROM donor_links"),
    }
    return out


def _weekly(store: Store, committee: str | None) -> list[dict[str, Any]]:
    where, params = _committee_filter(committee)
    return _rows(
        store,
        "SELECT CAST(date_trunc('week', date) AS DATE) AS week, count(*) AS receipts, "
        "CAST(sum(amount) AS DOUBLE) AS amount FROM receipts_current "
        "WHERE date IS NOT NULL AND counts_toward_totals" + where + " GROUP BY 1 ORDER BY 1",
        params,
    )


def _flagged_points(store: Store, committee: str | None) -> list[dict[str, Any]]:
    where, params = _committee_filter(committee, "r.committee_id")
    return _rows(
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


def _foreign(store: Store, run_id: str | None, committee: str | None) -> list[dict[str, Any]]:
    if run_id is None:
        return []
    where, params = _committee_filter(committee, "r.committee_id")
    rows = _rows(
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
    for row in rows:
        label = foreign_label(row["state"], _json(row["detail"], {}) or {})
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


def _people_table(store: Store, committee: str | None) -> None:
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
    where, params = _committee_filter(committee, "r.committee_id")
    ecode = "upper(trim(coalesce(r.election_code, '')))"
    # The key is worked out once per distinct spelling, not once per receipt.
    raw = "r.donor_id, r.name, r.zip"
    store.con.execute(
        "CREATE OR REPLACE TEMP TABLE report_people AS "
        f"WITH g AS (SELECT {raw}, r.committee_id, "
        f"  coalesce({election_type_sql(ecode)} || CAST({election_year_sql(ecode, 'r.date')} AS VARCHAR), "
        f"    CAST({election_year_sql(ecode, 'r.date')} AS VARCHAR) || ' undesignated') AS election, "
        "  sum(r.amount) AS total, count(*) AS receipts, "
        "  coalesce(bool_or(f.\"group\" = 'excessive'), FALSE) AS flagged "
        "  FROM receipts_current r LEFT JOIN report_flagged f USING (receipt_key) "
        "  WHERE coalesce(nullif(r.entity_type, ''), 'IND') = 'IND' AND r.counts_toward_totals "
        "    AND r.amount > 0" + where + " GROUP BY ALL), "
        f"k AS (SELECT {raw}, {donor_key_sql('r')} AS donor_key FROM (SELECT DISTINCT {raw} FROM g r) r), "
        "n AS (SELECT k.donor_key, g.committee_id, g.election, g.name, sum(g.total) AS total, "
        "  sum(g.receipts) AS receipts, bool_or(g.flagged) AS flagged "
        "  FROM g JOIN k ON g.donor_id IS NOT DISTINCT FROM k.donor_id "
        "    AND g.name IS NOT DISTINCT FROM k.name AND g.zip IS NOT DISTINCT FROM k.zip "
        "  GROUP BY 1, 2, 3, 4) "
        "SELECT donor_key, committee_id, election, "
        "  first(name ORDER BY receipts DESC, name NULLS LAST) AS name, "
        "  sum(total) AS total, sum(receipts) AS receipts, bool_or(flagged) AS flagged "
        "FROM n GROUP BY 1, 2, 3",
        params,
    )


def _donor_limits(store: Store, top: int = 30) -> list[dict[str, Any]]:
    """The largest per-donor, per-recipient, per-election totals, flagged donors first.

    The excessive rule applies the full designation logic; this view is for
    orientation and marks the donors that rule flagged.
    """
    return _rows(
        store,
        "SELECT donor_key, committee_id, election, name, CAST(total AS DOUBLE) AS total, receipts, "
        f"flagged FROM report_people ORDER BY flagged DESC, total DESC, donor_key LIMIT {int(top)}",
    )


def _straw_clusters(findings: list[Finding], top: int = 20) -> list[dict[str, Any]]:
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


def _rules(run: dict[str, Any] | None) -> list[dict[str, Any]]:
    ran = {r.get("rule"): r.get("version") for r in _json(run.get("rules") if run else None, [])}
    from fecscreen.rules import registry

    described = {
        rule.code: {
            "rule": rule.code, "name": rule.name, "group": rule.group, "severity": rule.severity,
            "version": rule.version, "citations": list(rule.citations),
        }
        for rule in registry()
    }
    codes = sorted(set(ran) | (set() if ran else set(described)))
    out = []
    for code in codes:
        row = described.get(code, {"rule": code, "name": "", "group": "", "severity": "",
                                   "version": "", "citations": []})
        if ran.get(code):
            row = {**row, "version": ran[code]}
        out.append(row)
    return out


def collect(store: Store, *, committee: str | None = None, run_id: str | None = None) -> ReportData:
    """Read everything the report shows."""
    run_id = resolve_run(store, run_id)
    run = None
    if run_id is not None:
        runs = _rows(store, "SELECT * FROM check_runs WHERE run_id = ?", [run_id])
        run = runs[0] if runs else {"run_id": run_id}
    findings = _findings(store, run_id, committee)
    groups = _group_sections(findings)
    shown = [f for g in groups for f in g.findings]
    attach_evidence(store, shown)
    statuses = status_of(store, [f.finding_id for f in shown if f.finding_id])
    for f in shown:
        f.review_status = statuses.get(f.finding_id, "open")
    _flagged_keys_table(store, run_id, committee)
    _people_table(store, committee)
    donor_limits = _donor_limits(store)
    years = [int(r["election"][1:]) for r in donor_limits if r["election"][1:].isdigit()]
    sources = _sources(store)
    data = ReportData(
        generated_at=datetime.now().replace(microsecond=0),
        committee=committee,
        committee_names=committee_names(store),
        run=run,
        summary=_summary(store, committee, findings, sources["donor_links"]),
        groups=groups,
        rules=_rules(run),
        sources=sources,
        weekly=_weekly(store, committee),
        flagged_points=_flagged_points(store, committee),
        foreign=_foreign(store, run_id, committee),
        donor_limits=donor_limits,
        limit=limit_for(max(years) if years else None),
        straw_clusters=_straw_clusters(shown),
    )
    store.con.execute("DROP TABLE IF EXISTS report_flagged")
    store.con.execute("DROP TABLE IF EXISTS report_people")
    return data


__all__ = ["ReportData", "Finding", "GroupSection", "collect", "latest_run", "foreign_label"]
