"""Load one bulk file into the store: set-based SQL in DuckDB, one transaction.

How a load runs (docs/bulk.md has the why; the lines not stored are accounted for in
:mod:`fecscreen.bulk.issues`):

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
from fecscreen.bulk.issues import (
    NotUtf8,
    UseLines,
    line_count,
    missing_lines,
    record_rejected,
    rejected_lines,
    remove_duplicates,
    replace_other_files,
)
from fecscreen.bulk.layouts import Layout
from fecscreen.bulk.lines import empty_lines, scan_lines
from fecscreen.bulk.sql import (
    LINE_DELIM,
    REJECTS,
    REJECTS_SCAN,
    insert_sql,
    native_insert_sql,
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
            raise NotUtf8() from exc
        if mode == "native":
            raise UseLines() from exc
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
            except NotUtf8:
                encoding = "latin-1"  # Latin-1 reads any byte
            except UseLines:
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
                    missing = rejected_lines(con, lay, encoding, params)
                    if stored + len(missing) != scan.lines:
                        # DuckDB's parser skips empty lines without reporting them.
                        missing = sorted(set(missing) | set(empty_lines(plain)))
                    if stored + len(missing) != scan.lines:
                        raise UseLines()
                else:
                    summary.rows_in = line_count(con, lay, plain, encoding, params)
                    missing = missing_lines(con, lay, summary.rows_in, params) \
                        if summary.rows_in > stored else []
                index = scan.index if scan is not None else None
                summary.problems = record_rejected(con, lay, plain, encoding, missing, params,
                                                    index)
            with clock("duplicates"):
                dups = remove_duplicates(con, lay, plain, encoding, params, missing)
                if dups:
                    summary.problems["duplicate key"] = dups
            if scan is None:  # rows are keyed by the FEC's key, not by their line
                con.execute(f"UPDATE {lay.table} SET line_number = NULL "
                            "WHERE cycle = $c AND source_file = $f", params)
            summary.rows_issues = len(missing) + dups
            summary.rows_stored = stored - dups
            with clock("replace"):
                summary.rows_replaced += replace_other_files(con, lay, params)
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
