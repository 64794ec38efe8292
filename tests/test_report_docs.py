"""docs/report.md documents every option of `report`, `demo` and `load-to-report`."""

from pathlib import Path

import pytest

from fecscreen.cli.report import demo, load_to_report, report

DOC = Path(__file__).resolve().parents[1] / "docs" / "report.md"


@pytest.mark.parametrize("command", [report, demo, load_to_report], ids=lambda c: c.name)
def test_every_option_is_documented(command):
    text = DOC.read_text(encoding="utf-8")
    assert f"fecscreen {command.name}" in text
    options = [opt for p in command.params for opt in p.opts if opt.startswith("--")]
    assert options
    missing = [o for o in options if o not in text]
    assert missing == []


def test_the_screenshots_the_doc_shows_exist_and_are_small():
    text = DOC.read_text(encoding="utf-8")
    shots = [line.split("(", 1)[1].rstrip(")") for line in text.splitlines()
             if line.startswith("![")]
    assert len(shots) == 3
    for shot in shots:
        path = DOC.parent / shot
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size < 300_000
