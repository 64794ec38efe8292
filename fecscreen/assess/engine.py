"""The reasoning engine: conclusions, labels and decisive unknowns.

An unknown fact is *decisive* for a conclusion when giving it a value changes
that conclusion. The engine finds them by flipping: it sets each unknown fact to
each value it can take, evaluates the whole matter again and compares. Facts that
matter only together with another unknown are found by flipping pairs (one fact
already found to matter, plus one other).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fecscreen.assess.conclusions import CONCLUDED, evaluate
from fecscreen.assess.logic import F, O, T, Tri, U
from fecscreen.assess.matter import Matter
from fecscreen.assess.provisions import PROVISIONS, Result, Step
from fecscreen.errors import ConfigError

_NONE = Result(F)  # a conclusion that no longer arises once a fact is settled

LABELS = {T: "violation likely", F: "no violation", O: "open question"}
CHAR_LABELS = {T: "contribution", F: "not a contribution", O: "open question"}


@dataclass
class Conclusion:
    party: str
    provision: str
    value: Tri
    steps: list[Step]
    depends_on: list[tuple] = field(default_factory=list)
    label: str = ""
    deciders: list[tuple] = field(default_factory=list)  # each alone changes the result

    @property
    def key(self) -> tuple[str, str]:
        return (self.party, self.provision)

    @property
    def citation(self) -> str:
        return PROVISIONS[self.provision].citation


@dataclass
class Characterisation:
    activity: str
    value: Tri
    steps: list[Step]
    depends_on: list[tuple] = field(default_factory=list)
    label: str = ""
    deciders: list[tuple] = field(default_factory=list)


@dataclass
class Outcome:
    """What follows if a decisive unknown fact takes one value."""

    value: Any
    condition: str
    changes: list[tuple[tuple[str, str], Tri, Tri]]  # (row key, before, after)
    activity_changes: list[tuple[str, Tri, Tri]]
    sentence: str = ""


@dataclass
class Decisive:
    fact: tuple
    path: str
    question: str
    outcomes: list[Outcome]
    score: float
    rows: list[tuple[str, str]]


@dataclass
class Assessment:
    matter: Matter
    characterisations: dict[str, Characterisation]
    conclusions: dict[tuple[str, str], Conclusion]
    decisive: list[Decisive]
    precedents: list = field(default_factory=list)
    penalties: list = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    inquiries: list[dict] = field(default_factory=list)

    def conclusion(self, party: str, provision: str) -> Conclusion:
        return self.conclusions[(party, provision)]

    def labels(self) -> dict[tuple[str, str], str]:
        return {k: c.label for k, c in self.conclusions.items()}


class _Evaluator:
    """Evaluates a matter under fact assignments, with a cache."""

    def __init__(self, matter: Matter):
        self.matter = matter
        self.cache: dict[frozenset, tuple] = {}

    def __call__(self, assignment: dict[tuple, Any]) -> tuple[dict, dict, set]:
        key = frozenset((k, _hashable(v)) for k, v in assignment.items())
        if key not in self.cache:
            m = self.matter
            for k, v in assignment.items():
                m = m.with_fact(k, v)
            self.cache[key] = evaluate(m)
        return self.cache[key]


EXCEPTIONS_100_54 = ("on_leave", "time_made_up", "commission_or_piecework")


def moot(m: Matter, f: tuple) -> bool:
    """An unknown fact that known facts already settle, whatever its value: the other
    exceptions of 11 CFR 100.54 once one is known to apply, and facts calling for
    inquiry once actual knowledge is known (11 CFR 110.20(a)(4))."""
    section, *rest = f
    name = rest[-1]
    if section == "activity" and name in EXCEPTIONS_100_54:
        return any(m.fact(("activity", rest[0], e)) is T for e in EXCEPTIONS_100_54)
    if section == "knowledge" and name in ("pertinent_facts", "reasonable_inquiry"):
        who, aid, _ = rest
        return m.fact(("knowledge", who, aid, "knew")) is T
    return False


def _hashable(v: Any) -> Any:
    return tuple(v) if isinstance(v, list) else v


MAX_WORK = 8_000  # activities x values of all unknown facts; some 7 s at the limit


def work(matter: Matter) -> int:
    """A measure of the effort to assess a matter: each unknown fact is flipped to each
    of its values, and each flip evaluates every activity."""
    return len(matter.activities) * sum(len(matter.fact_domain(f))
                                        for f in matter.unknown_facts())


def check_size(matter: Matter, limit: int = MAX_WORK) -> None:
    """Refuse a matter too large to assess in reasonable time, with a clear error."""
    w = work(matter)
    if w > limit:
        n = len(matter.unknown_facts())
        raise ConfigError(
            f"matter too large to assess: {len(matter.activities)} activities with {n} "
            f"unknown facts (size {w:,}; the limit is {limit:,})", where=matter.source,
            hint="settle some unknown facts (paid_by, citizenship, amount), or split the "
                 "matter into smaller files, e.g. one per group of volunteers")


def assess(matter: Matter) -> Assessment:
    """Assess a matter: conclusions, decisive unknowns, precedents, penalties, caveats."""
    check_size(matter)
    from fecscreen.assess.inquiry import inquiries
    from fecscreen.assess.penalty import estimate
    from fecscreen.assess.precedents import nearest

    ev = _Evaluator(matter)
    chars, rows, read = ev({})
    # single flips, of every unknown fact a rule read, also once another was settled
    all_unknown = matter.unknown_facts()
    flips: dict[tuple, dict[Any, tuple[dict, dict, set]]] = {}
    todo = [k for k in all_unknown if k in read]
    while todo:
        f = todo.pop(0)
        flips[f] = {v: ev({f: v}) for v in matter.fact_domain(f)}
        for _, _, read2 in flips[f].values():
            todo += [k for k in all_unknown if k in read2 and k not in flips and k not in todo]
    unknown = [k for k in all_unknown if k in flips]
    # a fact a result depends on: flipping it alone changes the result, or the rule
    # read it (in the matter as given, or once another unknown was settled)
    row_deps: dict[Any, list[tuple]] = {k: [] for k in list(rows) + list(chars)}
    for f, worlds in flips.items():
        for c2, r2, _ in worlds.values():
            for k in rows:
                if r2.get(k, _NONE).value is not rows[k].value and f not in row_deps[k]:
                    row_deps[k].append(f)
            for a in chars:
                if c2[a].value is not chars[a].value and f not in row_deps[a]:
                    row_deps[a].append(f)
    deciders = {k: list(v) for k, v in row_deps.items()}
    for k in list(rows) + list(chars):
        base = rows[k] if k in rows else chars[k]
        if base.value not in (U, O):
            continue
        seen = set(base.reads)
        for g, worlds in flips.items():
            for c2, r2, _ in worlds.values():
                res = r2.get(k, _NONE) if k in rows else c2[k]
                if res.value in (U, O) and g in row_deps[k] or g in base.reads:
                    seen |= res.reads
        row_deps[k] += [f for f in unknown if f in seen and f not in row_deps[k]
                        and not moot(matter, f)]

    # order each result's facts by how much settling them settles overall
    weight = {f: sum(sum(r2.get(k, _NONE).value is not rows[k].value for k in rows)
                     for _, r2, _ in worlds.values()) / len(worlds)
              for f, worlds in flips.items()}
    for k in row_deps:
        row_deps[k].sort(key=lambda f: (-weight[f], matter.fact_path(f)))
        deciders[k].sort(key=lambda f: (-weight[f], matter.fact_path(f)))

    conclusions = {}
    for k, res in rows.items():
        c = Conclusion(party=k[0], provision=k[1], value=res.value, steps=res.steps,
                       depends_on=row_deps[k], deciders=deciders[k])
        c.label = _label(matter, res.value, c.depends_on, c.deciders, LABELS)
        conclusions[k] = c
    conclusions = dict(sorted(conclusions.items(), key=lambda kv: _row_order(matter, kv[0])))
    characterisations = {}
    for a, res in chars.items():
        ch = Characterisation(activity=a, value=res.value, steps=res.steps,
                              depends_on=row_deps[a], deciders=deciders[a])
        ch.label = _label(matter, res.value, ch.depends_on, ch.deciders, CHAR_LABELS)
        characterisations[a] = ch

    decisive = []
    for f, worlds in flips.items():
        outcomes = []
        touched: list[tuple[str, str]] = []
        for v, (c2, r2, _) in worlds.items():
            changes = [(k, rows[k].value, r2.get(k, _NONE).value) for k in conclusions
                       if r2.get(k, _NONE).value is not rows[k].value]
            achanges = [(a, chars[a].value, c2[a].value) for a in chars
                        if c2[a].value is not chars[a].value]
            for k, _, _ in changes:
                if k not in touched:
                    touched.append(k)
            if changes or achanges:
                o = Outcome(value=v, condition=condition(matter, f, v), changes=changes,
                            activity_changes=achanges)
                o.sentence = _sentence(matter, o, c2)
                outcomes.append(o)
        if touched:
            score = sum(len(o.changes) for o in outcomes) / len(worlds)
            decisive.append(Decisive(fact=f, path=matter.fact_path(f),
                                     question=question(matter, f), outcomes=outcomes,
                                     score=score, rows=touched))
    decisive.sort(key=lambda d: (-d.score, -len(d.rows), d.path))

    result = Assessment(matter=matter, characterisations=characterisations,
                        conclusions=conclusions, decisive=decisive)
    result.precedents = nearest(matter)
    result.penalties = estimate(result)
    result.caveats = CAVEATS
    result.inquiries = inquiries(matter)
    return result


CAVEATS = [
    "This is an automated assessment for research and compliance review, not legal advice.",
    "It takes the facts as alleged in the matter file; they have not been established.",
    "A conclusion is about what the law provides on those facts; it is not a finding that "
    "anyone broke the law. Only the Federal Election Commission or a court decides that.",
    "'Knowingly' and intent turn on evidence a matter file only summarises.",
    "Precedents marked [U] or with an unverified case number have not been checked against "
    "the FEC's records.",
    "The penalty range is an estimate from the statute, the 11 CFR 111.24 amounts and past "
    "settlements; it is not a prediction of what the Commission would seek or a court impose.",
]


def _row_order(m: Matter, key: tuple[str, str]) -> tuple:
    party, prov = key
    p = m.parties[party]
    return (0 if "respondent" in p.roles else 1, p.index, CONCLUDED.index(prov))


def _label(m: Matter, value: Tri, deps: list[tuple], deciders: list[tuple],
           labels: dict) -> str:
    """'depends on' names the facts that each alone settle the result, else the first
    three it turns on, and counts the rest."""
    if value in labels:
        return labels[value]
    if not deps:
        return "depends on facts not yet given"
    shown = deciders[:3] or deps[:3]
    rest = len(deps) - len(shown)
    more = f" (and {rest} other fact{'s' if rest > 1 else ''})" if rest else ""
    return "depends on " + "; ".join(question(m, f) for f in shown) + more


def question(m: Matter, key: tuple) -> str:
    """The unknown fact as a noun phrase: 'who paid for the housing'."""
    section, *rest = key
    name = rest[-1]
    if name == "citizenship":
        return f"the citizenship of {m.name(rest[0])}"
    if section == "activity" and name in ("paid_by", "amount"):
        act = m.activities[rest[0]]
        what = act.description or f"the {act.kind}"
        if name == "amount":
            return f"the cost of {what} per person"
        if act.kind in ("services", "wages"):
            return f"who paid {m.name(act.by)} for {what}"
        return f"who paid for {what}"
    return "whether " + condition(m, key, T)


def condition(m: Matter, key: tuple, v: Any) -> str:
    """The fact with a value, as a clause: 'Labour Party paid for the housing'."""
    section, *rest = key
    name = rest[-1]
    yes = v is T
    if section == "party":
        n = m.name(rest[0])
        if name == "citizenship":
            return f"{n} {'are' if m.parties[rest[0]].kind == 'group' else 'is'} " + (
                "US citizens" if "US" in v else "not US citizens")
        if name == "permanent_resident":
            if m.parties[rest[0]].kind == "group":
                return f"{n} {'are' if yes else 'are not'} US permanent residents"
            return f"{n} {'is' if yes else 'is not'} a US permanent resident"
        return f"{n} {'is' if yes else 'is not'} a foreign principal"
    if section == "activity":
        act = m.activities[rest[0]]
        what = act.description or f"the {act.kind}"
        if name == "paid_by":
            if act.kind in ("services", "wages"):
                if v == "none":
                    return f"no one paid {m.name(act.by)} for {what}"
                return f"{m.name(v)} paid {m.name(act.by)} for {what}"
            if v == "self":
                return f"{m.name(act.by)} paid for {what} themselves"
            return f"{m.name(v)} paid for {what}"
        if name == "amount":
            return f"{what} cost {'at most' if v <= 1000 else 'more than'} $1,000 per person"
        neg = "" if yes else "not "
        return {
            "occurred": f"{what} happened" if yes else f"{what} did not happen",
            "on_leave": f"{m.name(act.by)} {_was(m, act.by)} {neg}on bona fide vacation or "
                        f"earned leave during {what}",
            "time_made_up": f"the time for {what} is {neg}made up later",
            "commission_or_piecework": f"the pay for {what} is {neg}commission or piecework",
            "free": f"{what} was {neg}given free or below the usual charge",
            "election_related": f"the decisions in {what} did {neg}concern election activity",
        }[name]
    who, aid, _ = rest
    act = m.activities[aid]
    what = act.description or f"the {act.kind}"
    neg = "" if yes else "not "
    return {"knew": f"{m.name(who)} knew a foreign national was behind {what}" if yes else
            f"{m.name(who)} did not know a foreign national was behind {what}",
            "pertinent_facts": f"{m.name(who)} was {neg}aware of facts calling for inquiry "
                               f"into {what}",
            "reasonable_inquiry": (f"{m.name(who)} made" if yes else
                                   f"{m.name(who)} did not make") +
                                  f" a reasonable inquiry into {what}"}[name]


def _was(m: Matter, pid: str) -> str:
    return "were" if m.parties[pid].kind == "group" else "was"


def _sentence(m: Matter, o: Outcome, chars_after: dict) -> str:
    parts = []
    for aid, _, after in o.activity_changes:
        act = m.activities[aid]
        what = act.description or f"the {act.kind}"
        if after is T:
            by_foreign = chars_after[aid].foreign is T
            parts.append(f"{what} is an in-kind contribution"
                         + (" by a foreign national" if by_foreign else ""))
        elif after is F:
            parts.append(f"{what} is not a contribution")
        elif after is O:
            parts.append(f"whether {what} is a contribution is an open question")
    for (party, prov), _, after in o.changes:
        label = LABELS.get(after, "still depends on other facts")
        parts.append(f"{PROVISIONS[prov].citation} as to {m.name(party)}: {label}")
    return f"If {o.condition}: " + "; ".join(parts) + "."


__all__ = ["assess", "Assessment", "Conclusion", "Characterisation", "Decisive", "Outcome",
           "LABELS", "question", "condition"]
