"""Reports: the screening report as HTML or PDF, and findings as CSV or Parquet.

>>> from fecscreen.store import open_store
>>> from fecscreen.report import write_report
>>> write_report(open_store("fecscreen.duckdb"), "report.html")  # doctest: +SKIP

The HTML page is self-contained (inline CSS, charts as inline SVG); the PDF is
headless Chromium's print of that page.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from fecscreen.errors import ConfigError
from fecscreen.law.citations import Citation, citation_url, parse_citations
from fecscreen.report.export import export_findings
from fecscreen.store import Store

FORMATS = ("html", "pdf", "csv", "parquet")
DEFAULT_NAMES = {
    "html": "fecscreen-report.html",
    "pdf": "fecscreen-report.pdf",
    "csv": "fecscreen-findings.csv",
    "parquet": "fecscreen-findings.parquet",
}


def _check_committee(store: Store, committee: str) -> None:
    known = store.scalar(
        "SELECT EXISTS (SELECT 1 FROM receipts WHERE committee_id = $c) "
        "OR EXISTS (SELECT 1 FROM findings WHERE committee_id = $c)",
        {"c": committee},
    )
    if not known:
        raise ConfigError(
            f"no receipts or findings for committee {committee!r} in this database",
            where="--committee",
            hint="give a recipient committee id as it appears in the data, e.g. C00123456",
        )


def write_report(store: Store, out_path: str | os.PathLike | None = None, *,
                 committee: str | None = None, fmt: str = "html", run_id: str | None = None) -> Path:
    """Write the report (html, pdf) or the findings export (csv, parquet); returns its path."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown report format {fmt!r}", where="--format",
                          hint="use one of: " + ", ".join(FORMATS))
    out = Path(out_path) if out_path is not None else Path(DEFAULT_NAMES[fmt])
    if committee:
        _check_committee(store, committee)
    if fmt == "pdf":
        from fecscreen.report.browser import find_chromium

        find_chromium()  # fail before the rendering work when there is no browser
    if fmt in ("csv", "parquet"):
        return export_findings(store, out, fmt=fmt, run_id=run_id, committee=committee)

    from fecscreen.report.data import collect
    from fecscreen.report.html import render_html

    html = render_html(collect(store, committee=committee, run_id=run_id))
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        out.write_text(html, encoding="utf-8")
        return out
    from fecscreen.report.browser import html_to_pdf

    with tempfile.TemporaryDirectory(prefix="fecscreen-report-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        return html_to_pdf(page, out)


__all__ = [
    "write_report",
    "export_findings",
    "Citation",
    "citation_url",
    "parse_citations",
    "FORMATS",
    "DEFAULT_NAMES",
]
