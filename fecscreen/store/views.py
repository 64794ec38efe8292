"""The unified relations every capability reads.

``receipts`` is every Schedule A line of every loaded filing, every row of
the bulk individual-contributions file, the contributions from committees in the
bulk committee-transactions file (itoth, type 18K) and every contribution recorded
through the service, in one shape (see ``docs/schema.md``),
with ``donor_id`` from donor resolution where it has run. ``receipts_current``
leaves out lines of filings that a later amendment supersedes.
"""

from __future__ import annotations

from importlib import resources

import duckdb

# Each part is a SELECT yielding the columns of `receipts` (minus donor_id).
RECEIPT_PARTS = ("receipts_filing.sql", "receipts_bulk.sql", "receipts_intake.sql")


def _part(name: str) -> str:
    return (resources.files("fecscreen.store") / "views" / name).read_text(encoding="utf-8")


def receipts_parts_sql() -> str:
    """The receipts union without the donor_id join (what donor resolution reads)."""
    return "\nUNION ALL BY NAME\n".join(f"({_part(p)})" for p in RECEIPT_PARTS)


def receipts_sql() -> str:
    union = receipts_parts_sql()
    return (
        "SELECT u.*, d.donor_id\n"
        f"FROM ({union}) u\n"
        "LEFT JOIN donor_links d ON d.receipt_key = u.receipt_key"
    )


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE OR REPLACE VIEW receipts AS {receipts_sql()}")
    con.execute("CREATE OR REPLACE VIEW receipts_current AS SELECT * FROM receipts WHERE NOT superseded")
    con.execute(
        "CREATE OR REPLACE VIEW disbursements AS "
        "SELECT d.*, coalesce(f.superseded, FALSE) AS superseded "
        "FROM filing_disbursements d LEFT JOIN filings f USING (filing_id)"
    )
    con.execute(
        "CREATE OR REPLACE VIEW disbursements_current AS "
        "SELECT * FROM disbursements WHERE NOT superseded"
    )
