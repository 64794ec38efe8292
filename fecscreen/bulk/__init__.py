"""FEC bulk data files: individual contributions (itcont), committee and candidate masters."""

from __future__ import annotations

from pathlib import Path


def is_bulk_file(path: str | Path) -> bool:
    """True when ``path`` is an FEC bulk file (recognised by name and content)."""
    return False


def load_bulk(store, path, *, cycle: int | None = None, progress=None):
    """Load one bulk file (plain or the FEC's .zip) into the store, replacing its cycle."""
    raise NotImplementedError
