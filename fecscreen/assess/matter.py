"""The matter file: what is alleged, by whom, with what evidence.

A matter file is YAML or JSON with ``version: 1``. Who acted and who was helped
must be named; every other fact may be ``unknown`` (or simply left out). This
module holds the matter's shape; :mod:`fecscreen.assess.matter_file` reads and
checks a file into it.

Facts that can be unknown live in one flat table, ``Matter.facts``, keyed by a
tuple (``("activity", "travel", "paid_by")``); everything else is structure. The
reasoning flips these facts one at a time to find the decisive unknowns,
and the interview sets them and writes the matter back out.
"""

from __future__ import annotations

import copy
import functools
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from fecscreen.assess.logic import F, T, U

VERSION = 1

PARTY_KINDS = {
    "individual": "an individual",
    "group": "a group of individuals described together",
    "company": "a corporation, LLC or other business",
    "organisation": "a non-business organisation",
    "committee": "a US political committee (campaign, party committee, PAC)",
    "candidate": "a US candidate",
    "foreign-government": "a foreign government or its agency",
    "foreign-party": "a foreign political party",
}
PARTY_KIND_ALIASES = {"organization": "organisation", "person": "individual",
                      "corporation": "company"}
ROLES = ("respondent", "complainant", "recipient", "source", "witness", "other")

ACTIVITY_KINDS = {
    "services": "an individual's services to a campaign (volunteering, a performance)",
    "wages": "wages or stipends paid to someone for time spent on a campaign",
    "travel": "transportation (flights, trains, cars) to do campaign work",
    "lodging": "housing or hotels while doing campaign work",
    "per-diem": "meals and daily allowances while doing campaign work",
    "goods": "goods or materials given to a campaign",
    "money": "money given to a committee",
    "solicitation": "asking someone for a contribution",
    "decision-making": "taking part in an organisation's decisions about election activity",
}
ACTIVITY_KIND_ALIASES = {
    "volunteer": "services", "volunteering": "services", "volunteer-services": "services",
    "stipends": "wages", "stipend": "wages", "housing": "lodging", "per_diem": "per-diem",
    "subsistence": "per-diem", "contribution": "money", "decisions": "decision-making",
}
PAID_KINDS = ("services", "wages", "travel", "lodging", "per-diem")
SUBSISTENCE_KINDS = ("lodging", "per-diem")
THING_OF_VALUE_KINDS = ("services", "wages", "travel", "lodging", "per-diem", "goods", "money")
LEAVE_FIELDS = ("on_leave", "time_made_up", "commission_or_piecework")
RELIABILITY = ("high", "medium", "low", "unknown")

_COMMON_ACTIVITY = {"id", "kind", "description", "by", "for", "occurred", "dates", "amount",
                    "evidence", "arranged_by", "note"}
ACTIVITY_FIELDS = {
    "services": _COMMON_ACTIVITY | {"paid_by", *LEAVE_FIELDS},
    "wages": _COMMON_ACTIVITY | {"paid_by", *LEAVE_FIELDS},
    "travel": _COMMON_ACTIVITY | {"paid_by"},
    "lodging": _COMMON_ACTIVITY | {"paid_by"},
    "per-diem": _COMMON_ACTIVITY | {"paid_by"},
    "goods": _COMMON_ACTIVITY | {"free"},
    "money": _COMMON_ACTIVITY,
    "solicitation": _COMMON_ACTIVITY | {"to"},
    "decision-making": _COMMON_ACTIVITY | {"about", "election_related"},
}
PARTY_FIELDS = {"id", "name", "kind", "country", "citizenship", "permanent_resident",
                "foreign_principal", "roles", "address", "description", "evidence", "note"}
KNOWLEDGE_FIELDS = {"who", "about", "knew", "pertinent_facts", "reasonable_inquiry",
                    "evidence", "note"}
KNOWLEDGE_FACTS = ("knew", "pertinent_facts", "reasonable_inquiry")
EVIDENCE_FIELDS = {"id", "source", "date", "url", "quote", "reliability", "note"}
TOP_FIELDS = {"version", "title", "summary", "as_of", "election", "parties", "activities",
              "knowledge", "evidence", "notes"}



@dataclass(frozen=True)
class Party:
    id: str
    name: str
    kind: str
    index: int
    country: str | None = None
    roles: tuple[str, ...] = ()
    address: str | None = None
    description: str | None = None
    evidence: tuple[str, ...] = ()

    @property
    def is_person(self) -> bool:
        return self.kind in ("individual", "group", "candidate")


@dataclass(frozen=True)
class Activity:
    id: str
    kind: str
    by: str
    for_: str
    index: int
    description: str | None = None
    to: str | None = None
    about: str | None = None
    arranged_by: tuple[str, ...] = ()
    dates: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    id: str
    source: str
    date: str | None = None
    url: str | None = None
    quote: str | None = None
    reliability: str = "unknown"
    note: str | None = None


@dataclass
class Matter:
    """A validated matter. ``facts`` maps fact keys to values; ``None`` = unknown."""

    title: str
    parties: dict[str, Party]
    activities: dict[str, Activity]
    evidence: dict[str, Evidence]
    facts: dict[tuple, Any]
    raw: dict
    source: str = "<matter>"
    summary: str | None = None
    as_of: str | None = None
    election: dict = field(default_factory=dict)
    knowledge_rows: dict[tuple[str, str], int] = field(default_factory=dict)
    knowledge_evidence: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    notes: str | None = None
    loaded: dict[tuple, Any] = field(default_factory=dict)  # facts as read from the file

    def __post_init__(self):
        if not self.loaded:
            self.loaded = dict(self.facts)

    # -- facts -------------------------------------------------------------
    def fact(self, key: tuple) -> Any:
        return self.facts.get(key)

    def with_fact(self, key: tuple, value: Any) -> Matter:
        if key not in self.facts:
            raise KeyError(key)
        new = copy.copy(self)
        new.facts = dict(self.facts)
        new.facts[key] = value
        return new

    @functools.cached_property
    def decisions(self) -> dict[str, list[Activity]]:
        """Party id -> the decision-making activities about it, in matter order (a copy
        made by :meth:`with_fact` shares this)."""
        out: dict[str, list[Activity]] = {}
        for act in self.activities.values():
            if act.kind == "decision-making":
                out.setdefault(act.for_, []).append(act)
        return out

    def unknown_facts(self) -> list[tuple]:
        return [k for k, v in self.facts.items() if v is None or v is U]

    def name(self, party_id: str) -> str:
        return self.parties[party_id].name

    def respondents(self) -> list[str]:
        return [p.id for p in self.parties.values() if "respondent" in p.roles]

    def complainants(self) -> list[str]:
        return [p.id for p in self.parties.values() if "complainant" in p.roles]

    # -- where a fact lives in the file -------------------------------------
    def fact_path(self, key: tuple) -> str:
        section, *rest = key
        if section == "party":
            pid, name = rest
            return f"parties[{self.parties[pid].index}].{name}"
        if section == "activity":
            aid, name = rest
            return f"activities[{self.activities[aid].index}].{name}"
        who, aid, name = rest
        row = self.knowledge_rows.get((who, aid))
        if row is None:
            return f"knowledge[who={who}, about={aid}].{name}"
        return f"knowledge[{row}].{name}"

    def fact_domain(self, key: tuple) -> list[Any]:
        """The values a fact may take, used to flip an unknown."""
        section, *rest = key
        name = rest[-1]
        if name == "paid_by":
            act = self.activities[rest[0]]
            others = [p for p in self.parties
                      if p not in (act.by, act.for_)
                      and "complainant" not in self.parties[p].roles]
            first = ["none"] if act.kind in ("services", "wages") else ["self"]
            return first + [act.for_] + others
        if name == "amount":
            return [Decimal(1000), Decimal(1001)]
        if name == "citizenship":
            return [("US",), ("non-US",)]
        return [T, F]

    # -- writing back -------------------------------------------------------
    def to_raw(self) -> dict:
        """The matter as a plain dict: the original file with changed facts written in."""
        raw = copy.deepcopy(self.raw)
        rows = dict(self.knowledge_rows)
        for key, value in self.facts.items():
            if value is self.loaded.get(key) or value == self.loaded.get(key):
                continue
            section, *rest = key
            name = rest[-1]
            if section == "party":
                row = raw["parties"][self.parties[rest[0]].index]
            elif section == "activity":
                row = raw["activities"][self.activities[rest[0]].index]
            else:
                who, aid, _ = rest
                if rows.get((who, aid)) is None:
                    raw.setdefault("knowledge", []).append({"who": who, "about": aid})
                    rows[(who, aid)] = len(raw["knowledge"]) - 1
                row = raw["knowledge"][rows[(who, aid)]]
                if isinstance(row.get("about"), list) and len(row["about"]) > 1:
                    # split a shared entry so the change applies to this activity only
                    row["about"] = [x for x in row["about"] if x != aid]
                    row = {**{k: v for k, v in row.items() if k != "about"},
                           "who": who, "about": aid}
                    raw["knowledge"].append(row)
                    rows[(who, aid)] = len(raw["knowledge"]) - 1
            row[name] = _export_value(value)
        return raw

    def dump(self, path: str | Path) -> Path:
        path = Path(path)
        raw = self.to_raw()
        if path.suffix.lower() == ".json":
            path.write_text(json.dumps(raw, indent=2, default=str) + "\n", encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True,
                                           width=88), encoding="utf-8")
        return path


def _export_value(value: Any) -> Any:
    if value is None or value is U:
        return "unknown"
    if value is T:
        return "yes"
    if value is F:
        return "no"
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, tuple):
        return list(value)
    return value


# ---------------------------------------------------------------------------
# loading and validation


__all__ = ["Matter", "Party", "Activity", "Evidence", "ACTIVITY_KINDS", "PARTY_KINDS", "VERSION"]
