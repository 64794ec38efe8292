"""The reasoning: conclusions, labels and decisive unknowns.

An unknown fact is *decisive* for a conclusion when giving it a value changes
that conclusion. They are found by settling each unknown fact a result
read to each value it can take and comparing (:mod:`fecscreen.assess.worlds`
re-evaluates only what read the fact). Facts that matter only together with
another unknown are found through the facts read once another is settled.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from fecscreen.assess.conclusions import CONCLUDED
from fecscreen.assess.logic import F, O, T, Tri, U
from fecscreen.assess.matter import Matter
from fecscreen.assess.provisions import PROVISIONS, Step
from fecscreen.assess.worlds import MAX_WORK, World, worlds

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
        return PROVISIONS[self.provision].citation.text


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


def assess(matter: Matter, limit: int = MAX_WORK) -> Assessment:
    """Assess a matter: conclusions, decisive unknowns, precedents, penalties, caveats."""
    w = worlds(matter, limit)
    chars, rows = w.chars, w.rows
    # settle, one at a time, every unknown fact a result read, also once another was
    # settled
    pos = {k: i for i, k in enumerate(matter.unknown_facts())}  # the matter's order
    flips: dict[tuple, list[World]] = {}
    todo = deque(sorted(w.read & pos.keys(), key=pos.__getitem__))
    queued = set(todo)
    while todo:
        f = todo.popleft()
        flips[f] = [w.settle(f, v) for v in matter.fact_domain(f)]
        for world in flips[f]:
            more = {k for ch in [*world.chars.values(), *world.rows.values()]
                    for k in ch.reads if k not in queued and k in pos}
            queued |= more
            todo += sorted(more, key=pos.__getitem__)
    # a fact a result depends on: settling it alone changes the result, or the rule
    # read it (in the matter as given, or once another unknown was settled)
    base = {**rows, **chars}
    deps: dict[Any, dict[tuple, None]] = {k: {} for k in base}
    for f, ws in flips.items():
        for world in ws:
            for k, ch in [*world.rows.items(), *world.chars.items()]:
                if k in base and ch.value is not base[k].value:
                    deps[k][f] = None
    deciders = {k: list(v) for k, v in deps.items()}
    # an unsettled result also depends on what its rules read once a fact it read, or
    # one that alone changes it, is settled (results not re-evaluated read the same)
    seen = {k: set(res.reads) for k, res in base.items() if res.value in (U, O)}
    for f, ws in flips.items():
        for world in ws:
            for k, ch in [*world.rows.items(), *world.chars.items()]:
                if k in seen and (ch.value in (U, O) and f in deps[k] or f in base[k].reads):
                    seen[k] |= ch.reads
    is_moot = {f: moot(matter, f) for f in flips}
    for k, s in seen.items():
        deps[k].update((f, None) for f in sorted(s & flips.keys(), key=pos.__getitem__)
                       if f not in deps[k] and not is_moot[f])

    # order each result's facts by how much settling them settles overall
    weight = {f: sum(sum(k in rows and ch.value is not rows[k].value
                         for k, ch in world.rows.items()) for world in ws) / len(ws)
              for f, ws in flips.items()}
    path = {f: matter.fact_path(f) for f in flips}
    row_deps = {k: sorted(v, key=lambda f: (-weight[f], path[f])) for k, v in deps.items()}
    for k in deciders:
        deciders[k].sort(key=lambda f: (-weight[f], path[f]))

    conclusions, characterisations = _results(matter, rows, chars, row_deps, deciders)

    order = {k: i for i, k in enumerate([*conclusions, *chars])}
    decisive = []
    for f, ws in flips.items():
        per_value = []
        for world in ws:
            changes = sorted(((k, rows[k].value, ch.value) for k, ch in world.rows.items()
                              if k in rows and ch.value is not rows[k].value),
                             key=lambda c: order[c[0]])
            achanges = sorted(((a, chars[a].value, ch.value) for a, ch in world.chars.items()
                               if ch.value is not chars[a].value), key=lambda c: order[c[0]])
            per_value.append((world, changes, achanges))
        touched = list(dict.fromkeys(k for _, changes, _ in per_value for k, _, _ in changes))
        if not touched:
            continue
        outcomes = []
        for world, changes, achanges in per_value:
            if changes or achanges:
                o = Outcome(value=world.value, condition=condition(matter, f, world.value),
                            changes=changes, activity_changes=achanges)
                o.sentence = _sentence(matter, o, world.chars)
                outcomes.append(o)
        score = sum(len(o.changes) for o in outcomes) / len(ws)
        decisive.append(Decisive(fact=f, path=path[f], question=question(matter, f),
                                 outcomes=outcomes, score=score, rows=touched))
    decisive.sort(key=lambda d: (-d.score, -len(d.rows), d.path))

    return _finish(matter, characterisations, conclusions, decisive)



def _results(matter: Matter, rows: dict, chars: dict, row_deps: dict,
             deciders: dict) -> tuple[dict, dict]:
    """Conclusions (in memo order) and characterisations, each with its label."""
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
    return conclusions, characterisations


def _finish(matter: Matter, characterisations: dict, conclusions: dict,
            decisive: list[Decisive]) -> Assessment:
    from fecscreen.assess.inquiry import inquiries
    from fecscreen.assess.penalty import estimate
    from fecscreen.assess.precedents import nearest

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
