-- Store folders (Parquet, see docs/parquet.md) read into this database: one row per
-- folder snapshot, so reading the same folder again changes nothing.
CREATE TABLE IF NOT EXISTS store_imports (
    snapshot    VARCHAR PRIMARY KEY,  -- the folder manifest's snapshot id
    folder      VARCHAR,              -- where it was read from
    written_by  VARCHAR,              -- the fecscreen version that wrote it
    written_at  VARCHAR,              -- when it was written (ISO 8601, UTC)
    read_at     TIMESTAMP DEFAULT current_timestamp
);
