"""Bulk files loaded on Spark (local[2]) equal the DuckDB load, row for row and issue for issue."""

import pytest
from click.testing import CliRunner

from fecscreen.bulk import load_bulk as duckdb_load_bulk
from fecscreen.cli import main
from fecscreen.ingest import load_paths
from fecscreen.rules import run_check
from fecscreen.spark.bulk import load_bulk as spark_load_bulk
from fecscreen.store import open_store
from fecscreen.store.parquet import import_store, read_manifest
from fecscreen.synth import generate

TABLES = ("bulk_receipts", "committees", "candidates", "candidate_committee_links")
ISSUE_COLUMNS = "source, filing_id, file, line_number, form_type, problem, raw, cycle"
LOAD_COLUMNS = ("kind, table_name, cycle, source_file, source_path, source_bytes, encoding, "
                "rows_in, rows_stored, rows_issues")


@pytest.fixture(scope="module")
def spark():
    from fecscreen.spark import spark_session

    session = spark_session("local[2]")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _rows(store, table, drop=("earmark_pair_id",)):
    cols = [c for (c,) in store.query(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND NOT is_generated "
        "AND database_name = current_database() ORDER BY column_index", [table]) if c not in drop]
    return sorted(store.query(f"SELECT {', '.join(cols)} FROM {table}"), key=repr)


def _pairs(store):
    """Earmark pairs as sets of SUB_IDs (the ids themselves are engine-specific hashes)."""
    return sorted(tuple(sorted(ids)) for (ids,) in store.query(
        "SELECT list(sub_id) FROM bulk_receipts WHERE earmark_pair_id IS NOT NULL "
        "GROUP BY earmark_pair_id"))


def _assert_same(duck, spark_store):
    for table in TABLES:
        assert _rows(spark_store, table) == _rows(duck, table), table
    assert _pairs(spark_store) == _pairs(duck)
    assert sorted(spark_store.query(f"SELECT {ISSUE_COLUMNS} FROM load_issues"), key=repr) == \
        sorted(duck.query(f"SELECT {ISSUE_COLUMNS} FROM load_issues"), key=repr)
    assert sorted(spark_store.query(f"SELECT {LOAD_COLUMNS} FROM bulk_loads")) == \
        sorted(duck.query(f"SELECT {LOAD_COLUMNS} FROM bulk_loads"))


def test_real_itcont_samples_load_the_same_on_both_engines(spark, fixtures_dir, tmp_path):
    files = [fixtures_dir / "bulk" / "indiv" / f"itcont_sample_{x}.txt" for x in "ab"]
    folder = tmp_path / "store"
    with open_store(tmp_path / "duck.duckdb") as duck, \
            open_store(tmp_path / "spark.duckdb") as copy:
        for path in files:
            want = duckdb_load_bulk(duck, path, cycle=2024)
            got = spark_load_bulk(spark, folder, path, cycle=2024)
            assert (got.rows_in, got.rows_stored, got.rows_issues, got.rows_replaced,
                    got.earmark_pairs) == (want.rows_in, want.rows_stored, want.rows_issues,
                                           want.rows_replaced, want.earmark_pairs)
        import_store(copy, folder)
        assert copy.scalar("SELECT count(*) FROM bulk_receipts") == 9998  # 2 SUB_IDs in both
        _assert_same(duck, copy)


def test_bad_lines_get_the_same_verdict_on_both_engines(spark, fixtures_dir, tmp_path):
    good = (fixtures_dir / "bulk" / "indiv" / "itcont_sample_a.txt").read_bytes().split(b"\n")[:40]
    fields = [line.split(b"|") for line in good]
    bad = list(good)
    bad[3] = b"|".join(fields[3][:-2])                       # too few fields
    bad[5] = b""                                              # an empty line
    bad[7] = b"|".join(fields[7][:13] + [b"13452024"] + fields[7][14:])   # no such date
    bad[9] = b"|".join(fields[9][:14] + [b"12x"] + fields[9][15:])        # not an amount
    bad[11] = b"|".join(fields[11][:20] + [b""])              # no SUB_ID
    bad[13] = good[2]                                         # SUB_ID of line 3 again
    bad[15] = b"|".join(fields[15][:7] + [b"M\xdcLLER, ANNA"] + fields[15][8:])  # Latin-1
    bad[17] = good[17] + b"|extra"                            # too many fields
    path = tmp_path / "itcont.txt"
    path.write_bytes(b"\r\n".join(line for line in bad if line is not None) + b"\r\n")
    folder = tmp_path / "store"
    with open_store(tmp_path / "duck.duckdb") as duck, \
            open_store(tmp_path / "spark.duckdb") as copy:
        want = duckdb_load_bulk(duck, path, cycle=2024)
        got = spark_load_bulk(spark, folder, path, cycle=2024)
        assert want.encoding == got.encoding == "latin-1"
        assert got.problems == want.problems and sum(got.problems.values()) == 7
        import_store(copy, folder)
        problems = dict(copy.query("SELECT line_number, problem FROM load_issues"))
        assert problems[4] == "has 19 fields, expected 21"
        assert problems[6] == "empty line"
        assert problems[8].startswith("TRANSACTION_DT is not a date (MMDDYYYY): 13452024")
        assert problems[14].startswith("SUB_ID ") and problems[14].endswith(
            " repeats line 3 of the file")
        _assert_same(duck, copy)


def test_loading_a_file_again_on_spark_changes_nothing(spark, fixtures_dir, tmp_path):
    path = fixtures_dir / "bulk" / "indiv" / "itcont_sample_a.txt"
    folder = tmp_path / "store"
    first = spark_load_bulk(spark, folder, path, cycle=2024)
    snapshot = read_manifest(folder)["snapshot"]
    again = spark_load_bulk(spark, folder, path, cycle=2024)
    manifest = read_manifest(folder)
    assert manifest["snapshot"] != snapshot  # a new snapshot with the same rows
    assert again.rows_replaced == first.rows_stored == 5000
    assert manifest["tables"]["bulk_receipts"]["rows"] == 5000
    assert manifest["tables"]["bulk_loads"]["rows"] == 1
    assert not list(folder.glob(".staging-*"))


def test_a_sample_loaded_on_spark_screens_the_same_as_on_duckdb(spark, tmp_path):
    sample = generate(tmp_path / "sample", seed=11, scale=0.5)
    bulk = sorted((tmp_path / "sample" / "bulk").glob("*.txt"))
    filings = str(tmp_path / "sample" / "filings")
    folder = tmp_path / "store"
    runner = CliRunner()
    result = runner.invoke(main, ["load", "--engine", "spark", "--data", str(folder),
                                  "--spark-master", "local[2]", "--cycle", "2024",
                                  *map(str, bulk)])
    assert result.exit_code == 0, result.output
    assert result.output.count("bulk file loaded") == len(bulk) == 4
    with open_store(tmp_path / "duck.duckdb") as duck, \
            open_store(tmp_path / "spark.duckdb") as copy:
        assert load_paths(duck, [*map(str, bulk), filings], cycle=2024).ok
        import_store(copy, folder)
        _assert_same(duck, copy)
        assert load_paths(copy, [filings]).ok
        want = sorted((f.rule, f.committee_id, f.message, str(f.amount))
                      for f in run_check(duck).findings)
        got = sorted((f.rule, f.committee_id, f.message, str(f.amount))
                     for f in run_check(copy).findings)
    assert got == want
    assert {rule for rule, *_ in want} >= {"FN001", "EX001"}
    assert sample is not None


def test_the_spark_engine_names_what_it_cannot_load(tmp_path, fixtures_dir):
    runner = CliRunner()
    result = runner.invoke(main, ["load", "--engine", "spark", "--spark-master", "local[1]",
                                  str(fixtures_dir / "filings" / "fastfec" / "1550126.fec")])
    assert result.exit_code == 2 and "--engine spark writes a store folder" in result.output
    result = runner.invoke(main, ["load", "--engine", "spark", "--data", str(tmp_path / "s"),
                                  "--spark-master", "local[1]",
                                  str(fixtures_dir / "filings" / "fastfec" / "1550126.fec")])
    assert result.exit_code == 2
    assert "the Spark engine loads FEC bulk files; this is not one" in result.output
    assert "Traceback" not in result.output


def test_spark_loads_bulk_files_into_a_folder_exported_from_duckdb(spark, fixtures_dir, tmp_path):
    """Filings through DuckDB, bulk files through Spark, one folder read back into DuckDB."""
    from fecscreen.store.parquet import export_store

    filing = str(fixtures_dir / "filings" / "fastfec" / "1550126.fec")
    itcont = fixtures_dir / "bulk" / "indiv" / "itcont_sample_a.txt"
    folder = tmp_path / "store"
    with open_store(tmp_path / "filings.duckdb") as duck:
        assert load_paths(duck, [filing]).ok
        issues = duck.scalar("SELECT count(*) FROM load_issues")
        receipts = duck.scalar("SELECT count(*) FROM filing_receipts")
        export_store(duck, folder)
    spark_load_bulk(spark, folder, itcont, cycle=2024)
    with open_store(tmp_path / "both.duckdb") as both:
        import_store(both, folder)
        assert both.scalar("SELECT count(*) FROM filing_receipts") == receipts > 0
        assert both.scalar("SELECT count(*) FROM bulk_receipts") == 5000
        assert both.scalar("SELECT count(*) FROM load_issues") == issues
        assert both.scalar("SELECT count(DISTINCT issue_id) FROM load_issues") == issues
