"""The SQL of a bulk load: the INSERTs (DuckDB's CSV parser, or whole lines split in
SQL) and the verdict on a line that was not stored (see :mod:`fecscreen.bulk.load`)."""

from __future__ import annotations

from fecscreen.bulk.earmarks import INSERT_COUNTS, INSERT_PAIR_ID
from fecscreen.bulk.layouts import Column, Layout

RAW_LIMIT = 2000  # characters of a bad line kept in load_issues.raw


def typed(col: Column, raw: str) -> str:
    if col.kind == "text":
        return raw
    if col.kind == "date":
        return f"CAST(try_strptime({raw}, '%m%d%Y') AS DATE)"
    return f"TRY_CAST({raw} AS {col.sql_type})"


def what_is_wrong(col: Column) -> str:
    return {
        "date": "is not a date (MMDDYYYY)",
        "amount": "is not an amount",
        "bigint": "is not a whole number",
        "integer": "is not a whole number",
    }[col.kind]


def _parts(lay: Layout) -> tuple[str, str, str]:
    """(parsed-rows SQL template with a {source} slot, bad-row predicate, problem text)."""
    raws, values, checks, texts = [], [], [], []
    for i, col in enumerate(lay.columns, start=1):
        raws.append(f"nullif(f[{i}], '') AS r{i}")
        values.append(f"{typed(col, f'r{i}')} AS {col.name}")
        if col.kind != "text":
            bad = f"(r{i} IS NOT NULL AND {col.name} IS NULL)"
            checks.append(bad)
            texts.append(
                f"CASE WHEN {bad} THEN '{col.fec_name} {what_is_wrong(col)}: ' || left(r{i}, 40) END"
            )
    key_i = [c.name for c in lay.columns].index(lay.key) + 1
    bad_width = f"n <> {lay.width}"
    no_key = f"r{key_i} IS NULL"
    problem = (
        f"CASE WHEN {bad_width} THEN CASE WHEN line IS NULL OR line = '' THEN 'empty line' "
        f"ELSE 'has ' || n || ' fields, expected {lay.width}' END "
        f"ELSE nullif(concat_ws('; ', "
        + ", ".join([f"CASE WHEN {no_key} THEN '{lay.key.upper()} is missing' END", *texts])
        + "), '') END"
    )
    any_bad = " OR ".join([bad_width, no_key, *checks])
    # Empty fields after the last one are no fields (DuckDB's CSV parser reads them so).
    w = lay.width
    n = f"CASE WHEN len(f) > {w} AND array_to_string(f[{w + 1}:], '') = '' THEN {w} " \
        "ELSE len(f) END"
    parsed = f"""
    SELECT *, {', '.join(values)}
    FROM (
        SELECT ordinality AS line_number, line, {n} AS n, {', '.join(raws)}
        FROM (SELECT ordinality, line, string_split(coalesce(line, ''), '|') AS f FROM {{source}})
    )"""
    return parsed, any_bad, problem


def _extra_columns(lay: Layout) -> str:
    """Columns the INSERT fills beyond the file's own (itcont: the earmark guess)."""
    return f", {INSERT_PAIR_ID}, {INSERT_COUNTS}" if lay.kind == "indiv" else ""


READ_LINES = """read_csv($path, columns = {'line': 'VARCHAR'}, delim = $delim, quote = '',
                  escape = '', header = false, auto_detect = false, encoding = $encoding,
                  max_line_size = 10000000) WITH ORDINALITY"""


def insert_sql(lay: Layout, source: str = READ_LINES, numbered: bool = True) -> str:
    """INSERT of the good rows of whole lines ``source(ordinality, line)``: the file
    read line by line (parameters: path, delim, encoding, cycle, source_file), or a
    temp table of chosen lines. ``numbered`` keeps the line number (which the
    line-by-line load needs until it has found its rejected lines)."""
    parsed, any_bad, _ = _parts(lay)
    names = ", ".join(c.name for c in lay.columns)
    number = "line_number" if numbered else "NULL AS line_number"
    return f"""
INSERT INTO {lay.table} BY NAME
SELECT {names}, $cycle AS cycle, $source_file AS source_file, {number}{_extra_columns(lay)}
FROM ({parsed.format(source=source)})
WHERE NOT ({any_bad})
"""


REJECTS = "_bulk_rejects"  # DuckDB's store_rejects tables for the running load
REJECTS_SCAN = "_bulk_rejects_scan"


def native_insert_sql(lay: Layout) -> str:
    """The fast INSERT: DuckDB's own CSV parser, in parallel, typed by the layout.

    A line it cannot take (too few or too many fields, a value that does not
    parse as its column's type, an empty numeric key) is left out and reported
    in the ``_bulk_rejects`` table with its line number (``store_rejects``);
    rows are written without a line number (their key is the FEC's SUB_ID).
    """
    spec = ", ".join(f"'{c.name}': '{c.sql_type}'" for c in lay.columns)
    key = lay.column(lay.key)
    # An empty numeric key is a rejected line, not a NULL (text keys: checked after).
    not_null = f"force_not_null = ['{key.name}'], " if key.kind != "text" else ""
    return f"""
INSERT INTO {lay.table} BY NAME
SELECT *, $cycle AS cycle, $source_file AS source_file{_extra_columns(lay)}
FROM read_csv($path, columns = {{{spec}}}, delim = '|', quote = '', escape = '',
              header = false, auto_detect = false, dateformat = '%m%d%Y',
              {not_null}store_rejects = true,
              rejects_table = '{REJECTS}', rejects_scan = '{REJECTS_SCAN}',
              encoding = $encoding, max_line_size = 10000000)
"""


def problems_sql(lay: Layout) -> str:
    """What is wrong with each line of the temp table ``_bulk_bad_lines(ordinality, line)``."""
    parsed, any_bad, problem = _parts(lay)
    return f"""
SELECT line_number, CASE WHEN {any_bad} THEN {problem} END AS problem,
       left(coalesce(line, ''), {RAW_LIMIT}) AS raw
FROM ({parsed.format(source='_bulk_bad_lines')})
"""


# A delimiter that never occurs in FEC text: the whole line is one column.
LINE_DELIM = "\x01\x02\x03"


__all__ = ["LINE_DELIM", "RAW_LIMIT", "READ_LINES", "REJECTS", "REJECTS_SCAN", "insert_sql",
           "native_insert_sql", "problems_sql", "typed", "what_is_wrong"]
