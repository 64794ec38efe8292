"""FEC bulk data files: individual contributions (itcont), committee and candidate
masters (cm, cn), candidate-committee links (ccl), committee-to-candidate (pas2) and
committee-to-committee (oth) transactions.

    from fecscreen.store import open_store
    from fecscreen.bulk import load_bulk
    summary = load_bulk(open_store("fec.duckdb"), "indiv24.zip")

See docs/bulk.md.
"""

from __future__ import annotations

from fecscreen.bulk.detect import identify, infer_cycle, is_bulk_file
from fecscreen.bulk.layouts import layouts
from fecscreen.bulk.load import BulkLoadSummary, load_bulk

__all__ = ["is_bulk_file", "load_bulk", "BulkLoadSummary", "identify", "infer_cycle", "layouts"]
