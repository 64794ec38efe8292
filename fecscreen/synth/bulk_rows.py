"""Millions of bulk-file rows generated inside DuckDB, for benchmarks.

``generate_bulk_rows(con, "bulk_receipts", 10_000_000, seed=7)`` appends ``n``
rows in the shape of the ``bulk_receipts`` table (the loaded form of the FEC's
``itcont.txt``) in one SQL statement: no Python loop, no file. Every value is a
pure function of the row number and the seed, so the same call gives the same
rows. The mix is plausible for screening work: individual gifts from a pool of
donors who give repeatedly (so aggregation has something to do), about 0.3 %
foreign addresses (state ``ZZ`` or a blank state with a Canadian postal code),
military and territory addresses, organisations, earmarked 15E rows, cash and
anonymous gifts, and blank employers. These rows carry no labels: use
:func:`fecscreen.synth.generate` for accuracy.
"""

from __future__ import annotations

from fecscreen.errors import InputError
from fecscreen.sql import list_literal as _list
from fecscreen.synth.generate import CYCLE
from fecscreen.synth.names import CITIES, EMPLOYERS, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES

__all__ = ["generate_bulk_rows"]

_COMMITTEES = ("C99000011", "C99000022", "C99000033", "C99000044", "C99000055")


def generate_bulk_rows(con, table: str = "bulk_receipts", n: int = 1_000_000, seed: int = 7,
                       *, n_committees: int = 200, n_donors: int | None = None) -> int:
    """Append ``n`` generated rows to ``table`` (created with the bulk_receipts columns
    when it does not exist) and return ``n``. ``con`` is a DuckDB connection."""
    if n <= 0:
        raise InputError(f"n must be positive, got {n}", where="generate_bulk_rows(n=...)")
    if not table.replace("_", "").isalnum():
        raise InputError(f"not a plain table name: {table!r}",
                         where="generate_bulk_rows(table=...)", hint="e.g. bulk_receipts")
    n_donors = n_donors or max(10, n // 4)
    first = FIRST_NAMES_F + FIRST_NAMES_M
    cities = list(CITIES)
    city_names = _list([c[0] for c in cities])
    city_states = _list([c[1] for c in cities])
    city_zips = _list([c[2][0] for c in cities])
    employers = _list(list(EMPLOYERS))
    committees = _list(list(_COMMITTEES) + [f"C98{i:06d}" for i in range(max(0, n_committees - 5))])
    # h(k): a deterministic pseudo-random 0..2^31 for row i and purpose k
    h = f"CAST(hash(i, {int(seed)}, {{k}}) % 2147483648 AS BIGINT)"
    con.execute(f"""
        CREATE TABLE IF NOT EXISTS {table} (
            sub_id BIGINT, cmte_id VARCHAR, amndt_ind VARCHAR, rpt_tp VARCHAR,
            transaction_pgi VARCHAR, image_num VARCHAR, transaction_tp VARCHAR,
            entity_tp VARCHAR, name VARCHAR, city VARCHAR, state VARCHAR, zip_code VARCHAR,
            employer VARCHAR, occupation VARCHAR, transaction_dt DATE,
            transaction_amt DECIMAL(14, 2), other_id VARCHAR, tran_id VARCHAR, file_num BIGINT,
            memo_cd VARCHAR, memo_text VARCHAR, cycle INTEGER, source_file VARCHAR,
            line_number BIGINT, earmark_pair_id BIGINT, counts_toward_totals BOOLEAN)
    """)
    start = con.execute(f"SELECT coalesce(max(sub_id), 4980000000000000000) FROM {table}"
                        ).fetchone()[0]
    sql = f"""
    INSERT INTO {table} BY NAME
    WITH base AS (
        SELECT i,
               {h.format(k=1)} % {n_donors} AS donor,
               {h.format(k=2)} % 10000 AS u,          -- 0..9999: kind of row
               {h.format(k=3)} AS r3, {h.format(k=4)} AS r4, {h.format(k=5)} AS r5
        FROM range({int(n)}) t(i)
    ), donors AS (
        SELECT i, u, r3, r4, r5, donor,
               CAST(hash(donor, {int(seed)}, 11) % 2147483648 AS BIGINT) AS d1,
               CAST(hash(donor, {int(seed)}, 12) % 2147483648 AS BIGINT) AS d2,
               CAST(hash(donor, {int(seed)}, 13) % 2147483648 AS BIGINT) AS d3
        FROM base
    ), rows AS (
        SELECT *,
            {city_names}[1 + d3 % {len(cities)}] AS home_city,
            {city_states}[1 + d3 % {len(cities)}] AS home_state,
            left({city_zips}[1 + d3 % {len(cities)}], 3)
                || lpad(CAST(d1 % 100 AS VARCHAR), 2, '0') AS home_zip,
            DATE '{CYCLE - 1}-01-01' + CAST(r4 % 695 AS INTEGER) AS dt
        FROM donors
    )
    SELECT
        {int(start)} + 1 + i AS sub_id,
        {committees}[1 + r5 % {n_committees}] AS cmte_id,
        'N' AS amndt_ind, 'Q' || CAST(1 + r5 % 3 AS VARCHAR) AS rpt_tp,
        CASE WHEN dt < DATE '{CYCLE}-03-05' THEN 'P{CYCLE}' ELSE 'G{CYCLE}' END AS transaction_pgi,
        strftime(dt + 20, '%Y%m%d') || lpad(CAST(i % 10000000000 AS VARCHAR), 10, '0') AS image_num,
        CASE WHEN u < 600 THEN '15E' ELSE '15' END AS transaction_tp,
        CASE WHEN u BETWEEN 9900 AND 9939 THEN 'ORG' ELSE 'IND' END AS entity_tp,
        CASE WHEN u BETWEEN 9900 AND 9939
             THEN 'ACME HOLDINGS ' || CAST(d1 % 500 AS VARCHAR) || ' INC'
             WHEN u BETWEEN 9940 AND 9944 THEN 'ANONYMOUS'
             ELSE {_list(LAST_NAMES)}[1 + d1 % {len(LAST_NAMES)}] || ', '
                  || {_list(first)}[1 + d2 % {len(first)}] || ' '
                  || chr(65 + CAST(d3 % 26 AS INTEGER)) END AS name,
        CASE WHEN u < 20 THEN 'TORONTO' WHEN u < 30 THEN 'LONDON'
             WHEN u < 40 THEN 'APO' WHEN u < 50 THEN 'SAN JUAN' ELSE home_city END AS city,
        CASE WHEN u < 20 THEN '' WHEN u < 30 THEN 'ZZ'
             WHEN u < 40 THEN 'AE' WHEN u < 50 THEN 'PR' ELSE home_state END AS state,
        CASE WHEN u < 20 THEN 'M5V3L9' WHEN u < 30 THEN 'SW1A1AA'
             WHEN u < 40 THEN '09012' WHEN u < 50 THEN '00907'
             WHEN r3 % 2 = 0 THEN home_zip || lpad(CAST(d2 % 9999 AS VARCHAR), 4, '0')
             ELSE home_zip END AS zip_code,
        CASE WHEN u BETWEEN 9950 AND 9999 THEN ''
             ELSE {employers}[1 + d2 % {len(EMPLOYERS)}] END AS employer,
        CASE WHEN u BETWEEN 9950 AND 9999 THEN '' ELSE 'PROFESSIONAL' END AS occupation,
        dt AS transaction_dt,
        CAST([25, 50, 100, 250, 500, 1000, 2800, 3300][1 + r3 % 8] AS DECIMAL(14, 2))
            AS transaction_amt,
        CASE WHEN u < 600 THEN 'C99000066' END AS other_id,
        'SA11AI_' || CAST(i AS VARCHAR) AS tran_id,
        9300000 + r5 % 5000 AS file_num,
        CAST(NULL AS VARCHAR) AS memo_cd,
        CASE WHEN u BETWEEN 9945 AND 9949 THEN 'CASH' END AS memo_text,
        {CYCLE} AS cycle, 'generated' AS source_file, i + 1 AS line_number,
        CAST(NULL AS BIGINT) AS earmark_pair_id, TRUE AS counts_toward_totals
    FROM rows
    """
    con.execute(sql)
    return n
