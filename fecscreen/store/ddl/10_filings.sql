-- Electronic and paper-converted .fec filings (owned by fecscreen.ingest).
CREATE TABLE IF NOT EXISTS filings (
    filing_id          VARCHAR PRIMARY KEY,   -- FEC filing id (e.g. '1550126'); from the file name or header
    committee_id       VARCHAR,               -- filer committee id (C00...)
    form_type          VARCHAR,               -- first form line, e.g. F3XN, F3A
    report_type        VARCHAR,               -- report code, e.g. Q1, YE, 12G (report_code as filed)
    format_version     VARCHAR,               -- e.g. 8.3, 3.00, P3.4
    software_name      VARCHAR,
    software_version   VARCHAR,
    coverage_from      DATE,
    coverage_through   DATE,
    date_signed        DATE,
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

-- Schedule A: every receipt line of a filing (SA11AI, SA15, SA17 ...), memo lines included.
-- Columns: the FEC's own names, the union over all format versions (a version without a
-- column leaves it NULL). Dates are DATE, amounts DECIMAL(14,2); text is as filed.
-- Form 3L bundling lines (SA3L) are not receipts of the filer: they go to filing_lines.
CREATE TABLE IF NOT EXISTS filing_receipts (
    filing_id                       VARCHAR NOT NULL,
    line_number                     INTEGER NOT NULL,  -- physical line in the .fec file (1 = first)
    form_type                       VARCHAR,           -- the line's own form, e.g. SA11AI
    filer_committee_id_number       VARCHAR,
    transaction_id                  VARCHAR,
    back_reference_tran_id_number   VARCHAR,
    back_reference_sched_name       VARCHAR,
    entity_type                     VARCHAR,
    contributor_name                VARCHAR,   -- single-field name of formats before 5.x/6.x
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
    contribution_purpose_code       VARCHAR,
    contribution_purpose_descrip    VARCHAR,
    contributor_employer            VARCHAR,
    contributor_occupation          VARCHAR,
    donor_committee_fec_id          VARCHAR,
    donor_committee_name            VARCHAR,
    donor_candidate_fec_id          VARCHAR,
    donor_candidate_name            VARCHAR,
    donor_candidate_last_name       VARCHAR,
    donor_candidate_first_name      VARCHAR,
    donor_candidate_middle_name     VARCHAR,
    donor_candidate_prefix          VARCHAR,
    donor_candidate_suffix          VARCHAR,
    donor_candidate_office          VARCHAR,
    donor_candidate_state           VARCHAR,
    donor_candidate_district        VARCHAR,
    conduit_name                    VARCHAR,
    conduit_street1                 VARCHAR,
    conduit_street2                 VARCHAR,
    conduit_city                    VARCHAR,
    conduit_state                   VARCHAR,
    conduit_zip_code                VARCHAR,
    memo_code                       VARCHAR,
    memo_text_description           VARCHAR,
    reference_code                  VARCHAR,
    increased_limit_code            VARCHAR,
    image_number                    VARCHAR,   -- paper filings
    amended_cd                      VARCHAR,   -- legacy formats
    fields                          JSON       -- only what the columns cannot hold, NULL otherwise:
                                               -- "extra_1".. fields beyond the layout; a column's own
                                               -- name: its value as filed when not a valid date/amount
);

-- Schedule B: every disbursement line of a filing (SB17, SB21B, SB23 ...), memo lines included.
CREATE TABLE IF NOT EXISTS filing_disbursements (
    filing_id                       VARCHAR NOT NULL,
    line_number                     INTEGER NOT NULL,
    form_type                       VARCHAR,
    filer_committee_id_number       VARCHAR,
    transaction_id                  VARCHAR,   -- the FEC calls it transaction_id_number on Schedule B
    back_reference_tran_id_number   VARCHAR,
    back_reference_sched_name       VARCHAR,
    entity_type                     VARCHAR,
    payee_name                      VARCHAR,   -- single-field name of formats before 5.x/6.x
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
    expenditure_purpose_code        VARCHAR,
    expenditure_purpose_descrip     VARCHAR,
    category_code                   VARCHAR,
    refund_or_disposal_of_excess    VARCHAR,
    communication_date              DATE,
    beneficiary_committee_fec_id    VARCHAR,
    beneficiary_committee_name      VARCHAR,
    beneficiary_candidate_fec_id    VARCHAR,
    beneficiary_candidate_name      VARCHAR,
    beneficiary_candidate_last_name VARCHAR,
    beneficiary_candidate_first_name VARCHAR,
    beneficiary_candidate_middle_name VARCHAR,
    beneficiary_candidate_prefix    VARCHAR,
    beneficiary_candidate_suffix    VARCHAR,
    beneficiary_candidate_office    VARCHAR,
    beneficiary_candidate_state     VARCHAR,
    beneficiary_candidate_district  VARCHAR,
    conduit_name                    VARCHAR,
    conduit_street_1                VARCHAR,
    conduit_street_2                VARCHAR,
    conduit_city                    VARCHAR,
    conduit_state                   VARCHAR,
    conduit_zip_code                VARCHAR,
    memo_code                       VARCHAR,
    memo_text_description           VARCHAR,
    reference_to_si_or_sl_system_code_that_identifies_the_account VARCHAR,
    image_number                    VARCHAR,
    amended_cd                      VARCHAR,
    fields                          JSON,      -- as in filing_receipts
    "date"                          DATE GENERATED ALWAYS AS (expenditure_date) VIRTUAL,
    amount                          DECIMAL(14, 2) GENERATED ALWAYS AS (expenditure_amount) VIRTUAL
);

-- Every other line (summaries, Schedules C-F, H, L, text, ...) with its columns.
CREATE TABLE IF NOT EXISTS filing_lines (
    filing_id    VARCHAR NOT NULL,
    line_number  INTEGER NOT NULL,
    form_type    VARCHAR,   -- the line's own form, e.g. F3XN, SC/10, SE, TEXT
    schedule     VARCHAR,   -- layout family, e.g. F3X, SC, SE, TEXT (NULL: no layout known)
    fields       JSON       -- every field by its FEC name, as filed; "extra_1".. beyond the
                            -- layout; "field_1".. by position when no layout is known
);
