"""The direct path: DuckDB reads a large filing itself; Python reads only what DuckDB leaves.

For an ASCII-28 filing of ``MIN_BYTES`` to ``MAX_BYTES``, the reading is split so
that the bulk of it never passes through Python:

1. DuckDB reads the file, one row per line with its line number, into a temporary
   table (:func:`fecscreen.ingest.write.read_raw`, on all threads), while a Python
   thread takes the file's SHA-256, counts its lines and notes the first line that
   starts in each block (the counts and those lines must agree with DuckDB's);
2. one query lists the form types of the lines; Python maps them to their layouts;
3. the lines DuckDB will not take (other forms, and lines with a quote or a NUL byte)
   are handed to the ordinary reader (:meth:`fecscreen.ingest.parse.Reader.read_lines`);
4. in the load's transaction, one INSERT per itemized layout takes the lines of its
   forms that have exactly its number of fields, split in SQL
   (:func:`fecscreen.ingest.write.insert_group`).

Every line is taken exactly once: the INSERT's count must equal the lines of those
forms less the ones handed to Python. Lines with too many or too few fields are found
before the transaction: the scanning thread counts the file's separators, and when
they are not those of the taken lines (at their layouts' counts) plus those of the
lines Python reads, each line's separators are counted (a copy of the lines in DuckDB,
not a second read of the file) and the lines selected again with each line's count
checked, so that Python reads those with another count. Where an itemized line in the
file's first 64 KB already has another count (comma-separated files: always), the
lines are counted as DuckDB reads them. Should a line with another count still reach an INSERT, it gets
no line number, the INSERT fails (:class:`NotDirect`), the transaction rolls back and
the file is read the ordinary way. A file DuckDB cannot read so (bytes that are not
UTF-8, an 0x01 byte or a CR, a ``[BEGINTEXT]`` block, a line count or numbering that
differs) is read the ordinary way from the start.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from pathlib import Path

from fecscreen.ingest.groups import Group, Parsed
from fecscreen.ingest.header import SEP, SEP_S, Header, _unquote
from fecscreen.ingest.layouts import layouts
from fecscreen.ingest.parse import CHUNK, Reader
from fecscreen.ingest.write import FORM, RAW, NotDirect, count_raw, drop_raw, read_raw, where_taken

MIN_BYTES = CHUNK          # smaller filings: the ordinary reader is as fast
# ... and up to this size: DuckDB holds a copy of the file's lines; a 500 MB filing
# read so peaks at 950 MB of memory, against 530 MB read the ordinary way
MAX_BYTES = 256 << 20
# Python reads the odd lines one by one; when more than a tenth of the lines (and more
# than this many) are odd, the ordinary block-at-once reader is faster
MAX_ODD_LINES = 50_000


class _Scan(threading.Thread):
    """SHA-256, line count, whether all is ASCII, and the first line that starts in each
    block (by line number, its first ``SAMPLE`` bytes), in a second thread while
    DuckDB reads the file (the main thread waits in DuckDB, which releases Python's
    lock, as hashing does)."""

    SAMPLE = 1024

    def __init__(self, path: str):
        super().__init__(name="fecscreen-scan", daemon=True)
        self.path = path
        self.sha256 = ""
        self.lines = 0
        self.ascii = True
        self.seps = 0   # separators (0x1C) in the file
        self.samples: dict[int, bytes] = {}
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            h = hashlib.sha256()
            last = b"\n"
            with open(self.path, "rb") as fh:
                for block in iter(lambda: fh.read(CHUNK), b""):
                    h.update(block)
                    start = 0 if last == b"\n" else block.find(b"\n") + 1
                    if 0 <= start < len(block) and (start or last == b"\n"):
                        line = block[start:start + self.SAMPLE].split(b"\n", 1)[0]
                        self.samples[self.lines + 1 + (start > 0)] = line
                    self.lines += block.count(b"\n")
                    self.seps += block.count(SEP)
                    self.ascii = self.ascii and block.isascii()
                    last = block[-1:]
            self.lines += last != b"\n"
            self.sha256 = h.hexdigest()
        except BaseException as exc:  # raised in the caller
            self.error = exc


def read_direct(con, path: str, size: int, header: Header, workdir: Path) -> Parsed | None:
    """Read ``path`` the direct way, before the load's transaction (a file DuckDB cannot
    read must not abort it). None when the file is not for the direct path."""
    if not MIN_BYTES <= size <= MAX_BYTES:
        return None
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    if b"\r" in head:   # lines ending CR LF: DuckDB's reading would not do
        return None
    # (in comma-separated files the scan's separators are not the fields': always checked)
    checked = header.delimiter == "comma" or _other_counts(head, header)
    scan = _Scan(path)
    scan.start()
    try:
        readable = read_raw(con, path, comma=header.delimiter == "comma", counted=checked)
    finally:
        scan.join()
    if scan.error is not None:
        drop_raw(con)
        raise scan.error
    if not readable:
        return None
    parsed = None
    if _in_order(con, scan.samples):
        parsed = _read(con, path, size, header, workdir, scan, checked)
    if parsed is None:
        drop_raw(con)
    return parsed


def _other_counts(head: bytes, header: Header) -> bool:
    """Whether an itemized line among the first whole lines ``head`` has another number
    of fields than its layout (as in files where every line has one more)."""
    for line in head.split(b"\n")[header.lines:-1]:
        form = line.split(SEP, 1)[0].decode("utf-8", "replace").strip().strip('"').strip()
        layout = layouts().lookup(form, header.version) if form else None
        if layout and layout.table != "lines" and line.count(SEP) != len(layout.columns) - 1:
            return True
    return False


def _in_order(con, samples: dict[int, bytes]) -> bool:
    """Whether DuckDB's numbering of the lines agrees with the file at ``samples``
    (line number -> the line's first bytes; one line of each block of the file)."""
    if not samples:
        return True
    got = dict(con.execute(f"SELECT n, o FROM {RAW} WHERE n IN ({', '.join(map(str, samples))})")
               .fetchall())
    return all((got.get(n) or "").encode("utf-8")[:len(head)] == head and n in got
               for n, head in samples.items())


def _read(con, path: str, size: int, header: Header, workdir: Path, scan: _Scan,
          checked: bool = False) -> Parsed | None:
    skip, lines = header.lines, scan.lines
    if checked:
        count_raw(con)
    counts = con.execute(f"SELECT n > {skip}, {FORM}, count(*) FROM {RAW} GROUP BY ALL").fetchall()
    if sum(n for *_, n in counts) != lines:
        return None  # DuckDB skipped lines: their numbers would be off
    reader = Reader(path, workdir, None, header)
    taken: dict[str, int] = {}   # form -> lines
    group: dict[str, Group] = {}   # form -> its group, for the taken forms
    for body, form, n in counts:
        form = form or ""  # (DuckDB reads an empty line as NULL)
        if not body:
            continue
        if form.strip().upper().startswith(("[BEGINTEXT", '"[BEGINTEXT')):
            return None  # the lines of a text block are text, whatever they look like
        g = reader.group_of(form.encode("utf-8"))
        plain = _unquote([form])[0]
        if g.table != "lines" and plain == plain.strip():   # (Python keeps it stripped)
            taken[form], group[form] = n, g
            g.direct.append(form)
            g.direct_fields = g.nsep + 1 if checked else None
    groups = {g.key: g for g in group.values()}
    if not checked and any(len(line) < scan.SAMPLE and line.count(SEP) != group[f].nsep
                           for n, line in scan.samples.items() if n > skip
                           for f in [line.split(SEP, 1)[0].decode("utf-8", "replace")]
                           if f in group):
        # a whole line the scan saw has another count (as in files where every line
        # has one): check the counts from the start
        return _read(con, path, size, header, workdir, scan, checked=True)
    with open(path, "rb") as fh:   # the header's separators
        seps = sum(fh.readline().count(SEP) for _ in range(skip))
    where = " OR ".join(f"({where_taken(g.direct, g.direct_fields and g.nsep)})"
                        for g in groups.values())
    left = con.execute(f"SELECT n, coalesce(o, ''), {FORM} FROM {RAW} WHERE n > {skip} "
                       f"AND NOT coalesce({where or 'false'}, false) ORDER BY n")
    odd: dict[str, int] = {}   # lines of taken forms that Python reads
    read, most = 0, max(MAX_ODD_LINES, lines // 10)
    while batch := left.fetchmany(50_000):
        read += len(batch)
        if read > most:
            return None
        for _, line, form in batch:
            seps += line.count(SEP_S)
            if form in taken:
                odd[form] = odd.get(form, 0) + 1
        reader.read_lines((n, line.encode("utf-8")) for n, line, _ in batch)
    seps += sum((n - odd.get(form, 0)) * group[form].nsep for form, n in taken.items())
    if seps != scan.seps and not checked:  # some taken line has another count
        return _read(con, path, size, header, Path(tempfile.mkdtemp(dir=workdir)), scan, checked=True)
    for form, n in taken.items():
        group[form].direct_rows += n - odd.get(form, 0)
        group[form].rows += n - odd.get(form, 0)
    if checked:
        for g in groups.values():   # lines taken with fewer fields, or empty ones beyond
            kind = f"CASE WHEN e < {g.nsep} THEN 'short' ELSE 'beyond' END"
            for kind, n, first, raw, form in con.execute(
                    f"SELECT {kind}, count(*), min(n), arg_min(o, n), arg_min({FORM}, n) "
                    f"FROM {RAW} WHERE {where_taken(g.direct, g.nsep)} AND e <> {g.nsep} "
                    "GROUP BY 1").fetchall():
                g.note(kind, n, first, _unquote([form or ""])[0], raw)
    if not scan.ascii:
        reader.encodings.add("utf-8")
    return reader.finish(size, scan.sha256, lines)


__all__ = ["read_direct", "NotDirect", "MIN_BYTES", "MAX_BYTES"]
