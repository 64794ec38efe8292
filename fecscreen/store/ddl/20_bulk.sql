-- FEC bulk files (owned by fecscreen.bulk). Column names are the FEC's own, lowercased
-- (layouts: fecscreen/bulk/layouts.yaml). Every table carries the two-year `cycle`,
-- the file it came from and `line_number`, NULL here (rows are known by their key;
-- load_issues names the line of every row not stored). Loading a file replaces the
-- rows that file (same name, same cycle) loaded before; see docs/bulk.md.
-- A line that cannot be stored (wrong number of fields, a value that does not parse,
-- no key, a repeated key) is recorded in load_issues instead, with its line and text.

-- itcont (indivYY.zip): contributions from individuals.
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

-- itoth (othYY.zip): transactions between committees.
CREATE TABLE IF NOT EXISTS committee_transactions (
    sub_id BIGINT, cmte_id VARCHAR, amndt_ind VARCHAR, rpt_tp VARCHAR, transaction_pgi VARCHAR,
    image_num VARCHAR, transaction_tp VARCHAR, entity_tp VARCHAR, name VARCHAR, city VARCHAR,
    state VARCHAR, zip_code VARCHAR, employer VARCHAR, occupation VARCHAR, transaction_dt DATE,
    transaction_amt DECIMAL(14, 2), other_id VARCHAR, tran_id VARCHAR, file_num BIGINT,
    memo_cd VARCHAR, memo_text VARCHAR,
    cycle INTEGER, source_file VARCHAR, line_number BIGINT
);

-- itpas2 (pas2YY.zip): contributions from committees to candidates (and independent expenditures).
CREATE TABLE IF NOT EXISTS committee_contributions (
    sub_id BIGINT, cmte_id VARCHAR, amndt_ind VARCHAR, rpt_tp VARCHAR, transaction_pgi VARCHAR,
    image_num VARCHAR, transaction_tp VARCHAR, entity_tp VARCHAR, name VARCHAR, city VARCHAR,
    state VARCHAR, zip_code VARCHAR, employer VARCHAR, occupation VARCHAR, transaction_dt DATE,
    transaction_amt DECIMAL(14, 2), other_id VARCHAR, cand_id VARCHAR, tran_id VARCHAR,
    file_num BIGINT, memo_cd VARCHAR, memo_text VARCHAR,
    cycle INTEGER, source_file VARCHAR, line_number BIGINT
);

-- cm (cmYY.zip): the committee master. cmte_tp / cmte_dsgn / cmte_pty_affiliation / cand_id
-- tell screening what kind of committee a recipient is.
CREATE TABLE IF NOT EXISTS committees (
    cmte_id VARCHAR, cmte_nm VARCHAR, tres_nm VARCHAR, cmte_st1 VARCHAR, cmte_st2 VARCHAR,
    cmte_city VARCHAR, cmte_st VARCHAR, cmte_zip VARCHAR, cmte_dsgn VARCHAR, cmte_tp VARCHAR,
    cmte_pty_affiliation VARCHAR, cmte_filing_freq VARCHAR, org_tp VARCHAR,
    connected_org_nm VARCHAR, cand_id VARCHAR,
    cycle INTEGER, source_file VARCHAR, line_number BIGINT
);

-- cn (cnYY.zip): the candidate master.
CREATE TABLE IF NOT EXISTS candidates (
    cand_id VARCHAR, cand_name VARCHAR, cand_pty_affiliation VARCHAR, cand_election_yr INTEGER,
    cand_office_st VARCHAR, cand_office VARCHAR, cand_office_district VARCHAR, cand_ici VARCHAR,
    cand_status VARCHAR, cand_pcc VARCHAR, cand_st1 VARCHAR, cand_st2 VARCHAR, cand_city VARCHAR,
    cand_st VARCHAR, cand_zip VARCHAR,
    cycle INTEGER, source_file VARCHAR, line_number BIGINT
);

-- ccl (cclYY.zip): which committees are linked to which candidate.
CREATE TABLE IF NOT EXISTS candidate_committee_links (
    cand_id VARCHAR, cand_election_yr INTEGER, fec_election_yr INTEGER, cmte_id VARCHAR,
    cmte_tp VARCHAR, cmte_dsgn VARCHAR, linkage_id BIGINT,
    cycle INTEGER, source_file VARCHAR, line_number BIGINT
);

-- Which bulk files are loaded, per cycle (one row per table, cycle and file name).
CREATE TABLE IF NOT EXISTS bulk_loads (
    kind          VARCHAR,    -- indiv, oth, pas2, cm, cn, ccl
    table_name    VARCHAR,
    cycle         INTEGER,
    source_file   VARCHAR,    -- file name as given (a zip's own name for zipped files)
    source_path   VARCHAR,
    source_bytes  BIGINT,
    encoding      VARCHAR,
    rows_in       BIGINT,
    rows_stored   BIGINT,
    rows_issues   BIGINT,
    loaded_at     TIMESTAMP DEFAULT current_timestamp
);

-- Bulk load issues carry the cycle of the load they came from.
ALTER TABLE load_issues ADD COLUMN IF NOT EXISTS cycle INTEGER;
