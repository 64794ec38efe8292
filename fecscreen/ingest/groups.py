"""What reading a filing produces: its lines grouped by column layout in temporary
files (:class:`Group`, written by :class:`Writer` in a second thread), and the whole
(:class:`Parsed`: groups, issues, extra fields, header, hash)."""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from fecscreen.ingest.header import SEP, Header
from fecscreen.ingest.layouts import Layout

FLUSH_LINES = 20_000     # lines buffered per layout before writing them out


@dataclass
class Issue:
    line_number: int
    form_type: str | None
    problem: str
    raw: str | None



class Group:
    """All lines of one layout (or of the forms with no layout), in one temporary file.

    Itemized lines are written as ``<line number> FS <fields as filed>``; other lines
    as ``<line number> FS <form> FS <family> FS <JSON>``. The store loads the file
    with one INSERT (see :func:`fecscreen.ingest.write.insert_group`).
    """

    def __init__(self, key: str, layout: Layout | None, table: str, workdir: Path, fast: bool,
                 index: int, opener: Callable[["Group"], object] | None = None,
                 writer: "Writer | None" = None):
        self.key = key
        self.writer = writer          # writes in a second thread, if given
        self.opener = opener          # may hand back a pipe the store already reads from
        self.streamed = False
        self.layout = layout
        self.table = table
        self.fast = fast
        self.nsep = len(layout.columns) - 1 if layout else -1
        self.sep_line = SEP * self.nsep + b"\n"    # a line's separators, as _fast_block sees them
        self.buf: list[bytes] = []
        self.rows = 0
        self.workdir, self.index = workdir, index
        self._fh = None
        self.file_rows = 0                   # rows in the temporary file
        # the direct path (fecscreen.ingest.direct): the forms of this layout whose
        # well-formed lines DuckDB takes from the file itself, and how many lines that is
        self.direct: list[str] = []
        self.direct_rows = 0
        self.direct_fields: int | None = None   # field count checked before the INSERT
        # itemized lines with fewer fields than the layout ("short") or with only empty
        # fields beyond it ("beyond"), noted once a layout: how many, and the first
        # one's line number, form type and text
        self.notes: dict[str, list] = {}

    def note(self, kind: str, lines: int, first: int, form: str, raw: str) -> None:
        if not lines:
            return
        note = self.notes.setdefault(kind, [0, first, form, raw])
        if first < note[1]:
            note[1:] = [first, form, raw]
        note[0] += lines

    @property
    def path(self) -> Path:
        """The group's temporary file (most groups of small filings in a batch never
        have one of their own: see :mod:`fecscreen.ingest.batch`)."""
        return self.workdir / f"group-{self.index}.txt"

    @property
    def segments(self) -> list[Path]:
        return [self.path] if self.file_rows and not self.streamed else []

    def add(self, line: bytes) -> None:
        self.buf.append(line)
        if len(self.buf) >= FLUSH_LINES:
            self.flush()

    def write(self, data: bytes, rows: int) -> None:
        """Append ``rows`` ready lines (``data``, newline separated, no final newline)."""
        if self._fh is None:
            self._fh = (self.opener(self) if self.opener else None) or open(self.path, "wb")
        if self.writer is not None:
            self.writer.submit(self._fh.write, data)
            self.writer.submit(self._fh.write, b"\n")
        else:
            self._fh.write(data)
            self._fh.write(b"\n")
        self.rows += rows
        self.file_rows += rows

    def flush(self) -> None:
        if self.buf:
            buf, self.buf = self.buf, []
            self.write(b"\n".join(buf), len(buf))

    def close(self) -> None:
        self.flush()
        if self._fh is not None:
            fh, self._fh = self._fh, None
            if self.writer is not None:
                self.writer.submit(fh.close)
            else:
                fh.close()


class Writer:
    """Runs the reader's file writes and hashing in a second thread, in order.

    Both release the GIL, so they proceed while the reader splits the next block.
    A failed write is raised in the reader at its next :meth:`submit` or at
    :meth:`close`; at most ``depth`` pieces (of up to a block each) wait.
    """

    def __init__(self, depth: int = 8, threaded: bool = True):
        self.error: BaseException | None = None
        self.threaded = threaded
        if threaded:
            self.queue: queue.Queue = queue.Queue(maxsize=depth)
            self.thread = threading.Thread(target=self._run, daemon=True, name="fecscreen-write")
            self.thread.start()

    def _run(self) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                return
            if self.error is None:
                fn, args = item
                try:
                    fn(*args)
                except BaseException as exc:  # raised in the reading thread
                    self.error = exc

    def submit(self, fn: Callable, *args) -> None:
        if self.error is not None:
            raise self.error
        if not self.threaded:
            fn(*args)
            return
        self.queue.put((fn, args))

    def close(self) -> None:
        """Wait for every write; raise the first that failed."""
        if self.threaded and self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()
        if self.error is not None:
            raise self.error

    def close_quietly(self) -> None:
        """Stop after an error elsewhere: what is still queued is dropped."""
        self.error = self.error or RuntimeError("stopped")
        try:
            self.close()
        except BaseException:  # the reader's own error is the one that matters
            pass


@dataclass
class Parsed:
    path: str
    header: Header
    groups: dict[str, Group]
    issues: list[Issue]
    extras: dict[tuple[str, int], dict]     # (table, line) -> {"extra_1": ...}
    first_form: dict | None
    encodings: set[str]
    bytes: int
    sha256: str
    lines: int

    @property
    def encoding(self) -> str:
        return "+".join(sorted(self.encodings)) if self.encodings else "utf-8"

