-- Donor identity (owned by fecscreen.donors): one row per individual receipt.
CREATE TABLE IF NOT EXISTS donor_links (
    receipt_key  VARCHAR PRIMARY KEY,  -- receipts.receipt_key
    donor_id     VARCHAR NOT NULL
);
