"""Earmark pairs in the individual-contributions file.

An earmarked contribution passed through a conduit (ActBlue, WinRed...) is in
itcont twice:

* the recipient's row, transaction type ``15E``: ``CMTE_ID`` = recipient,
  ``OTHER_ID`` = the conduit;
* the conduit's row, transaction type ``24T``: ``CMTE_ID`` = conduit,
  ``OTHER_ID`` = the recipient.

Both rows are the same dollars from the same person. We keep both, give both the
same ``earmark_pair_id`` (the ``SUB_ID`` of the 15E row) and set
``counts_toward_totals = FALSE`` on the **24T** row: the 15E row is the
contribution to the recipient, which is what limits and the recipient's totals
are about (an earmarked contribution counts against the contributor's limit for
the recipient candidate, 11 CFR 110.6(a)); the conduit's row only records that
the money passed through.

Rows pair when the recipient and conduit ids point across, and the transaction
date, amount, ZIP code (first 5 digits) and name (letters only, case folded)
are equal. Identical gifts pair one to one in SUB_ID order. A row with no
counterpart in the cycle keeps ``counts_toward_totals = TRUE``: it is the only
record of that money here.
"""

from __future__ import annotations

import duckdb

_SIDE = """
    SELECT sub_id, {recipient} AS r, {conduit} AS c, transaction_dt AS d, transaction_amt AS a,
           coalesce(left(zip_code, 5), '') AS z,
           regexp_replace(upper(coalesce(name, '')), '[^A-Z]', '', 'g') AS nm
    FROM bulk_receipts
    WHERE cycle = $c AND transaction_tp = '{tp}' AND other_id IS NOT NULL
"""

# Every 15E/24T combination with equal keys; `g` names the key (identical gifts share it).
CANDIDATES_SQL = f"""
CREATE OR REPLACE TEMP TABLE _earmark_candidates AS
SELECT e.sub_id AS e_sub, t.sub_id AS t_sub, hash(r, c, d, a, z, nm) AS g
FROM ({_SIDE.format(recipient='cmte_id', conduit='other_id', tp='15E')}) e
JOIN ({_SIDE.format(recipient='other_id', conduit='cmte_id', tp='24T')}) t
  USING (r, c, d, a, z, nm)
"""

# One to one: a key with one candidate is a pair; within a key shared by identical
# gifts, the i-th 15E pairs with the i-th 24T in SUB_ID order.
PAIRS_SQL = """
CREATE OR REPLACE TEMP TABLE _earmark_pairs AS
WITH m AS (SELECT *, count(*) OVER (PARTITION BY g) AS n FROM _earmark_candidates)
SELECT e_sub, t_sub FROM m WHERE n = 1
UNION ALL
SELECT e_sub, t_sub FROM (
    SELECT e_sub, t_sub,
           dense_rank() OVER (PARTITION BY g ORDER BY e_sub) AS re,
           dense_rank() OVER (PARTITION BY g ORDER BY t_sub) AS rt
    FROM m WHERE n > 1)
WHERE re = rt
"""


def mark_earmarks(con: duckdb.DuckDBPyConnection, cycle: int) -> int:
    """(Re)mark every earmark pair of ``cycle`` in ``bulk_receipts``; returns the pair count."""
    params = {"c": cycle}
    con.execute(
        "UPDATE bulk_receipts SET earmark_pair_id = NULL, counts_toward_totals = TRUE "
        "WHERE cycle = $c AND earmark_pair_id IS NOT NULL",
        params,
    )
    con.execute(CANDIDATES_SQL, params)
    con.execute(PAIRS_SQL)
    n = con.execute("SELECT count(*) FROM _earmark_pairs").fetchone()[0]
    if n:
        con.execute(
            """
            UPDATE bulk_receipts
            SET earmark_pair_id = p.pair, counts_toward_totals = (p.side = '15E')
            FROM (SELECT e_sub AS pair, e_sub AS sub_id, '15E' AS side FROM _earmark_pairs
                  UNION ALL
                  SELECT e_sub, t_sub, '24T' FROM _earmark_pairs) p
            WHERE bulk_receipts.cycle = $c AND bulk_receipts.sub_id = p.sub_id
            """,
            params,
        )
    con.execute("DROP TABLE IF EXISTS _earmark_pairs")
    con.execute("DROP TABLE IF EXISTS _earmark_candidates")
    return n


__all__ = ["mark_earmarks", "CANDIDATES_SQL", "PAIRS_SQL"]
