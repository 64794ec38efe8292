-- Donor identity (owned by fecscreen.donors): one row per individual receipt.
-- The `receipts` view joins this table for `donor_id`; see docs/donors.md.
CREATE TABLE IF NOT EXISTS donor_links (
    receipt_key  VARCHAR NOT NULL,     -- receipts.receipt_key (unique: resolve writes one row each)
    donor_id     VARCHAR NOT NULL,
    profile_id   VARCHAR               -- donor_profiles.profile_id: the cleaned record
);
-- Databases made before profile_id existed get the column.
ALTER TABLE donor_links ADD COLUMN IF NOT EXISTS profile_id VARCHAR;

-- One row per distinct cleaned record ("profile"); identical cleaned records share one.
CREATE TABLE IF NOT EXISTS donor_profiles (
    profile_id   VARCHAR NOT NULL,     -- md5 of the cleaned fields, stable across runs (unique)
    first_name   VARCHAR,
    middle       VARCHAR,              -- middle initial
    last_name    VARCHAR,
    suffix       VARCHAR,              -- JR, SR, II, III, IV
    zip5         VARCHAR,
    city         VARCHAR,
    state        VARCHAR,
    street       VARCHAR,
    employer     VARCHAR,              -- normalised; null when uninformative (RETIRED, NONE ...)
    occupation   VARCHAR,
    n_receipts   BIGINT,
    cluster_key  VARCHAR               -- the linkage cluster, before manual overrides
);

-- Scored pairs of profiles at or above the threshold: the pairs that joined two groups of
-- profiles into one donor (a maximum spanning forest), and the pairs kept apart, with why.
CREATE TABLE IF NOT EXISTS donor_edges (
    profile_l     VARCHAR NOT NULL,
    profile_r     VARCHAR NOT NULL,
    match_weight  DOUBLE,   -- total, in bits (log2 of the Bayes factor, with the prior)
    match_probability DOUBLE,
    g_first_name   TINYINT,  -- comparison level (Splink gamma; -1 = missing data)
    w_first_name   DOUBLE,   -- its match weight in bits, with term-frequency adjustment
    g_last_name    TINYINT,  -- comparison level (Splink gamma; -1 = missing data)
    w_last_name    DOUBLE,   -- its match weight in bits, with term-frequency adjustment
    g_middle       TINYINT,  -- comparison level (Splink gamma; -1 = missing data)
    w_middle       DOUBLE,   -- its match weight in bits, with term-frequency adjustment
    g_suffix       TINYINT,  -- comparison level (Splink gamma; -1 = missing data)
    w_suffix       DOUBLE,   -- its match weight in bits, with term-frequency adjustment
    g_place        TINYINT,  -- comparison level (Splink gamma; -1 = missing data)
    w_place        DOUBLE,   -- its match weight in bits, with term-frequency adjustment
    g_employer     TINYINT,  -- comparison level (Splink gamma; -1 = missing data)
    w_employer     DOUBLE,   -- its match weight in bits, with term-frequency adjustment
    g_occupation   TINYINT,  -- comparison level (Splink gamma; -1 = missing data)
    w_occupation   DOUBLE,   -- its match weight in bits, with term-frequency adjustment
    linked        BOOLEAN,  -- this pair joined two groups of profiles into one donor
    reason        VARCHAR   -- why a pair was not used, if it was not
);

-- Manual corrections, re-applied on every resolve.
CREATE SEQUENCE IF NOT EXISTS donor_override_seq;
CREATE TABLE IF NOT EXISTS donor_overrides (
    override_id  BIGINT DEFAULT nextval('donor_override_seq'),
    action       VARCHAR NOT NULL,     -- 'merge' | 'split'
    donor_ids    VARCHAR[],            -- merge: donors joined (as named at the time)
    receipt_keys VARCHAR[],            -- split: records moved out to a donor of their own;
                                       -- merge: one record of each donor (anchors)
    reason       VARCHAR NOT NULL,
    made_by      VARCHAR NOT NULL,
    made_at      TIMESTAMP DEFAULT current_timestamp
);

-- The trained linkage model (Splink settings with m/u), reused so re-runs agree.
CREATE TABLE IF NOT EXISTS donor_model (
    model_id     VARCHAR PRIMARY KEY,
    trained_at   TIMESTAMP DEFAULT current_timestamp,
    n_profiles   BIGINT,
    settings     JSON
);

-- One row per resolve run.
CREATE TABLE IF NOT EXISTS donor_runs (
    run_at       TIMESTAMP DEFAULT current_timestamp,
    n_receipts   BIGINT,
    n_profiles   BIGINT,
    n_donors     BIGINT,
    n_new_donors BIGINT,
    seconds      DOUBLE
);
