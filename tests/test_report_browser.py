"""The report in a real browser: headless Chromium screenshots (laptop and phone) and PDF."""

import re

import pytest

from fecscreen.errors import ConfigError
from fecscreen.report import write_report
from fecscreen.report.browser import ENV_CHROMIUM, dump_dom, find_chromium, screenshot
from fecscreen.store import open_store

try:
    from tests.test_report_sample import build, colours, decode_png, require_chromium
except ImportError:  # tests/ is not a package
    from test_report_sample import build, colours, decode_png, require_chromium


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("browser")
    build(folder / "s.duckdb")
    with open_store(folder / "s.duckdb") as store:
        write_report(store, folder / "report.html")
    return folder / "report.html"


def _white_share(rows, bpp):
    white = total = 0
    for row in rows[::4]:
        for i in range(0, len(row), bpp * 4):
            total += 1
            white += row[i:i + 3] == b"\xff\xff\xff"
    return white / total


@pytest.mark.parametrize("width, height", [(1280, 1400), (390, 1400)])
def test_the_report_renders_in_chromium_with_visible_content(report, tmp_path, width, height):
    png = screenshot(report, tmp_path / "shot.png", width=width, height=height)
    w, h, bpp, rows = decode_png(png)
    assert (w, h) == (width, height)
    # a blank or error page has a handful of colours; the report's header, cards and
    # charts give hundreds (anti-aliased text and chart marks)
    assert len(colours(rows, bpp)) > 200
    # the blue header band fills the top of the page
    top = rows[10]
    assert top[3 * (width // 2):3 * (width // 2) + 3] == bytes.fromhex("1e3a8a")
    assert _white_share(rows, bpp) < 0.9


def test_chromium_parses_the_charts_and_findings(report):
    dom = dump_dom(report)
    # every chart is an inline SVG element the browser built, with marks in it
    for chart in ("receipts-over-time", "foreign-by-country", "donors-against-limit",
                  "straw-donor-clusters"):
        m = re.search(rf'<figure id="chart-{chart}".*?</figure>', dom, re.DOTALL)
        assert m and "<svg" in m.group(0) and "role-mark" in m.group(0), chart
    assert dom.count('<article class="finding') == 6
    assert dom.count('<table class="evidence">') == 6
    assert 'href="https://www.ecfr.gov/current/title-11/section-110.20#p-110.20(g)"' in dom


def test_pdf_output_is_a_pdf_with_several_pages(report, tmp_path):
    with open_store(report.parent / "s.duckdb") as store:
        out = write_report(store, tmp_path / "report.pdf", fmt="pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", data)
    assert len(pages) >= 3  # summary and charts, findings, methods


def test_without_chromium_pdf_output_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(ENV_CHROMIUM, raising=False)
    with pytest.raises(ConfigError, match="PDF output needs headless Chromium") as err:
        find_chromium()
    assert "apt-get install chromium" in err.value.render()
    with open_store(tmp_path / "e.duckdb") as store:
        with pytest.raises(ConfigError, match="PDF output needs headless Chromium"):
            write_report(store, tmp_path / "r.pdf", fmt="pdf")
    assert not (tmp_path / "r.pdf").exists()


def test_a_wrong_chromium_setting_is_named(monkeypatch):
    monkeypatch.setenv(ENV_CHROMIUM, "/nonexistent/chromium")
    with pytest.raises(ConfigError, match=r"\$FECSCREEN_CHROMIUM names '/nonexistent/chromium'"):
        find_chromium()
