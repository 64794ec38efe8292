"""Screening rules: a registry of declared rules, the relations they read, and the runner.

Public API::

    from fecscreen.rules import registry, get_rule, select_rules, run_check
    result = run_check(store, select=["foreign-national"], committee="C00401224")
    for finding in result.findings: ...
"""

from __future__ import annotations

from fecscreen.law.params import load_params
from fecscreen.rules.docs import explain as explain_rule
from fecscreen.rules.docs import render_rules_md
from fecscreen.rules.model import (
    GROUPS,
    SEVERITIES,
    Citation,
    Rule,
    get_rule,
    registry,
    select_rules,
)
from fecscreen.rules.prepare import MASTER_COLUMNS, committee_master
from fecscreen.rules.prepare import build as build_relations
from fecscreen.rules.prepare import drop as drop_relations
from fecscreen.rules.runner import CheckResult, evaluate, rule_sql, run_check

__all__ = [
    "GROUPS", "SEVERITIES", "Citation", "Rule", "registry", "get_rule", "select_rules",
    "run_check", "CheckResult", "rule_sql", "load_params", "evaluate", "build_relations",
    "drop_relations", "committee_master", "MASTER_COLUMNS", "explain_rule", "render_rules_md",
]
