"""Put one parsed filing into the store, in one transaction, and keep amendments current."""

from __future__ import annotations

import functools
import json
import re
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import duckdb

from fecscreen.ingest.parse import Group, Parsed
from fecscreen.sql import ident as _q
from fecscreen.sql import list_literal
from fecscreen.sql import literal as _str

TABLES = {"receipts": "filing_receipts", "disbursements": "filing_disbursements"}
# FEC column name -> our column, where the two differ.
ALIASES = {"filing_disbursements": {"transaction_id_number": "transaction_id"}}
DATE_FORMATS = "['%Y%m%d', '%Y-%m-%d', '%m/%d/%Y', '%m/%d/%y']"


_TYPES: dict[str, dict[str, str]] = {}


def _table_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """Column -> type of our own table (the schema is fixed by the ddl files; cached)."""
    if table not in _TYPES:
        rows = con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
            "AND NOT (column_name IN ('date', 'amount') AND table_name = 'filing_disbursements')",
            [table],
        ).fetchall()
        _TYPES[table] = dict(rows)
    return _TYPES[table]


def _read_csv(paths: list[Path], columns: list[str]) -> str:
    cols = ", ".join(f"{_q(c)}: 'VARCHAR'" for c in columns)
    files = list_literal(paths)
    return (
        f"read_csv({files}, delim = chr(28), quote = '', escape = '', header = false, "
        f"new_line = '\\n', auto_detect = false, columns = {{{cols}}})"
    )


def _source(paths: list[Path], src: list[str], ids: list[str] | None) -> tuple[str, str]:
    """(the filing id, the rows) of an INSERT of ``paths``: of one filing (``ids`` None;
    its id a parameter), or of many, each line prefixed by its filing's position in
    ``ids`` (see :func:`insert_batch`)."""
    if ids is None:
        return "?", _read_csv(paths, src)
    return (f"[{', '.join(_str(i) for i in ids)}][CAST(__k AS INTEGER) + 1]",
            _read_csv(paths, ["__k", *src]))


# the lines of the filing read by the direct path (fecscreen.ingest.direct): the view
# RAW (n, l, o) of the temporary table RAW_LINES, n the line number, o the line as filed
# and l its fields separated by ASCII 28 (the line itself in ASCII-28 filings; for a
# comma-separated line that DuckDB can split, its fields unquoted, else NULL)
RAW = "__fec_raw"
RAW_LINES = "__fec_raw_lines"


class NotDirect(Exception):
    """The file cannot take the direct path as read: read it again (fecscreen.ingest.direct)."""


# the form type of a line in RAW (of a line with no separator: its first 40 characters)
FORM = "substr(l, 1, CASE WHEN instr(l, chr(28)) > 0 THEN instr(l, chr(28)) - 1 ELSE 40 END)"
# the number of separators on a line in RAW
SEPS = "length(l) - length(replace(l, chr(28), ''))"
# lines the direct path leaves to Python even when their form is taken
ODD = "(contains(l, chr(0)) OR contains(l, chr(13)))"
# a line's fields with the quotes around a field taken off, as Python's reader does:
# where quotes only enclose whole fields (most quoted lines), by deleting them all
_UNQUOTE = ("list_transform(string_split(l, chr(28)), lambda x: CASE WHEN length(x) >= 2 AND "
            "starts_with(x, '\"') AND ends_with(x, '\"') THEN substr(x, 2, length(x) - 2) "
            "ELSE x END)")
_ENCLOSED = "'(?:\"[^\"\x1c]*\"|[^\"\x1c]*)(?:\x1c(?:\"[^\"\x1c]*\"|[^\"\x1c]*))*'"
FIELDS = (f"CASE WHEN NOT contains(l, '\"') THEN string_split(l, chr(28)) "
          f"WHEN regexp_full_match(l, {_ENCLOSED}) THEN string_split(replace(l, '\"', ''), chr(28)) "
          f"ELSE {_UNQUOTE} END")
# comma-separated lines whose quotes all enclose whole fields (no quote inside a field:
# Python's csv reader and this split then agree), and that have no ASCII 28
_WELL_QUOTED = ("(regexp_full_match(o, '(?:\"[^\"]*\"|[^,\"]*)(?:,(?:\"[^\"]*\"|[^,\"]*))*') "
                "AND NOT contains(o, chr(28)))")
# ... their fields, unquoted, separated by ASCII 28: outside quotes (the odd pieces of a
# split on the quote) a comma separates fields, inside it is text
_COMMA_TO_28 = ("array_to_string(list_transform(string_split(o, '\"'), lambda x, i: "
                "CASE WHEN i % 2 = 1 THEN replace(x, ',', chr(28)) ELSE x END), '')")


def where_taken(forms: list[str], nsep: int | None = None) -> str:
    """SQL condition on RAW: the lines of ``forms`` that DuckDB takes. With ``nsep`` (RAW
    then has each line's separators, see :func:`count_raw`), only those with no more
    than that many separators but for trailing ones (fewer fields, or only empty ones
    beyond the layout's); without, the INSERT checks the count (:func:`_direct`)."""
    where = f"{FORM} IN ({', '.join(_str(f) for f in forms)}) AND NOT {ODD}"
    if nsep is not None:   # (a CASE, so that the regular expression only sees lines two
        # or more beyond: DuckDB evaluates both sides of an OR)
        where += (f" AND CASE WHEN e <= {nsep} THEN true WHEN NOT ends_with(l, chr(28)) THEN false "
                  f"WHEN e = {nsep + 1} THEN true "
                  f"ELSE regexp_full_match(l, '(?:[^\x1c]*\x1c){{0,{nsep}}}[^\x1c]*\x1c*') END")
    return where


def read_raw(con, path: str, comma: bool = False, counted: bool = False) -> bool:
    """Read the file at ``path`` into RAW, one row per physical line with its line
    number ``n``, for the direct path (:mod:`fecscreen.ingest.direct`). DuckDB's reader
    splits the file on all threads; with insertion order kept, the table holds the lines
    in file order, so a row's position (``rowid``, from 0) is its line number less one
    (:func:`fecscreen.ingest.direct.read_direct` checks a line of every block). Numbering
    them with ``row_number()`` instead takes one thread, and 0.08 s longer for a 200 MB
    filing. A ``comma``-separated file's lines are split in the same statement; with
    ``counted``, each line's separators are counted too (``e``, see :func:`count_raw`).
    False (and no table) when DuckDB cannot read the file so (not UTF-8, ...)."""
    split = f"CASE WHEN {_WELL_QUOTED} THEN {_COMMA_TO_28} END" if comma else None
    try:
        _raw_table(con, f"read_csv({_str(Path(path))}, delim = chr(1), quote = '', escape = '', "
                        "header = false, new_line = '\\n', auto_detect = false, "
                        "columns = {'o': 'VARCHAR'})", split, counted)
        return True
    except duckdb.Error:
        drop_raw(con)
        return False


def count_raw(con) -> None:
    """Give RAW each line's separators ``e`` (for :func:`where_taken` with a count),
    copying its lines, unless it has them."""
    cols = {c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() "
                                      f"WHERE table_name = '{RAW_LINES}'").fetchall()}
    if "e" not in cols:
        con.execute(f"ALTER TABLE {RAW_LINES} RENAME TO {RAW_LINES}_0")
        _raw_table(con, f"{RAW_LINES}_0", "l" if "l" in cols else None, True)
        con.execute(f"DROP TABLE {RAW_LINES}_0")


def _raw_table(con, rows: str, split: str | None, counted: bool) -> None:
    """RAW_LINES from the lines ``o`` of ``rows``, in their order: with ``l`` (``split``,
    when l is not o itself) and with ``e`` (``counted``); and the view RAW on it."""
    order = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute("SET preserve_insertion_order = true")
    keep = "o" + (", l" if split else "") + (f", {SEPS} AS e" if counted else "")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {RAW_LINES} AS SELECT {keep} "
                    f"FROM (SELECT o, {split or 'o'} AS l FROM {rows})")
        con.execute(f"CREATE OR REPLACE TEMP VIEW {RAW} AS SELECT rowid + 1 AS n, "
                    f"{'l' if split else 'o AS l'}, o{', e' if counted else ''} FROM {RAW_LINES}")
    finally:
        con.execute(f"SET preserve_insertion_order = {'true' if order else 'false'}")


def drop_raw(con) -> None:
    con.execute(f"DROP VIEW IF EXISTS {RAW}")
    con.execute(f"DROP TABLE IF EXISTS {RAW_LINES}")


def _direct(g: Group, src: list[str], paths: list[Path]) -> str:
    """The rows of ``g``: the well-formed lines of its forms in RAW (``g.direct``), and
    those in its temporary file."""
    cols = ", ".join(f"nullif(s[{i}], '') AS {c}" for i, c in enumerate(src[1:], 1))
    # Where the file's separators showed lines with another count, only the lines with the
    # layout's (or with empty fields beyond it) are taken (g.direct_fields). Else a line
    # with another count (not expected) gets no line number, which the table refuses
    # (NOT NULL): the INSERT fails (NotDirect, see insert_group) and the filing is read
    # the ordinary way.
    nsep = None if g.direct_fields is None else g.direct_fields - 1
    line = "n" if nsep is not None else f"CASE WHEN len(s) = {len(src) - 1} THEN n END"
    rel = (f"SELECT {line} AS __line, {cols} "
           f"FROM (SELECT n, {FIELDS} AS s FROM {RAW} WHERE {where_taken(g.direct, nsep)})")
    if paths:
        rel += (f" UNION ALL SELECT CAST(__line AS BIGINT), {', '.join(src[1:])} "
                f"FROM {_read_csv(paths, src)}")
    return f"({rel})"


def insert_group(con, filing_id: str, g: Group, paths: list[Path] | None = None) -> None:
    """Load all temporary files of ``g``'s lines into its table with ONE statement.

    (Several INSERTs into one table in one transaction make DuckDB rewrite the new
    row groups at the next checkpoint, which costs about as much as the load itself.)
    """
    paths = g.segments if paths is None else paths
    if not paths and not g.direct:
        return
    if g.table == "lines":
        _insert_lines(con, filing_id, paths)
    else:
        _insert_itemized(con, filing_id, g, paths)


def insert_batch(con, layouts: list[tuple[Group, Path]], ids: list[str]) -> None:
    """The lines of many filings with one INSERT per layout: ``(a group of the layout,
    the file of all their lines of it)``, each line prefixed by its filing's position
    in ``ids`` and ASCII 28."""
    for g, path in layouts:
        if g.table == "lines":
            _insert_lines(con, None, [path], ids)
        else:
            _insert_itemized(con, None, g, [path], ids)


def _insert_itemized(con, filing_id: str | None, g: Group, paths: list[Path],
                     ids: list[str] | None = None) -> None:
    table = TABLES[g.table]
    types = _table_types(con, table)
    alias = ALIASES.get(table, {})
    src = ["__line"] + [f"c{i}" for i in range(len(g.layout.columns))]
    target: list[str] = []
    exprs: list[str] = []
    unread: list[str] = []
    failed: list[str] = []
    for i, fec_name in enumerate(g.layout.columns):
        col = alias.get(fec_name, fec_name)
        if col not in types or col in target or col in ("filing_id", "line_number", "fields"):
            continue
        raw = f"c{i}"
        kind = types[col]
        if kind == "DATE":
            expr = f"CAST(try_strptime(trim({raw}), {DATE_FORMATS}) AS DATE)"
        elif kind.startswith("DECIMAL"):
            expr = f"TRY_CAST(nullif(replace(trim({raw}), ',', ''), '') AS {kind})"
        else:
            expr = raw
            target.append(col)
            exprs.append(expr)
            continue
        target.append(col)
        exprs.append(expr)
        failed.append(f"(nullif(trim({raw}), '') IS NOT NULL AND {expr} IS NULL)")
        unread.append(f"CASE WHEN {failed[-1]} THEN {{'k': '{col}', 'v': {raw}}} END")
    fields = "NULL"
    if unread:
        # the (rare) values that are not valid dates/amounts, by column, as filed; the
        # list is only built for the lines that have one
        items = f"list_filter([{', '.join(unread)}], lambda x: x IS NOT NULL)"
        fields = (f"CASE WHEN {' OR '.join(failed)} THEN CAST(map_from_entries("
                  f"list_transform({items}, lambda x: {{'key': x.k, 'value': x.v}})) AS JSON) END")
    filing, rows = _source(paths, src, ids)
    sql = (
        f"INSERT INTO {table} (filing_id, line_number, {', '.join(_q(c) for c in target)}, fields) "
        f"SELECT {filing}, CAST(__line AS INTEGER), {', '.join(exprs)}, {fields} "
        f"FROM {_direct(g, src, paths) if g.direct else rows}"
    )
    try:
        inserted = con.execute(sql, [] if ids else [filing_id]).fetchone()[0]
    except duckdb.ConstraintException as exc:
        if g.direct:
            raise NotDirect(f"{g.key}: a line with another number of fields ({exc})") from None
        raise
    if g.direct and inserted != g.direct_rows + g.file_rows:
        raise NotDirect(f"{g.key}: {inserted} rows where {g.direct_rows + g.file_rows} were due")


def _insert_lines(con, filing_id: str | None, paths: list[Path],
                  ids: list[str] | None = None) -> None:
    filing, rows = _source(paths, ["__line", "form_type", "schedule", "fields"], ids)
    con.execute(
        "INSERT INTO filing_lines (filing_id, line_number, form_type, schedule, fields) "
        f"SELECT {filing}, CAST(__line AS INTEGER), form_type, schedule, CAST(fields AS JSON) "
        f"FROM {rows}",
        [] if ids else [filing_id],
    )


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


def delete_filings(con, ids: list[str]) -> None:
    marks = ", ".join("?" for _ in ids)
    for table in ("filing_receipts", "filing_disbursements", "filing_lines", "load_issues", "filings"):
        con.execute(f"DELETE FROM {table} WHERE filing_id IN ({marks})", ids)


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
    marks = ", ".join("?" for _ in ids)
    for table in ("filing_receipts", "filing_disbursements"):
        con.execute(
            "INSERT INTO load_issues (source, filing_id, file, line_number, form_type, problem, raw) "
            "SELECT 'filing', t.filing_id, f.source_path, line_number, t.form_type, "
            "'not a valid date or amount, kept as filed in `fields`: ' || "
            "array_to_string(list_filter(json_keys(fields), lambda k: k NOT LIKE 'extra\\_%' ESCAPE '\\'), ', '), "
            f"CAST(fields AS VARCHAR) FROM {table} t JOIN filings f USING (filing_id) "
            f"WHERE t.filing_id IN ({marks}) AND fields IS NOT NULL "
            "AND len(list_filter(json_keys(fields), lambda k: k NOT LIKE 'extra\\_%' ESCAPE '\\')) > 0",
            ids,
        )


# -- the connection while loading ------------------------------------------------

LOAD_MEMORY = 1 << 30  # DuckDB memory cap while a filing loads (if the limit is higher)
_UNITS = {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3, "tb": 1000**4,
          "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40}


@contextmanager
def load_settings(con):
    """Row order inside the tables carries no meaning (line_number does); letting DuckDB
    insert out of order saves it work. A cap on DuckDB's memory keeps a large filing
    from filling the buffer pool with pages already written. Both are put back after."""
    order = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
    limit = _memory_limit(con)
    cap = limit == _duckdb_default_memory_limit() and _bytes(limit) > LOAD_MEMORY
    con.execute("SET preserve_insertion_order = false")
    if cap:
        con.execute(f"SET memory_limit = '{LOAD_MEMORY // (1 << 20)}MiB'")
    try:
        yield
    finally:
        con.execute(f"SET preserve_insertion_order = {'true' if order else 'false'}")
        if cap:
            con.execute("RESET memory_limit")


def _memory_limit(con) -> str:
    return con.execute("SELECT current_setting('memory_limit')").fetchone()[0]


@functools.lru_cache(maxsize=1)
def _duckdb_default_memory_limit() -> str:
    """DuckDB's default memory limit (when nobody chose one, a load caps it and afterwards
    RESETs it). Asked of a fresh connection once: that takes longer than a small filing."""
    with duckdb.connect(":memory:") as fresh:
        return _memory_limit(fresh)


def _bytes(setting: str) -> float:
    """DuckDB's memory_limit text ('18.6 GiB', '512.0 MiB') in bytes; unknown: infinite."""
    m = re.match(r"^\s*([\d.]+)\s*([a-zA-Z]+)\s*$", str(setting))
    if not m or m.group(2).lower() not in _UNITS:
        return float("inf")
    return float(m.group(1)) * _UNITS[m.group(2).lower()]


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
        f"WHERE committee_id IN ({', '.join('?' for _ in ids)})",
        ids,
    ).fetchall()
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
