"""Read one ``.fec`` file: every line after its header (:mod:`fecscreen.ingest.header`),
grouped by column layout (:mod:`fecscreen.ingest.groups`).

The reader never builds Python objects per field for the bulk of a filing. Lines of
Schedules A and B in the ASCII-28 formats (6.x to 8.x and paper) that have exactly
their layout's number of fields, no quotes and valid UTF-8 are written to a temporary
file as they are, prefixed with their line number; DuckDB then reads, types and
inserts those files set-wise (see :mod:`fecscreen.ingest.write`). Every other line
(comma-separated formats, quoted fields, wrong field counts, stray bytes, and the
non-itemized forms, which become JSON) goes through the careful per-field path here.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Callable

from fecscreen.errors import InputError, UnknownFormatError
from fecscreen.ingest.groups import Group, Issue, Parsed, Writer
from fecscreen.ingest.header import HEAD, SEP, SEP_S, Header, decode, read_header, split_fields
from fecscreen.ingest.layouts import layouts

CHUNK = 8 << 20          # bytes read at a time
RAW_LIMIT = 2000         # characters of a line kept in load_issues.raw
_json = json.JSONEncoder(ensure_ascii=False).encode   # (json.dumps makes one a call)
_NOT_SEP_NL = bytes(b for b in range(256) if b not in (10, 28))  # deleted to count separators


# -- body --------------------------------------------------------------------

class Reader:
    """Stream the lines of one filing into per-layout temporary files."""

    def __init__(self, path: str, workdir: Path, progress: Callable[[int, int], None] | None,
                 header: Header | None = None, opener=None):
        self.path = path
        self.opener = opener
        self.workdir = workdir
        self.progress = progress
        self.groups: dict[str, Group] = {}       # layout key -> group
        self.by_form: dict[bytes, Group] = {}    # raw form bytes -> group
        self.by_name: dict[str, Group] = {}      # normalised form type -> group
        self.counts: dict[bytes, int] = {}
        self.issues: list[Issue] = []
        self.extras: dict[tuple[str, int], dict] = {}
        self.first_form: dict | None = None
        self.encodings: set[str] = set()
        self.header: Header | None = header
        self.pending: tuple | None = None        # last non-itemized line, until the next one
        self.text: list[str] | None = None       # lines of an open [BEGINTEXT] block
        self.text_start = 0
        self.writer: Writer | None = None

    # groups
    def _group_for(self, form: str) -> Group:
        g = self.by_name.get(form)
        if g is not None:
            return g
        layout = layouts().lookup(form, self.header.version) if form else None
        key = layout.key if layout else "?"
        g = self.groups.get(key)
        if g is None:
            table = layout.table if layout else "lines"
            fast = table != "lines" and self.header.delimiter == "ascii28"
            g = Group(key, layout, table, self.workdir, fast, len(self.groups),
                      self.opener, self.writer)
            self.groups[key] = g
        self.by_name[form] = g
        return g

    def group_of(self, raw_form: bytes) -> Group:
        """The group of the lines of form type ``raw_form`` (as filed, before its separator)."""
        form, _ = decode(raw_form)
        g = self._group_for(form.strip().strip('"').strip())
        self.by_form[raw_form] = g
        return g

    def issue(self, line_number: int, form: str | None, problem: str, raw: str | None) -> None:
        self.issues.append(Issue(line_number, form, problem, raw[:RAW_LIMIT] if raw else raw))

    def _flush_pending(self) -> None:
        if self.pending is not None:
            g, lineno, form, family, values = self.pending
            g.add(f"{lineno}{SEP_S}{form}{SEP_S}{family}{SEP_S}"
                  f"{_json(values)}".encode("utf-8"))
            self.pending = None

    def _text_line(self, text: str, lineno: int) -> bool:
        """Handle the free text of a [BEGINTEXT] ... [ENDTEXT] block; True if consumed."""
        marker = text.strip().upper()
        if self.text is None:
            if marker != "[BEGINTEXT]":
                return False
            self.text, self.text_start = [], lineno
            return True
        if marker != "[ENDTEXT]":
            self.text.append(text)
            return True
        body = "\n".join(self.text)
        self.text = None
        if self.pending is not None:
            values = self.pending[4]
            values["text"] = body if not values.get("text") else values["text"] + "\n" + body
        else:
            self.issue(self.text_start, None, "a [BEGINTEXT] block follows no form line; "
                       "its text is kept as a TEXT line", body)
            g = self._group_for("TEXT")
            self.pending = (g, self.text_start, "TEXT", "TEXT", {"text": body})
        return True

    # the careful path
    def slow(self, line: bytes, lineno: int) -> None:
        text, enc = decode(line)
        if enc != "utf-8":
            self.encodings.add(enc)
        elif not line.isascii():
            self.encodings.add("utf-8")
        if (self.text is not None or line[:1] == b"[") and self._text_line(text, lineno):
            return
        self._flush_pending()
        fields = split_fields(text, self.header.delimiter)
        form = fields[0].strip()
        self.counts[form.encode("utf-8")] = self.counts.get(form.encode("utf-8"), 0) + 1
        g = self._group_for(form)
        layout = g.layout
        if layout is None:
            self.issue(lineno, form, f"no column layout for form type {form!r} in version "
                       f"{self.header.version}; its fields are kept by position", text)
            values = {f"field_{i}": v for i, v in enumerate(fields, 1)}
            self.pending = (g, lineno, form, "", values)
            return
        ncol = len(layout.columns)
        extra = None
        if g.table != "lines" and len(fields) != ncol and not any(fields[ncol:]):
            # (empty fields beyond the layout hold nothing: dropped; short lines padded)
            g.note("short" if len(fields) < ncol else "beyond", 1, lineno, form, text)
            fields = fields[:ncol]
        elif len(fields) > ncol:
            extra = {f"extra_{i}": v for i, v in enumerate(fields[ncol:], 1)}
            self.issue(lineno, form, f"{len(fields)} fields where the {layout.family} layout of "
                       f"version {self.header.version} has {ncol}: the extra fields are kept "
                       "in `fields` as extra_1, extra_2, ...", text)
            fields = fields[:ncol]
        elif len(fields) < ncol and layout.columns[len(fields):] != ("text",):
            # (a form whose last column is its free text gets it from a [BEGINTEXT] block)
            self.issue(lineno, form, f"{len(fields)} fields where the {layout.family} layout of "
                       f"version {self.header.version} has {ncol}: the missing trailing fields "
                       "are empty", text)
        if g.table == "lines":
            values = dict(zip(layout.columns, fields))
            for c in layout.columns[len(fields):]:
                values[c] = None
            if extra:
                values.update(extra)
            if self.first_form is None and layout.family.startswith("F"):
                self.first_form = values
            self.pending = (g, lineno, form, layout.family, values)
        else:
            if extra:
                self.extras[(g.table, lineno)] = extra
            if len(fields) < ncol:
                fields += [""] * (ncol - len(fields))
            fields[0] = form
            g.add(f"{lineno}{SEP_S}{SEP_S.join(fields)}".encode("utf-8"))

    def read(self) -> Parsed:
        # (a small file is written as fast as a second thread would be started)
        self.writer = Writer() if os.path.getsize(self.path) > CHUNK else Writer(threaded=False)
        try:
            return self._read(self.writer)
        finally:
            writer, self.writer = self.writer, None
            if writer.threaded and writer.thread.is_alive():  # left by an error: stop it
                writer.close_quietly()

    def _read(self, writer: Writer) -> Parsed:
        path = self.path
        size = os.path.getsize(path)
        hasher = hashlib.sha256()
        with open(path, "rb") as fh:
            head = fh.read(HEAD)
            if not head.strip():
                raise UnknownFormatError(
                    "the file is empty", where=path, hint="pass an FEC filing (.fec)"
                )
            if self.header is None:
                self.header = read_header(path, head)
            header = self.header
            cr_only = b"\n" not in head and b"\r" in head
            writer.submit(hasher.update, head)
            data = head[header.offset:]
            lineno = header.lines
            rest = b""
            done_bytes = header.offset
            rows = 0
            fast_ok = header.delimiter == "ascii28"
            by_form = self.by_form
            counts = self.counts
            while True:
                if data is None:
                    data = fh.read(CHUNK)
                    if not data:
                        break
                    writer.submit(hasher.update, data)
                done_bytes += len(data)
                if cr_only:
                    data = data.replace(b"\r", b"\n")
                block = rest + data
                data = None
                cut = block.rfind(b"\n")
                if cut < 0:
                    rest = block
                    continue
                rest = block[cut + 1:]
                block = block[:cut]
                lineno, n = self._block(block, lineno, fast_ok, by_form, counts)
                rows += n
                if self.progress:
                    self.progress(done_bytes, rows)
            if rest:
                lineno, n = self._block(rest, lineno, fast_ok, by_form, counts)
                rows += n
        parsed = self.finish(size, "", lineno)
        writer.close()   # the last writes, and the hash, are done
        parsed.sha256 = hasher.hexdigest()
        if self.progress:
            self.progress(size, rows)
        return parsed

    def finish(self, size: int, sha256: str, lineno: int) -> Parsed:
        """The filing read: end an open text block, write out what is buffered."""
        if self.text is not None:
            self.issue(self.text_start, None, "a [BEGINTEXT] block has no [ENDTEXT]; "
                       "the text up to the end of the file is kept", None)
            self._text_line("[ENDTEXT]", lineno)
        self._flush_pending()
        for g in self.groups.values():
            g.close()
            for kind, (lines, first, form, raw) in sorted(g.notes.items()):
                self.issue(first, form, f"{lines:,} line(s) of the {g.layout.family} layout of "
                           f"version {self.header.version} (this the first) " + (
                               f"have empty fields beyond its {len(g.layout.columns)}; the "
                               "empty fields are not kept" if kind == "beyond" else
                               f"have fewer than its {len(g.layout.columns)} fields; the "
                               "missing trailing fields are empty"), raw)
        return Parsed(
            path=self.path, header=self.header, groups=self.groups, issues=self.issues,
            extras=self.extras, first_form=self.first_form,
            encodings=self.encodings, bytes=size, sha256=sha256, lines=lineno,
        )

    def _fast_block(self, block: bytes, lines: list[bytes], lineno: int, by_form,
                    counts) -> bool:
        """A whole block of well-formed lines of one itemized layout, without per-line work
        in Python beyond one join. False: the block needs the line-by-line path.

        Every line has its layout's number of separators exactly when the block, with all
        bytes but separators and newlines deleted, is that many separators per line; and
        every line's form type is known when the counts of ``<newline><form><separator>``
        over the forms already seen add up to the number of lines. ``lines`` is the block
        split.
        """
        n = len(lines)
        nl = block.find(b"\n")
        form = block[: block.find(SEP, 0, nl if nl >= 0 else len(block))]
        g = by_form.get(form)
        if g is None:
            g = self.group_of(form)
        if not g.fast:
            return False
        if block.translate(None, _NOT_SEP_NL) != (g.sep_line * n)[:-1]:
            return False
        tally, found = {}, 0
        for f in sorted((f for f, fg in by_form.items() if fg is g),
                        key=lambda f: -counts.get(f, 0)):     # commonest first
            tally[f] = k = block.count(b"\n" + f + SEP) + block.startswith(f + SEP)
            found += k
            if found == n:      # every line counted: the other forms have none here
                break
        if found != n:  # a form type not seen before: find them all
            forms = [ln[: ln.find(SEP)] for ln in lines]
            for f in set(forms):
                fg = by_form.get(f)
                if fg is None:
                    fg = self.group_of(f)
                if fg is not g:
                    return False
            tally = Counter(forms)
        for f, k in tally.items():
            if k:
                counts[f] = counts.get(f, 0) + k
        g.flush()
        numbered = map(b"%d\x1c%s".__mod__, zip(range(lineno + 1, lineno + 1 + n), lines))
        g.write(b"\n".join(numbered), n)
        return True

    def _block(self, block: bytes, lineno: int, fast_ok: bool, by_form, counts) -> tuple[int, int]:
        nul, cr = b"\x00" in block, b"\r" in block
        if nul:
            block = block.replace(b"\x00", b"")
        if cr:
            block = block.replace(b"\r\n", b"\n").replace(b"\r", b" ")
        utf8 = block.isascii()
        if not utf8:
            try:
                block.decode("utf-8")
                utf8 = True
                self.encodings.add("utf-8")
            except UnicodeDecodeError:
                utf8 = False
        lines = block.split(b"\n")
        if fast_ok and utf8 and self.text is None and b'"' not in block:
            # (a fast block has separators on every line: it has no empty line)
            if self._fast_block(block, lines, lineno, by_form, counts):
                return lineno + len(lines), len(lines)
        # In a block that is not UTF-8, only its ASCII lines may be copied as they are.
        return self._lines(zip(range(lineno + 1, lineno + 1 + len(lines)), lines), fast_ok,
                           lineno, ascii_only=not utf8)

    def read_lines(self, numbered) -> int:
        """Read ``(line number, line)`` pairs, in file order, each line without its end
        (the lines the direct path leaves to Python); the number of rows among them."""
        fast_ok = self.header.delimiter == "ascii28"
        return self._lines(((n, _plain(line)) for n, line in numbered), fast_ok, 0)[1]

    def _lines(self, numbered, fast_ok: bool, lineno: int,
               ascii_only: bool = False) -> tuple[int, int]:
        by_form, counts = self.by_form, self.counts
        slow = self.slow
        rows = 0
        for lineno, line in numbered:
            if not line or line.isspace():
                if self.text is not None:
                    self.text.append(line.decode("latin-1"))
                continue
            rows += 1
            raw = line
            if fast_ok and self.text is None and (not ascii_only or line.isascii()):
                i = line.find(SEP)
                form = line[:i] if i >= 0 else line
                g = by_form.get(form)
                if g is None:
                    g = self.group_of(form)
                if g.fast and b'"' not in line:
                    n = line.count(SEP)
                    if n != g.nsep:
                        line = _fit(g, line, n, lineno, form)
                    if line is not None:
                        counts[form] = counts.get(form, 0) + 1
                        g.add(b"%d\x1c%s" % (lineno, line))
                        continue
            slow(raw, lineno)
        return lineno, rows


def _fit(g, line: bytes, n: int, lineno: int, form: bytes) -> bytes | None:
    """A line of ``n`` separators in a layout of ``g.nsep``, as the careful path would
    store it: a short line padded with empty fields, a long one whose extra fields are
    all empty cut to the layout (both noted); None when extra fields hold something."""
    if n < g.nsep:
        kind, fitted = "short", line + SEP * (g.nsep - n)
    elif line.endswith(SEP * (n - g.nsep)):
        kind, fitted = "beyond", line[: g.nsep - n]
    else:
        return None
    g.note(kind, 1, lineno, form.decode("utf-8").strip(), line.decode("utf-8"))
    return fitted


def _plain(line: bytes) -> bytes:
    """A line as a block read sees it: no NUL bytes, no CR (one ending the line dropped)."""
    if b"\x00" in line:
        line = line.replace(b"\x00", b"")
    if b"\r" in line:
        line = (line[:-1] if line.endswith(b"\r") else line).replace(b"\r", b" ")
    return line


def parse_file(path: str, workdir: Path, progress: Callable[[int, int], None] | None = None,
               *, header: Header | None = None, opener=None) -> Parsed:
    """Read ``path`` into per-layout files under ``workdir``; raise for a non-FEC file.

    ``opener(group)``, if given, is asked for the output of each group when it is first
    written to; it may return a writable file or pipe that the store reads otherwise
    (and set ``group.streamed``), or None for an ordinary temporary file.
    """
    if not os.path.isfile(path):
        raise InputError("no such file", where=str(path), hint="check the path")
    return Reader(str(path), workdir, progress, header, opener).read()
