"""Download FEC bulk files, resumably, and load them.

The URL of a file is ``$FECSCREEN_BULK_URL`` (a template with ``{year}``,
``{yy}`` and ``{name}``), by default the FEC's own
``https://www.fec.gov/files/bulk-downloads/{year}/{name}{yy}.zip``. A download
goes to ``<name><yy>.zip.part`` and continues from where it stopped (HTTP
``Range``) when run again; the file is renamed to ``<name><yy>.zip`` only when
complete. Only the standard library (urllib) is used.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from fecscreen.bulk.detect import check_cycle
from fecscreen.bulk.layouts import layouts
from fecscreen.errors import DownloadError, InputError

ENV_URL = "FECSCREEN_BULK_URL"
DEFAULT_URL = "https://www.fec.gov/files/bulk-downloads/{year}/{name}{yy}.zip"
CHUNK = 1 << 20
USER_AGENT = "fecscreen (+https://github.com/fecscreen/fecscreen)"

Progress = Callable[[int, int | None], None]  # (bytes_done, bytes_total or None)


def bulk_names() -> list[str]:
    """Names ``fetch bulk`` accepts: the FEC's zip stems (indiv, cm, cn, ccl, pas2, oth)."""
    return [lay.zip_stem for lay in layouts().values()]


def bulk_url(name: str, cycle: int) -> str:
    if name not in bulk_names():
        raise InputError(
            f"unknown bulk file {name!r}", hint=f"use one or more of: {', '.join(bulk_names())}"
        )
    cycle = check_cycle(cycle)
    template = os.environ.get(ENV_URL) or DEFAULT_URL
    try:
        return template.format(year=cycle, yy=f"{cycle % 100:02d}", name=name)
    except (KeyError, IndexError, ValueError) as exc:
        raise InputError(
            f"{ENV_URL} is not a usable URL template ({exc})",
            hint="use the placeholders {year}, {yy} and {name}, e.g. "
            "https://example.org/{year}/{name}{yy}.zip",
        ) from exc


@dataclass
class Downloaded:
    url: str
    path: Path
    bytes: int
    resumed_from: int   # bytes already on disk when this download started
    reused: bool        # the complete file was already there


def download(url: str, dest: str | Path, *, progress: Progress | None = None,
             timeout: float = 60.0, refresh: bool = False) -> Downloaded:
    """Download ``url`` to ``dest`` via ``dest.part``, resuming a partial download."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists() and not refresh:
        return Downloaded(url, dest, dest.stat().st_size, 0, True)
    part = dest.with_name(dest.name + ".part")
    offset = part.stat().st_size if part.exists() else 0
    headers = {"User-Agent": USER_AGENT}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    request = urllib.request.Request(url, headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - http(s) only
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and offset:  # nothing left to send: the part is complete
            part.replace(dest)
            return Downloaded(url, dest, offset, offset, False)
        raise DownloadError(
            f"the server answered {exc.code} {exc.reason}",
            where=url,
            hint="check the name and cycle (the FEC publishes bulk files from 1980 on)"
            if exc.code == 404 else "try again later; a partial download is kept and resumes",
        ) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise DownloadError(
            f"cannot reach the server ({getattr(exc, 'reason', exc)})",
            where=url,
            hint="check the network (or set FECSCREEN_BULK_URL to a mirror); "
            "run again to resume",
        ) from exc
    with response:
        status = getattr(response, "status", 200)
        if offset and status != 206:  # the server ignored Range: start again
            offset = 0
        total = _total_size(response, offset)
        done = offset
        try:
            with part.open("ab" if offset else "wb") as out:
                while True:
                    chunk = response.read(CHUNK)
                    if not chunk:
                        break
                    out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
        except (urllib.error.URLError, OSError) as exc:
            raise DownloadError(
                f"the download stopped after {done:,} bytes ({exc})",
                where=url,
                hint="run the same command again: it resumes from there",
            ) from exc
    if total is not None and done != total:
        raise DownloadError(
            f"the download stopped after {done:,} of {total:,} bytes",
            where=url,
            hint="run the same command again: it resumes from there",
        )
    part.replace(dest)
    return Downloaded(url, dest, done, offset, False)


def _total_size(response, offset: int) -> int | None:
    content_range = response.headers.get("Content-Range")
    if content_range and "/" in content_range:
        tail = content_range.rsplit("/", 1)[1].strip()
        if tail.isdigit():
            return int(tail)
    length = response.headers.get("Content-Length")
    if length and length.isdigit():
        return offset + int(length)
    return None


def fetch_bulk(names: list[str], cycle: int, dest_dir: str | Path, *,
               progress_for: Callable[[str], Progress | None] | None = None,
               refresh: bool = False) -> list[Downloaded]:
    """Download the named bulk files of ``cycle`` into ``dest_dir``."""
    cycle = check_cycle(cycle)
    out = []
    for name in names:
        url = bulk_url(name, cycle)
        dest = Path(dest_dir) / f"{name}{cycle % 100:02d}.zip"
        progress = progress_for(name) if progress_for else None
        out.append(download(url, dest, progress=progress, refresh=refresh))
    return out


__all__ = ["bulk_url", "bulk_names", "download", "fetch_bulk", "Downloaded", "ENV_URL", "DEFAULT_URL"]
