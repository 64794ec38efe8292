"""`fecscreen load`: exact output and exit codes."""

from __future__ import annotations

from click.testing import CliRunner

from fecscreen.cli import main
from fecscreen.store import open_store


def _run(*args):
    return CliRunner().invoke(main, ["load", *map(str, args)])


def test_load_prints_one_line_per_file_and_a_total(tmp_path, fixtures_dir):
    db = tmp_path / "db.duckdb"
    a = fixtures_dir / "filings" / "fastfec" / "1550126.fec"
    b = fixtures_dir / "filings" / "fech" / "97405.fec"
    result = _run("--db", db, a, b)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{a}: filing 1550126 loaded (F3A, version 8.3): 5 receipts, 14 disbursements, "
        "5 other lines\n"
        f"{b}: filing 97405 loaded (F3PN, version 5.00): 8 receipts, 1 other lines; "
        "1 problems noted in load_issues\n"
        "2 files: 2 loaded; 33 rows written\n"
    )
    again = _run("--db", db, a)
    assert again.exit_code == 0
    assert again.stdout == f"{a}: filing 1550126 unchanged (already loaded)\n"
    with open_store(db) as store:
        assert store.scalar("SELECT count(*) FROM filings") == 2


def test_quiet_prints_nothing(tmp_path, fixtures_dir):
    result = _run("--db", tmp_path / "db.duckdb", "--quiet",
                  fixtures_dir / "filings" / "fastfec" / "1550126.fec")
    assert (result.exit_code, result.output) == (0, "")


def test_bad_file_is_an_error_with_exit_2_and_the_rest_still_loads(tmp_path, fixtures_dir):
    bad = fixtures_dir / "filings" / "fastfec" / "filing_invalid_version.fec"
    good = fixtures_dir / "filings" / "fastfec" / "1550126.fec"
    result = _run("--db", tmp_path / "db.duckdb", bad, good, tmp_path / "missing.fec")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {bad}:1: FEC format version '180.5' is unknown, so its columns cannot be read; "
        "nothing was loaded from this file\n"
        "  hint: fecscreen reads FEC format versions 1.x-3.x, 5.x, 6.1-6.4, 7.0, 8.0-8.5 and "
        "paper P1-P3.4; check that this is an FEC filing, or add the version's layouts to "
        "fecscreen/ingest/layouts.json (docs/ingest.md)\n"
        f"Error: {tmp_path / 'missing.fec'}: no such file or folder\n"
        "  hint: pass .fec files (or .fec.gz), folders or .zip files of them, filing ids (1550126 or "
        "FEC-1550126) or URLs\n"
    )
    assert result.stdout.splitlines()[-1] == "3 files: 1 loaded, 2 failed; 24 rows written"


def test_load_needs_a_source(tmp_path):
    result = _run("--db", tmp_path / "db.duckdb")
    assert result.exit_code == 2 and "Missing argument 'SOURCES...'" in result.output


def test_a_long_load_off_a_terminal_shows_progress_on_stderr(tmp_path, fixtures_dir, monkeypatch):
    import fecscreen.cli.load as load_cli

    folder = fixtures_dir / "filings" / "fastfec"
    quick = _run("--db", tmp_path / "quick.duckdb", folder / "1550126.fec")
    assert quick.stderr == ""   # a short load: nothing
    monkeypatch.setattr(load_cli._Ticker, "EVERY", 0.0)   # every event counts as long
    result = _run("--db", tmp_path / "db.duckdb", folder / "1550126.fec", folder / "1550548.fec")
    lines = result.stderr.splitlines()
    assert lines and all(ln.startswith("loading: ") and "MB/s" in ln for ln in lines)
    assert lines[-1].startswith("loading: 2 files done, ")
    assert result.stdout.splitlines()[-1].startswith("2 files: 2 loaded")
