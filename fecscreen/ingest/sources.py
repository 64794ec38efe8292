"""Where the filings of ``fecscreen load`` come from: files, folders, ``.zip`` and
``.gz`` files, filing ids and URLs (downloaded), FEC bulk files and store folders.

:func:`expand` turns one source as given into ``(kind, label, local path, filing id)``
items: ``kind`` is ``filing``, ``bulk`` or ``store``.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import zipfile
import zlib
from pathlib import Path
from typing import Iterator

from fecscreen.download import download
from fecscreen.errors import InputError
from fecscreen.ingest.header import filing_id_from_name

ENV_URL = "FECSCREEN_FEC_URL"
DEFAULT_URL = "https://docquery.fec.gov/dcdev/posted/{id}.fec"
_ID = re.compile(r"^(?:FEC-)?(\d+)$", re.IGNORECASE)


def fec_url(filing_id: str) -> str:
    """Where filing ``filing_id`` is downloaded from (``$FECSCREEN_FEC_URL`` with ``{id}``)."""
    template = os.environ.get(ENV_URL) or DEFAULT_URL
    if "{id}" not in template:
        template = template.rstrip("/") + "/{id}.fec"
    return template.format(id=filing_id)


NOT_FOUND = f"check the filing id; set {ENV_URL} to use another server (a URL with {{id}} in it)"


def _is_bulk(path: Path) -> bool:
    from fecscreen.bulk import is_bulk_file

    return is_bulk_file(path)


def _is_store_folder(path: Path) -> bool:
    from fecscreen.store.parquet import is_store_folder

    return is_store_folder(path)


def expand(source: str, tmp: Path) -> Iterator[tuple[str, str, Path, str | None]]:
    """Yield (kind, label, local path, filing id) for one source as given."""
    if re.match(r"^https?://", source, re.IGNORECASE):
        name = source.rstrip("/").rsplit("/", 1)[-1] or "download.fec"
        dest = download(source, tmp / f"{len(list(tmp.iterdir()))}-{name}", not_found=NOT_FOUND).path
        yield from _expand_file(dest, source, filing_id_from_name(name), tmp)
        return
    path = Path(source)
    if not path.exists():
        m = _ID.match(source)
        if m:
            fid = m.group(1)
            url = fec_url(fid)
            dest = download(url, tmp / f"{fid}.fec", not_found=NOT_FOUND).path
            yield "filing", url, dest, fid
            return
        raise InputError("no such file or folder", where=source,
                         hint="pass .fec files (or .fec.gz), folders or .zip files of them, filing ids "
                         "(1550126 or FEC-1550126) or URLs")
    if path.is_dir() and _is_store_folder(path):
        yield "store", source, path, None
        return
    if path.is_dir():
        found = False
        for p in sorted(path.rglob("*")):
            if not p.is_file():
                continue
            if p.suffix.lower() in (".fec", ".zip") or p.name.lower().endswith(".fec.gz") \
                    or _is_bulk(p):
                found = True
                yield from _expand_file(p, str(p), None, tmp)
        if not found:
            raise InputError("the folder holds no .fec, .zip or FEC bulk files", where=source,
                             hint="pass a folder of .fec filings")
        return
    yield from _expand_file(path, source, None, tmp)


def _expand_file(path: Path, label: str, fid: str | None, tmp: Path):
    if _is_bulk(path):
        yield "bulk", label, path, None
        return
    head = _head(path)
    if (head[:2] == b"PK" or path.suffix.lower() == ".zip") and zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as zf:
                members = sorted(n for n in zf.namelist() if n.lower().endswith(".fec"))
                if not members:
                    raise InputError("the .zip file holds no .fec files", where=label,
                                     hint="pass a .zip of .fec filings")
                out = tmp / f"zip{len(list(tmp.iterdir()))}"
                out.mkdir()
                for name in members:
                    dest = out / f"{len(list(out.iterdir()))}-{Path(name).name}"
                    with zf.open(name) as src, open(dest, "wb") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
                    yield "filing", f"{label}!{name}", dest, filing_id_from_name(name)
        except zipfile.BadZipFile as exc:
            raise InputError(f"not a readable .zip file ({exc})", where=label,
                             hint="download the file again") from None
        return
    if head[:2] == b"\x1f\x8b":
        name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
        dest = tmp / f"{len(list(tmp.iterdir()))}-{name}"
        try:
            with gzip.open(path, "rb") as src, open(dest, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"not a readable gzip file ({exc})", where=label,
                             hint="download the file again, or pass it unpacked") from None
        yield "filing", label, dest, fid or filing_id_from_name(name)
        return
    yield "filing", label, path, fid or filing_id_from_name(path.name)


def _head(path: Path) -> bytes:
    """The first bytes of a file: a zip's or a gzip's signature, or a filing's start."""
    with open(path, "rb") as fh:
        return fh.read(4)


__all__ = ["DEFAULT_URL", "ENV_URL", "expand", "fec_url"]
