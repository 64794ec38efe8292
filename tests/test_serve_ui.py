"""The review pages in headless Chromium (Playwright): log in, list, filter, open, change status, history."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect, sync_playwright
from serve_live import LiveServer
from serve_support import fresh_copy

from fecscreen.report.browser import FLAGS, find_chromium

SHOTS = os.environ.get("FECSCREEN_SCREENSHOTS")  # a folder: also save the pages as PNG (docs/img)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    db, tokens = fresh_copy(tmp_path_factory.getbasetemp(), tmp_path_factory.mktemp("ui") / "ui.duckdb")
    server = LiveServer(db).start()
    yield server, tokens
    server.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=find_chromium(), args=list(FLAGS))
        yield b
        b.close()


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), full_page=False)


def test_review_a_finding_in_the_browser(live, browser):
    server, tokens = live
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server.url + "/ui/")
    expect(page).to_have_url(server.url + "/ui/login")
    page.fill("#token", "fsk_wrong")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("unknown or revoked")
    page.fill("#token", tokens["reviewer"])
    _shot(page, "serve-login.png")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Findings")).to_be_visible()
    rows = page.locator("tbody tr")
    assert rows.count() > 10
    _shot(page, "serve-findings.png")

    page.select_option("select[name=group]", "foreign-national")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"group=foreign-national"))
    firsts = page.locator("tbody tr td:first-child").all_inner_texts()
    assert firsts and all(t.startswith("FN") for t in firsts)

    page.locator("tbody tr a").first.focus()
    page.keyboard.press("Enter")  # opened with the keyboard
    expect(page.locator("#status")).to_have_text("open")
    expect(page.locator("body")).to_contain_text("11 CFR 110.20(a)(5)")
    assert page.locator("h2:has-text('Evidence rows') + table tbody tr").count() >= 1

    page.select_option("#new-status", "inquiry-sent")
    page.get_by_role("button", name="Save status").click()  # no reason: refused
    expect(page.get_by_role("alert")).to_contain_text("needs a reason")
    expect(page.locator("#status")).to_have_text("open")

    page.select_option("#new-status", "inquiry-sent")
    page.fill("#reason", "letter asking for proof of citizenship sent")
    page.fill("#evidence", "letter 2024-031")
    page.get_by_role("button", name="Save status").click()
    expect(page.locator("#status")).to_have_text("inquiry-sent")
    history = page.locator("#history tbody tr")
    expect(history).to_have_count(1)
    expect(history.first).to_contain_text("reviewer-1")
    expect(history.first).to_contain_text("letter asking for proof of citizenship sent")
    _shot(page, "serve-finding.png")

    page.goto(server.url + "/ui/?status=inquiry-sent")
    assert page.locator("tbody tr td.status").all_inner_texts() == ["inquiry-sent"]
    page.close()


def test_a_read_token_sees_no_status_form(live, browser):
    server, tokens = live
    page = browser.new_page()
    page.goto(server.url + "/ui/login")
    page.fill("#token", tokens["read"])
    page.keyboard.press("Enter")
    page.locator("tbody tr a").first.click()
    expect(page.locator("body")).to_contain_text("a reviewer token changes their status")
    assert page.locator("#new-status").count() == 0
    page.close()
