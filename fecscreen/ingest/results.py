"""What a load did: one result per file, and their summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from fecscreen.errors import FecscreenError

# progress(event, **info): "start" (name, total bytes), "advance" (bytes, rows), "end"
Progress = Callable[..., None]


@dataclass
class FileResult:
    """What happened to one file."""

    source: str                 # as given (path, zip member, URL)
    kind: str                   # "filing", "bulk" or "store" (a Parquet store folder)
    status: str                 # loaded | replaced | unchanged | failed
    filing_id: str | None = None
    form_type: str | None = None
    format_version: str | None = None
    rows: dict = field(default_factory=dict)   # table -> rows written
    issues: int = 0
    bytes: int = 0
    seconds: float = 0.0
    error: FecscreenError | None = None
    detail: object = None       # the bulk loader's own summary, for bulk files

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    def line(self) -> str:
        """One plain line describing the result (used when not on a terminal)."""
        if self.status == "failed":
            return f"{self.source}: failed: {self.error.message if self.error else ''}"
        if self.kind == "store":
            if self.status == "unchanged":
                return f"{self.source}: store folder unchanged (already loaded)"
            return f"{self.source}: store folder loaded, {self.total_rows:,} rows"
        if self.kind == "bulk":
            text = f"{self.source}: bulk file {self.status}, {self.total_rows:,} rows"
            return text + (f"; {self.issues:,} problems noted in load_issues" if self.issues else "")
        if self.status == "unchanged":
            return f"{self.source}: filing {self.filing_id} unchanged (already loaded)"
        parts = ", ".join(f"{n:,} {t}" for t, n in self.rows.items() if n)
        text = (f"{self.source}: filing {self.filing_id} {self.status} "
                f"({self.form_type or '?'}, version {self.format_version}): {parts or 'no lines'}")
        if self.issues:
            text += f"; {self.issues:,} problems noted in load_issues"
        return text


@dataclass
class LoadSummary:
    """The result of :func:`load_paths`."""

    files: list[FileResult] = field(default_factory=list)

    @property
    def errors(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def filings(self) -> list[str]:
        return [f.filing_id for f in self.files if f.kind == "filing" and f.filing_id]

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    def line(self) -> str:
        rows = sum(f.total_rows for f in self.files if f.status in ("loaded", "replaced"))
        parts = [f"{self.count(s)} {s}" for s in ("loaded", "replaced", "unchanged", "failed")
                 if self.count(s)]
        return f"{len(self.files)} files: {', '.join(parts) or 'nothing to load'}; {rows:,} rows written"

    def __str__(self) -> str:
        return self.line()
