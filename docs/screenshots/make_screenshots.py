"""Remake the report screenshots in this folder from a fresh `fecscreen demo`.

    python docs/screenshots/make_screenshots.py

Needs headless Chromium. Writes report-laptop.png (top of the page, 1280 px
wide), report-findings.png (the findings section) and report-phone.png (390 px).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fecscreen.load_to_report import demo
from fecscreen.report.browser import screenshot

HERE = Path(__file__).resolve().parent
# Shows the findings section alone, for the second screenshot.
FINDINGS_ONLY = ("<style>.notice, nav.toc, #summary, #charts { display: none; }"
                 " #findings h2 { margin-top: 12px; }</style></head>")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="fecscreen-shots-") as tmp:
        result = demo(Path(tmp) / "demo", echo=None)
        page = Path(result.report_path)
        screenshot(page, HERE / "report-laptop.png", width=1280, height=2000)
        screenshot(page, HERE / "report-phone.png", width=390, height=1700)
        findings = Path(tmp) / "findings.html"
        findings.write_text(page.read_text(encoding="utf-8").replace("</head>", FINDINGS_ONLY, 1),
                            encoding="utf-8")
        screenshot(findings, HERE / "report-findings.png", width=1280, height=1300)
    for png in sorted(HERE.glob("*.png")):
        print(f"{png.name}: {png.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
