"""Load one bulk file into the store: set-based SQL in DuckDB, one transaction.

How a load runs (docs/bulk.md has the why):

1. DuckDB reads the file one *line* at a time (``read_csv`` with a single column
   and ``WITH ORDINALITY``, so every row keeps its line number and no line can be
   rejected or skipped), splits it on ``|`` and types each field
   (``try_strptime``/``TRY_CAST``) in the same streaming INSERT. A line with the
   wrong number of fields or a value that does not parse gets ``load_problem``
   (what is wrong) and ``load_raw`` (the line as read).
2. A second row with the same key (``SUB_ID`` for transactions) gets a problem too;
   rows of *other* files of the same cycle with a key this file brings are replaced.
3. Rows with a problem move to ``load_issues``; nothing else is dropped, so
   rows in = rows stored + rows in ``load_issues`` for the file.
4. For itcont: earmark pairs are marked (see :mod:`fecscreen.bulk.earmarks`).

All of it happens in one transaction: a failure leaves the earlier data untouched.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb

from fecscreen.bulk.detect import BulkSource, check_cycle, identify, infer_cycle, plain_file
from fecscreen.bulk.earmarks import mark_earmarks
from fecscreen.bulk.layouts import Column, Layout
from fecscreen.errors import InputError, StoreError

Progress = Callable[[int, int], None]

RAW_LIMIT = 2000  # characters of a bad line kept in load_issues.raw


@dataclass
class BulkLoadSummary:
    """What one :func:`load_bulk` call did."""

    path: str
    kind: str
    table: str
    cycle: int
    rows_in: int = 0          # lines in the file
    rows_stored: int = 0      # rows now in `table` from this file
    rows_issues: int = 0      # lines recorded in load_issues instead
    rows_replaced: int = 0    # rows of earlier loads replaced (same file, or same key)
    earmark_pairs: int = 0    # itcont: pairs found in the cycle
    encoding: str = "utf-8"
    seconds: float = 0.0
    problems: dict[str, int] = field(default_factory=dict)  # problem kind -> count

    @property
    def accounted(self) -> bool:
        return self.rows_in == self.rows_stored + self.rows_issues


# -- SQL ------------------------------------------------------------------------------
def _typed(col: Column, raw: str) -> str:
    if col.kind == "text":
        return raw
    if col.kind == "date":
        return f"CAST(try_strptime({raw}, '%m%d%Y') AS DATE)"
    return f"TRY_CAST({raw} AS {col.sql_type})"


def _what(col: Column) -> str:
    return {
        "date": "is not a date (MMDDYYYY)",
        "amount": "is not an amount",
        "bigint": "is not a whole number",
        "integer": "is not a whole number",
    }[col.kind]


def insert_sql(lay: Layout) -> str:
    """The one streaming INSERT for a layout (parameters: path, delimiter, encoding,
    cycle, source_file)."""
    raws, typed, checks, texts = [], [], [], []
    for i, col in enumerate(lay.columns, start=1):
        raws.append(f"nullif(f[{i}], '') AS r{i}")
        typed.append(f"{_typed(col, f'r{i}')} AS {col.name}")
        if col.kind != "text":
            bad = f"(r{i} IS NOT NULL AND {col.name} IS NULL)"
            checks.append(bad)
            texts.append(
                f"CASE WHEN {bad} THEN '{col.fec_name} ' || "
                f"'{_what(col).replace(chr(39), '')}: ' || left(r{i}, 40) END"
            )
    key_i = [c.name for c in lay.columns].index(lay.key) + 1
    bad_width = f"n <> {lay.width}"
    no_key = f"r{key_i} IS NULL"
    problem = (
        f"CASE WHEN {bad_width} THEN CASE WHEN line IS NULL OR line = '' THEN 'empty line' "
        f"ELSE 'has ' || n || ' fields, expected {lay.width}' END "
        f"ELSE concat_ws('; ', "
        + ", ".join([f"CASE WHEN {no_key} THEN '{lay.key.upper()} is missing' END", *texts])
        + ") END"
    )
    any_bad = " OR ".join([bad_width, no_key, *checks])
    names = [c.name for c in lay.columns]
    return f"""
INSERT INTO {lay.table} BY NAME
SELECT {', '.join(names)},
       $cycle AS cycle, $source_file AS source_file, line_number,
       CASE WHEN {any_bad} THEN {problem} END AS load_problem,
       CASE WHEN {any_bad} THEN left(coalesce(line, ''), {RAW_LIMIT}) END AS load_raw
FROM (
    SELECT *, {', '.join(typed)}
    FROM (
        SELECT ordinality AS line_number, line, len(f) AS n, {', '.join(raws)}
        FROM (
            SELECT ordinality, line, string_split(coalesce(line, ''), '|') AS f
            FROM read_csv($path, columns = {{'line': 'VARCHAR'}}, delim = $delim,
                          quote = '', escape = '', header = false, auto_detect = false,
                          encoding = $encoding, max_line_size = 10000000)
                 WITH ORDINALITY
        )
    )
)
"""


# A delimiter that never occurs in FEC text: the whole line is one column.
LINE_DELIM = "\x01\x02\x03"


class _NotUtf8(Exception):
    pass


def _insert(con: duckdb.DuckDBPyConnection, lay: Layout, path: Path, cycle: int,
            source_file: str, encoding: str) -> None:
    try:
        con.execute(
            insert_sql(lay),
            {"path": str(path), "delim": LINE_DELIM, "encoding": encoding,
             "cycle": cycle, "source_file": source_file},
        )
    except duckdb.InvalidInputException as exc:
        if encoding == "utf-8" and "unicode" in str(exc).lower():
            raise _NotUtf8() from exc
        raise InputError(f"cannot read the file: {exc}", where=str(path)) from exc


def _mark_duplicates(con, lay: Layout, cycle: int, source_file: str) -> None:
    """A second row with the same key in this file is a problem; the first one stays."""
    t, k = lay.table, lay.key
    con.execute(
        f"""
        UPDATE {t} SET load_problem = d.problem
        FROM (
            SELECT line_number,
                   '{k.upper()} ' || {k} || ' repeats line ' || first_line || ' of the file' AS problem
            FROM (
                SELECT {k}, line_number,
                       min(line_number) OVER (PARTITION BY {k}) AS first_line
                FROM {t}
                WHERE cycle = $c AND source_file = $f AND load_problem IS NULL
                  AND {k} IN (
                      SELECT {k} FROM {t}
                      WHERE cycle = $c AND source_file = $f AND load_problem IS NULL
                      GROUP BY {k} HAVING count(*) > 1)
            ) WHERE line_number > first_line
        ) d
        WHERE {t}.cycle = $c AND {t}.source_file = $f AND {t}.line_number = d.line_number
        """,
        {"c": cycle, "f": source_file},
    )


def _replace_other_files(con, lay: Layout, cycle: int, source_file: str) -> int:
    """Rows of other files of the cycle whose key this file brings again: replaced."""
    t, k = lay.table, lay.key
    others = con.execute(
        f"SELECT count(*) FROM {t} WHERE cycle = $c AND source_file <> $f",
        {"c": cycle, "f": source_file},
    ).fetchone()[0]
    if not others:
        return 0
    return con.execute(
        f"""
        DELETE FROM {t}
        WHERE cycle = $c AND source_file <> $f AND {k} IN (
            SELECT {k} FROM {t} WHERE cycle = $c AND source_file = $f AND load_problem IS NULL)
        """,
        {"c": cycle, "f": source_file},
    ).fetchone()[0]


def _fill_missing_raw(con, lay: Layout, path: Path, encoding: str, cycle: int, source_file: str) -> None:
    """Duplicate rows were good lines, so their raw text was not kept: read those lines."""
    t = lay.table
    lines = [r[0] for r in con.execute(
        f"SELECT line_number FROM {t} WHERE cycle = $c AND source_file = $f "
        f"AND load_problem IS NOT NULL AND load_raw IS NULL",
        {"c": cycle, "f": source_file},
    ).fetchall()]
    if not lines:
        return
    con.execute(
        f"""
        UPDATE {t} SET load_raw = r.line
        FROM (
            SELECT ordinality AS n, left(line, {RAW_LIMIT}) AS line
            FROM read_csv($path, columns = {{'line': 'VARCHAR'}}, delim = $delim, quote = '',
                          escape = '', header = false, auto_detect = false, encoding = $enc,
                          max_line_size = 10000000) WITH ORDINALITY
            WHERE ordinality IN (SELECT unnest($lines))
        ) r
        WHERE {t}.cycle = $c AND {t}.source_file = $f AND {t}.line_number = r.n
        """,
        {"path": str(path), "delim": LINE_DELIM, "enc": encoding, "lines": lines,
         "c": cycle, "f": source_file},
    )


def _move_problems(con, lay: Layout, cycle: int, source_file: str) -> dict[str, int]:
    t = lay.table
    params = {"c": cycle, "f": source_file, "k": lay.kind}
    con.execute(
        f"""
        INSERT INTO load_issues (source, file, line_number, form_type, problem, raw, cycle)
        SELECT 'bulk', $f, line_number, $k, load_problem, load_raw, $c
        FROM {t} WHERE cycle = $c AND source_file = $f AND load_problem IS NOT NULL
        ORDER BY line_number
        """,
        params,
    )
    kinds = dict(con.execute(
        f"""
        SELECT CASE WHEN load_problem LIKE 'has % fields%' OR load_problem = 'empty line'
                    THEN 'field count'
                    WHEN load_problem LIKE '% repeats line %' THEN 'duplicate key'
                    ELSE 'value' END, count(*)
        FROM {t} WHERE cycle = $c AND source_file = $f AND load_problem IS NOT NULL
        GROUP BY ALL
        """,
        {"c": cycle, "f": source_file},
    ).fetchall())
    if kinds:
        con.execute(
            f"DELETE FROM {t} WHERE cycle = $c AND source_file = $f AND load_problem IS NOT NULL",
            {"c": cycle, "f": source_file},
        )
    return kinds


def _configure(con: duckdb.DuckDBPyConnection, store_path: str) -> None:
    """Let DuckDB spill to disk for files larger than memory."""
    current = con.execute("SELECT current_setting('temp_directory')").fetchone()[0]
    if not current:
        base = os.environ.get("FECSCREEN_TMP") or (
            str(Path(store_path).resolve().parent) if store_path != ":memory:" else None
        )
        if base is None:
            import tempfile

            base = tempfile.gettempdir()
        con.execute(f"SET temp_directory = '{Path(base) / '.fecscreen_tmp'}'")
    limit = os.environ.get("FECSCREEN_MEMORY_LIMIT")
    if limit:
        con.execute("SET memory_limit = ?", [limit])


class _Poller:
    """Report DuckDB's progress on the running query to ``progress(bytes, rows)``."""

    def __init__(self, con, total_bytes: int, progress: Progress | None):
        self.con, self.total, self.progress = con, total_bytes, progress
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        if self.progress is not None:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def _run(self):
        while not self._stop.wait(0.5):
            try:
                pct = self.con.query_progress()
            except Exception:  # noqa: BLE001 - progress is best effort
                return
            if pct and pct > 0:
                self.progress(int(self.total * min(pct, 100.0) / 100.0), 0)

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def load_source(store, src: BulkSource, *, cycle: int | None = None,
                progress: Progress | None = None, tmp_dir: str | None = None) -> BulkLoadSummary:
    lay = src.layout
    cycle = check_cycle(cycle, where=str(src.path)) if cycle is not None else infer_cycle(src)
    source_file = src.source_file
    summary = BulkLoadSummary(path=str(src.path), kind=lay.kind, table=lay.table, cycle=cycle)
    started = time.perf_counter()
    con = store.con
    _configure(con, getattr(store, "path", ":memory:"))
    with plain_file(src, tmp_dir=tmp_dir) as plain:
        size = plain.stat().st_size
        for encoding in ("utf-8", "latin-1"):  # Latin-1 reads any byte: the fallback
            try:
                _load_once(store, src, plain, cycle, encoding, summary, progress)
                break
            except _NotUtf8:
                continue
    if progress is not None:
        progress(size, summary.rows_in)
    summary.seconds = time.perf_counter() - started
    return summary


def _load_once(store, src: BulkSource, plain: Path, cycle: int, encoding: str,
               summary: BulkLoadSummary, progress: Progress | None) -> None:
    """One transaction: replace the file's earlier rows, insert, check, move issues."""
    lay, con, source_file = src.layout, store.con, src.source_file
    size = plain.stat().st_size
    summary.encoding = encoding
    try:
        with store.transaction():
            params = {"c": cycle, "f": source_file}
            summary.rows_replaced = con.execute(
                f"DELETE FROM {lay.table} WHERE cycle = $c AND source_file = $f", params
            ).fetchone()[0]
            con.execute(
                "DELETE FROM load_issues WHERE source = 'bulk' AND file = $f "
                "AND form_type = $k AND cycle = $c",
                {**params, "k": lay.kind},
            )
            con.execute(
                "DELETE FROM bulk_loads WHERE kind = $k AND cycle = $c AND source_file = $f",
                {**params, "k": lay.kind},
            )
            with _Poller(con, size, progress):
                _insert(con, lay, plain, cycle, source_file, encoding)
            summary.rows_in = con.execute(
                f"SELECT count(*) FROM {lay.table} WHERE cycle = $c AND source_file = $f", params
            ).fetchone()[0]
            _mark_duplicates(con, lay, cycle, source_file)
            _fill_missing_raw(con, lay, plain, summary.encoding, cycle, source_file)
            summary.problems = _move_problems(con, lay, cycle, source_file)
            summary.rows_issues = sum(summary.problems.values())
            summary.rows_stored = summary.rows_in - summary.rows_issues
            summary.rows_replaced += _replace_other_files(con, lay, cycle, source_file)
            if lay.kind == "indiv":
                summary.earmark_pairs = mark_earmarks(con, cycle)
            con.execute(
                "INSERT INTO bulk_loads (kind, table_name, cycle, source_file, source_path, "
                "source_bytes, encoding, rows_in, rows_stored, rows_issues) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [lay.kind, lay.table, cycle, source_file, str(src.path), src.path.stat().st_size,
                 encoding, summary.rows_in, summary.rows_stored, summary.rows_issues],
            )
    except duckdb.Error as exc:
        raise StoreError(
            f"loading {source_file} failed and nothing was changed ({exc})",
            where=str(src.path),
            hint="check free disk space and that no other program holds the database",
        ) from exc


def load_bulk(store, path, *, cycle: int | None = None, progress: Progress | None = None,
              kind: str | None = None) -> BulkLoadSummary:
    """Load one bulk file (plain or the FEC's .zip) into the store.

    ``cycle``: the two-year period (e.g. 2024); inferred when not given (see
    :func:`fecscreen.bulk.detect.infer_cycle`). Loading a file again replaces what it
    loaded before, in one transaction. ``progress(bytes_done, rows_done)`` is called
    from a background thread while DuckDB reads the file.
    """
    src = identify(path, kind=kind)
    return load_source(store, src, cycle=cycle, progress=progress)


__all__ = ["BulkLoadSummary", "load_bulk", "load_source", "insert_sql"]
