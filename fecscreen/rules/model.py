"""A rule is a small declared unit: metadata, citations, SQL and test cases."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from fecscreen.errors import ConfigError
from fecscreen.law.citations import Citation
from fecscreen.law.vocabulary import GROUPS, SEVERITIES, SEVERITY_RANK

# Columns every rule's SQL returns, one row per evidence row.
EVIDENCE_COLUMNS = (
    "finding_key",      # rows with the same key form one finding
    "committee_id",     # the recipient the finding is about (null if several)
    "severity",         # info | review | high
    "message",          # facts and the requirement they trigger
    "amount",           # the finding's amount (e.g. the excess)
    "date",             # the finding's date (e.g. the contribution crossing the limit)
    "donor_row",        # ev_key of the evidence row whose donor (as filed) the finding names; or null
    "ev_key",           # evidence row: receipts.receipt_key or 'D:<filing>:<line>'
    "ev_date",          # evidence row date (orders the transactions list)
    "filing_id",
    "transaction_id",
    "sub_id",
    # the evidence row's donor as filed (the finding's donor comes from its donor_row)
    "ev_name", "ev_city", "ev_state", "ev_zip", "ev_employer", "ev_occupation", "ev_donor_id",
)
# A rule's SQL may also return ``detail``: a JSON object of facts the finding rests on
# beyond its message (the foreign-national rules: the indicator and the country or city
# the address names), stored in ``findings.detail`` for the report.


@dataclass
class Rule:
    code: str
    name: str
    group: str
    severity: str
    version: str
    summary: str
    citations: list[Citation]
    rationale: str
    false_positives: str
    cannot_see: str
    sql: str
    requires: tuple[str, ...] = ()
    matches: str = ""  # what exactly the rule matches, in words
    cases: list[dict] = field(default_factory=list)

    @property
    def citation_texts(self) -> list[str]:
        return [c.text for c in self.citations]


_REGISTRY: dict[str, Rule] = {}
CODE_RE = re.compile(r"^[A-Z]{2}\d{3}$")
PREFIX_RE = re.compile(r"^[A-Z]{2}\d{0,2}$")  # a code prefix: FN, FN0


def register(rule: Rule) -> Rule:
    """Add ``rule`` to the registry (through :func:`family`, when its module is imported)."""
    if not CODE_RE.match(rule.code):
        raise ConfigError(f"rule code {rule.code!r} must look like FN001", where=rule.name)
    if rule.group not in GROUPS:
        raise ConfigError(f"unknown group {rule.group!r}", where=rule.code, hint=", ".join(GROUPS))
    if not rule.name.startswith(rule.group + "."):
        raise ConfigError("a rule's name starts with its group", where=rule.code)
    if rule.severity not in SEVERITIES:
        raise ConfigError(f"unknown severity {rule.severity!r}", where=rule.code)
    if rule.code in _REGISTRY and _REGISTRY[rule.code] is not rule:
        raise ConfigError("two rules share one code", where=rule.code)
    rule.cases = load_cases(rule.code)
    _REGISTRY[rule.code] = rule
    return rule


def family(group: str, **shared) -> Callable[..., Rule]:
    """The one way to declare rules: ``rule = family(GROUP, ...)``, then ``rule(code=..., ...)``.

    Each rule module sets ``GROUP`` (a name in ``law/data/groups.yaml``) and calls
    ``family(GROUP)`` once, with the fields its rules share by construction (the law
    they rest on, the relations they read: ``requires=("questioned",)``); each
    ``rule(...)`` call declares and registers one rule. Severity and version stay each
    rule's own. A rule may not give a shared field again.
    """
    def declare(**fields) -> Rule:
        return register(Rule(group=group, **shared, **fields))

    return declare


def fill(template: str, **slots: str) -> str:
    """``template`` with each ``{{ name }}`` slot replaced by the SQL given for it, in order.

    For rules built on one SQL shape: the slots are filled when the rule is declared;
    the engine renders the rest (``{{ d.… }}``, ``{{ p.… }}``) with Jinja at run time.
    """
    for name, sql in slots.items():
        slot = "{{ " + name + " }}"
        if slot not in template:
            raise ConfigError(f"the rule's SQL template has no slot {slot}", where=name)
        template = template.replace(slot, sql)
    return template


def load_cases(code: str) -> list[dict]:
    path = resources.files("fecscreen.rules") / "cases" / f"{code}.yaml"
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"cannot read rule cases ({exc})", where=f"rules/cases/{code}.yaml") from exc
    return list(data.get("cases") or [])


@lru_cache(maxsize=1)
def _load_all() -> None:
    """Import every module of the rules package: the rule modules register their rules."""
    package = importlib.import_module("fecscreen.rules")
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("_") and not info.ispkg:
            importlib.import_module(f"fecscreen.rules.{info.name}")


def registry() -> list[Rule]:
    """Every registered rule, ordered by group then code."""
    _load_all()
    return sorted(_REGISTRY.values(), key=lambda r: (GROUPS.index(r.group), r.code))


def get_rule(code_or_name: str) -> Rule:
    """One rule by code (FN001) or dotted name."""
    key = code_or_name.strip()
    for rule in registry():
        if key.upper() == rule.code or key.lower() == rule.name:
            return rule
    raise ConfigError(
        f"no rule {code_or_name!r}",
        where="rule",
        hint="run `fecscreen rules` to list the codes and names",
    )


def select_rules(select=None, ignore=None) -> list[Rule]:
    """The rules chosen by ``select``/``ignore`` (codes, names or groups; comma lists allowed).

    A selector matches a rule by code (``FN001``), code prefix (``FN``, ``SD00``),
    dotted name or group — the same in the CLI and API.
    """
    rules = registry()

    def expand(values, option):
        out = split_selectors(values)
        for s in out:
            if not any(_matches(r, s) for r in rules):
                raise ConfigError(
                    f"{s!r} is not a rule code, name or group",
                    where=option,
                    hint="groups: " + ", ".join(GROUPS) + "; run `fecscreen rules` for codes",
                )
        return out

    chosen = expand(select, "--select")
    dropped = expand(ignore, "--ignore")
    if chosen:
        rules = [r for r in rules if any(_matches(r, s) for s in chosen)]
    return [r for r in rules if not any(_matches(r, s) for s in dropped)]


def split_selectors(values) -> list[str]:
    """Selectors from a comma list or a list of them (each item may hold commas)."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [s.strip() for v in values for s in str(v).split(",") if s.strip()]


def _matches(rule: Rule, selector: str) -> bool:
    s = selector.strip()
    return (
        s.upper() == rule.code
        or s.lower() in (rule.name, rule.group)
        or rule.name.startswith(s.lower() + ".")
        or (PREFIX_RE.match(s.upper()) is not None and rule.code.startswith(s.upper()))
    )


__all__ = [
    "Rule", "Citation", "family", "fill", "registry", "get_rule", "select_rules",
    "GROUPS", "SEVERITIES", "SEVERITY_RANK", "EVIDENCE_COLUMNS",
]
