"""Rule groups and severities are defined once (law/vocabulary.py, law/data/groups.yaml)."""

import ast
import pkgutil
from pathlib import Path

import pytest

import fecscreen.rules
from fecscreen import synth
from fecscreen.errors import ConfigError
from fecscreen.law.vocabulary import GROUP_INFO, GROUPS, SEVERITY_RANK
from fecscreen.report.charts import GROUP_COLORS
from fecscreen.report.data import SEVERITIES
from fecscreen.report.html import GROUP_BLURBS
from fecscreen.rules import model as rules_model
from fecscreen.rules import registry

RULES_DIR = Path(fecscreen.rules.__file__).parent


def test_groups_are_one_list():
    assert synth.GROUPS is GROUPS and rules_model.GROUPS is GROUPS
    assert GROUPS[0] == "foreign-national" and len(GROUPS) == len(set(GROUPS)) == 8


def test_every_group_has_a_paragraph_a_colour_and_rules():
    assert GROUP_BLURBS["cash-anonymous"][1] == ["52 U.S.C. 30123", "11 CFR 110.4(c)"]
    assert GROUP_COLORS["foreign-national"] == "#c2410c"
    assert all(g.text and g.colour.startswith("#") for g in GROUP_INFO.values())
    assert {r.group for r in registry()} == set(GROUPS)


def _module_shape(path: Path) -> tuple[str | None, list[ast.Call]]:
    """A module's top-level ``GROUP = "..."`` and its calls of ``family``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    group = None
    for node in tree.body:
        if (isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["GROUP"]
                and isinstance(node.value, ast.Constant)):
            group = node.value.value
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "family"]
    return group, calls


def test_each_rule_module_names_its_group_and_declares_rules_one_way():
    modules = [m.name for m in pkgutil.iter_modules([str(RULES_DIR)])]
    rule_modules = []
    for name in modules:
        if name == "model":  # where family is defined
            continue
        source = (RULES_DIR / f"{name}.py").read_text(encoding="utf-8")
        assert "register(Rule(" not in source, f"rules/{name}.py: declare rules with family(GROUP)"
        group, calls = _module_shape(RULES_DIR / f"{name}.py")
        if calls or group:
            assert group in GROUPS, f"rules/{name}.py: GROUP {group!r} is not in law/data/groups.yaml"
            assert len(calls) == 1, f"rules/{name}.py: call family(GROUP) once"
            first = calls[0].args[0] if calls[0].args else None
            assert isinstance(first, ast.Name) and first.id == "GROUP", (
                f"rules/{name}.py: family's first argument is the module's GROUP")
            rule_modules.append(name)
    assert {"foreign_national", "excessive", "reporting", "notices"} <= set(rule_modules)


def test_a_group_outside_the_vocabulary_is_refused():
    with pytest.raises(ConfigError, match="unknown group 'no-such-group'"):
        rules_model.family("no-such-group")(code="ZZ001", name="no-such-group.x", severity="info",
                                            version="1", summary="", citations=[], rationale="",
                                            false_positives="", cannot_see="", sql="SELECT 1")


def test_severity_order_most_severe_first():
    assert SEVERITY_RANK == {"high": 0, "review": 1, "info": 2}
    assert SEVERITIES == ("high", "review", "info")
