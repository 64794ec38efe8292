-- Screening runs and their findings (owned by fecscreen.rules / fecscreen.findings).
CREATE TABLE IF NOT EXISTS check_runs (
    run_id        VARCHAR PRIMARY KEY,
    started_at    TIMESTAMP,
    finished_at   TIMESTAMP,
    selection     JSON,      -- {"select": [...], "ignore": [...], "committee": ...}
    rules         JSON,      -- [{"rule": code, "version": v}, ...] that ran
    n_findings    INTEGER
);

-- One finding shape everywhere (CLI, API, report): see docs/findings.md.
CREATE TABLE IF NOT EXISTS findings (
    run_id        VARCHAR NOT NULL,
    finding_id    VARCHAR NOT NULL,  -- stable hash of rule + evidence rows
    rule          VARCHAR NOT NULL,  -- rule code, e.g. FN001
    rule_version  VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,  -- dotted rule name
    "group"       VARCHAR NOT NULL,  -- foreign-national, excessive, ...
    severity      VARCHAR NOT NULL,  -- info | review | high
    committee_id  VARCHAR,
    message       VARCHAR NOT NULL,
    citations     JSON NOT NULL,     -- list of citation strings
    amount        DECIMAL(14, 2),
    date          DATE,
    donor         JSON,              -- as filed: name, city, state, zip, employer, occupation; donor_id
    transactions  JSON NOT NULL,     -- list of {filing_id, transaction_id, sub_id}
    receipt_keys  VARCHAR[]          -- receipts.receipt_key of every evidence row
);
-- Facts the finding rests on beyond its message, as the rule found them (JSON; NULL for
-- most rules): the foreign-national rules keep the indicator and the country or city the
-- address names, which the report's table of foreign receipts reads.
ALTER TABLE findings ADD COLUMN IF NOT EXISTS detail JSON;
