-- FEC bulk files (owned by fecscreen.bulk). Column names are the FEC header files' own.
CREATE TABLE IF NOT EXISTS bulk_receipts (
    sub_id            BIGINT,          -- the FEC's unique row id
    cmte_id           VARCHAR,
    amndt_ind         VARCHAR,
    rpt_tp            VARCHAR,
    transaction_pgi   VARCHAR,
    image_num         VARCHAR,
    transaction_tp    VARCHAR,
    entity_tp         VARCHAR,
    name              VARCHAR,
    city              VARCHAR,
    state             VARCHAR,
    zip_code          VARCHAR,
    employer          VARCHAR,
    occupation        VARCHAR,
    transaction_dt    DATE,
    transaction_amt   DECIMAL(14, 2),
    other_id          VARCHAR,
    tran_id           VARCHAR,
    file_num          BIGINT,
    memo_cd           VARCHAR,
    memo_text         VARCHAR,
    cycle             INTEGER,         -- two-year period, e.g. 2024
    source_file       VARCHAR,
    line_number       BIGINT,
    earmark_pair_id   BIGINT,          -- shared by the two rows of one earmarked gift
    counts_toward_totals BOOLEAN DEFAULT TRUE  -- false for the duplicate row of an earmark pair
);
