"""`fecscreen demo` and `fecscreen load-to-report`: from sources to the report, end to end."""

import re
import sys

import pytest
from click.testing import CliRunner

from fecscreen.cli import main
from fecscreen.load_to_report import score_table
from fecscreen.store import open_store
from fecscreen.synth import generate

GROUPS = ("cash-anonymous", "earmark", "excessive", "foreign-national", "prohibited-source",
          "reporting", "straw-donor")


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "demo"
    result = CliRunner().invoke(main, ["demo", "--out", str(out), "--scale", "0.5"])
    return out, result


def test_demo_writes_the_report_and_scores_every_group_against_the_labels(demo_run):
    out, result = demo_run
    assert result.exit_code == 0, result.output
    text = result.output
    assert f"Report:   {out / 'report.html'}" in text
    assert f"Database: {out / 'fecscreen.duckdb'}" in text
    table = text[text.index("Findings against the generator's labels:"):]
    for group in GROUPS:
        m = re.search(rf"^  {group} +(\d+) +(\d+) +(\d+) +([0-9.]+|-) +([0-9.]+|-)$", table, re.M)
        assert m, f"no score line for {group}"
        tp, fp, fn = map(int, m.groups()[:3])
        assert tp + fp + fn > 0
    page = (out / "report.html").read_text(encoding="utf-8")
    with open_store(out / "fecscreen.duckdb") as store:
        run_id, n = store.query("SELECT run_id, n_findings FROM check_runs")[0]
        codes = [r[0] for r in store.query("SELECT DISTINCT rule FROM findings")]
    assert f"screening run {run_id}" in page
    assert n > 0 and all(f'<span class="code">{c}</span>' in page for c in codes)
    assert page.count("<svg") == 4  # every chart has data in the demo


def test_demo_steps_are_reported_as_they_happen(demo_run):
    _, result = demo_run
    for step in ("generated a sample", "loaded in", "screened in", "wrote the report in"):
        assert step in result.output
    assert "resolved donors in" in result.output  # the test environment has the resolve extra


def test_load_to_report_screens_the_users_own_files_and_says_when_donors_cannot_be_resolved(
        tmp_path, monkeypatch):
    gen = generate(tmp_path / "data", seed=3, scale=0.3)
    monkeypatch.setitem(sys.modules, "fecscreen.donors", None)  # the import fails
    db, report = tmp_path / "mine.duckdb", tmp_path / "mine.html"
    args = ["load-to-report", *map(str, gen.filings), *map(str, gen.bulk), "--db", str(db), "--out",
            str(report), "--cycle", str(gen.cycle)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "donor resolution skipped: the donors package could not be imported" in result.output
    assert "generator's labels" not in result.output
    m = re.search(r"^([\d,]+) findings; report: (.+)$", result.output, re.MULTILINE)
    assert m and m.group(2) == str(report)
    n = int(m.group(1).replace(",", ""))
    with open_store(db) as store:
        assert store.scalar("SELECT count(*) FROM findings") == n > 0
        assert store.scalar("SELECT count(*) FROM donor_links") == 0
    assert report.read_text(encoding="utf-8").count('<article class="finding') == n


def test_no_resolve_is_said_and_an_empty_store_still_gets_screened_and_reported(tmp_path):
    from fecscreen.load_to_report import Outcome, _Steps, screen_and_report

    said = []
    result = Outcome(db_path=":memory:")
    with open_store(":memory:") as store:
        screen_and_report(store, _Steps(said.append, result.timings), result,
                          report_path=tmp_path / "r.html", committee=None, fmt="html",
                          resolve=False)
    assert said[0] == "donor resolution not requested (--no-resolve)"
    assert said[1].startswith("screened in ") and " 0 findings " in said[1]
    assert (tmp_path / "r.html").exists()


def test_load_to_report_with_a_file_that_is_not_fec_data_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello\n")
    result = CliRunner().invoke(main, ["load-to-report", str(bad), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and str(bad.name) in result.output


def test_score_table_shows_a_dash_where_a_ratio_is_undefined():
    from fecscreen.synth.evaluate import GroupScore

    lines = score_table({"refund-deadline": GroupScore(0, 0, 3, 1.0, 0.0),
                         "excessive": GroupScore(12, 1, 0, 12 / 13, 1.0)})
    assert lines[1].split() == ["excessive", "12", "1", "0", "0.923", "1.000"]
    assert lines[2].split() == ["refund-deadline", "0", "0", "3", "-", "0.000"]


def test_a_fault_inside_donor_resolution_is_said_and_screening_goes_on(tmp_path, monkeypatch):
    import fecscreen.donors
    from fecscreen.load_to_report import Outcome, _Steps, resolve_donors

    def broken(store, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(fecscreen.donors, "resolve", broken)
    said = []
    with open_store(":memory:") as store:
        store.con.execute("INSERT INTO filing_receipts (filing_id, line_number, entity_type, "
                          "contributor_last_name) VALUES ('1', 1, 'IND', 'DOE')")
        summary, note = resolve_donors(store, _Steps(said.append, Outcome(":memory:").timings))
    assert summary is None
    assert said == [note]
    assert note.startswith("donor resolution failed (RuntimeError: boom); screening goes on")
