"""The command reference is generated from the commands and must stay in step."""

from pathlib import Path

from fecscreen.cli import COMMANDS
from fecscreen.cli.reference import render

ROOT = Path(__file__).resolve().parents[1]


def test_docs_cli_matches_the_commands():
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert page == render(), "docs/cli.md is out of date: python -m fecscreen.cli.reference > docs/cli.md"


def test_every_command_is_in_the_reference_with_an_example():
    sections = {s.split("`")[1]: s for s in render().split("\n## ")[1:]}
    for name in COMMANDS:
        section = sections[f"fecscreen {name}"]
        assert "Example" in section or any(
            k.startswith(f"fecscreen {name} ") and "Example" in v for k, v in sections.items()
        ), f"'fecscreen {name} --help' shows no example"
