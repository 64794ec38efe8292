"""Load FEC electronic filings (``.fec``) into the store.

Library entry points:

* :func:`load_paths` - what ``fecscreen load`` does: files, folders, ``.zip`` files,
  filing ids and URLs (downloaded), and FEC bulk files (handed to :mod:`fecscreen.bulk`).
* :func:`load_file` - one ``.fec`` file; raises :class:`~fecscreen.errors.FecscreenError`
  for a file it cannot read, loading nothing from it.

Each filing loads in one transaction: all of it or nothing. Loading the same file
again changes nothing; a changed file with the same filing id replaces the old one.
See ``docs/ingest.md``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

import duckdb

from fecscreen.download import download
from fecscreen.errors import FecscreenError
from fecscreen.ingest.direct import NotDirect, read_direct
from fecscreen.ingest.filings import delete_filings, recompute_superseded, write_filing
from fecscreen.ingest.header import filing_id_from_name, sniff_header
from fecscreen.ingest.parse import parse_file
from fecscreen.ingest.results import FileResult, LoadSummary, Progress
from fecscreen.ingest.sources import DEFAULT_URL, ENV_URL, expand, fec_url
from fecscreen.ingest.stream import Stream, streams
from fecscreen.ingest.write import drop_raw, insert_group, load_settings

# -- one filing --------------------------------------------------------------------

def load_file(store, path: str | os.PathLike, *, source: str | None = None,
              filing_id: str | None = None, progress: Progress | None = None) -> FileResult:
    """Load one ``.fec`` file in one transaction. Raises FecscreenError if it cannot be read."""
    path = str(path)
    source = source or path
    started = time.perf_counter()
    filing_id = filing_id or filing_id_from_name(source) or filing_id_from_name(path)
    size = os.path.getsize(path) if os.path.isfile(path) else 0
    header = sniff_header(path)  # raises, before anything is written, for a non-FEC file
    filing_id = filing_id or f"hdr-{header.ident[:16]}"
    con = store.con
    known = con.execute("SELECT source_sha256, source_bytes, committee_id, form_type "
                        "FROM filings WHERE filing_id = ?", [filing_id]).fetchone()
    if known and known[1] == size and known[0] == _sha256(path):
        return FileResult(source, "filing", "unchanged", filing_id, known[3], header.version,
                          bytes=size, seconds=time.perf_counter() - started)
    if progress:
        progress("start", name=source, total=size)
    workdir = Path(tempfile.mkdtemp(prefix="fecscreen-load-"))
    try:
        tick = (lambda b, r: progress("advance", bytes=b, rows=r)) if progress else None
        with load_settings(con), _dropping_raw(con):
            piped = streams(con, size)
            # the direct path reads before the transaction: a file DuckDB cannot read
            # must not abort it
            parsed = None if piped else read_direct(con, path, size, header, workdir)
            if parsed is not None and tick:
                tick(size, sum(g.rows for g in parsed.groups.values()))

            def write(parsed):
                with store.transaction():
                    if known:
                        delete_filings(con, [filing_id])
                    if parsed is None:
                        again = Path(tempfile.mkdtemp(dir=workdir))
                        stream = Stream(con, filing_id, again, insert_group) if piped else None
                        try:
                            parsed = parse_file(path, again, tick, header=header,
                                                opener=stream.open if stream else None)
                        finally:
                            if stream:
                                stream.finish()
                    for group in parsed.groups.values():
                        insert_group(con, filing_id, group)
                    row = write_filing(con, filing_id, parsed, source, workdir)
                    recompute_superseded(con, [row["committee_id"], known[2] if known else None])
                return parsed, row

            try:
                parsed, row = write(parsed)
            except NotDirect:  # rolled back (not expected: the field counts were checked)
                drop_raw(con)
                parsed, row = write(None)
            if parsed.bytes >= CHECKPOINT_BYTES:  # now, under the memory cap, not at close
                try:
                    con.execute("CHECKPOINT")
                except duckdb.Error:  # others are writing: DuckDB checkpoints later itself
                    pass
        rows = {"receipts": 0, "disbursements": 0, "other lines": 0}
        for g in parsed.groups.values():
            rows[g.table if g.table != "lines" else "other lines"] += g.rows
        result = FileResult(source, "filing", "replaced" if known else "loaded", filing_id,
                            row["form_type"], header.version, rows, len(parsed.issues),
                            parsed.bytes)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if progress:
            progress("end")
    result.seconds = time.perf_counter() - started
    return result


CHECKPOINT_BYTES = 64 << 20  # filings this large are checkpointed right after loading


@contextmanager
def _dropping_raw(con):
    try:
        yield
    finally:
        drop_raw(con)


def _sha256(path: str) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(8 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_paths(store, sources: list[str], *, cycle: int | None = None, quiet: bool = True,
               progress: Progress | None = None,
               on_result: Callable[[FileResult], None] | None = None) -> LoadSummary:
    """Load every source into ``store``; one result per file, errors collected, not raised.

    ``sources``: ``.fec`` files (gzipped too), folders and ``.zip`` files of them, filing ids
    (``1550126``, ``FEC-1550126``, downloaded from ``$FECSCREEN_FEC_URL``), URLs, and
    FEC bulk files (loaded by :func:`fecscreen.bulk.load_bulk` with ``cycle``).
    With ``quiet=False`` and no ``on_result``, one plain line per file is printed.
    """
    from fecscreen.ingest.batch import BATCH_BYTES, BATCH_FILES, SMALL_BYTES, load_batch

    summary = LoadSummary()
    if on_result is None and not quiet:
        on_result = lambda r: print(r.line())  # noqa: E731
    batch: list[tuple[str, Path, str | None]] = []   # small filings, loaded together
    size = [0]   # their bytes

    def done(result: FileResult) -> None:
        summary.files.append(result)
        if on_result:
            on_result(result)

    def flush() -> None:
        if batch:
            for result in load_batch(store, batch, progress):
                done(result)
            batch.clear()
            size[0] = 0

    tmp = Path(tempfile.mkdtemp(prefix="fecscreen-src-"))
    try:
        for source in sources:
            try:
                for kind, label, path, fid in expand(str(source), tmp):
                    small = kind == "filing" and os.path.isfile(path) and \
                        os.path.getsize(path) < SMALL_BYTES
                    if small:
                        batch.append((label, path, fid))
                        size[0] += os.path.getsize(path)
                        if len(batch) >= BATCH_FILES or size[0] >= BATCH_BYTES:
                            flush()
                        continue
                    flush()
                    done(_load_one(store, kind, label, path, fid, cycle, progress))
            except FecscreenError as exc:
                flush()
                done(FileResult(str(source), "filing", "failed", error=exc))
        flush()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return summary


def _load_one(store, kind, label, path, fid, cycle, progress) -> FileResult:
    started = time.perf_counter()
    try:
        if kind == "store":
            from fecscreen.store.parquet import import_store

            folder = import_store(store, path)
            return FileResult(label, "store", "unchanged" if folder.already_loaded else "loaded",
                              rows={t: n for t, n in folder.tables.items() if n},
                              seconds=time.perf_counter() - started)
        if kind == "bulk":
            from fecscreen.bulk import load_bulk

            if progress:
                progress("start", name=label, total=os.path.getsize(path))
            try:
                tick = (lambda b, r=0: progress("advance", bytes=b, rows=r)) if progress else None
                detail = load_bulk(store, path, cycle=cycle, progress=tick)
            finally:
                if progress:
                    progress("end")
            rows = getattr(detail, "rows", None)
            issues = getattr(detail, "rows_issues", 0)
            return FileResult(label, "bulk", "loaded",
                              rows={"bulk rows": rows} if isinstance(rows, int) else {},
                              issues=issues if isinstance(issues, int) else 0,
                              bytes=os.path.getsize(path), detail=detail,
                              seconds=time.perf_counter() - started)
        return load_file(store, path, source=label, filing_id=fid, progress=progress)
    except FecscreenError as exc:
        return FileResult(label, kind, "failed", fid, error=exc,
                          seconds=time.perf_counter() - started)


__all__ = ["load_paths", "load_file", "LoadSummary", "FileResult", "fec_url", "download",
           "ENV_URL", "DEFAULT_URL"]
