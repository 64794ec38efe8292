"""The INSERTs of a parsed filing's lines (from its temporary files, or read by DuckDB from
the file itself: the direct path), and the connection's settings while loading. The
`filings` rows and amendments are in :mod:`fecscreen.ingest.filings`."""

from __future__ import annotations

import functools
import re
from contextlib import contextmanager
from pathlib import Path

import duckdb

from fecscreen.ingest.groups import Group
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
    its id the parameter), or of many, each line prefixed by its filing's position in
    ``ids`` (see :func:`insert_batch`; the list the parameter: as a literal in the SQL it
    costs up to 0.1 s more a statement for 5,000 filings)."""
    if ids is None:
        return "?", _read_csv(paths, src)
    return "(?::VARCHAR[])[CAST(__k AS INTEGER) + 1]", _read_csv(paths, ["__k", *src])


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
        inserted = con.execute(sql, [filing_id] if ids is None else [ids]).fetchone()[0]
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
        [filing_id] if ids is None else [ids],
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
