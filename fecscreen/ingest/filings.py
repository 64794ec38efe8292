"""The `filings` row of each loaded filing, its extra fields and load issues, deleting
a filing's rows, and the amendment chains of its committee."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

from fecscreen.ingest.groups import Parsed
from fecscreen.ingest.write import TABLES, _table_types
from fecscreen.sql import literal as _str


def _date(value) -> date | None:
    if not value:
        return None
    value = str(value).strip()
    for fmt in ("%Y%m%d", "%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def filing_row(filing_id: str, parsed: Parsed, source: str) -> dict:
    """The `filings` row of a parsed filing (header and first form line)."""
    h = parsed.header.fields
    form = parsed.first_form or {}
    form_type = (form.get("form_type") or "").strip() or None
    if parsed.header.legacy:
        form_type = form_type or h.get("Form_Name")
    report_id = (h.get("report_id") or "").strip()
    m = re.search(r"(\d+)", report_id)
    amends = m.group(1) if m else None
    if amends == filing_id:
        amends = None
    is_amendment = bool(form_type and form_type.upper().endswith("A")) or amends is not None
    soft_name = h.get("soft_name") or h.get("Soft_Name")
    soft_ver = h.get("soft_ver") or h.get("Soft_Ver#")
    return {
        "filing_id": filing_id,
        "committee_id": (form.get("filer_committee_id_number") or h.get("FEC_IDnum") or "").strip()
        or None,
        "form_type": form_type,
        "report_type": (form.get("report_code") or form.get("report_type") or "").strip() or None,
        "format_version": parsed.header.version,
        "software_name": soft_name,
        "software_version": soft_ver,
        "coverage_from": _date(form.get("coverage_from_date")),
        "coverage_through": _date(form.get("coverage_through_date")),
        "date_signed": _date(form.get("date_signed")),
        "amends_filing_id": amends if is_amendment else None,
        "amendment_number": _int(h.get("report_number")) if is_amendment else None,
        "is_amendment": is_amendment,
        "source_path": source,
        "source_sha256": parsed.sha256,
        "source_bytes": parsed.bytes,
        "encoding": parsed.encoding,
        "header": json.dumps(h, ensure_ascii=False),
    }


# a column's value among a list of ids, the list one parameter (binding each id as a
# parameter of its own costs 0.1 s for 5,000 of them, the list 0.01 s)
IN_IDS = "IN (SELECT unnest(?::VARCHAR[]))"


def delete_filings(con, ids: list[str]) -> None:
    for table in ("filing_receipts", "filing_disbursements", "filing_lines", "load_issues", "filings"):
        con.execute(f"DELETE FROM {table} WHERE filing_id {IN_IDS}", [ids])


def write_filing(con, filing_id: str, parsed: Parsed, source: str, workdir: Path) -> dict:
    """Insert the `filings` row, extra fields and issues of ``parsed`` (its lines are
    already in, see :func:`insert_group`); the caller holds the transaction."""
    return write_filings(con, [(filing_id, parsed, source)], workdir)[0]


def write_filings(con, filings: list[tuple[str, Parsed, str]], workdir: Path) -> list[dict]:
    """:func:`write_filing` for many filings ``(filing id, parsed, source)`` at once."""
    rows = [filing_row(fid, parsed, source) for fid, parsed, source in filings]
    cols = list(rows[0])
    # one list per column (binding one parameter per value costs more than the insert)
    types = _table_types(con, "filings")
    con.execute(f"INSERT INTO filings ({', '.join(cols)}) SELECT "
                + ", ".join(f"unnest(?::{types[c]}[])" for c in cols),
                [[row[c] for row in rows] for c in cols])
    for table in TABLES:
        extras = [(fid, line, extra) for fid, parsed, _ in filings
                  for (t, line), extra in parsed.extras.items() if t == table]
        if not extras:
            continue
        path = workdir / f"extra-{table}.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for fid, line, extra in extras:
                fh.write(json.dumps({"f": fid, "l": line, "x": json.dumps(extra, ensure_ascii=False)},
                                    ensure_ascii=False) + "\n")
        con.execute(
            f"UPDATE {TABLES[table]} t SET fields = CAST(json_merge_patch(coalesce(t.fields, '{{}}'), "
            f"e.x) AS JSON) FROM read_json({_str(path)}, format = 'newline_delimited', "
            "columns = {f: 'VARCHAR', l: 'INTEGER', x: 'VARCHAR'}) e "
            "WHERE t.filing_id = e.f AND t.line_number = e.l")
    _write_issues(con, filings, workdir)
    return rows


def _write_issues(con, filings: list[tuple[str, Parsed, str]], workdir: Path) -> None:
    if any(parsed.issues for _, parsed, _ in filings):
        path = workdir / "issues.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for fid, parsed, source in filings:
                for i in parsed.issues:
                    fh.write(json.dumps({"id": fid, "s": source, "l": i.line_number,
                                         "f": i.form_type, "p": i.problem, "r": i.raw},
                                        ensure_ascii=False) + "\n")
        con.execute(
            "INSERT INTO load_issues (source, filing_id, file, line_number, form_type, problem, raw) "
            f"SELECT 'filing', id, s, l, f, p, r FROM read_json({_str(path)}, "
            "format = 'newline_delimited', columns = {id: 'VARCHAR', s: 'VARCHAR', l: 'BIGINT', "
            "f: 'VARCHAR', p: 'VARCHAR', r: 'VARCHAR'})")
    # values that are not valid dates/amounts: kept as filed in `fields`, noted here
    ids = [fid for fid, _, _ in filings]
    for table in ("filing_receipts", "filing_disbursements"):
        con.execute(
            "INSERT INTO load_issues (source, filing_id, file, line_number, form_type, problem, raw) "
            "SELECT 'filing', t.filing_id, f.source_path, line_number, t.form_type, "
            "'not a valid date or amount, kept as filed in `fields`: ' || "
            "array_to_string(list_filter(json_keys(fields), lambda k: k NOT LIKE 'extra\\_%' ESCAPE '\\'), ', '), "
            f"CAST(fields AS VARCHAR) FROM {table} t JOIN filings f USING (filing_id) "
            f"WHERE t.filing_id {IN_IDS} AND fields IS NOT NULL "
            "AND len(list_filter(json_keys(fields), lambda k: k NOT LIKE 'extra\\_%' ESCAPE '\\')) > 0",
            [ids],
        )


# -- amendments ----------------------------------------------------------------

def _family(form_type: str | None) -> str:
    f = (form_type or "").upper()
    return f[:-1] if len(f) > 2 and f[-1] in "NA" else f


def recompute_superseded(con, committee_ids: list[str | None]) -> None:
    """Mark every filing that a later amendment in its chain replaces.

    Chains: an amendment is linked to the filing its header names (``report_id``) and,
    when that link is missing, to the filings of the same committee, form, report
    type and coverage period. In each chain the newest filing (highest FEC filing
    id, then latest signature date, then highest amendment number) is current; all
    others are superseded by it. Recomputed from scratch, so load order does not matter.
    """
    ids = sorted({c for c in committee_ids if c})
    if not ids:
        return
    rows = con.execute(
        "SELECT filing_id, committee_id, form_type, report_type, coverage_from, coverage_through, "
        "amends_filing_id, amendment_number, is_amendment, date_signed FROM filings "
        f"WHERE committee_id {IN_IDS}", [ids]).fetchall()
    parent = {r[0]: r[0] for r in rows}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb

    period: dict[tuple, list[str]] = {}
    for fid, cid, form, rtype, cfrom, cthru, *_ in rows:
        if cfrom and cthru:
            period.setdefault((cid, _family(form), rtype, cfrom, cthru), []).append(fid)
    for fid, cid, form, rtype, cfrom, cthru, amends, _num, is_amend, _signed in rows:
        if amends and amends in parent:
            union(fid, amends)
        elif is_amend and cfrom and cthru:
            for other in period.get((cid, _family(form), rtype, cfrom, cthru), []):
                union(fid, other)

    def order(r):
        fid = r[0]
        return (int(fid) if fid.isdigit() else -1, r[9] or date.min, r[7] or 0, fid)

    chains: dict[str, list] = {}
    for r in rows:
        chains.setdefault(find(r[0]), []).append(r)
    updates = []
    for members in chains.values():
        newest = max(members, key=order)
        for r in members:
            sup = r[0] != newest[0]
            updates.append((r[0], sup, newest[0] if sup else None))
    ids, sup, by = (list(c) for c in zip(*updates))
    con.execute(
        "UPDATE filings SET superseded = s.sup, superseded_by = s.sup_by FROM (SELECT "
        "unnest(?::VARCHAR[]) AS filing_id, unnest(?::BOOLEAN[]) AS sup, "
        "unnest(?::VARCHAR[]) AS sup_by) s WHERE filings.filing_id = s.filing_id "
        "AND (filings.superseded IS DISTINCT FROM s.sup "
        "OR filings.superseded_by IS DISTINCT FROM s.sup_by)", [ids, sup, by])
