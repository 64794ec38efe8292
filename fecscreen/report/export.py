"""Findings export: the ``findings`` table of one run as CSV or Parquet.

Written by DuckDB's ``COPY``, so the file holds exactly the stored rows. In
Parquet every column keeps its type (``receipt_keys`` stays a list); in CSV the
JSON columns are JSON text and ``receipt_keys`` is a JSON array.
"""

from __future__ import annotations

import os
from pathlib import Path

from fecscreen.errors import ConfigError
from fecscreen.sql import literal
from fecscreen.store import Store

FORMATS = ("csv", "parquet")


def findings_sql(fmt: str) -> str:
    keys = "to_json(receipt_keys) AS receipt_keys" if fmt == "csv" else "receipt_keys"
    return (
        "SELECT run_id, finding_id, rule, rule_version, name, \"group\", severity, committee_id, "
        f"message, citations, amount, date, donor, transactions, {keys} FROM findings "
        "WHERE run_id = $run AND ($committee IS NULL OR committee_id = $committee) "
        "ORDER BY \"group\", rule, finding_id"
    )


def export_findings(store: Store, out_path: str | os.PathLike, *, fmt: str = "csv",
                    run_id: str | None = None, committee: str | None = None) -> Path:
    """Write the findings of one run (default: the latest) to ``out_path``."""
    from fecscreen.report.data import resolve_run

    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", where="--format",
                          hint="use one of: " + ", ".join(FORMATS))
    run = resolve_run(store, run_id)
    if run is None:
        raise ConfigError("there are no findings to export: no screening run is stored",
                          where=store.path, hint="run `fecscreen check` first")
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet"
    # COPY takes no prepared parameters: materialise the selection first.
    store.con.execute(
        "CREATE OR REPLACE TEMP TABLE findings_export AS " + findings_sql(fmt),
        {"run": run, "committee": committee},
    )
    try:
        store.con.execute(f"COPY findings_export TO {literal(out)} ({options})")
    finally:
        store.con.execute("DROP TABLE IF EXISTS findings_export")
    return out


__all__ = ["export_findings", "FORMATS"]
