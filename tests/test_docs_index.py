"""Every page in docs/ is reachable from the README, and every link there exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_links_every_doc_page_and_no_missing_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\((docs/[\w-]+\.md)\)", readme))
    present = {f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md")}
    assert linked - present == set(), "README links pages that do not exist"
    assert present - linked == set(), "docs pages missing from the README's table"
