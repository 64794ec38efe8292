"""Where the FEC bulk files are, and their download (through :mod:`fecscreen.download`).

The URL of a file is ``$FECSCREEN_BULK_URL`` (a template with ``{year}``,
``{yy}`` and ``{name}``), by default the FEC's own
``https://www.fec.gov/files/bulk-downloads/{year}/{name}{yy}.zip``. A download
goes to ``<name><yy>.zip.part`` and continues from where it stopped when run
again (see :mod:`fecscreen.download`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from fecscreen.bulk.detect import check_cycle
from fecscreen.bulk.layouts import layouts
from fecscreen.download import Downloaded, Progress, download
from fecscreen.errors import InputError

ENV_URL = "FECSCREEN_BULK_URL"
DEFAULT_URL = "https://www.fec.gov/files/bulk-downloads/{year}/{name}{yy}.zip"
NOT_FOUND = ("check the name and cycle (the FEC publishes bulk files from 1980 on); "
             f"or set {ENV_URL} to a mirror")


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


def fetch_bulk(names: list[str], cycle: int, dest_dir: str | Path, *,
               progress_for: Callable[[str], Progress | None] | None = None,
               refresh: bool = False) -> list[Downloaded]:
    """Download the named bulk files of ``cycle`` into ``dest_dir``."""
    return [download_bulk(name, cycle, dest_dir, refresh=refresh,
                          progress=progress_for(name) if progress_for else None) for name in names]


def download_bulk(name: str, cycle: int, dest_dir: str | Path, *, progress: Progress | None = None,
                  refresh: bool = False) -> Downloaded:
    """Download bulk file ``name`` of ``cycle`` to ``dest_dir/<name><yy>.zip``, resuming a partial one."""
    cycle = check_cycle(cycle)
    dest = Path(dest_dir) / f"{name}{cycle % 100:02d}.zip"
    return download(bulk_url(name, cycle), dest, progress=progress, refresh=refresh, not_found=NOT_FOUND)


__all__ = ["bulk_url", "bulk_names", "download_bulk", "fetch_bulk", "Downloaded", "ENV_URL", "DEFAULT_URL",
           "NOT_FOUND"]
