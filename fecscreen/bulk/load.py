"""Load one bulk file into the store: set-based SQL in DuckDB, one transaction.

How a load runs (docs/bulk.md has the why):

1. DuckDB's CSV parser reads the file in parallel, typed by the layout, in one
   INSERT; the lines it cannot take are listed with their line numbers in its
   rejects table (``store_rejects``). Stored rows carry no line number: their key
   (``SUB_ID``) names them. Files this reader cannot read, or whose lines it
   cannot all account for, are read whole-line instead (each line one column,
   split on ``|`` in SQL).
2. Rejected lines (and empty lines, which the parser skips) are read back from
   the file and recorded in ``load_issues`` with SQL's verdict on the line. A
   second row with the same key (``SUB_ID``) is recorded there too.
   So rows in = rows stored + rows in ``load_issues`` for the file.
3. Rows of *other* files of the same cycle with a key this file brings are replaced.
4. For itcont: earmark pairs are marked (see :mod:`fecscreen.bulk.earmarks`).

All of it happens in one transaction: a failure leaves the earlier data untouched.
"""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb

from fecscreen.bulk.detect import BulkSource, check_cycle, identify, infer_cycle, plain_file
from fecscreen.bulk.earmarks import mark_earmarks
from fecscreen.bulk.layouts import Layout
from fecscreen.bulk.lines import empty_lines, last_line, read_lines, scan_lines
from fecscreen.bulk.sql import (
    LINE_DELIM,
    RAW_LIMIT,
    READ_LINES,
    REJECTS,
    REJECTS_SCAN,
    insert_sql,
    native_insert_sql,
    problems_sql,
    typed,
)
from fecscreen.errors import InputError, StoreError

Progress = Callable[[int, int], None]



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
    reader: str = "native"    # native: DuckDB's CSV parser; lines: whole lines split in SQL
    seconds: float = 0.0
    problems: dict[str, int] = field(default_factory=dict)  # problem kind -> count
    timings: dict[str, float] = field(default_factory=dict)  # step -> seconds

    @property
    def rows(self) -> int:
        """Rows stored (the figure a caller reporting "rows loaded" wants)."""
        return self.rows_stored


class _NotUtf8(Exception):
    """The file is not UTF-8: load it again as Latin-1."""


class _UseLines(Exception):
    """The fast reader cannot account for every line of this file: read whole lines."""


def _insert(con: duckdb.DuckDBPyConnection, lay: Layout, path: Path, cycle: int,
            source_file: str, encoding: str, mode: str) -> int:
    params = {"path": str(path), "encoding": encoding, "cycle": cycle, "source_file": source_file}
    if mode == "native":
        sql = native_insert_sql(lay)
        for table in (REJECTS, REJECTS_SCAN):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    else:
        sql, params["delim"] = insert_sql(lay), LINE_DELIM
    try:
        return con.execute(sql, params).fetchone()[0]
    except duckdb.InvalidInputException as exc:
        if encoding == "utf-8" and "unicode" in str(exc).lower():
            raise _NotUtf8() from exc
        if mode == "native":
            raise _UseLines() from exc
        raise InputError(
            f"cannot read the file: {str(exc).splitlines()[0]}",
            where=str(path),
            hint="bulk files are pipe-delimited text with one row per line; "
            "a file mixing \\n and \\r\\n line ends must be normalised first",
        ) from exc


class _LineScan(threading.Thread):
    """Count lines beside DuckDB (which releases the GIL)."""

    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.path, self.lines, self.error = path, 0, None
        self.index: list[tuple[int, int]] | None = None

    def run(self) -> None:
        try:
            self.lines, self.index = scan_lines(self.path)
        except OSError as exc:  # pragma: no cover - the insert reports unreadable files
            self.error = exc


BUCKET = 1 << 16


def _line_count(con, lay: Layout, plain: Path, encoding: str, where: dict) -> int:
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


def _missing_lines(con, lay: Layout, total: int, where: dict) -> list[int]:
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


def _record_rejected(con, lay: Layout, plain: Path, encoding: str, missing: list[int],
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


def _rejected_lines(con, lay: Layout, encoding: str, where: dict) -> list[int]:
    """Lines DuckDB's reader left out (from its rejects table); a text key left
    empty, which the reader stores, sends the load to whole lines."""
    kinds = {r[0] for r in con.execute(f"SELECT DISTINCT error_type FROM {REJECTS}").fetchall()}
    if encoding == "utf-8" and "INVALID ENCODING" in kinds:
        raise _NotUtf8()
    lines = [r[0] for r in con.execute(f"SELECT DISTINCT line FROM {REJECTS} ORDER BY 1").fetchall()]
    for table in (REJECTS, REJECTS_SCAN):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    if con.execute(f"SELECT count(*) FROM {lay.table} WHERE cycle = $c AND source_file = $f "
                   f"AND {lay.key} IS NULL", where).fetchone()[0]:
        raise _UseLines()
    return lines


def _remove_duplicates(con, lay: Layout, plain: Path, encoding: str, where: dict,
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


def _replace_other_files(con, lay: Layout, where: dict) -> int:
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


def _configure(con: duckdb.DuckDBPyConnection) -> None:
    """Spill to disk for files larger than memory (DuckDB's default folder is
    ``<database>.tmp``; ``$FECSCREEN_TMP`` overrides it); cap memory with
    ``$FECSCREEN_MEMORY_LIMIT``; never print DuckDB's own progress bar."""
    con.execute("SET enable_progress_bar_print = false")
    tmp = os.environ.get("FECSCREEN_TMP")
    if tmp:
        con.execute("SET temp_directory = ?", [tmp])
    limit = os.environ.get("FECSCREEN_MEMORY_LIMIT")
    if limit:
        con.execute("SET memory_limit = ?", [limit])


class _Clock:
    """Time the steps of a load into ``timings`` (seconds per step)."""

    def __init__(self, timings: dict[str, float]):
        self.timings = timings

    @contextmanager
    def __call__(self, step: str):
        t = time.perf_counter()
        try:
            yield
        finally:
            self.timings[step] = self.timings.get(step, 0.0) + time.perf_counter() - t


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


def _load_file(store, src: BulkSource, cycle: int, summary: BulkLoadSummary,
               progress: Progress | None) -> None:
    with plain_file(src) as plain:
        size = plain.stat().st_size
        encoding, mode = "utf-8", "native"
        while True:
            try:
                _load_once(store, src, plain, cycle, encoding, mode, summary, progress)
                break
            except _NotUtf8:
                encoding = "latin-1"  # Latin-1 reads any byte
            except _UseLines:
                mode = "lines"
    if progress is not None:
        progress(size, summary.rows_in)


def _load_once(store, src: BulkSource, plain: Path, cycle: int, encoding: str, mode: str,
               summary: BulkLoadSummary, progress: Progress | None) -> None:
    """One transaction: replace the file's earlier rows, insert, check, move issues."""
    lay, con, source_file = src.layout, store.con, src.source_file
    size = plain.stat().st_size
    summary.encoding, summary.reader = encoding, mode
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
            clock = _Clock(summary.timings)
            scan = _LineScan(plain) if mode == "native" else None
            with _Poller(con, size, progress), clock("insert"):
                if scan is not None:
                    scan.start()
                stored = _insert(con, lay, plain, cycle, source_file, encoding, mode)
            with clock("rejected"):
                if scan is not None:
                    scan.join()
                    summary.rows_in = scan.lines
                    missing = _rejected_lines(con, lay, encoding, params)
                    if stored + len(missing) != scan.lines:
                        # DuckDB's parser skips empty lines without reporting them.
                        missing = sorted(set(missing) | set(empty_lines(plain)))
                    if stored + len(missing) != scan.lines:
                        raise _UseLines()
                else:
                    summary.rows_in = _line_count(con, lay, plain, encoding, params)
                    missing = _missing_lines(con, lay, summary.rows_in, params) \
                        if summary.rows_in > stored else []
                index = scan.index if scan is not None else None
                summary.problems = _record_rejected(con, lay, plain, encoding, missing, params,
                                                    index)
            with clock("duplicates"):
                dups = _remove_duplicates(con, lay, plain, encoding, params, missing)
                if dups:
                    summary.problems["duplicate key"] = dups
            if scan is None:  # rows are keyed by the FEC's key, not by their line
                con.execute(f"UPDATE {lay.table} SET line_number = NULL "
                            "WHERE cycle = $c AND source_file = $f", params)
            summary.rows_issues = len(missing) + dups
            summary.rows_stored = stored - dups
            with clock("replace"):
                summary.rows_replaced += _replace_other_files(con, lay, params)
            if lay.kind == "indiv":
                with clock("earmarks"):
                    summary.earmark_pairs = mark_earmarks(con, cycle)
            con.execute(
                "INSERT INTO bulk_loads (kind, table_name, cycle, source_file, source_path, "
                "source_bytes, encoding, rows_in, rows_stored, rows_issues) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [lay.kind, lay.table, cycle, source_file, str(src.path), src.path.stat().st_size,
                 encoding, summary.rows_in, summary.rows_stored, summary.rows_issues],
            )
            commit_started = time.perf_counter()
        summary.timings["commit"] = time.perf_counter() - commit_started
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
    lay = src.layout
    cycle = check_cycle(cycle, where=str(src.path)) if cycle is not None else infer_cycle(src)
    summary = BulkLoadSummary(path=str(src.path), kind=lay.kind, table=lay.table, cycle=cycle)
    started = time.perf_counter()
    con = store.con
    _configure(con)
    # Rows carry their line numbers, so DuckDB may write them in any order (faster).
    keep_order = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute("SET preserve_insertion_order = false")
    try:
        _load_file(store, src, cycle, summary, progress)
    finally:
        con.execute(f"SET preserve_insertion_order = {bool(keep_order)}")
    summary.seconds = time.perf_counter() - started
    return summary


__all__ = ["BulkLoadSummary", "load_bulk", "insert_sql"]
