"""generate_bulk_rows: many bulk rows made inside DuckDB, for benchmarks."""

from __future__ import annotations

import duckdb
import pytest

from fecscreen.errors import InputError
from fecscreen.store import open_store
from fecscreen.synth.bulk_rows import generate_bulk_rows


def test_rows_fill_the_bulk_table_and_show_in_receipts(tmp_path):
    with open_store(tmp_path / "b.duckdb") as store:
        assert generate_bulk_rows(store.con, "bulk_receipts", 20_000, seed=3) == 20_000
        assert store.scalar("SELECT count(*) FROM receipts WHERE source = 'bulk'") == 20_000
        assert store.scalar("SELECT count(DISTINCT sub_id) FROM bulk_receipts") == 20_000
        zz = store.scalar("SELECT count(*) FROM bulk_receipts WHERE state = 'ZZ'")
        assert 0 < zz < 200
        assert store.scalar("SELECT count(*) FROM bulk_receipts WHERE transaction_tp = '15E' "
                            "AND other_id IS NULL") == 0
        assert store.scalar("SELECT min(transaction_dt) >= DATE '2023-01-01' AND "
                            "max(transaction_dt) <= DATE '2024-11-30' FROM bulk_receipts")
        # appending continues the SUB_ID sequence
        generate_bulk_rows(store.con, "bulk_receipts", 10, seed=3)
        assert store.scalar("SELECT count(DISTINCT sub_id) FROM bulk_receipts") == 20_010


def test_same_seed_same_rows():
    con = duckdb.connect()
    generate_bulk_rows(con, "a", 5_000, seed=9)
    generate_bulk_rows(con, "b", 5_000, seed=9)
    generate_bulk_rows(con, "c", 5_000, seed=10)
    q = "SELECT * FROM {} ORDER BY sub_id"
    assert con.execute(q.format("a")).fetchall() == con.execute(q.format("b")).fetchall()
    assert con.execute(q.format("a")).fetchall() != con.execute(q.format("c")).fetchall()


def test_bad_arguments():
    con = duckdb.connect()
    with pytest.raises(InputError, match="positive"):
        generate_bulk_rows(con, "a", 0)
    with pytest.raises(InputError, match="table name"):
        generate_bulk_rows(con, "a; DROP TABLE x", 10)
