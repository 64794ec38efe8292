"""Download a file over HTTP(S), resumably: the one downloader of filings and bulk files.

A download goes to ``<dest>.part`` and continues from where it stopped (HTTP
``Range``) when run again; the file gets its name only when complete. Only the
standard library (urllib) is used.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from fecscreen.errors import DownloadError

CHUNK = 1 << 20
USER_AGENT = "fecscreen (+https://github.com/fecscreen/fecscreen)"

Progress = Callable[[int, int | None], None]  # (bytes_done, bytes_total or None)


@dataclass
class Downloaded:
    url: str
    path: Path
    bytes: int
    resumed_from: int   # bytes already on disk when this download started
    reused: bool        # the complete file was already there


def download(url: str, dest: str | Path, *, progress: Progress | None = None,
             timeout: float = 60.0, refresh: bool = False,
             not_found: str = "check the address") -> Downloaded:
    """Download ``url`` to ``dest`` via ``dest.part``, resuming a partial download.

    ``not_found`` is the hint of the error raised when the server answers 404.
    """
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
            hint=not_found if exc.code == 404
            else "try again later; a partial download is kept and resumes",
        ) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise DownloadError(
            f"cannot reach the server ({getattr(exc, 'reason', exc)})",
            where=url,
            hint="check the network connection (or use a mirror); run again to resume",
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
