"""The one finding shape: what a rule found, with its evidence and citations.

The same keys appear in the CLI's JSON and CSV, the HTTP API and the reports
(see docs/findings.md)::

    rule, name, group, severity, committee_id, message, citations, amount,
    date, donor, transactions

``donor`` is the donor as filed (name, city, state, zip, employer, occupation)
plus ``donor_id`` once donor resolution has run; ``transactions`` names every
evidence row as ``{filing_id, transaction_id, sub_id}`` (null where a row has no
such id: bulk rows have a ``sub_id``, filing lines a ``transaction_id``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from fecscreen.errors import ConfigError, InputError
from fecscreen.law.vocabulary import GROUPS, SEVERITY_RANK

FINDING_KEYS = (
    "rule", "name", "group", "severity", "committee_id", "message", "citations",
    "amount", "date", "donor", "transactions",
)
FORMATS = ("text", "json", "csv")


@dataclass
class Finding:
    rule: str
    name: str
    group: str
    severity: str
    committee_id: str | None
    message: str
    citations: list[str]
    amount: Decimal | None = None
    date: dt.date | None = None
    donor: dict | None = None
    transactions: list[dict] = field(default_factory=list)
    # Not part of the public shape, kept in the database:
    run_id: str | None = None
    finding_id: str | None = None
    rule_version: str | None = None
    receipt_keys: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)  # receipts shown with it (the report)
    review_status: str | None = None  # open, inquiry-sent, ... (fecscreen.reviews), where read

    def to_dict(self) -> dict:
        """The public JSON shape: exactly :data:`FINDING_KEYS`."""
        return {
            "rule": self.rule,
            "name": self.name,
            "group": self.group,
            "severity": self.severity,
            "committee_id": self.committee_id,
            "message": self.message,
            "citations": list(self.citations),
            "amount": None if self.amount is None else float(self.amount),
            "date": None if self.date is None else self.date.isoformat(),
            "donor": self.donor,
            "transactions": [
                {"filing_id": t.get("filing_id"), "transaction_id": t.get("transaction_id"),
                 "sub_id": t.get("sub_id")}
                for t in self.transactions
            ],
        }


def _json(value):
    if value is None or isinstance(value, (list, dict)):
        return value
    return json.loads(value)


# JSON columns are read as typed lists and structs, so the database builds the
# Python values (much faster than parsing JSON text finding by finding).
FINDING_COLUMNS = (
    'rule, name, "group", severity, committee_id, message, '
    "CAST(citations AS VARCHAR[]) AS citations, amount, date, "
    # (json_transform, unlike CAST, gives NULL for a key a stored finding does not have)
    """json_transform(donor, '{"name": "VARCHAR", "city": "VARCHAR", "state": "VARCHAR", """
    """"zip": "VARCHAR", "employer": "VARCHAR", "occupation": "VARCHAR", "donor_id": "VARCHAR"}') """
    """AS donor, json_transform(transactions, '[{"filing_id": "VARCHAR", "transaction_id": "VARCHAR", """
    """"sub_id": "BIGINT"}]') AS transactions, run_id, finding_id, rule_version, receipt_keys"""
)


def _from_row(row: tuple) -> Finding:
    (rule, name, group, severity, committee_id, message, citations, amount, date, donor,
     transactions, run_id, finding_id, rule_version, receipt_keys) = row
    donor = _json(donor)
    return Finding(
        rule=rule, name=name, group=group, severity=severity, committee_id=committee_id,
        message=message, citations=_json(citations) or [], amount=amount, date=date,
        donor=donor, transactions=_json(transactions) or [], run_id=run_id,
        finding_id=finding_id, rule_version=rule_version, receipt_keys=list(receipt_keys or []),
    )


def latest_run(store) -> str | None:
    """The id of the latest check run (by start time), or None when nothing was screened."""
    run = store.scalar(
        "SELECT run_id FROM check_runs ORDER BY started_at DESC NULLS LAST, run_id DESC LIMIT 1"
    )
    return run or store.scalar("SELECT max(run_id) FROM findings")


def load_findings(store, run_id: str | None = None, *, committee: str | None = None) -> list[Finding]:
    """Findings of one check run (default: the latest run) from the database."""
    if run_id is None:
        run_id = latest_run(store)
        if run_id is None:
            return []
    sql = f"SELECT {FINDING_COLUMNS} FROM findings WHERE run_id = ?"
    params: list = [run_id]
    if committee:
        sql += " AND committee_id = ?"
        params.append(committee)
    rows = store.query(sql, params)
    return sort_findings(_from_row(r) for r in rows)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    def key(f: Finding):
        group = GROUPS.index(f.group) if f.group in GROUPS else len(GROUPS)
        return (group, f.rule, SEVERITY_RANK.get(f.severity, 9), f.committee_id or "",
                f.date or dt.date.min, f.finding_id or "")

    return sorted(findings, key=key)


# -- output -------------------------------------------------------------------
def _money(amount) -> str:
    return "" if amount is None else f"${amount:,.2f}"


def format_text(findings: list[Finding]) -> str:
    """One line per finding: ``committee | CODE severity | message``, then a count."""
    lines = []
    for f in findings:
        where = f.committee_id or "-"
        lines.append(f"{where} | {f.rule} {f.severity} | {f.message}")
        lines.append(f"    cites: {'; '.join(f.citations)}; evidence rows: {len(f.transactions)}")
    n = len(findings)
    by_sev: dict[str, int] = {}
    for f in findings:
        by_sev[f.severity] = by_sev.get(f.severity, 0) + 1
    detail = ", ".join(f"{by_sev[s]} {s}" for s in SEVERITY_RANK if s in by_sev)
    lines.append(f"Found {n} finding{'s' if n != 1 else ''}" + (f" ({detail})." if detail else "."))
    return "\n".join(lines) + "\n"


def format_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], indent=2, default=str) + "\n"


CSV_COLUMNS = (
    "rule", "name", "group", "severity", "committee_id", "message", "citations", "amount",
    "date", "donor_name", "donor_city", "donor_state", "donor_zip", "donor_employer",
    "donor_occupation", "donor_id", "transactions",
)


def format_csv(findings: list[Finding]) -> str:
    """Flat CSV: citations joined by '; ', donor fields spread, transactions as JSON."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in findings:
        d = f.to_dict()
        donor = d["donor"] or {}
        writer.writerow([
            d["rule"], d["name"], d["group"], d["severity"], d["committee_id"] or "",
            d["message"], "; ".join(d["citations"]),
            "" if d["amount"] is None else f"{d['amount']:.2f}", d["date"] or "",
            donor.get("name") or "", donor.get("city") or "", donor.get("state") or "",
            donor.get("zip") or "", donor.get("employer") or "", donor.get("occupation") or "",
            donor.get("donor_id") or "", json.dumps(d["transactions"]),
        ])
    return buf.getvalue()


def render(findings: list[Finding], fmt: str = "text") -> str:
    """``findings`` as text, json or csv."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}", where="--format", hint="use text, json or csv")
    return {"text": format_text, "json": format_json, "csv": format_csv}[fmt](findings)


def export(findings: list[Finding], path: str | Path, fmt: str | None = None) -> Path:
    """Write ``findings`` to ``path``; the format defaults to the file's extension."""
    path = Path(path)
    fmt = fmt or {".json": "json", ".csv": "csv"}.get(path.suffix.lower(), "text")
    try:
        path.write_text(render(findings, fmt), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the findings ({exc.strerror})", where=str(path),
                         hint="choose a folder that exists and that you can write to") from exc
    return path


__all__ = [
    "Finding", "FINDING_KEYS", "FORMATS", "load_findings", "latest_run", "sort_findings", "render",
    "format_text", "format_json", "format_csv", "export",
]
