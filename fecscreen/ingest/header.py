"""The header of a ``.fec`` file (an ``HDR`` record or a legacy ``/* Header`` block),
the filing id a file's name gives, and splitting a line into its fields."""

from __future__ import annotations

import csv
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from fecscreen.errors import InputError, UnknownFormatError
from fecscreen.ingest.layouts import layouts

SEP = b"\x1c"
SEP_S = "\x1c"
HEAD = 1 << 16           # bytes sniffed for the header

SUPPORTED = (
    "FEC format versions 1.x-3.x, 5.x, 6.1-6.4, 7.0, 8.0-8.5 and paper P1-P3.4"
)



@dataclass
class Header:
    version: str
    delimiter: str                 # "ascii28" or "comma"
    fields: dict                   # every header field by its FEC name, as filed
    offset: int                    # bytes of the header (data lines start here)
    lines: int                     # physical lines of the header
    legacy: bool                   # "/* Header" block of versions 1.x/2.x
    ident: str                     # sha256 of the header and the first form line



# -- decoding ----------------------------------------------------------------

def decode(raw: bytes) -> tuple[str, str]:
    """UTF-8, else Windows-1252, else Latin-1 (which cannot fail)."""
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def _unquote(values: list[str]) -> list[str]:
    return [v[1:-1] if len(v) >= 2 and v[0] == '"' and v[-1] == '"' else v for v in values]


def split_fields(text: str, delimiter: str) -> list[str]:
    if SEP_S in text or delimiter == "ascii28":
        fields = text.split(SEP_S)
        return _unquote(fields) if '"' in text else fields
    try:
        return next(csv.reader([text], strict=False))
    except (csv.Error, StopIteration):  # pragma: no cover - csv is lenient with strict=False
        return text.split(",")


# -- header ------------------------------------------------------------------

_NAME_ID = re.compile(r"^(?:FEC-)?(\d+)\.fec$", re.IGNORECASE)


def filing_id_from_name(name: str) -> str | None:
    """``1550126.fec`` and ``FEC-1550126.fec`` name filing 1550126."""
    m = _NAME_ID.match(Path(name).name)
    return m.group(1) if m else None


def read_header(path: str, head: bytes) -> Header:
    """Parse the header at the start of ``head`` (the first bytes of the file)."""
    where = f"{path}:1"
    bom = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    data = head[bom:]
    if b"\n" not in data and b"\r" in data:
        data = data.replace(b"\r", b"\n")
    lines = data.split(b"\n")
    # skip leading blank lines
    skip = 0
    while skip < len(lines) - 1 and not lines[skip].strip():
        skip += 1
    first = lines[skip].rstrip(b"\r")
    if first.lstrip().startswith(b"/*"):
        return _legacy_header(path, data, lines, skip, bom)
    text, _enc = decode(first)
    delimiter = "ascii28" if SEP_S in text else "comma"
    fields = split_fields(text, delimiter)
    if not fields or fields[0].strip().strip('"').upper() != "HDR" or len(fields) < 2:
        raise UnknownFormatError(
            "not an FEC filing: the first line is neither an HDR record nor a '/* Header' block",
            where=where,
            hint="pass .fec files (electronic or paper filings from the FEC), folders or .zip "
            "files of them, or filing ids; bulk files are recognised by their FEC names",
        )
    version = (fields[2] if fields[1].strip().upper() == "FEC" and len(fields) > 2 else fields[1])
    version = version.strip()
    _check_version(path, version)
    columns = layouts().header_columns(version) or ()
    header = {c: (fields[i] if i < len(fields) else None) for i, c in enumerate(columns)}
    for i, extra in enumerate(fields[len(columns):], 1):
        header[f"extra_{i}"] = extra
    offset = bom + sum(len(x) + 1 for x in lines[: skip + 1])
    nxt = lines[skip + 1] if len(lines) > skip + 1 else b""
    ident = hashlib.sha256(first + b"\n" + nxt.rstrip(b"\r")).hexdigest()
    return Header(version, delimiter, header, offset, skip + 1, False, ident)


def _legacy_header(path: str, data: bytes, lines: list[bytes], start: int, bom: int) -> Header:
    header: dict = {}
    counts: dict = {}
    in_counts = False
    end = None
    for i in range(start + 1, len(lines) - 1):
        raw = lines[i].rstrip(b"\r")
        if raw.lstrip().startswith(b"/*"):
            end = i
            break
        text, _ = decode(raw)
        if text.strip().lower().startswith("schedule_counts"):
            in_counts = True
            continue
        if "=" not in text:
            continue
        key, value = (s.strip() for s in text.split("=", 1))
        (counts if in_counts else header)[key] = value
    if end is None:
        raise UnknownFormatError(
            "the '/* Header' block has no closing '/* End Header' line",
            where=f"{path}:1",
            hint="the file is cut short or is not an FEC filing",
        )
    if counts:
        header["Schedule_Counts"] = counts
    version = next((v for k, v in header.items() if k.lower() == "fec_ver_#"), "")
    _check_version(path, version)
    nxt = lines[end + 1].rstrip(b"\r") if len(lines) > end + 1 else b""
    delimiter = "ascii28" if SEP in nxt else "comma"
    offset = bom + sum(len(x) + 1 for x in lines[: end + 1])
    ident = hashlib.sha256(b"\n".join(lines[start : end + 2])).hexdigest()
    return Header(version, delimiter, header, offset, end + 1, True, ident)


def _check_version(path: str, version: str) -> None:
    if not version or not layouts().version_supported(version):
        raise UnknownFormatError(
            f"FEC format version {version!r} is unknown, so its columns cannot be read; "
            "nothing was loaded from this file",
            where=f"{path}:1",
            hint=f"fecscreen reads {SUPPORTED}; check that this is an FEC filing, "
            "or add the version's layouts to fecscreen/ingest/layouts.json (docs/ingest.md)",
        )


def sniff_header(path: str) -> Header:
    """The header of the .fec file at ``path`` (raises UnknownFormatError for others)."""
    if not os.path.isfile(path):
        raise InputError("no such file", where=str(path), hint="check the path")
    with open(path, "rb") as fh:
        head = fh.read(HEAD)
    if not head.strip():
        raise UnknownFormatError("the file is empty", where=path, hint="pass an FEC filing (.fec)")
    return read_header(path, head)
