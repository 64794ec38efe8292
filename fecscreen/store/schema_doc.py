"""Render ``docs/schema.md`` from the live schema and the comments in the DDL.

The tables' and columns' descriptions are the ``--`` comments in
``store/ddl/*.sql`` (a comment block above ``CREATE TABLE`` describes the table;
a comment at the end of a column line describes the column). Types come from the
database itself, so the document cannot drift from the code: a test compares
``docs/schema.md`` with :func:`render`.

    python -m fecscreen.store.schema_doc > docs/schema.md
"""

from __future__ import annotations

import re

from fecscreen.store import _sql_files, open_store

_CREATE = re.compile(r"CREATE\s+(?:OR\s+REPLACE\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.I)
_COLUMN = re.compile(r'^\s*"?(\w+)"?\s+[A-Z].*?--\s*(.+)$')

VIEW_NOTES = {
    "receipts": "Every Schedule A line of every loaded filing and every row of the bulk "
    "individual-contributions file, in one shape; `donor_id` from donor resolution. "
    "Filing lines: `source = 'filing'`, `sub_id` null. Bulk rows: `source = 'bulk'`, "
    "`filing_id` = the bulk file's FILE_NUM. Totals and limits must filter "
    "`counts_toward_totals` so an earmarked gift is counted once.",
    "receipts_current": "`receipts` without lines of superseded (amended) filings.",
    "disbursements": "Every Schedule B line of every loaded filing, with `superseded`.",
    "disbursements_current": "`disbursements` without lines of superseded filings.",
}


RECEIPT_COLUMNS = {
    "source": "'filing' (a Schedule A line) or 'bulk' (a row of the bulk itcont file, or an itoth row of type 18K)",
    "receipt_key": "unique key: 'F:<filing_id>:<line_number>', 'B:<sub_id>' (itcont) or 'O:<sub_id>' (itoth)",
    "filing_id": "the filing (for bulk rows: FILE_NUM)",
    "line_number": "line in the source file (filings); null for bulk rows, which their sub_id names",
    "sub_id": "bulk SUB_ID (null for filing lines)",
    "committee_id": "the recipient committee",
    "form_type": "the line's own form (e.g. SA11AI); for bulk rows TRANSACTION_TP (15, 15E, 24T)",
    "transaction_id": "the filer's transaction id (bulk TRAN_ID)",
    "back_reference_tran_id": "the transaction this line refers back to",
    "entity_type": "IND, ORG, COM, PAC, PTY, CAN, CCM",
    "name": "contributor name as filed",
    "date": "contribution date",
    "amount": "contribution amount",
    "aggregate": "year-to-date / election-to-date aggregate as filed",
    "memo_code": "'X' marks a memo entry",
    "election_code": "election as filed (P2024, G2024; bulk TRANSACTION_PGI)",
    "other_id": "donor committee or conduit committee id (bulk OTHER_ID)",
    "earmark_pair_id": "shared by the two bulk rows of one earmarked gift",
    "counts_toward_totals": "false for the duplicate row of an earmark pair",
    "superseded": "true when the line's filing was amended by a later filing",
    "donor_id": "resolved person (null until `fecscreen resolve`)",
}


def _ddl_comments() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    table_notes: dict[str, str] = {}
    column_notes: dict[tuple[str, str], str] = {}
    for _name, sql in _sql_files("ddl"):
        pending: list[str] = []
        table = None
        for line in sql.splitlines():
            stripped = line.strip()
            match = _CREATE.search(line)
            if match:
                table = match.group(1)
                if pending:
                    table_notes[table] = " ".join(pending)
                pending = []
                continue
            if stripped.startswith("--"):
                pending.append(stripped.lstrip("-").strip())
                continue
            if not stripped:
                pending = []
            if table and stripped.startswith(")"):
                table = None
                continue
            col = _COLUMN.match(line)
            if table and col:
                column_notes[(table, col.group(1))] = col.group(2).strip()
    return table_notes, column_notes


def render() -> str:
    store = open_store(":memory:")
    table_notes, column_notes = _ddl_comments()
    rows = store.query(
        "SELECT table_name, table_type FROM information_schema.tables "
        "WHERE table_schema = 'main' ORDER BY table_type, table_name"
    )
    out = [
        "# Database schema",
        "",
        "fecscreen keeps everything in one DuckDB file (default `./fecscreen.duckdb`; "
        "`--db PATH` or `FECSCREEN_DB` to choose another). Names below are stable: scripts "
        "and other tools may rely on them.",
        "",
        "This page is generated from the code (`python -m fecscreen.store.schema_doc > "
        "docs/schema.md`); a test fails when it is out of date.",
        "",
    ]
    for name, kind in rows:
        label = "view" if kind == "VIEW" else "table"
        out += [f"## `{name}` ({label})", ""]
        note = VIEW_NOTES.get(name) or table_notes.get(name)
        if note:
            out += [note, ""]
        out += ["| column | type | meaning |", "|---|---|---|"]
        for col, typ, *_ in store.query(f'DESCRIBE "{name}"'):
            note = column_notes.get((name, col), "")
            if name.startswith("receipts"):
                note = RECEIPT_COLUMNS.get(col, note)
            out.append(f"| `{col}` | {typ} | {note} |")
        out.append("")
    store.close()
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
