"""Conclusions per party and provision, one function per concluded provision.

A conclusion function is registered under the ids of the provisions it
concludes on (:func:`concludes`), with a function naming, for one activity, the
parties it concludes on. It returns one activity's share of a conclusion; a
party's conclusion under a provision combines the shares of all its activities:
any share that is likely makes the conclusion likely, and its steps are the
shares' steps in activity order (each once), opened by the provision's note.
Provisions registered together (a statute and the regulation that restates it)
get the same function, which uses the provision id only to cite it in its
steps, so their shares have the same value and read the same facts.

The parties an activity counts for depend on that activity alone (its kind, its
parties and its own facts), so settling a fact about one activity changes no
other activity's parties.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fecscreen.assess.context import Context
from fecscreen.assess.logic import F, O, T, Tri, U, all_of, any_of
from fecscreen.assess.matter import THING_OF_VALUE_KINDS, Activity, Matter
from fecscreen.assess.provisions import PROVISIONS, Result, Step, poss

Share = Callable[[Context, str, Activity, str], Result]
Parties = Callable[[Context, Activity], list[str]]


@dataclass(frozen=True)
class Concluder:
    provisions: tuple[str, ...]  # provision ids, in the order the memo lists them
    share: Share  # (context, party, activity, provision id) -> that activity's share
    parties: Parties  # (context, activity) -> the parties it counts for


CONCLUDERS: list[Concluder] = []


def concludes(*ids: str, parties: Parties) -> Callable[[Share], Share]:
    """Register a conclusion function for the provisions ``ids``."""
    def register(fn: Share) -> Share:
        missing = [i for i in ids if i not in PROVISIONS]
        if missing:
            raise KeyError(f"no provision {missing} in data/provisions.yaml")
        CONCLUDERS.append(Concluder(ids, fn, parties))
        return fn
    return register


def rows(ctx: Context) -> dict[tuple[str, str], list[Activity]]:
    """(party id, provision id) -> the activities its conclusion combines."""
    out: dict[tuple[str, str], list[Activity]] = {}
    for c in CONCLUDERS:
        by_party: dict[str, list[Activity]] = {}
        for act in ctx.m.activities.values():
            for pid in c.parties(ctx, act):
                by_party.setdefault(pid, []).append(act)
        for pid, acts in by_party.items():
            for prov in c.provisions:
                out[(pid, prov)] = acts
    return out


def share(ctx: Context, key: tuple[str, str], act: Activity) -> Result:
    """One activity's share of a conclusion, with the unknown facts it read."""
    pid, prov = key
    ctx.read_unknown = set()
    res = SHARES[prov](ctx, pid, act, prov)
    res.reads = frozenset(ctx.read_unknown)
    return res


def combine(prov: str, shares: list[Result]) -> Result:
    """A conclusion from its activities' shares."""
    note = PROVISIONS[prov].note
    steps = _dedupe([s for r in shares for s in r.steps])
    return Result(any_of(*(r.value for r in shares)),
                  ([Step(note, prov)] if note else []) + steps,
                  reads=frozenset().union(*(r.reads for r in shares)))


def characterise(ctx: Context, act: Activity) -> Result:
    """Is the activity a contribution, and is it one by a foreign national?"""
    ctx.read_unknown = set()
    con = ctx.contribution(act)
    foreign = any_of(*(
        all_of(ctx.is_source(act, s), ctx.contribution(act, s).value,
               ctx.source_is_foreign(act, s).value)
        for s in ctx.possible_sources(act)))
    return Result(con.value, list(con.steps), foreign, frozenset(ctx.read_unknown))


def evaluate(matter: Matter) -> tuple[dict, dict, set]:
    """All characterisations and conclusions for a matter.

    Returns ``(characterisations, conclusions, unknown_facts_read)`` where
    characterisations map activity id -> Result (is it a contribution?) and
    conclusions map (party id, provision id) -> Result.
    """
    ctx = Context(matter)
    chars = {act.id: characterise(ctx, act) for act in matter.activities.values()
             if act.kind in THING_OF_VALUE_KINDS}
    out = {key: combine(key[1], [share(ctx, key, act) for act in acts])
           for key, acts in rows(ctx).items()}
    read = set().union(*(r.reads for r in [*chars.values(), *out.values()]))
    return chars, out, read


# ---------------------------------------------------------------------------
# who each provision concludes on, for one activity


def sources(ctx: Context, act: Activity) -> list[str]:
    return ctx.possible_sources(act) if act.kind in THING_OF_VALUE_KINDS else []


def recipients(ctx: Context, act: Activity) -> list[str]:
    if act.kind in THING_OF_VALUE_KINDS:
        return [act.for_]
    return [act.by] if act.kind == "solicitation" else []


def arrangers(ctx: Context, act: Activity) -> list[str]:
    return list(act.arranged_by) if act.kind in THING_OF_VALUE_KINDS else []


def participants(ctx: Context, act: Activity) -> list[str]:
    return [act.by] if act.kind == "decision-making" else []


# ---------------------------------------------------------------------------
# the conclusion functions


@concludes("30121a1", "110.20b", parties=sources)
def making(ctx: Context, pid: str, act: Activity, prov: str) -> Result:
    """30121(a)(1) / 110.20(b): did ``pid`` make a foreign-national contribution?"""
    steps = []
    src = ctx.is_source(act, pid)
    con = ctx.contribution(act, pid)
    fgn = ctx.source_is_foreign(act, pid)
    v = all_of(src, con.value, fgn.value)
    what = act.description or act.kind
    if src is U:
        steps.append(Step(f"{what}: whether {ctx.name(pid)} paid is unknown."))
    steps += con.steps + (fgn.steps if con.value is not F else [])
    steps.append(Step(f"{what}: {_verdict(v, 'a contribution by a foreign national')}.", prov))
    return Result(v, steps)


@concludes("30121a2", "110.20g", parties=recipients)
def receiving(ctx: Context, pid: str, act: Activity, prov: str) -> Result:
    """30121(a)(2) / 110.20(g): did ``pid`` knowingly accept, receive or solicit?"""
    steps: list[Step] = []
    what = act.description or act.kind
    if act.kind == "solicitation":
        occurred = ctx.tri(("activity", act.id, "occurred"))
        fgn = ctx.foreign(act.to)
        kn = ctx.knowing(pid, act)
        v = all_of(occurred, fgn.value, kn.value)
        steps += fgn.steps + kn.steps
        verdict = _verdict(v, "a knowing solicitation of a foreign national")
        steps.append(Step(f"{what}: {verdict}.", prov))
        return Result(v, steps)
    ff = ctx.from_foreign(act)
    steps += ff.steps
    tainted = ff.value
    if tainted is F:
        steps.append(Step(f"{what}: no contribution by a foreign national was made."))
    return _knowingly(ctx, pid, act, tainted, steps, f"{what}: ",
                      "a knowing acceptance of a foreign-national contribution", prov)


def _knowingly(ctx: Context, pid: str, act: Activity, tainted: Tri, steps: list[Step],
               lead: str, what: str, prov: str) -> Result:
    """A foreign-national contribution ``tainted`` and ``pid`` knew of it."""
    kn = ctx.knowing(pid, act) if tainted is not F else Result(F)
    steps += kn.steps
    v = all_of(tainted, kn.value)
    steps.append(Step(f"{lead}{_verdict(v, what)}.", prov))
    return Result(v, steps)


@concludes("110.20h", parties=arrangers)
def assisting(ctx: Context, pid: str, act: Activity, prov: str) -> Result:
    steps: list[Step] = []
    what = act.description or act.kind
    # its own contribution is assessed under 30121(a)(1), not as assistance
    ff = ctx.from_foreign(act, pid)
    steps += ff.steps
    tainted = ff.value
    if pid in ctx.possible_sources(act):
        steps.append(Step(f"If {ctx.name(pid)} itself paid for {what}, that is its own "
                          "contribution, assessed under 52 U.S.C. 30121(a)(1), not "
                          "assistance to another's.", prov))
    return _knowingly(ctx, pid, act, tainted, steps, f"{ctx.name(pid)} arranged {what}: ",
                      "knowing substantial assistance to a foreign-national contribution", prov)


@concludes("110.20i", parties=participants)
def deciding(ctx: Context, pid: str, act: Activity, prov: str) -> Result:
    fgn = ctx.foreign(pid)
    steps = list(fgn.steps)
    occurred = ctx.tri(("activity", act.id, "occurred"))
    related = ctx.tri(("activity", act.id, "election_related"))
    org = poss(ctx.name(act.for_))
    v = all_of(fgn.value, occurred, related)
    if occurred is not T:
        steps.append(Step(f"Whether {ctx.name(pid)} took part in {org} decisions is "
                          f"{'denied' if occurred is F else 'unknown'}."))
    if related is not T:
        steps.append(Step(f"Whether those decisions concerned election activity is "
                          f"{'denied' if related is F else 'unknown'}."))
    steps.append(Step(f"Taking part in {org} election decisions: "
                      f"{_verdict(v, 'prohibited participation by a foreign national')}.",
                      prov))
    return Result(v, steps)


def _verdict(v: Tri, what: str) -> str:
    return {T: what, F: f"not {what}", U: f"not known whether {what}",
            O: f"an open question whether {what}"}[v]


def _dedupe(steps: list[Step]) -> list[Step]:
    seen, out = set(), []
    for s in steps:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


SHARES: dict[str, Share] = {p: c.share for c in CONCLUDERS for p in c.provisions}
CONCLUDED: tuple[str, ...] = tuple(SHARES)  # provisions with a conclusion per party


__all__ = ["concludes", "CONCLUDERS", "CONCLUDED", "rows", "share", "combine",
           "characterise", "evaluate"]
