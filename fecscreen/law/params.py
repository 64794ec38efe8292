"""Dated parameters: contribution limits, thresholds and code lists as YAML data.

Every legal value carries the dates it is in force and a reference; rules never
hold such values as literals. ``Params`` renders them into SQL: a dated scalar
becomes a ``CASE`` over the row's date (so a value that changes is one new YAML
entry), a code list becomes an ``IN (...)`` list, and the limits table becomes
a relation the rules join by cycle.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from fecscreen.errors import ConfigError
from fecscreen.sql import literal as sql_str

CONFIDENCE = {"V", "S", "U", "heuristic"}


def _read(name: str) -> dict:
    path = resources.files("fecscreen.law") / "data" / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"cannot read parameter file ({exc})", where=f"law/data/{name}") from exc


def normalise_text(value: Any) -> str:
    """Upper case, anything but letters and digits to one space: the form rules compare."""
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", str(value).upper()).split())


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"not a date: {value!r}", where=where, hint="write YYYY-MM-DD") from exc


@dataclass(frozen=True)
class DatedValue:
    start: dt.date
    end: dt.date | None
    value: float
    reference: str
    confidence: str


@dataclass(frozen=True)
class Limit:
    key: str
    contributor: str
    recipient: str
    period: str
    cycle: int | None
    start: dt.date
    end: dt.date | None
    amount: float
    reference: str
    confidence: str


@dataclass(frozen=True)
class Election:
    state: str       # two-letter code; US for the presidential general election
    year: int
    election: str    # P primary, G general, R runoff
    date: dt.date
    held: bool
    reference: str
    confidence: str


def general_election_day(year: int) -> dt.date:
    """The Tuesday after the first Monday in November of ``year``."""
    first = dt.date(year, 11, 1)
    monday = first + dt.timedelta(days=(0 - first.weekday()) % 7)
    return monday + dt.timedelta(days=1)


def _elections(spec: dict) -> list[Election]:
    where = "law/data/elections.yaml"
    out: list[Election] = []
    general = spec.get("general") or {}
    if general:
        Params._check(general, ("years", "jurisdictions", "reference", "confidence"), f"{where}: general")
        for year in general["years"]:
            if int(year) % 2:
                raise ConfigError(f"{year} is not an even year", where=f"{where}: general.years")
            out += [Election(st, int(year), "G", general_election_day(int(year)), True,
                             general["reference"], str(general["confidence"]))
                    for st in general["jurisdictions"]]
    sources = spec.get("sources") or {}
    for i, e in enumerate(spec.get("elections") or []):
        at = f"{where}: elections[{i}]"
        Params._check(e, ("state", "year", "election", "date", "source", "confidence"), at)
        if e["election"] not in ("P", "R"):
            raise ConfigError(f"election must be P or R, not {e['election']!r}", where=at,
                              hint="general elections are computed from the statute")
        if e["source"] not in sources:
            raise ConfigError(f"unknown source {e['source']!r}", where=at, hint="name it under sources:")
        day = _date(e["date"], at)
        if day.year != int(e["year"]):
            raise ConfigError(f"date {day} is not in {e['year']}", where=at)
        out.append(Election(str(e["state"]), int(e["year"]), e["election"], day,
                            bool(e.get("held", True)), sources[e["source"]], str(e["confidence"])))
    return out


class Params:
    """All rule parameters, validated."""

    def __init__(self, limits: dict, thresholds: dict, lookups: dict, elections: dict | None = None):
        self.lookups = lookups
        self.elections: list[Election] = _elections(elections or {})
        self.thresholds: dict[str, list[DatedValue]] = {}
        self.threshold_meta: dict[str, dict] = {}
        for key, spec in thresholds.items():
            where = f"law/data/thresholds.yaml: {key}"
            values = []
            for i, v in enumerate(spec.get("values") or []):
                self._check(v, ("from", "value", "reference", "confidence"), f"{where}[{i}]")
                values.append(
                    DatedValue(_date(v["from"], where), _date(v.get("to"), where), v["value"],
                               v["reference"], str(v["confidence"]))
                )
            if not values:
                raise ConfigError("a threshold needs at least one dated value", where=where)
            self.thresholds[key] = sorted(values, key=lambda d: d.start)
            self.threshold_meta[key] = {k: spec.get(k) for k in ("description", "kind")}
        self.limits: list[Limit] = []
        for i, v in enumerate(limits.get("values") or []):
            where = f"law/data/limits.yaml: values[{i}]"
            self._check(v, ("key", "contributor", "recipient", "period", "from", "amount",
                            "reference", "confidence"), where)
            self.limits.append(
                Limit(v["key"], v["contributor"], v["recipient"], v["period"], v.get("cycle"),
                      _date(v["from"], where), _date(v.get("to"), where), float(v["amount"]),
                      v["reference"], str(v["confidence"]))
            )

    @staticmethod
    def _check(entry: dict, keys: tuple[str, ...], where: str) -> None:
        missing = [k for k in keys if entry.get(k) is None]
        if missing:
            raise ConfigError(f"missing {', '.join(missing)}", where=where)
        if str(entry["confidence"]) not in CONFIDENCE:
            raise ConfigError(
                f"confidence must be one of {sorted(CONFIDENCE)}, not {entry['confidence']!r}",
                where=where,
            )

    # -- rendering into SQL --------------------------------------------------
    def value(self, key: str, date_expr: str) -> str:
        """SQL for threshold ``key`` in force on ``date_expr``."""
        if key not in self.thresholds:
            raise ConfigError(f"unknown threshold {key!r}", where="law/data/thresholds.yaml")
        parts = []
        for v in self.thresholds[key]:
            cond = f"{date_expr} >= DATE '{v.start.isoformat()}'"
            if v.end:
                cond += f" AND {date_expr} <= DATE '{v.end.isoformat()}'"
            parts.append(f"WHEN {cond} THEN {v.value}")
        return f"(CASE {' '.join(parts)} END)"

    def current(self, key: str) -> float:
        """The latest value of threshold ``key`` (for messages and docs)."""
        return self.thresholds[key][-1].value

    def lowest(self, key: str) -> str:
        """The lowest value threshold ``key`` has ever had (a safe first filter)."""
        if key not in self.thresholds:
            raise ConfigError(f"unknown threshold {key!r}", where="law/data/thresholds.yaml")
        return str(min(v.value for v in self.thresholds[key]))

    def lookup(self, name: str):
        if name not in self.lookups:
            raise ConfigError(f"unknown code list {name!r}", where="law/data/lookups.yaml")
        return self.lookups[name]

    def in_list(self, name: str) -> str:
        """``('A', 'B', ...)`` for code list ``name``."""
        values = self.lookup(name)
        return "(" + ", ".join(sql_str(v) for v in values) + ")"

    def words_regex(self, name: str, *, whole: bool = False, only: bool = False,
                    prefix: bool = False) -> str:
        """A regex (as a SQL literal) matching any word of list ``name``.

        Applied to a normalised field (see :func:`normalise_text`): by default
        a word anywhere in it; ``prefix`` a word starting with one of them;
        ``whole`` the entire field; ``only`` a field made of nothing but words
        of the list (``ANON ANON``).
        """
        alternatives = "|".join(normalise_text(v) for v in self.lookup(name))
        if only:
            pattern = f"^(({alternatives})( |$))+$"
        elif whole:
            pattern = f"^({alternatives})$"
        elif prefix:
            pattern = f"(^| )({alternatives})"
        else:
            pattern = f"(^| )({alternatives})( |$)"
        return sql_str(pattern)

    def named_sql(self, name: str, words_expr: str) -> str:
        """SQL for the first entry of list ``name``, longest first, found as whole words in
        ``words_expr`` (a field normalised as by :func:`normalise_text`); NULL when none.

        Tells which country (or foreign city) an address names, for the finding's detail.
        """
        values = sorted({str(v).upper() for v in self.lookup(name)}, key=lambda v: (-len(v), v))
        words = f"(' ' || {words_expr} || ' ')"
        cases = " ".join(f"WHEN strpos({words}, {sql_str(' ' + v + ' ')}) > 0 THEN {sql_str(v)}"
                         for v in values)
        return f"(CASE {cases} END)" if values else "CAST(NULL AS VARCHAR)"

    def lowest_limit(self, key: str) -> str:
        """The lowest amount of limit ``key`` in any period (a cheap first filter)."""
        amounts = [lim.amount for lim in self.limits if lim.key == key]
        if not amounts:
            raise ConfigError(f"no limit {key!r}", where="law/data/limits.yaml")
        return str(min(amounts))

    def elections_values_sql(self) -> str:
        """The election-date table as a SELECT (engine-neutral): the general elections as
        every jurisdiction crossed with the years, the sourced rows as VALUES."""
        cols = "state, year, election, election_date, held, reference, confidence"
        generals = [e for e in self.elections if e.election == "G"]
        others = [e for e in self.elections if e.election != "G"]
        parts = []
        if generals:
            states = sorted({e.state for e in generals})
            days = sorted({(e.year, e.date, e.reference, e.confidence) for e in generals})
            parts.append(
                "SELECT s.state, y.year, 'G' AS election, y.election_date, TRUE AS held, "
                "y.reference, y.confidence FROM (VALUES "
                + ", ".join(f"({sql_str(st)})" for st in states) + ") AS s(state) CROSS JOIN (VALUES "
                + ", ".join(f"({y}, DATE '{d.isoformat()}', {sql_str(r)}, {sql_str(c)})"
                            for y, d, r, c in days)
                + ") AS y(year, election_date, reference, confidence)")
        if others:
            parts.append("SELECT * FROM (VALUES " + ", ".join(
                f"({sql_str(e.state)}, {e.year}, {sql_str(e.election)}, DATE '{e.date.isoformat()}', "
                f"{'TRUE' if e.held else 'FALSE'}, {sql_str(e.reference)}, {sql_str(e.confidence)})"
                for e in others) + f") AS t({cols})")
        if not parts:
            return (f"SELECT * FROM (VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL)) "
                    f"AS t({cols}) WHERE state IS NOT NULL")
        return "\nUNION ALL BY NAME\n".join(parts)

    def limits_values_sql(self, last_year: int | None = None) -> str:
        """The limits table as a SELECT over VALUES (engine-neutral).

        ``match_year`` is the year a receipt looks its limit up by: the cycle for
        per-election limits; each calendar year in force (up to ``last_year``,
        default two years from now) for per-year limits.
        """
        last_year = last_year or dt.date.today().year + 2
        rows = []
        for lim in self.limits:
            if lim.period == "calendar-year":
                end = lim.end.year if lim.end else last_year
                years = list(range(lim.start.year, end + 1))
            else:
                years = [lim.cycle]
            for year in years:
                rows.append(
                    "(" + ", ".join([
                        sql_str(lim.key), sql_str(lim.contributor), sql_str(lim.recipient),
                        sql_str(lim.period),
                        "NULL" if lim.cycle is None else str(int(lim.cycle)),
                        "NULL" if year is None else str(int(year)),
                        f"DATE '{lim.start.isoformat()}'",
                        "NULL" if lim.end is None else f"DATE '{lim.end.isoformat()}'",
                        f"CAST({lim.amount} AS DECIMAL(14, 2))",
                        sql_str(lim.reference), sql_str(lim.confidence),
                    ]) + ")"
                )
        cols = ("limit_key, contributor, recipient, period, cycle, match_year, valid_from, "
                "valid_to, amount, reference, confidence")
        return f"SELECT * FROM (VALUES {', '.join(rows)}) AS t({cols})"


@lru_cache(maxsize=1)
def load_params() -> Params:
    return Params(_read("limits.yaml"), _read("thresholds.yaml"), _read("lookups.yaml"),
                  _read("elections.yaml"))


__all__ = ["normalise_text", "Params", "Limit", "DatedValue", "Election", "general_election_day",
           "load_params", "sql_str"]
