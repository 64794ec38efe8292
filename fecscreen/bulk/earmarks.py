"""Earmark pairs in the individual-contributions file.

An earmarked contribution passed through a conduit (ActBlue, WinRed...) is in
itcont twice:

* the recipient's row, transaction type ``15E``: ``CMTE_ID`` = recipient,
  ``OTHER_ID`` = the conduit;
* the conduit's row, transaction type ``24T``: ``CMTE_ID`` = conduit,
  ``OTHER_ID`` = the recipient.

Both rows are the same dollars from the same person. We keep both, give both the
same ``earmark_pair_id`` and set ``counts_toward_totals = FALSE`` on the **24T**
row: the 15E row is the contribution to the recipient, which is what limits and
the recipient's totals are about (an earmarked contribution counts against the
contributor's limit for the recipient candidate, 11 CFR 110.6(a)); the
conduit's row only records that the money passed through.

Rows pair when the recipient and conduit ids point across, and the transaction
date, amount, ZIP code (first 5 digits) and name (letters only, case folded)
are equal: the *earmark key*. ``earmark_pair_id`` is a 63-bit hash of that key;
identical gifts (several rows with one key) pair one to one in SUB_ID order and
each pair gets its own id (the key hash combined with its rank). A row with no
counterpart in the cycle keeps ``earmark_pair_id = NULL`` and
``counts_toward_totals = TRUE``: it is the only record of that money here.

How it is fast: the loader's INSERT already writes each 15E/24T row's key hash
as its pair id and ``counts_toward_totals = FALSE`` on 24T rows (what a paired
row needs). :func:`mark_earmarks` then counts 15E and 24T rows per key over the
cycle and updates only the rows that differ from that: unpaired rows, identical
gifts, and rows whose partner came with another file of the cycle.
"""

from __future__ import annotations

import duckdb

_NAME = "regexp_replace(upper(coalesce(name, '')), '[^A-Z]', '', 'g')"
_REST = f"transaction_dt, transaction_amt, coalesce(left(zip_code, 5), ''), {_NAME}"

# The earmark key of a row, oriented (recipient, conduit); NULL for other rows.
KEY_SQL = f"""CASE
    WHEN other_id IS NULL THEN NULL
    WHEN transaction_tp = '15E' THEN CAST(hash(cmte_id, other_id, {_REST}) >> 1 AS BIGINT)
    WHEN transaction_tp = '24T' THEN CAST(hash(other_id, cmte_id, {_REST}) >> 1 AS BIGINT)
END"""

# What the INSERT writes: the key as pair id, and a 24T row assumed paired.
INSERT_PAIR_ID = f"{KEY_SQL} AS earmark_pair_id"
INSERT_COUNTS = "NOT (transaction_tp = '24T' AND other_id IS NOT NULL) AS counts_toward_totals"

WANTED_SQL = f"""
CREATE OR REPLACE TEMP TABLE _earmark_fix AS
WITH ear AS (
    SELECT sub_id, transaction_tp AS tp, earmark_pair_id AS cur_id,
           counts_toward_totals AS cur_counts, {KEY_SQL} AS g
    FROM bulk_receipts
    WHERE cycle = $c AND transaction_tp IN ('15E', '24T')
),
sides AS (
    SELECT g, count(*) FILTER (WHERE tp = '15E') AS ne, count(*) FILTER (WHERE tp = '24T') AS nt
    FROM ear WHERE g IS NOT NULL GROUP BY g
),
ranked AS (  -- identical gifts only: the i-th 15E pairs with the i-th 24T
    SELECT r.sub_id, s.ne, s.nt,
           row_number() OVER (PARTITION BY r.g, r.tp ORDER BY r.sub_id) AS k
    FROM ear r JOIN sides s USING (g)
    WHERE (s.ne > 1 OR s.nt > 1) AND s.ne > 0 AND s.nt > 0
),
wanted AS (
    SELECT r.sub_id, r.tp, r.cur_id, r.cur_counts,
           CASE WHEN s.ne = 1 AND s.nt = 1 THEN r.g
                WHEN k.k <= least(k.ne, k.nt) THEN CAST(hash(r.g, k.k) >> 1 AS BIGINT)
           END AS want_id
    FROM ear r
    LEFT JOIN sides s USING (g)
    LEFT JOIN ranked k USING (sub_id)
)
SELECT sub_id, want_id, want_counts
FROM (SELECT *, NOT (tp = '24T' AND want_id IS NOT NULL) AS want_counts FROM wanted)
WHERE cur_id IS DISTINCT FROM want_id OR cur_counts IS DISTINCT FROM want_counts
"""


def mark_earmarks(con: duckdb.DuckDBPyConnection, cycle: int) -> int:
    """Bring every 15E/24T row of ``cycle`` to its pairing; returns the pair count."""
    params = {"c": cycle}
    con.execute(WANTED_SQL, params)
    if con.execute("SELECT count(*) FROM _earmark_fix").fetchone()[0]:
        con.execute(
            """
            UPDATE bulk_receipts
            SET earmark_pair_id = f.want_id, counts_toward_totals = f.want_counts
            FROM _earmark_fix f
            WHERE bulk_receipts.cycle = $c AND bulk_receipts.sub_id = f.sub_id
            """,
            params,
        )
    con.execute("DROP TABLE IF EXISTS _earmark_fix")
    return con.execute(
        "SELECT count(*) FROM bulk_receipts WHERE cycle = $c AND transaction_tp = '24T' "
        "AND earmark_pair_id IS NOT NULL",
        params,
    ).fetchone()[0]


__all__ = ["mark_earmarks", "KEY_SQL", "INSERT_PAIR_ID", "INSERT_COUNTS", "WANTED_SQL"]
