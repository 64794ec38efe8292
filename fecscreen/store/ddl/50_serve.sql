-- The service (owned by fecscreen.tokens, fecscreen.intake and fecscreen.reviews): see docs/serve.md.

-- API tokens: only a SHA-256 of each token is kept; the token itself is shown once.
CREATE TABLE IF NOT EXISTS api_tokens (
    name        VARCHAR PRIMARY KEY,  -- who holds it; written into the audit log
    role        VARCHAR NOT NULL,     -- read | intake | reviewer
    token_hash  VARCHAR NOT NULL,     -- sha256 hex of the token (unique)
    created_at  TIMESTAMP NOT NULL,
    revoked_at  TIMESTAMP             -- set by `fecscreen token revoke`; a revoked token is refused
);

-- Contributions recorded through POST /v1/contributions. The `receipts` view reads them
-- (source 'intake'), so `check` screens them like any loaded receipt.
CREATE TABLE IF NOT EXISTS intake_receipts (
    committee_id     VARCHAR NOT NULL,
    transaction_id   VARCHAR NOT NULL,  -- the committee's own id; a retry with the same id writes nothing
    form_type        VARCHAR NOT NULL,  -- the Schedule A line the gift belongs on (SA11AI, SA11B, ...)
    entity_type      VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,  -- as given: LAST, FIRST MIDDLE (or the organisation's name)
    last_name        VARCHAR,
    first_name       VARCHAR,
    middle_name      VARCHAR,
    suffix           VARCHAR,
    street           VARCHAR,
    city             VARCHAR,
    state            VARCHAR,
    zip              VARCHAR,
    employer         VARCHAR,
    occupation       VARCHAR,
    amount           DECIMAL(14, 2) NOT NULL,
    date             DATE NOT NULL,
    election         VARCHAR,           -- election code, e.g. P2024
    memo             VARCHAR,
    recorded_at      TIMESTAMP NOT NULL,
    recorded_by      VARCHAR NOT NULL,  -- the token's name
    result           JSON NOT NULL,     -- the answer given when it was recorded (returned on a retry)
    PRIMARY KEY (committee_id, transaction_id)
);

-- The review status of a finding, keyed by the finding's stable id (a later check that
-- finds it again keeps its status). Findings without a row here are 'open'.
CREATE TABLE IF NOT EXISTS finding_reviews (
    finding_id  VARCHAR PRIMARY KEY,
    status      VARCHAR NOT NULL,   -- open | inquiry-sent | refunded | cleared | false-positive
    reason      VARCHAR NOT NULL,
    evidence    VARCHAR,
    updated_by  VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- Append-only: every status change, who made it and why. Nothing updates or deletes rows.
CREATE SEQUENCE IF NOT EXISTS review_audit_seq;
CREATE TABLE IF NOT EXISTS review_audit (
    seq         BIGINT DEFAULT nextval('review_audit_seq') PRIMARY KEY,
    finding_id  VARCHAR NOT NULL,
    changed_at  TIMESTAMP NOT NULL,
    actor       VARCHAR NOT NULL,   -- the token's name
    old_status  VARCHAR NOT NULL,
    new_status  VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    evidence    VARCHAR
);
