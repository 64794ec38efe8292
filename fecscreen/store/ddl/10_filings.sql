-- Electronic and paper-converted .fec filings (owned by fecscreen.ingest).
CREATE TABLE IF NOT EXISTS filings (
    filing_id          VARCHAR PRIMARY KEY,   -- FEC filing id (e.g. '1550126'); from the file name or header
    committee_id       VARCHAR,               -- filer committee id (C00...)
    form_type          VARCHAR,               -- first form line, e.g. F3XN, F3A
    report_type        VARCHAR,               -- report code, e.g. Q1, YE, 12G
    format_version     VARCHAR,               -- e.g. 8.3, 3.00, P3.4
    software_name      VARCHAR,
    software_version   VARCHAR,
    coverage_from      DATE,
    coverage_through   DATE,
    amends_filing_id   VARCHAR,               -- the filing this one amends (null for originals)
    amendment_number   INTEGER,
    is_amendment       BOOLEAN,
    superseded         BOOLEAN DEFAULT FALSE, -- true when a later amendment in its chain exists
    superseded_by      VARCHAR,
    source_path        VARCHAR,
    source_sha256      VARCHAR,
    source_bytes       BIGINT,
    encoding           VARCHAR,
    loaded_at          TIMESTAMP DEFAULT current_timestamp,
    header             JSON                   -- every header field as filed
);

-- Problems found while loading: the row is kept, the problem is recorded here.
CREATE SEQUENCE IF NOT EXISTS load_issue_seq;
CREATE TABLE IF NOT EXISTS load_issues (
    issue_id     BIGINT DEFAULT nextval('load_issue_seq'),
    source       VARCHAR,   -- 'filing' or 'bulk'
    filing_id    VARCHAR,
    file         VARCHAR,   -- the file as given
    line_number  BIGINT,
    form_type    VARCHAR,
    problem      VARCHAR,   -- what is wrong, in words
    raw          VARCHAR,   -- the line as read (trimmed to 2,000 characters)
    recorded_at  TIMESTAMP DEFAULT current_timestamp
);

-- Schedule A: every receipt line of a filing, memo lines included.
-- Column names are the FEC's own (as in the format specifications).
CREATE TABLE IF NOT EXISTS filing_receipts (
    filing_id                       VARCHAR NOT NULL,
    line_number                     INTEGER NOT NULL,
    form_type                       VARCHAR,
    filer_committee_id_number       VARCHAR,
    transaction_id                  VARCHAR,
    back_reference_tran_id_number   VARCHAR,
    back_reference_sched_name       VARCHAR,
    entity_type                     VARCHAR,
    contributor_name                VARCHAR,   -- single-field name of formats before 6.x
    contributor_organization_name   VARCHAR,
    contributor_last_name           VARCHAR,
    contributor_first_name          VARCHAR,
    contributor_middle_name         VARCHAR,
    contributor_prefix              VARCHAR,
    contributor_suffix              VARCHAR,
    contributor_street_1            VARCHAR,
    contributor_street_2            VARCHAR,
    contributor_city                VARCHAR,
    contributor_state               VARCHAR,
    contributor_zip_code            VARCHAR,
    election_code                   VARCHAR,
    election_other_description      VARCHAR,
    contribution_date               DATE,
    contribution_amount             DECIMAL(14, 2),
    contribution_aggregate          DECIMAL(14, 2),
    contribution_purpose_descrip    VARCHAR,
    contributor_employer            VARCHAR,
    contributor_occupation          VARCHAR,
    donor_committee_fec_id          VARCHAR,
    donor_committee_name            VARCHAR,
    donor_candidate_fec_id          VARCHAR,
    conduit_name                    VARCHAR,
    conduit_street1                 VARCHAR,
    conduit_street2                 VARCHAR,
    conduit_city                    VARCHAR,
    conduit_state                   VARCHAR,
    conduit_zip_code                VARCHAR,
    memo_code                       VARCHAR,
    memo_text_description           VARCHAR,
    fields                          JSON       -- every field of the line by its FEC name, as filed
);

-- Schedule B: every disbursement line of a filing.
CREATE TABLE IF NOT EXISTS filing_disbursements (
    filing_id                       VARCHAR NOT NULL,
    line_number                     INTEGER NOT NULL,
    form_type                       VARCHAR,
    filer_committee_id_number       VARCHAR,
    transaction_id                  VARCHAR,
    back_reference_tran_id_number   VARCHAR,
    back_reference_sched_name       VARCHAR,
    entity_type                     VARCHAR,
    payee_name                      VARCHAR,
    payee_organization_name         VARCHAR,
    payee_last_name                 VARCHAR,
    payee_first_name                VARCHAR,
    payee_middle_name               VARCHAR,
    payee_prefix                    VARCHAR,
    payee_suffix                    VARCHAR,
    payee_street_1                  VARCHAR,
    payee_street_2                  VARCHAR,
    payee_city                      VARCHAR,
    payee_state                     VARCHAR,
    payee_zip_code                  VARCHAR,
    election_code                   VARCHAR,
    election_other_description      VARCHAR,
    expenditure_date                DATE,
    expenditure_amount              DECIMAL(14, 2),
    semi_annual_refunded_bundled_amt DECIMAL(14, 2),
    expenditure_purpose_descrip     VARCHAR,
    category_code                   VARCHAR,
    beneficiary_committee_fec_id    VARCHAR,
    beneficiary_committee_name      VARCHAR,
    conduit_name                    VARCHAR,
    conduit_city                    VARCHAR,
    conduit_state                   VARCHAR,
    memo_code                       VARCHAR,
    memo_text_description           VARCHAR,
    fields                          JSON
);

-- Every other line (summaries, Schedules C-F, H, L, text, ...) with its columns.
CREATE TABLE IF NOT EXISTS filing_lines (
    filing_id    VARCHAR NOT NULL,
    line_number  INTEGER NOT NULL,
    form_type    VARCHAR,
    schedule     VARCHAR,   -- layout family, e.g. SC, SE, F3X, TEXT
    fields       JSON       -- every field by its FEC name, as filed
);
