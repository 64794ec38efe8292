"""Recognise a bulk file (which kind, which cycle) and open it for reading.

Kinds are recognised by name first (``indiv24.zip``, ``itcont.txt``, ``cm.txt``,
``itcont_sample.txt``...) and by content otherwise (the number of ``|`` fields
on the first lines and the shape of the ids in them). The cycle comes from the
caller, else from a name like ``indiv24.zip``, else from the data (see
:func:`infer_cycle`).
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import shutil
import tempfile
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from fecscreen.bulk.layouts import Layout, layouts
from fecscreen.errors import InputError, UnknownFormatError

SNIFF_LINES = 2_000        # lines read to recognise the kind
CYCLE_SAMPLE_LINES = 200_000  # lines read to infer the cycle from dates

_CMTE = re.compile(r"^C\d{8}$")
_CAND = re.compile(r"^[HSP][0-9A-Z]{8}$")
_DIGITS = re.compile(r"^\d+$")


@dataclass(frozen=True)
class BulkSource:
    """A bulk file as given: its kind and where its text is."""

    path: Path            # as given
    layout: Layout
    member: str | None    # the zip member(s) holding the data, None for plain files
    members: tuple[str, ...] = ()

    @property
    def is_zip(self) -> bool:
        return self.member is not None

    @property
    def source_file(self) -> str:
        """The name rows are filed under: the file's (or the zip's) own name."""
        return self.path.name


# -- names --------------------------------------------------------------------------
def _kind_from_name(name: str) -> tuple[str | None, int | None]:
    """(kind, cycle) from a file name; either may be None."""
    lower = name.lower()
    stem = lower.rsplit("/", 1)[-1]
    for suffix in (".zip", ".txt", ".csv", ".dat"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    for kind, lay in layouts().items():
        for base in (lay.zip_stem, *lay.file_stems):
            m = re.fullmatch(rf"{re.escape(base)}(\d{{2}})?(?:[_\-. ].*)?", stem)
            if m:
                return kind, _two_digit_cycle(m.group(1)) if m.group(1) else None
    return None, None


def _two_digit_cycle(yy: str) -> int:
    n = int(yy)
    this = _dt.date.today().year % 100
    return (2000 + n) if n <= this + 2 else (1900 + n)


# -- content ------------------------------------------------------------------------
def _kind_from_lines(lines: list[str]) -> str | None:
    rows = [ln.rstrip("\r\n").split("|") for ln in lines if ln.strip()]
    if not rows:
        return None
    widths = {}
    for r in rows:
        widths[len(r)] = widths.get(len(r), 0) + 1
    width = max(widths, key=widths.get)
    rows = [r for r in rows if len(r) == width]
    first = rows[0]
    if width == 21 and _CMTE.match(first[0]) and _DIGITS.match(first[20] or "x"):
        people = sum(1 for r in rows if r[6] in ("IND", "CAN"))
        return "indiv" if people * 2 >= len(rows) else "oth"
    if width == 22 and _CMTE.match(first[0]) and _DIGITS.match(first[21] or "x"):
        return "pas2"
    if width == 15 and _CMTE.match(first[0]):
        return "cm"
    if width == 15 and _CAND.match(first[0]):
        return "cn"
    if width == 7 and _CAND.match(first[0]) and _CMTE.match(first[3]):
        return "ccl"
    return None


def _head_lines(fh: io.BufferedIOBase, n: int) -> list[str]:
    out = []
    for raw in fh:
        out.append(raw.decode("latin-1"))
        if len(out) >= n:
            break
    return out


def _zip_data_members(zf: zipfile.ZipFile) -> list[str]:
    return sorted(
        i.filename
        for i in zf.infolist()
        if not i.is_dir() and not i.filename.startswith("__MACOSX") and i.file_size > 0
    )


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise InputError(
            f"not a complete zip file ({exc}); it is probably truncated or damaged",
            where=str(path),
            hint="download it again (`fecscreen fetch bulk` resumes a partial download)",
        ) from exc


def identify(path: str | Path, kind: str | None = None) -> BulkSource:
    """What kind of bulk file ``path`` is. Raises UnknownFormatError if it is none."""
    path = Path(path)
    if not path.exists():
        raise InputError("no such file", where=str(path), hint="check the path")
    if path.is_dir():
        raise InputError("is a folder, not a bulk file", where=str(path))
    name_kind, _ = _kind_from_name(path.name)
    if kind is not None and kind not in layouts():
        raise UnknownFormatError(
            f"unknown bulk file kind {kind!r}", hint=f"use one of: {', '.join(layouts())}"
        )
    member = None
    members: tuple[str, ...] = ()
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        zf = _open_zip(path)
        with zf:
            data = _zip_data_members(zf)
            if not data:
                raise InputError("the zip holds no data file", where=str(path))
            guess = kind or name_kind
            if guess is None:
                for m in data:
                    guess, _ = _kind_from_name(m)
                    if guess:
                        break
            chosen = _choose_members(data, layouts()[guess] if guess else None)
            try:
                with zf.open(chosen[0]) as fh:
                    head = _head_lines(fh, SNIFF_LINES)
            except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as exc:
                raise InputError(
                    f"cannot read {chosen[0]} in the zip ({exc}); it is probably truncated",
                    where=str(path),
                    hint="download it again",
                ) from exc
            member, members = chosen[0], tuple(chosen)
    else:
        with path.open("rb") as fh:
            head = _head_lines(fh, SNIFF_LINES)
    content_kind = _kind_from_lines(head)
    final = kind or name_kind or content_kind
    if final is None:
        raise UnknownFormatError(
            "not an FEC bulk file: neither its name nor its first lines match the "
            "individual-contributions, committee, candidate, linkage, pas2 or oth layout",
            where=str(path),
            hint="bulk files are the FEC's pipe-delimited .txt files (or their .zip) "
            "from https://www.fec.gov/data/browse-data/?tab=bulk-data",
        )
    lay = layouts()[final]
    nonblank = [h for h in head if h.strip()]
    if nonblank and content_kind is None and len(nonblank[0].split("|")) != lay.width:
        raise UnknownFormatError(
            f"named like a {final} file, but its first line has "
            f"{len(nonblank[0].split('|'))} fields, not {lay.width}",
            where=f"{path}:1",
            hint="check that this is the FEC's file, unmodified",
        )
    return BulkSource(path=path, layout=lay, member=member, members=members)


def _choose_members(data: list[str], lay: Layout | None) -> list[str]:
    if lay is not None:
        exact = [m for m in data if m.rsplit("/", 1)[-1].lower() in {f"{s}.txt" for s in lay.file_stems}]
        if exact:
            return exact[:1]
    txt = [m for m in data if m.lower().endswith(".txt")] or data
    return txt


def is_bulk_file(path: str | Path) -> bool:
    """True when ``path`` is an FEC bulk file (recognised by name and content)."""
    p = Path(path)
    if not p.is_file() or p.suffix.lower() == ".fec":
        return False
    if p.suffix.lower() == ".zip" and re.fullmatch(
        r"(indiv|oth|pas2|cm|cn|ccl)\d{2}\.zip", p.name.lower()
    ):
        return True  # the FEC's own name: a damaged zip is reported by the loader
    try:
        identify(p)
    except Exception:  # noqa: BLE001 - a yes/no question never raises
        return False
    return True


# -- cycle --------------------------------------------------------------------------
def check_cycle(cycle: int, where: str | None = None) -> int:
    try:
        cycle = int(cycle)
    except (TypeError, ValueError):
        raise InputError(f"cycle {cycle!r} is not a year", where=where, hint="e.g. --cycle 2024")
    if cycle % 2 or not 1976 <= cycle <= _dt.date.today().year + 2:
        raise InputError(
            f"cycle {cycle} is not a two-year election cycle",
            where=where,
            hint="a cycle is named by its even (election) year, e.g. --cycle 2024",
        )
    return cycle


def infer_cycle(src: BulkSource) -> int:
    """The cycle from the file's name, else from its data.

    From data: for files with transaction dates, the 99th-percentile date of the
    first lines (dates after next year ignored), rounded up to the even year; for the
    linkage file, its most common FEC_ELECTION_YR. Committee and candidate masters
    carry no cycle in their rows: they need the name (cm24.zip) or ``--cycle``.
    """
    _, from_name = _kind_from_name(src.path.name)
    if from_name is None and src.member:
        _, from_name = _kind_from_name(src.member)
    if from_name:
        return from_name
    lay = src.layout
    with open_text_head(src) as fh:
        lines = _head_lines(fh, CYCLE_SAMPLE_LINES)
    if lay.has_dates:
        idx = [i for i, c in enumerate(lay.columns) if c.kind == "date"][0]
        latest = _dt.date.today().year + 1
        years = []
        for ln in lines:
            f = ln.split("|")
            if len(f) == lay.width and len(f[idx]) == 8 and f[idx].isdigit():
                y = int(f[idx][4:])
                if 1975 <= y <= latest:
                    years.append(y)
        if years:
            years.sort()
            y = years[min(len(years) - 1, int(len(years) * 0.99))]
            return y + (y % 2)
    if lay.kind == "ccl":
        idx = [c.name for c in lay.columns].index("fec_election_yr")
        counts: dict[int, int] = {}
        for ln in lines:
            f = ln.split("|")
            if len(f) == lay.width and f[idx].strip().isdigit():
                counts[int(f[idx])] = counts.get(int(f[idx]), 0) + 1
        if counts:
            return max(counts, key=counts.get)
    raise InputError(
        "cannot tell which cycle this file covers",
        where=str(src.path),
        hint="pass the cycle, e.g. --cycle 2024 (or keep the FEC's name, e.g. cm24.zip)",
    )


@contextmanager
def open_text_head(src: BulkSource) -> Iterator[io.BufferedIOBase]:
    if src.member:
        with _open_zip(src.path) as zf, zf.open(src.member) as fh:
            yield fh
    else:
        with src.path.open("rb") as fh:
            yield fh


@contextmanager
def plain_file(src: BulkSource) -> Iterator[Path]:
    """A plain-text path for ``src``: the file itself, or its zip data streamed to a temp file."""
    if not src.is_zip:
        yield src.path
        return
    folder = tempfile.mkdtemp(prefix="fecscreen-bulk-")
    try:
        out = Path(folder) / f"{src.layout.kind}.txt"
        with _open_zip(src.path) as zf, out.open("wb+") as dst:
            for m in src.members:
                if dst.tell():  # members joined: make sure each starts on a new line
                    dst.seek(-1, io.SEEK_END)
                    if dst.read(1) != b"\n":
                        dst.write(b"\n")
                try:
                    with zf.open(m) as fh:
                        shutil.copyfileobj(fh, dst, 8 << 20)
                except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as exc:
                    raise InputError(
                        f"cannot decompress {m} ({exc}); the zip is truncated or damaged",
                        where=str(src.path),
                        hint="download it again (`fecscreen fetch bulk` resumes)",
                    ) from exc
        yield out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


__all__ = ["BulkSource", "identify", "is_bulk_file", "infer_cycle", "check_cycle", "plain_file"]
