"""What the report shows, read from the store with plain SQL.

Everything the report needs is gathered here into one :class:`ReportData`, so the
template and the charts never query the database themselves. The report shows
one screening run (the latest unless another is named) and, optionally, one
recipient committee.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fecscreen.errors import ConfigError
from fecscreen.findings import Finding, latest_run, load_findings
from fecscreen.findings_query import attach_evidence
from fecscreen.law.vocabulary import GROUPS, SEVERITY_RANK
from fecscreen.report import chart_rows as charts
from fecscreen.report.rows import committee_filter, json_value, rows
from fecscreen.reviews import status_of
from fecscreen.sql import literal
from fecscreen.store import Store

SEVERITIES = tuple(SEVERITY_RANK)  # most severe first

# At most this many findings per group are written out in full; the rest are
# counted, and all of them are in the CSV/Parquet export.
MAX_FINDINGS_PER_GROUP = 200
# for ORDER BY (an unknown severity ranks with the last)
_SEVERITY_RANK = ("CASE severity " + " ".join(f"WHEN {literal(s)} THEN {i}" for s, i in SEVERITY_RANK.items())
                  + f" ELSE {len(SEVERITY_RANK) - 1} END")


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
    where, params = committee_filter(committee)
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
    where, params = committee_filter(committee)
    r = rows(
        store,
        "SELECT count(*) AS receipts, "
        "coalesce(sum(amount) FILTER (WHERE counts_toward_totals), 0) AS total, "
        "count(DISTINCT committee_id) AS committees, "
        "min(date) AS first_date, max(date) AS last_date "
        "FROM receipts_current WHERE TRUE" + where,
        params,
    )[0]
    flagged = rows(
        store,
        "SELECT count(*) AS n, coalesce(sum(r.amount) FILTER (WHERE r.counts_toward_totals), 0) AS amount "
        "FROM receipts_current r SEMI JOIN report_flagged f ON r.receipt_key = f.receipt_key "
        "WHERE TRUE" + committee_filter(committee, "r.committee_id")[0],
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
        "filings": rows(
            store,
            "SELECT format_version, count(*) AS n, count(*) FILTER (WHERE superseded) AS superseded, "
            "min(coverage_from) AS first, max(coverage_through) AS last FROM filings "
            "GROUP BY 1 ORDER BY 1",
        ),
        "filing_receipts": store.scalar("SELECT count(*) FROM filing_receipts"),
        "bulk": rows(
            store,
            "SELECT cycle, count(*) AS n, count(DISTINCT source_file) AS files, "
            "count(*) FILTER (WHERE NOT counts_toward_totals) AS earmark_duplicates "
            "FROM bulk_receipts GROUP BY 1 ORDER BY 1",
        ),
        "load_issues": store.scalar("SELECT count(*) FROM load_issues"),
        "donor_links": store.scalar("SELECT count(*) FROM donor_links"),
    }
    return out


def _rules(run: dict[str, Any] | None) -> list[dict[str, Any]]:
    ran = {r.get("rule"): r.get("version") for r in json_value(run.get("rules") if run else None, [])}
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
        runs = rows(store, "SELECT * FROM check_runs WHERE run_id = ?", [run_id])
        run = runs[0] if runs else {"run_id": run_id}
    findings = _findings(store, run_id, committee)
    groups = _group_sections(findings)
    shown = [f for g in groups for f in g.findings]
    attach_evidence(store, shown)
    statuses = status_of(store, [f.finding_id for f in shown if f.finding_id])
    for f in shown:
        f.review_status = statuses.get(f.finding_id, "open")
    _flagged_keys_table(store, run_id, committee)
    charts.people_table(store, committee)
    donor_limits = charts.donor_limits(store)
    years = [r["year"] for r in donor_limits if r["year"] is not None]
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
        weekly=charts.weekly(store, committee),
        flagged_points=charts.flagged_points(store, committee),
        foreign=charts.foreign(store, run_id, committee),
        donor_limits=donor_limits,
        limit=charts.limit_for(max(years) if years else None),
        straw_clusters=charts.straw_clusters(shown),
    )
    store.con.execute("DROP TABLE IF EXISTS report_flagged")
    store.con.execute("DROP TABLE IF EXISTS report_people")
    return data


__all__ = ["ReportData", "Finding", "GroupSection", "collect", "latest_run"]
