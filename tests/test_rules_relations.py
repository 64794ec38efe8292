"""The shared relations are SQL files (rules/relations/*.sql) with a `-- needs:` header."""

import re

import pytest

from fecscreen.errors import ConfigError
from fecscreen.rules import prepare, registry


def test_each_file_creates_its_table_and_needs_known_relations():
    assert {"receipts", "questioned", "excess", "party_gifts"} <= set(prepare.SHARED)
    for name, (template, needs) in prepare.SHARED.items():
        assert re.search(rf"CREATE OR REPLACE TEMP TABLE screen_{name} AS", template), name
        assert not template.startswith("--"), f"{name}: the header is not part of the SQL"
        assert set(needs) <= set(prepare.SHARED)
    assert prepare.SHARED["receipts"][1] == ("recipients", "donors")
    assert prepare.SHARED["limits"][1] == ()


def test_every_relation_a_rule_requires_exists():
    required = {name for rule in registry() for name in rule.requires}
    assert required and required <= set(prepare.SHARED)


def _relations_from(tmp_path, monkeypatch, text: str) -> None:
    """Make the loader read one file, ``odd.sql``, holding ``text``."""
    folder = tmp_path / "relations"
    folder.mkdir()
    (folder / "odd.sql").write_text(text)

    class Files:
        def __truediv__(self, name):
            return folder

    monkeypatch.setattr(prepare.resources, "files", lambda package: Files())


def test_a_file_without_its_needs_line_is_refused(tmp_path, monkeypatch):
    _relations_from(tmp_path, monkeypatch, "-- what it holds\nCREATE OR REPLACE TEMP TABLE screen_odd AS SELECT 1\n")
    with pytest.raises(ConfigError) as err:
        prepare._read_relations()
    assert "rules/relations/odd.sql:1" in err.value.render() and "-- needs:" in err.value.render()


def test_a_need_that_is_no_relation_is_refused(tmp_path, monkeypatch):
    _relations_from(tmp_path, monkeypatch, "-- needs: receipts\nCREATE OR REPLACE TEMP TABLE screen_odd AS SELECT 1\n")
    with pytest.raises(ConfigError, match="needs unknown relation"):
        prepare._read_relations()
