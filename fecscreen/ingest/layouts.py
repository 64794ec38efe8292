"""Column layouts of FEC filings, per form type and format version, read from ``layouts.json``.

The layouts are data: ``layouts.json`` lists form-type patterns, each with version
patterns and the FEC column names for that form in that version (see
``docs/ingest.md`` for where the names come from). Patterns are tried in order and
matched at the start of the lower-cased form type / the version, first match wins.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Layout:
    """The columns of one form family in one format version."""

    key: str           # stable id: "<form pattern> <version pattern>"
    family: str        # e.g. SA, SB, F3X, SC, TEXT
    table: str         # receipts | disbursements | lines
    columns: tuple[str, ...]


class Layouts:
    def __init__(self, data: dict):
        ic = re.IGNORECASE
        self.versions = [re.compile(v, ic) for v in data["versions"]]
        self.header = [(re.compile(h["version"], ic), tuple(h["columns"])) for h in data["header"]]
        self.forms = [
            (
                re.compile(f["form"], ic),
                f["family"],
                f["table"],
                [(re.compile(lay["version"], ic), lay["version"], tuple(lay["columns"]))
                 for lay in f["layouts"]],
                f["form"],
            )
            for f in data["forms"]
        ]
        self._cache: dict[tuple[str, str], Layout | None] = {}

    def version_supported(self, version: str) -> bool:
        return any(p.match(version) for p in self.versions)

    def header_columns(self, version: str) -> tuple[str, ...] | None:
        for pattern, columns in self.header:
            if pattern.match(version):
                return columns
        return None

    def lookup(self, form_type: str, version: str) -> Layout | None:
        """The layout of ``form_type`` (e.g. ``SA11AI``) in ``version``, or None."""
        key = (form_type, version)
        if key in self._cache:
            return self._cache[key]
        found = None
        form = form_type.strip().lower()
        for form_re, family, table, layouts, form_src in self.forms:
            if not form_re.match(form):
                continue
            for version_re, version_src, columns in layouts:
                if version_re.match(version) and columns:
                    found = Layout(f"{form_src} {version_src}", family, table, columns)
                    break
            if found:
                break
        self._cache[key] = found
        return found


@lru_cache(maxsize=1)
def layouts() -> Layouts:
    text = (resources.files("fecscreen.ingest") / "layouts.json").read_text(encoding="utf-8")
    return Layouts(json.loads(text))
