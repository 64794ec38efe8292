"""The HTML report: self-contained, with charts, findings, evidence and citations."""

import re
from html.parser import HTMLParser

import pytest

from fecscreen.errors import ConfigError
from fecscreen.report import write_report
from fecscreen.report.chart_rows import foreign_label
from fecscreen.report.data import collect
from fecscreen.store import open_store

try:
    from tests.test_report_sample import FINDINGS, RUN, build
    from tests.test_rules_cases import insert_rows
except ImportError:  # tests/ is not a package
    from test_report_sample import FINDINGS, RUN, build
    from test_rules_cases import insert_rows


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "sample.duckdb"
    build(path)
    return path


@pytest.fixture(scope="module")
def page(sample_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "report.html"
    with open_store(sample_db) as store:
        assert write_report(store, out) == out
    return out.read_text(encoding="utf-8")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.srcs, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "href" in a:
            self.hrefs.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])


def _figure(page, chart_id):
    m = re.search(rf'<figure id="chart-{chart_id}".*?</figure>', page, re.S)
    assert m, f"no figure {chart_id}"
    return m.group(0)


def test_the_page_is_self_contained_and_responsive(page):
    p = Links()
    p.feed(page)
    assert p.srcs == []  # no images, scripts or frames fetched from anywhere
    assert "script" not in p.tags and "link" not in p.tags
    assert all(h.startswith(("#", "https://www.ecfr.gov/", "https://uscode.house.gov/",
                             "https://www.fec.gov/")) for h in p.hrefs)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media (max-width: 640px)" in page and "<style>" in page


def test_every_chart_is_an_inline_svg_with_its_data(page):
    over_time = _figure(page, "receipts-over-time")
    assert over_time.count("<svg") == 1
    # 22 weeks of receipts as bars, and one circle per flagged receipt with a positive amount
    assert over_time.count('role-mark') >= 2
    assert len(re.findall(r'aria-label="[^"]*week of[^"]*"', over_time)) >= 20
    assert len(re.findall(r'aria-label="[^"]*; amount: \$[0-9,.]+; group: [a-z-]+; rule: [A-Z]+[0-9]+"',
                          over_time)) == 11

    foreign = _figure(page, "foreign-by-country")
    assert "Germany" in foreign and "Tokyo (city)" in foreign

    limits = _figure(page, "donors-against-limit")
    assert "BIGGS, ROBERT · P2024" in limits
    assert "limit $3,300 (2024)" in limits  # the dated limit from the rules' parameters

    straw = _figure(page, "straw-donor-clusters")
    assert "#1 SD001 C00000002 · WIDGETS LLC" in straw
    assert len(re.findall(r'aria-label="[^"]*; cluster: #1 SD001[^"]*; donor: STRAW', straw)) == 5


def test_findings_show_rule_codes_messages_citation_links_and_evidence_rows(page):
    for f in FINDINGS:
        assert f'id="f-{f[1]}"' in page
        assert f'<span class="code">{f[2]}</span>' in page
    assert ('<a href="https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title52-section30121"'
            ' rel="noopener">52 U.S.C. 30121(a)(2)</a>') in page
    assert '<a href="https://www.ecfr.gov/current/title-11/section-110.20#p-110.20(g)"' in page
    # the evidence row of the Berlin receipt, as filed
    assert "MUELLER, HANS" in page and "12 HAUPTSTRASSE, BERLIN GERMANY, ZZ, 10115" in page
    assert "filing 1001 · SA50" in page
    assert page.count("bulk sub_id 400000000") == 5
    # group sections appear in the fixed group order with their counts
    order = [page.index(f'id="group-{g}"') for g in
             ("foreign-national", "excessive", "prohibited-source", "straw-donor", "reporting")]
    assert order == sorted(order)


def test_summary_figures_leave_out_superseded_filings_and_earmark_duplicates(sample_db):
    with open_store(sample_db) as store:
        d = collect(store)
    s = d.summary
    assert s["receipts"] == 43  # 36 lines of the current filing, 5 + 2 bulk rows
    expected = sum(100 + 25 * i for i in range(30)) + 1500 + 800 + 3300 + 500 + 2500 + 450 + 5 * 3300 + 250
    assert s["total"] == expected
    assert s["findings"] == 6 and s["by_severity"] == {"high": 3, "review": 2, "info": 1}
    assert s["flagged_receipts"] == 11
    assert d.run["run_id"] == RUN
    assert [g.group for g in d.groups] == ["foreign-national", "excessive", "prohibited-source",
                                           "straw-donor", "reporting"]
    assert d.sources["load_issues"] == 1
    assert d.committee_names == {"C00000001": "FRIENDS OF SAMPLE"}


def test_a_committee_report_holds_only_that_committee(sample_db, tmp_path):
    out = tmp_path / "c2.html"
    with open_store(sample_db) as store:
        write_report(store, out, committee="C00000002")
        d = collect(store, committee="C00000002")
    page = out.read_text(encoding="utf-8")
    assert 'id="f-SD001' in page and 'id="f-FN001' not in page
    assert d.summary["receipts"] == 6 and d.summary["findings"] == 1


def test_an_unknown_committee_or_run_is_a_clear_error(sample_db, tmp_path):
    with open_store(sample_db) as store:
        with pytest.raises(ConfigError, match="no receipts or findings for committee 'C09'"):
            write_report(store, tmp_path / "x.html", committee="C09")
        with pytest.raises(ConfigError, match="no screening run 'nope'"):
            write_report(store, tmp_path / "x.html", run_id="nope")
        with pytest.raises(ConfigError, match="unknown report format 'docx'"):
            write_report(store, tmp_path / "x.docx", fmt="docx")


def test_a_database_without_a_screening_run_still_gets_a_report(tmp_path):
    with open_store(tmp_path / "empty.duckdb") as store:
        write_report(store, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "No screening run is stored in this database" in page
    assert "No dated receipts are loaded." in page


def test_foreign_receipts_are_labelled_by_the_country_the_rules_found(tmp_path):
    from fecscreen.rules import run_check

    rows = {
        "bulk_receipts": [
            {"sub_id": 1, "city": "BERLIN GERMANY", "state": "ZZ", "transaction_amt": 101},
            {"sub_id": 2, "city": "BERLIN", "state": "ZZ", "transaction_amt": 102},
            {"sub_id": 3, "city": "TOKYO CITY", "state": "ZZ", "transaction_amt": 103},
            {"sub_id": 4, "city": "TORONTO", "state": "", "zip_code": "M5V 2T6", "transaction_amt": 104},
            {"sub_id": 5, "city": "SPRINGFIELD", "state": "", "zip_code": "M5V 2T6", "transaction_amt": 105},
            {"sub_id": 6, "city": "SAN JOSE COSTA RICA", "state": "ZZ", "transaction_amt": 106},
            {"sub_id": 7, "city": "LEBANON", "state": "PA", "transaction_amt": 107},  # a US town
        ],
        "filings": [{"filing_id": "901", "committee_id": "C00000009", "form_type": "F3N"}],
        "filing_receipts": [
            {"filing_id": "901", "line_number": 3, "contributor_last_name": "SMITH",
             "contributor_first_name": "ANN", "contributor_street_1": "10 HIGH ST, UNITED KINGDOM",
             "contributor_city": "LONDON", "contributor_state": "", "contributor_zip_code": "",
             "contribution_date": "2024-02-01", "contribution_amount": 108},
        ],
    }
    with open_store(tmp_path / "f.duckdb") as store:
        insert_rows(store, rows)
        run_check(store, select="foreign-national")
        found = {t["indicator"]: (t["receipts"], t["amount"]) for t in collect(store).foreign}
    assert found == {
        "Germany": (1, 101.0), "Berlin (city)": (1, 102.0), "State ZZ, no country named": (1, 103.0),
        "Toronto (city)": (1, 104.0), "No state, foreign postal code": (1, 105.0),
        "Costa Rica": (1, 106.0), "United Kingdom": (1, 108.0),
    }


@pytest.mark.parametrize("state, detail, label", [
    ("ZZ", {"indicator": "place", "country": "NEW ZEALAND", "city": "AUCKLAND"}, "New Zealand"),
    ("", {"indicator": "postal", "country": None, "city": "TORONTO"}, "Toronto (city)"),
    (" zz ", {"indicator": "zz"}, "State ZZ, no country named"),
    (None, {}, "No state, foreign postal code"),
    ("ON", {"indicator": "postal"}, "Other address indicator"),
])
def test_the_label_reads_the_finding_detail(state, detail, label):
    assert foreign_label(state, detail) == label


def test_names_from_the_data_cannot_inject_markup(tmp_path):
    build(tmp_path / "h.duckdb")
    hostile = "<script>alert(1)</script> & CO"
    with open_store(tmp_path / "h.duckdb") as store:
        store.con.execute("UPDATE filing_receipts SET contributor_last_name = ?, "
                          "contributor_employer = ? WHERE line_number IN (52, 53)", [hostile, hostile])
        store.con.execute("UPDATE findings SET message = message || ?, donor = ? WHERE rule = 'EX001'",
                          [hostile, '{"name": "' + hostile + '"}'])
        write_report(store, tmp_path / "h.html")
    page = (tmp_path / "h.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; CO" in page  # in evidence and message
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; CO, ROBERT" in _figure(page, "donors-against-limit")


def test_the_limits_chart_names_a_donor_by_their_most_used_name_and_keeps_undesignated_gifts_apart(
        tmp_path):
    rows = {
        "bulk_receipts": [
            # one resolved donor, three spellings: the name on most receipts wins, then A-Z
            {"sub_id": 1, "name": "SMITH, ROBERT J", "transaction_amt": 100},
            {"sub_id": 2, "name": "SMITH, ROBERT J", "transaction_amt": 100},
            {"sub_id": 3, "name": "SMITH, BOB", "transaction_amt": 100},
            {"sub_id": 4, "name": "SMITH, ROB", "transaction_amt": 100},
            {"sub_id": 5, "name": "SMITH, ROB", "transaction_amt": 100},
            # no designation: the next even year from the date, said to be undesignated
            {"sub_id": 6, "name": "SMITH, BOB", "transaction_pgi": "", "transaction_dt": "2023-11-02",
             "transaction_amt": 700},
            {"sub_id": 7, "name": "SMITH, ROBERT J", "transaction_pgi": "G2024", "transaction_amt": 50},
        ],
        "donor_links": [{"receipt_key": f"B:{i}", "donor_id": "D1"} for i in range(1, 8)],
    }
    with open_store(tmp_path / "l.duckdb") as store:
        insert_rows(store, rows)
        report = collect(store)
    limits = {(r["election"], r["name"], r["total"], r["receipts"]) for r in report.donor_limits}
    assert limits == {("P2024", "SMITH, ROB", 500.0, 5), ("2024 undesignated", "SMITH, BOB", 700.0, 1),
                      ("G2024", "SMITH, ROBERT J", 50.0, 1)}
    assert report.limit == {"amount": 3300.0, "reference": report.limit["reference"], "year": 2024}
