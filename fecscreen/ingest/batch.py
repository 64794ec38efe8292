"""Many small filings in one transaction, with one INSERT per layout for all of them.

A filing costs a handful of statements whatever its size (the INSERT of each layout,
the `filings` row, its issues, amendments, the commit), about 45 ms for a small one.
:func:`load_batch` reads up to ``BATCH_FILES`` small filings into one temporary file per
layout (each line prefixed by its filing's position in the batch), then writes them all
in one transaction: one INSERT per layout for the whole batch, one for the `filings` rows, one for the issues, and the amendment chains of
their committees recomputed once. Each filing stays all or nothing: one that cannot
be read is reported and left out before the transaction; should the transaction fail,
it is rolled back and the batch's filings are loaded one at a time, so that only the
bad one fails. A filing already loaded from the same bytes is unchanged, as with
:func:`fecscreen.ingest.load_file`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from fecscreen.errors import FecscreenError, StoreError
from fecscreen.ingest import _sha256, load_file
from fecscreen.ingest.direct import MIN_BYTES
from fecscreen.ingest.filings import IN_IDS, delete_filings, recompute_superseded, write_filings
from fecscreen.ingest.header import filing_id_from_name, sniff_header
from fecscreen.ingest.parse import parse_file
from fecscreen.ingest.results import FileResult, Progress
from fecscreen.ingest.write import insert_batch, load_settings

SMALL_BYTES = MIN_BYTES    # filings smaller than this are loaded in batches
BATCH_FILES = 5000  # filings in one batch, at most (one commit each: a commit costs ~0.15 s)
BATCH_BYTES = 64 << 20     # ... and bytes


def load_batch(store, items: list[tuple[str, Path, str | None]],
               progress: Progress | None = None) -> list[FileResult]:
    """Load the filings ``(label, path, filing id or None)``; one result each, in order."""
    started = time.perf_counter()
    results: list[FileResult | None] = [None] * len(items)
    todo, later, seen = [], [], set()
    for i, (label, path, fid) in enumerate(items):
        try:
            header = sniff_header(str(path))
        except FecscreenError as exc:
            results[i] = FileResult(label, "filing", "failed", fid, error=exc)
            continue
        fid = (fid or filing_id_from_name(label) or filing_id_from_name(str(path))
               or f"hdr-{header.ident[:16]}")
        if fid in seen:   # the same filing twice: the second after this batch
            later.append(i)
            continue
        seen.add(fid)
        todo.append((i, label, str(path), fid, header, os.path.getsize(path)))
    con = store.con
    known = {}
    if todo:
        ids = [t[3] for t in todo]
        known = {r[0]: r[1:] for r in con.execute(
            "SELECT filing_id, source_sha256, source_bytes, committee_id, form_type FROM filings "
            f"WHERE filing_id {IN_IDS}", [ids]).fetchall()}
    total = sum(t[5] for t in todo)
    if progress:
        progress("start", name=f"{len(items):,} filings", total=total, files=len(items))
    workdir = Path(tempfile.mkdtemp(prefix="fecscreen-batch-"))
    shared = _Layouts(workdir)
    try:
        batch, done, rows = [], 0, 0
        for i, label, path, fid, header, size in todo:
            done += size
            old = known.get(fid)
            if old and old[1] == size and old[0] == _sha256(path):
                results[i] = FileResult(label, "filing", "unchanged", fid, old[3], header.version,
                                        bytes=size)
                continue
            shared.begin(len(batch))
            try:
                parsed = parse_file(path, workdir, header=header, opener=shared.open)
            except FecscreenError as exc:
                shared.undo()
                results[i] = FileResult(label, "filing", "failed", fid, error=exc)
                continue
            batch.append((i, label, path, fid, parsed, old))
            rows += sum(g.rows for g in parsed.groups.values())
            if progress:
                progress("advance", bytes=done, rows=rows)
        shared.close()
        if batch:
            try:
                written = _write(store, batch, shared, workdir)
                for (i, label, _path, fid, parsed, old), row in zip(batch, written):
                    results[i] = _result(label, fid, parsed, old, row["form_type"])
            except (duckdb.Error, FecscreenError):   # rolled back: one at a time
                for i, label, path, fid, _parsed, _old in batch:
                    results[i] = load_one(store, path, label, fid)
    finally:
        shared.close()
        shutil.rmtree(workdir, ignore_errors=True)
        if progress:
            progress("end")
    for i in later:
        label, path, fid = items[i]
        results[i] = load_one(store, path, label, fid)
    each = (time.perf_counter() - started) / max(len(items), 1)
    for r in results:
        r.seconds = r.seconds or each
    return results


class _Layouts:
    """The batch's temporary files, one per layout: the opener of each filing's groups
    (:func:`fecscreen.ingest.parse.parse_file`)."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.files: dict[str, list] = {}   # layout key -> [a group, path, file]
        self.prefix = b""
        self.written: list[tuple[object, int]] = []   # (file, size before) of this filing

    def begin(self, k: int) -> None:
        self.prefix, self.written = b"%d\x1c" % k, []

    def open(self, group):
        key = "lines" if group.table == "lines" else group.key   # (one table, one shape)
        f = self.files.get(key)
        if f is None:
            path = self.workdir / f"layout-{len(self.files)}.txt"
            f = self.files[key] = [group, path, open(path, "wb")]
        self.written.append((f[2], f[2].tell()))
        group.streamed = True
        return _Prefixed(f[2], self.prefix)

    def undo(self) -> None:
        """Drop what the filing being read wrote (it failed)."""
        for fh, size in self.written:
            fh.truncate(size)
            fh.seek(size)

    def close(self) -> None:
        for f in self.files.values():
            f[2].close()

    def layouts(self) -> list:
        return [(g, path) for g, path, _ in self.files.values()]


class _Prefixed:
    """A filing's lines of one layout, written to the batch's file of that layout with
    its position in the batch before each line."""

    def __init__(self, fh, prefix: bytes):
        self.fh, self.prefix, self.nl, self.start = fh, prefix, b"\n" + prefix, True

    def write(self, data: bytes) -> None:
        out = data.replace(b"\n", self.nl)
        if self.start:
            out = self.prefix + out
        self.start = out.endswith(self.nl)
        self.fh.write(out[:-len(self.prefix)] if self.start else out)

    def close(self) -> None:
        """(the batch closes the file)"""


def _write(store, batch: list, shared: _Layouts, workdir: Path) -> list[dict]:
    con = store.con
    with load_settings(con), store.transaction():
        replaced = [fid for _, _, _, fid, _, old in batch if old]
        if replaced:
            delete_filings(con, replaced)
        insert_batch(con, shared.layouts(), [b[3] for b in batch])
        rows = write_filings(con, [(fid, parsed, label) for _, label, _, fid, parsed, _ in batch],
                             workdir)
        recompute_superseded(con, [r["committee_id"] for r in rows]
                             + [old[2] for *_, old in batch if old])
    return rows


def _result(label: str, fid: str, parsed, old, form_type: str | None) -> FileResult:
    rows = {"receipts": 0, "disbursements": 0, "other lines": 0}
    for g in parsed.groups.values():
        rows[g.table if g.table != "lines" else "other lines"] += g.rows
    return FileResult(label, "filing", "replaced" if old else "loaded", fid, form_type,
                      parsed.header.version, rows, len(parsed.issues), parsed.bytes)


def load_one(store, path, label: str, fid: str | None) -> FileResult:
    """:func:`fecscreen.ingest.load_file`, with any failure as a failed result."""
    started = time.perf_counter()
    try:
        return load_file(store, path, source=label, filing_id=fid)
    except FecscreenError as exc:
        error = exc
    except duckdb.Error as exc:
        error = StoreError(f"the database refused the filing ({exc})", where=label,
                           hint="the file is left out; the others are loaded")
    return FileResult(label, "filing", "failed", fid, error=error,
                      seconds=time.perf_counter() - started)
