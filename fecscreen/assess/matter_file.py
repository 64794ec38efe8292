"""Reading a matter file: YAML or JSON, checked field by field into a :class:`Matter`.

The first problem stops the reading with a :class:`~fecscreen.errors.ConfigError`
naming the file, the path of the field (``activities[2].paid_by``) and what to
write instead.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from fecscreen.assess.fields import UNKNOWN_WORDS, Checker
from fecscreen.assess.logic import F, T, Tri, U
from fecscreen.assess.matter import (
    ACTIVITY_FIELDS,
    ACTIVITY_KIND_ALIASES,
    ACTIVITY_KINDS,
    EVIDENCE_FIELDS,
    KNOWLEDGE_FACTS,
    KNOWLEDGE_FIELDS,
    LEAVE_FIELDS,
    PAID_KINDS,
    PARTY_FIELDS,
    PARTY_KIND_ALIASES,
    PARTY_KINDS,
    RELIABILITY,
    ROLES,
    THING_OF_VALUE_KINDS,
    TOP_FIELDS,
    VERSION,
    Activity,
    Evidence,
    Matter,
    Party,
)
from fecscreen.errors import ConfigError


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
    c = Checker(source)
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


def _citizenship(c: Checker, row: dict, p: str, kind: str):
    value = row.get("citizenship")
    if kind == "candidate" and value is None:
        return ("US",)  # federal candidates must be US citizens (US Const. art. I, II)
    if value is None:
        return None
    if isinstance(value, str):
        if value.strip().lower() in UNKNOWN_WORDS:
            return None
        value = [v for v in re.split(r"[,;/]", value) if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or not value:
        c.fail(f"{p}.citizenship", "citizenship must be a country code, a list of them, "
               "or unknown", hint="write e.g. 'citizenship: [GB]' or 'citizenship: [US, GB]'")
    return tuple(_norm_country(v) for v in value)


def _paid_by(c: Checker, row: dict, p: str, kind: str, parties: dict, by: str):
    value = row.get("paid_by")
    if value is None or (isinstance(value, str) and value.strip().lower() in UNKNOWN_WORDS):
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


__all__ = ["load_matter", "parse_matter"]
