"""The matter evaluated share by share, and what settling one unknown fact changes.

A party's conclusion under a provision combines one share per activity
(:mod:`fecscreen.assess.conclusions`), and each share and each activity's
characterisation records the unknown facts it read. A result that did not read a
fact cannot change when that fact is settled, so settling a fact re-evaluates
only the shares and characterisations that read it (and, for a fact about an
activity, the shares that activity gains or loses), then recombines only the
conclusions those shares belong to. Activities and parties that share no unknown
fact are never evaluated together.

The effort is counted in evaluations of a share or a characterisation: one of
each for the matter as given, plus, for each unknown fact, one per value it can
take for each result that read it (facts first read once another is settled add
a little more, not counted). A matter over :data:`MAX_WORK` is refused with a
clear error.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from fecscreen.assess.conclusions import CONCLUDERS, characterise, combine, rows, share
from fecscreen.assess.context import Context
from fecscreen.assess.logic import F, O, T, Tri, U
from fecscreen.assess.matter import THING_OF_VALUE_KINDS, Matter
from fecscreen.assess.provisions import Result
from fecscreen.errors import ConfigError

MAX_WORK = 1_000_000  # evaluations; 64 volunteers (653,000) took 19 s of CPU time

# provisions registered together have one conclusion function: their conclusions
# differ only in the citations of their steps, so one evaluation serves them all
GROUP = {prov: i for i, c in enumerate(CONCLUDERS) for prov in c.provisions}
RowKey = tuple[str, str]
ShareKey = tuple[RowKey, str]  # (conclusion, activity id)


@dataclass
class Change:
    """One re-evaluated result in a world where a fact is settled."""

    value: Tri
    reads: frozenset  # unknown facts read by the re-evaluated shares (not the others)
    foreign: Tri = F  # for an activity: a contribution by a foreign national?


@dataclass
class World:
    """What differs from the matter as given once ``fact`` takes ``value``: only the
    results that were re-evaluated (a conclusion with no share left is false)."""

    fact: tuple
    value: Any
    chars: dict[str, Change]
    rows: dict[RowKey, Change]


def _value(counts: dict[Tri, int]) -> Tri:
    """any_of over shares, from a count of their values."""
    for v in (T, U, O):
        if counts.get(v):
            return v
    return F


class Worlds:
    """The matter as given, evaluated share by share; :meth:`settle` gives a world."""

    def __init__(self, matter: Matter):
        self.matter = matter
        self.ctx = ctx = Context(matter)
        acts = matter.activities
        self.chars = {a.id: characterise(ctx, a) for a in acts.values()
                      if a.kind in THING_OF_VALUE_KINDS}
        self.members = rows(ctx)
        self.shares: dict[ShareKey, Result] = {
            (key, a.id): share(ctx, key, a) for key, acts_ in self.members.items()
            for a in acts_}
        by_row: dict[RowKey, list[Result]] = defaultdict(list)
        for (key, _), res in self.shares.items():
            by_row[key].append(res)
        self.rows = {key: combine(key[1], by_row[key]) for key in self.members}
        self.counts = {key: _count(by_row[key]) for key in self.members}
        self.readers: dict[tuple, list] = defaultdict(list)  # fact -> results that read it
        for aid, res in self.chars.items():
            for f in res.reads:
                self.readers[f].append(aid)
        for sk, res in self.shares.items():
            for f in res.reads:
                self.readers[f].append(sk)
        self.read = set(self.readers)
        # the parties each activity counts for, per concluder
        self.parties = {(i, a.id): c.parties(ctx, a) for i, c in enumerate(CONCLUDERS)
                        for a in acts.values()}

    def work(self) -> int:
        """Evaluations to assess the matter: as given, then each unknown fact read."""
        m = self.matter
        return len(self.chars) + len(self.shares) + sum(
            len(m.fact_domain(f)) * len(r) for f, r in self.readers.items())

    def settle(self, fact: tuple, value: Any) -> World:
        m = self.matter
        ctx = Context(m, base=self.ctx, settled=fact, value=value)
        chars: dict[str, Change] = {}
        redo: list[ShareKey] = []
        for r in self.readers.get(fact, ()):
            if isinstance(r, str):
                res = characterise(ctx, m.activities[r])
                chars[r] = Change(res.value, res.reads, res.foreign)
            else:
                redo.append(r)
        gone: list[ShareKey] = []
        new: list[ShareKey] = []
        if fact[0] == "activity":  # the activity may now count for other parties
            act = m.activities[fact[1]]
            for i, c in enumerate(CONCLUDERS):
                before, after = self.parties[(i, act.id)], c.parties(ctx, act)
                for prov in c.provisions:
                    gone += [((p, prov), act.id) for p in before if p not in after]
                    new += [((p, prov), act.id) for p in after if p not in before]
        dropped = set(gone)
        counts: dict[RowKey, dict[Tri, int]] = {}
        reads: dict[RowKey, set] = defaultdict(set)

        def tally(key: RowKey, value: Tri, step: int) -> None:
            if key not in counts:
                counts[key] = dict(self.counts.get(key, {}))
            counts[key][value] = counts[key].get(value, 0) + step

        for sk in dict.fromkeys(redo + gone):
            tally(sk[0], self.shares[sk].value, -1)
        done: dict[tuple, Result] = {}  # provisions registered together share a value
        for sk in [s for s in redo if s not in dropped] + new:
            (pid, prov), aid = sk
            twin = (GROUP[prov], pid, aid)
            res = done.get(twin)
            if res is None:
                res = done[twin] = share(ctx, sk[0], m.activities[aid])
            tally(sk[0], res.value, 1)
            reads[sk[0]] |= res.reads
        rows_ = {}
        for key, cnt in counts.items():
            left = any(cnt.values())
            rows_[key] = Change(_value(cnt) if left else F, frozenset(reads[key]))
        return World(fact, value, chars, rows_)


def _count(results: list[Result]) -> dict[Tri, int]:
    out: dict[Tri, int] = {}
    for r in results:
        out[r.value] = out.get(r.value, 0) + 1
    return out


def planned_shares(matter: Matter) -> int:
    """The shares and characterisations of the matter as given, counted from its
    structure alone (before any evaluation)."""
    ctx = Context(matter)
    n = 0
    for act in matter.activities.values():
        n += act.kind in THING_OF_VALUE_KINDS
        for c in CONCLUDERS:
            n += len(c.parties(ctx, act)) * len(c.provisions)
    return n


def check_size(matter: Matter, work: int, limit: int = MAX_WORK) -> None:
    """Refuse a matter too large to assess in reasonable time, with a clear error."""
    if work > limit:
        n = len(matter.unknown_facts())
        raise ConfigError(
            f"matter too large to assess: {len(matter.activities)} activities with {n} "
            f"unknown facts (size {work:,} evaluations; the limit is {limit:,})",
            where=matter.source,
            hint="settle some unknown facts (paid_by, citizenship, amount), or split the "
                 "matter into smaller files, e.g. one per group of volunteers")


def worlds(matter: Matter, limit: int = MAX_WORK) -> Worlds:
    """The matter evaluated, once its size is known to be within ``limit``."""
    check_size(matter, planned_shares(matter), limit)
    w = Worlds(matter)
    check_size(matter, w.work(), limit)
    return w


__all__ = ["Worlds", "World", "Change", "worlds", "check_size", "planned_shares", "MAX_WORK"]
