"""The matter file: what is alleged, by whom, with what evidence.

A matter file is YAML or JSON with ``version: 1``. Who acted and who was helped
must be named; every other fact may be ``unknown`` (or simply left out). The
loader validates the file and reports the first problem with the file name, the
path of the field (``activities[2].paid_by``) and what to write instead.

Facts that can be unknown live in one flat table, ``Matter.facts``, keyed by a
tuple (``("activity", "travel", "paid_by")``); everything else is structure. The
reasoning engine flips these facts one at a time to find the decisive unknowns,
and the interview sets them and writes the matter back out.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import functools
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from fecscreen.assess.logic import F, T, Tri, U
from fecscreen.errors import ConfigError

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

_UNKNOWN_WORDS = {"unknown", "?", "unclear", "not known"}


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


class _Checker:
    def __init__(self, source: str):
        self.source = source

    def fail(self, path: str, message: str, hint: str | None = None) -> None:
        raise ConfigError(message, where=f"{self.source}: {path}" if path else self.source,
                          hint=hint)

    def mapping(self, value: Any, path: str, allowed: set[str], what: str) -> dict:
        if not isinstance(value, dict):
            self.fail(path, f"{what} must be a mapping of field: value, not {_kind(value)}",
                      hint="see docs/assess.md for the fields of each section")
        for key in value:
            if key not in allowed:
                near = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = (f"did you mean '{near[0]}'?" if near else
                        f"allowed fields: {', '.join(sorted(allowed))}")
                self.fail(f"{path}.{key}" if path else str(key),
                          f"unknown field '{key}' for {what}", hint=hint)
        return value

    def text(self, row: dict, name: str, path: str, *, required: bool = False) -> str | None:
        value = row.get(name)
        where = f"{path}.{name}" if path else name
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(where, f"'{name}' is required",
                          hint=f"add '{name}: ...' to this entry")
            return None
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.fail(where, f"'{name}' must be text, not {_kind(value)}")
        return value.strip()

    def ident(self, row: dict, path: str, seen: set[str], what: str) -> str:
        value = self.text(row, "id", path, required=True)
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", value):
            self.fail(f"{path}.id", f"id '{value}' may hold only letters, digits, '-', '_', '.'",
                      hint="use a short name like 'labour' or 'travel-2024'")
        if value in seen:
            self.fail(f"{path}.id", f"{what} id '{value}' is used twice",
                      hint="give every entry its own id")
        if value in ("self", "none", "unknown"):
            self.fail(f"{path}.id", f"'{value}' is a reserved word and cannot be an id")
        seen.add(value)
        return value

    def tri(self, row: dict, name: str, path: str, default: Tri = U) -> Tri:
        if name not in row:
            return default
        value = row[name]
        if value is None:
            return U
        if isinstance(value, bool):
            return T if value else F
        if isinstance(value, str):
            word = value.strip().lower()
            if word in ("yes", "true", "y"):
                return T
            if word in ("no", "false", "n"):
                return F
            if word in _UNKNOWN_WORDS:
                return U
        self.fail(f"{path}.{name}", f"'{name}' must be yes, no or unknown, not {value!r}")

    def ref(self, value: Any, path: str, ids: dict, what: str, extra: tuple = ()) -> str:
        if not isinstance(value, str) or (value not in ids and value not in extra):
            choices = list(extra) + list(ids)
            near = difflib.get_close_matches(str(value), choices, n=1)
            hint = f"did you mean '{near[0]}'?" if near else f"use one of: {', '.join(choices)}"
            self.fail(path, f"{value!r} is not the id of any {what}", hint=hint)
        return value

    def refs(self, row: dict, name: str, path: str, ids: dict, what: str) -> tuple[str, ...]:
        value = row.get(name)
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.fail(f"{path}.{name}", f"'{name}' must be an id or a list of ids")
        return tuple(self.ref(v, f"{path}.{name}[{i}]" if isinstance(value, list)
                              else f"{path}.{name}", ids, what)
                     for i, v in enumerate(items))

    def amount(self, row: dict, path: str) -> Decimal | None:
        value = row.get("amount")
        if value is None:
            return None
        if isinstance(value, str) and value.strip().lower() in _UNKNOWN_WORDS:
            return None
        if isinstance(value, bool):
            value = "bad"
        try:
            number = Decimal(str(value).replace("$", "").replace(",", "").strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number < 0:
            self.fail(f"{path}.amount", f"amount must be a number of US dollars or unknown, "
                      f"not {value!r}", hint="write e.g. 'amount: 16140' or 'amount: unknown'")
        return number


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "yes/no",
            type(None): "empty"}.get(type(value), type(value).__name__)


def _norm_country(value: str) -> str:
    word = value.strip()
    if word.upper() in ("US", "USA", "U.S.", "U.S.A.", "UNITED STATES",
                        "UNITED STATES OF AMERICA"):
        return "US"
    if word.lower() in ("non-us", "foreign", "not us", "other"):
        return "non-US"
    return word.upper() if len(word) <= 3 else word


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _decode(path: Path) -> str:
    """The file's text: UTF-8, or UTF-8/UTF-16 with a byte-order mark."""
    raw = path.read_bytes()
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), "utf-8")
    if encoding == "utf-8" and b"\x00" in raw:
        raise ConfigError(f"not UTF-8 text (byte {raw.index(0)} is NUL; UTF-16 without a "
                          "byte-order mark?); a matter file must be YAML or JSON text in "
                          "UTF-8", where=str(path),
                          hint="save the matter as UTF-8, or as UTF-16 with a byte-order mark")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise ConfigError(f"not {name} text (byte {exc.start} cannot be decoded); a matter "
                          "file must be YAML or JSON text in UTF-8", where=str(path),
                          hint="save the matter as a UTF-8 text file (.yaml or .json); a PDF, "
                               "Word or compressed file cannot be read") from None


def load_matter(path: str | Path) -> Matter:
    """Read and validate a matter file (YAML or JSON)."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError("matter file not found", where=str(path),
                          hint="give the path of a .yaml or .json matter file")
    text = _decode(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"not valid YAML or JSON: {getattr(exc, 'problem', exc)}",
                          where=where, hint="check indentation and quoting near that line")
    return parse_matter(data, source=str(path))


def parse_matter(data: Any, *, source: str = "<matter>") -> Matter:
    """Validate an already-parsed matter (a dict) and build a :class:`Matter`."""
    c = _Checker(source)
    c.mapping(data, "", TOP_FIELDS, "the matter file")
    if "version" not in data:
        c.fail("version", "'version' is required", hint=f"add 'version: {VERSION}' at the top")
    if data["version"] != VERSION:
        c.fail("version", f"unsupported matter version {data['version']!r}",
               hint=f"this fecscreen reads version {VERSION}")
    title = c.text(data, "title", "", required=True)
    facts: dict[tuple, Any] = {}

    # parties
    raw_parties = data.get("parties")
    if not isinstance(raw_parties, list) or not raw_parties:
        c.fail("parties", "'parties' must be a non-empty list",
               hint="list everyone involved: who acted, who paid, who was helped")
    parties: dict[str, Party] = {}
    seen: set[str] = set()
    for i, row in enumerate(raw_parties):
        p = f"parties[{i}]"
        c.mapping(row, p, PARTY_FIELDS, "a party")
        pid = c.ident(row, p, seen, "party")
        kind = c.text(row, "kind", p, required=True).lower()
        kind = PARTY_KIND_ALIASES.get(kind, kind)
        if kind not in PARTY_KINDS:
            c.fail(f"{p}.kind", f"unknown party kind {kind!r}",
                   hint=f"use one of: {', '.join(PARTY_KINDS)}")
        roles = row.get("roles") or []
        if isinstance(roles, str):
            roles = [roles]
        if not isinstance(roles, list):
            c.fail(f"{p}.roles", "'roles' must be a list")
        for j, role in enumerate(roles):
            if role not in ROLES:
                c.fail(f"{p}.roles[{j}]", f"unknown role {role!r}",
                       hint=f"use any of: {', '.join(ROLES)}")
        country = c.text(row, "country", p)
        parties[pid] = Party(
            id=pid, name=c.text(row, "name", p, required=True), kind=kind, index=i,
            country=_norm_country(country) if country else None, roles=tuple(roles),
            address=c.text(row, "address", p), description=c.text(row, "description", p),
            evidence=tuple(row.get("evidence") or ()) if not isinstance(row.get("evidence"), str)
            else (row["evidence"],),
        )
        is_person = parties[pid].is_person
        not_for_kind = {"foreign-government": ("citizenship", "permanent_resident",
                                               "foreign_principal"),
                        "foreign-party": ("citizenship", "permanent_resident",
                                          "foreign_principal")}.get(
            kind, ("foreign_principal",) if is_person else ("citizenship", "permanent_resident"))
        for name in not_for_kind:
            if name in row:
                c.fail(f"{p}.{name}", f"'{name}' does not apply to a party of kind '{kind}'",
                       hint=("citizenship and permanent_resident are for individuals and "
                             "groups, foreign_principal for companies, organisations and "
                             "committees; foreign governments and parties need neither"))
        if is_person:
            facts[("party", pid, "citizenship")] = _citizenship(c, row, p, kind)
            facts[("party", pid, "permanent_resident")] = c.tri(row, "permanent_resident", p)
        elif kind in ("company", "organisation", "committee"):
            default = U
            if kind == "committee":
                default = F
            elif country:
                default = F if _norm_country(country) == "US" else T
            facts[("party", pid, "foreign_principal")] = c.tri(row, "foreign_principal", p,
                                                               default)
    # evidence (before references to it)
    evidence: dict[str, Evidence] = {}
    raw_ev = data.get("evidence") or []
    if not isinstance(raw_ev, list):
        c.fail("evidence", "'evidence' must be a list")
    seen_ev: set[str] = set()
    for i, row in enumerate(raw_ev):
        p = f"evidence[{i}]"
        c.mapping(row, p, EVIDENCE_FIELDS, "an evidence item")
        eid = c.ident(row, p, seen_ev, "evidence")
        rel = (c.text(row, "reliability", p) or "unknown").lower()
        if rel not in RELIABILITY:
            c.fail(f"{p}.reliability", f"unknown reliability {rel!r}",
                   hint=f"use one of: {', '.join(RELIABILITY)}")
        evidence[eid] = Evidence(id=eid, source=c.text(row, "source", p, required=True),
                                 date=c.text(row, "date", p), url=c.text(row, "url", p),
                                 quote=c.text(row, "quote", p), reliability=rel,
                                 note=c.text(row, "note", p))
    for pid, party in parties.items():
        for j, eid in enumerate(party.evidence):
            c.ref(eid, f"parties[{party.index}].evidence[{j}]", evidence, "evidence item")

    # activities
    raw_acts = data.get("activities") or []
    if not isinstance(raw_acts, list):
        c.fail("activities", "'activities' must be a list")
    activities: dict[str, Activity] = {}
    seen_act: set[str] = set()
    for i, row in enumerate(raw_acts):
        p = f"activities[{i}]"
        if not isinstance(row, dict):
            c.mapping(row, p, set(), "an activity")
        kind = str(row.get("kind") or "").strip().lower()
        kind = ACTIVITY_KIND_ALIASES.get(kind, kind)
        if not kind:
            c.fail(f"{p}.kind", "'kind' is required",
                   hint=f"use one of: {', '.join(ACTIVITY_KINDS)}")
        if kind not in ACTIVITY_KINDS:
            c.fail(f"{p}.kind", f"unknown activity kind {kind!r}",
                   hint=f"use one of: {', '.join(ACTIVITY_KINDS)}")
        for key in row:
            if key not in ACTIVITY_FIELDS[kind] and key in set().union(*ACTIVITY_FIELDS.values()):
                c.fail(f"{p}.{key}", f"'{key}' does not apply to an activity of kind '{kind}'",
                       hint="see the table of activity fields in docs/assess.md")
        c.mapping(row, p, ACTIVITY_FIELDS[kind], f"a '{kind}' activity")
        aid = c.ident(row, p, seen_act, "activity")
        if aid in parties:
            c.fail(f"{p}.id", f"activity id '{aid}' is also a party id",
                   hint="use different ids for parties and activities")
        if "by" not in row:
            c.fail(f"{p}.by", "'by' is required: the party who acted (served, travelled, "
                   "gave, asked)",
                   hint="name the party's id; if the actor is not known, add a party for them")
        by = c.ref(row["by"], f"{p}.by", parties, "party")
        if "for" not in row:
            c.fail(f"{p}.for", "'for' is required: the committee or candidate helped "
                   "(for decision-making: the organisation whose decisions)")
        for_ = c.ref(row["for"], f"{p}.for", parties, "party")
        to = None
        if kind == "solicitation":
            if "to" not in row:
                c.fail(f"{p}.to", "'to' is required for a solicitation: the party asked")
            to = c.ref(row["to"], f"{p}.to", parties, "party")
        ev = c.refs(row, "evidence", p, evidence, "evidence item")
        activities[aid] = Activity(
            id=aid, kind=kind, by=by, for_=for_, index=i, to=to,
            description=c.text(row, "description", p), dates=c.text(row, "dates", p),
            arranged_by=c.refs(row, "arranged_by", p, parties, "party"), evidence=ev,
            about=row.get("about"),
        )
        facts[("activity", aid, "occurred")] = c.tri(row, "occurred", p, T)
        facts[("activity", aid, "amount")] = c.amount(row, p)
        if kind in PAID_KINDS:
            facts[("activity", aid, "paid_by")] = _paid_by(c, row, p, kind, parties, by)
        if kind in ("services", "wages"):
            for name in LEAVE_FIELDS:
                facts[("activity", aid, name)] = c.tri(row, name, p)
        if kind == "goods":
            facts[("activity", aid, "free")] = c.tri(row, "free", p)
        if kind == "decision-making":
            facts[("activity", aid, "election_related")] = c.tri(
                row, "election_related", p, T if row.get("about") else U)
    for aid, act in activities.items():
        if act.about is not None:
            c.ref(act.about, f"activities[{act.index}].about", activities, "activity")

    # knowledge
    raw_kn = data.get("knowledge") or []
    if not isinstance(raw_kn, list):
        c.fail("knowledge", "'knowledge' must be a list")
    knowledge_rows: dict[tuple[str, str], int] = {}
    knowledge_evidence: dict[tuple[str, str], tuple[str, ...]] = {}
    explicit: dict[tuple, Tri] = {}
    for i, row in enumerate(raw_kn):
        p = f"knowledge[{i}]"
        c.mapping(row, p, KNOWLEDGE_FIELDS, "a knowledge entry")
        if "who" not in row:
            c.fail(f"{p}.who", "'who' is required: the party whose knowledge this is")
        who = c.ref(row["who"], f"{p}.who", parties, "party")
        if "about" not in row:
            c.fail(f"{p}.about", "'about' is required: the activity (or list of activities)")
        abouts = c.refs(row, "about", p, activities, "activity")
        ev = c.refs(row, "evidence", p, evidence, "evidence item")
        for aid in abouts:
            if (who, aid) in knowledge_rows:
                c.fail(f"{p}.about", f"what '{who}' knew about '{aid}' is already given in "
                       f"knowledge[{knowledge_rows[(who, aid)]}]", hint="merge the two entries")
            knowledge_rows[(who, aid)] = i
            knowledge_evidence[(who, aid)] = ev
            for name in KNOWLEDGE_FACTS:
                explicit[("knowledge", who, aid, name)] = c.tri(row, name, p)
    # every knower the law asks about gets knowledge facts, unknown unless given
    for act in activities.values():
        knowers = list(act.arranged_by)
        if act.kind in THING_OF_VALUE_KINDS:
            knowers.append(act.for_)
        if act.kind == "solicitation":
            knowers.append(act.by)
        for who in knowers:
            for name in KNOWLEDGE_FACTS:
                key = ("knowledge", who, act.id, name)
                facts[key] = explicit.get(key, U)
    for key, value in explicit.items():
        facts.setdefault(key, value)

    election = data.get("election") or {}
    if not isinstance(election, dict):
        c.fail("election", "'election' must be a mapping with 'name' and 'date'")
    return Matter(
        title=title, parties=parties, activities=activities, evidence=evidence,
        facts={k: (None if v is U else v) if k[-1] in ("paid_by", "amount", "citizenship")
               else v for k, v in facts.items()},
        raw=copy.deepcopy(data), source=source, summary=c.text(data, "summary", ""),
        as_of=c.text(data, "as_of", ""),
        election={k: (v.isoformat() if isinstance(v, dt.date) else v)
                  for k, v in election.items()},
        knowledge_rows=knowledge_rows, knowledge_evidence=knowledge_evidence,
        notes=c.text(data, "notes", ""),
    )


def _citizenship(c: _Checker, row: dict, p: str, kind: str):
    value = row.get("citizenship")
    if kind == "candidate" and value is None:
        return ("US",)  # federal candidates must be US citizens (US Const. art. I, II)
    if value is None:
        return None
    if isinstance(value, str):
        if value.strip().lower() in _UNKNOWN_WORDS:
            return None
        value = [v for v in re.split(r"[,;/]", value) if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or not value:
        c.fail(f"{p}.citizenship", "citizenship must be a country code, a list of them, "
               "or unknown", hint="write e.g. 'citizenship: [GB]' or 'citizenship: [US, GB]'")
    return tuple(_norm_country(v) for v in value)


def _paid_by(c: _Checker, row: dict, p: str, kind: str, parties: dict, by: str):
    value = row.get("paid_by")
    if value is None or (isinstance(value, str) and value.strip().lower() in _UNKNOWN_WORDS):
        return None
    if kind in ("services", "wages"):
        extra = ("none",)
    else:
        extra = ("self", "none")
    value = c.ref(value, f"{p}.paid_by", parties, "party", extra)
    if value == by and kind in ("travel", "lodging", "per-diem"):
        return "self"
    if value == "self" and kind in ("services", "wages"):
        c.fail(f"{p}.paid_by", "'self' does not apply to services",
               hint="write 'none' if no one paid the person for the time")
    return value


__all__ = ["Matter", "Party", "Activity", "Evidence", "load_matter", "parse_matter",
           "ACTIVITY_KINDS", "PARTY_KINDS", "VERSION"]
