"""The lines a bulk load did not store, accounted for in ``load_issues``.

Run inside the load's transaction (:mod:`fecscreen.bulk.load`): the lines
DuckDB's reader rejected or skipped, the lines missing from a whole-line read,
each with SQL's verdict on it; a second row with the key of an earlier line; and
the rows of other files of the cycle that this file brings again.
"""

from __future__ import annotations

from pathlib import Path

from fecscreen.bulk.layouts import Layout
from fecscreen.bulk.lines import last_line, read_lines, scan_lines
from fecscreen.bulk.sql import LINE_DELIM, RAW_LIMIT, READ_LINES, REJECTS, REJECTS_SCAN, insert_sql, problems_sql, typed


class NotUtf8(Exception):
    """The file is not UTF-8: load it again as Latin-1."""


class UseLines(Exception):
    """The fast reader cannot account for every line of this file: read whole lines."""


BUCKET = 1 << 16


def line_count(con, lay: Layout, plain: Path, encoding: str, where: dict) -> int:
    """Lines in the file. Free when the last line was stored (its number is the count)."""
    last = con.execute(
        f"SELECT max(line_number) FROM {lay.table} WHERE cycle = $c AND source_file = $f", where
    ).fetchone()[0]
    if last is not None:
        _bad_lines_table(con, {0: last_line(plain).decode(encoding, errors="replace")})
        verdict = con.execute(f"SELECT problem FROM ({problems_sql(lay)})").fetchone()[0]
        if verdict is None:
            return last
    return scan_lines(plain)[0]


def missing_lines(con, lay: Layout, total: int, where: dict) -> list[int]:
    """Line numbers 1..total that are not stored (few: found by counting per bucket)."""
    counts = dict(con.execute(
        f"SELECT line_number // {BUCKET}, count(*) FROM {lay.table} "
        f"WHERE cycle = $c AND source_file = $f GROUP BY 1", where
    ).fetchall())
    missing: list[int] = []
    for b in range(total // BUCKET + 1):
        lo, hi = max(1, b * BUCKET), min(total, b * BUCKET + BUCKET - 1)
        if hi < lo or counts.get(b, 0) == hi - lo + 1:
            continue
        have = {r[0] for r in con.execute(
            f"SELECT line_number FROM {lay.table} WHERE cycle = $c AND source_file = $f "
            f"AND line_number BETWEEN {lo} AND {hi}", where
        ).fetchall()}
        missing.extend(n for n in range(lo, hi + 1) if n not in have)
    return missing


def _bad_lines_table(con, lines: dict[int, str]) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE _bulk_bad_lines (ordinality BIGINT, line VARCHAR)")
    if lines:
        con.execute(
            "INSERT INTO _bulk_bad_lines SELECT unnest($n), unnest($l)",
            {"n": list(lines), "l": list(lines.values())},
        )


def record_rejected(con, lay: Layout, plain: Path, encoding: str, missing: list[int],
                     where: dict, index=None) -> dict[str, int]:
    """Record the lines the INSERT did not keep in load_issues, with what is wrong."""
    if not missing:
        return {}
    _bad_lines_table(con, read_lines(plain, missing, encoding, index))
    rows = con.execute(
        f"""
        INSERT INTO load_issues (source, file, line_number, form_type, problem, raw, cycle)
        SELECT 'bulk', $f, line_number, $k,
               coalesce(problem, 'the line could not be read as a {lay.kind} row'), raw, $c
        FROM ({problems_sql(lay)}) ORDER BY line_number
        RETURNING problem
        """,
        {**where, "k": lay.kind},
    ).fetchall()
    con.execute("DROP TABLE IF EXISTS _bulk_bad_lines")
    kinds: dict[str, int] = {}
    for (problem,) in rows:
        k = "field count" if problem.startswith("has ") or problem == "empty line" else "value"
        kinds[k] = kinds.get(k, 0) + 1
    return kinds


def rejected_lines(con, lay: Layout, encoding: str, where: dict) -> list[int]:
    """Lines DuckDB's reader left out (from its rejects table); a text key left
    empty, which the reader stores, sends the load to whole lines."""
    kinds = {r[0] for r in con.execute(f"SELECT DISTINCT error_type FROM {REJECTS}").fetchall()}
    if encoding == "utf-8" and "INVALID ENCODING" in kinds:
        raise NotUtf8()
    lines = [r[0] for r in con.execute(f"SELECT DISTINCT line FROM {REJECTS} ORDER BY 1").fetchall()]
    for table in (REJECTS, REJECTS_SCAN):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    if con.execute(f"SELECT count(*) FROM {lay.table} WHERE cycle = $c AND source_file = $f "
                   f"AND {lay.key} IS NULL", where).fetchone()[0]:
        raise UseLines()
    return lines


def remove_duplicates(con, lay: Layout, plain: Path, encoding: str, where: dict,
                       rejected: list[int]) -> int:
    """A second row with the key of an earlier line: recorded as an issue, not stored.

    Rare, so the lines holding a repeated key are found by reading the file again
    whole-line; the rows of those keys are replaced by the first such line's row.
    """
    t, k = lay.table, lay.key
    keys = [r[0] for r in con.execute(
        f"SELECT {k} FROM {t} WHERE cycle = $c AND source_file = $f "
        f"GROUP BY {k} HAVING count(*) > 1", where).fetchall()]
    if not keys:
        return 0
    key_i = [c.name for c in lay.columns].index(k) + 1
    field = typed(lay.column(k), f"nullif(string_split(coalesce(line, ''), '|')[{key_i}], '')")
    found = con.execute(
        f"SELECT ordinality, line, {field} AS key FROM {READ_LINES} "
        f"WHERE {field} IN (SELECT unnest($keys)) ORDER BY ordinality",
        {"path": str(plain), "delim": LINE_DELIM, "encoding": encoding, "keys": keys},
    ).fetchall()
    skip, first, later = set(rejected), {}, []
    for n, line, key in found:
        if n in skip:
            continue
        if key in first:
            later.append((n, key, first[key][0], line))
        else:
            first[key] = (n, line)
    con.executemany(
        "INSERT INTO load_issues (source, file, line_number, form_type, problem, raw, cycle) "
        "VALUES ('bulk', ?, ?, ?, ?, ?, ?)",
        [[where["f"], n, lay.kind, f"{k.upper()} {key} repeats line {at} of the file",
          line[:RAW_LIMIT], where["c"]] for n, key, at, line in later],
    )
    con.execute(f"DELETE FROM {t} WHERE cycle = $c AND source_file = $f "
                f"AND {k} IN (SELECT unnest($keys))", {**where, "keys": keys})
    _bad_lines_table(con, dict(first.values()))
    con.execute(insert_sql(lay, "_bulk_bad_lines", numbered=False),
                {"cycle": where["c"], "source_file": where["f"]})
    con.execute("DROP TABLE IF EXISTS _bulk_bad_lines")
    return len(later)


def replace_other_files(con, lay: Layout, where: dict) -> int:
    """Rows of other files of the cycle whose key this file brings again: replaced."""
    t, k = lay.table, lay.key
    others = con.execute(
        f"SELECT count(*) FROM {t} WHERE cycle = $c AND source_file <> $f", where
    ).fetchone()[0]
    if not others:
        return 0
    return con.execute(
        f"""
        DELETE FROM {t}
        WHERE cycle = $c AND source_file <> $f
          AND {k} IN (SELECT {k} FROM {t} WHERE cycle = $c AND source_file = $f)
        """,
        where,
    ).fetchone()[0]


__all__ = ["NotUtf8", "UseLines", "line_count", "missing_lines", "record_rejected", "rejected_lines",
           "remove_duplicates", "replace_other_files"]
