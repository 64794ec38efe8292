"""The engine gives exactly what it gave when it evaluated the whole matter again for
every settled fact: the reference below is that engine, kept to compare against, on
every example, every matter of the other assessment tests, and variants of them with
facts made unknown."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import test_assess_depends
import test_assess_inquiry
import test_assess_provisions
import test_assess_size

from fecscreen.assess import load_matter, parse_matter, render
from fecscreen.assess.conclusions import evaluate
from fecscreen.assess.logic import F, O, U
from fecscreen.assess.provisions import Result
from fecscreen.assess.reasoning import (
    Decisive,
    Outcome,
    _finish,
    _results,
    _sentence,
    assess,
    condition,
    moot,
    question,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
_NONE = Result(F)


class _Evaluator:
    def __init__(self, matter):
        self.matter = matter
        self.cache: dict[frozenset, tuple] = {}

    def __call__(self, assignment: dict[tuple, Any]) -> tuple[dict, dict, set]:
        key = frozenset((k, tuple(v) if isinstance(v, list) else v)
                        for k, v in assignment.items())
        if key not in self.cache:
            m = self.matter
            for k, v in assignment.items():
                m = m.with_fact(k, v)
            self.cache[key] = evaluate(m)
        return self.cache[key]


def reference(matter):
    """The engine as it was: evaluates the whole matter again for every settled fact."""
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

    conclusions, characterisations = _results(matter, rows, chars, row_deps, deciders)

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

    return _finish(matter, characterisations, conclusions, decisive)



def _matters() -> dict[str, Any]:
    out = {p.stem: load_matter(p) for p in sorted(EXAMPLES.glob("*.yaml"))}
    prov = test_assess_provisions
    for case in prov.CASES:
        out[f"case {case[0]}"] = parse_matter(
            {"version": 1, "title": "case", "parties": prov.PARTIES,
             "activities": list(case[1]), "knowledge": list(case[2])})
    out["depends"] = parse_matter(test_assess_depends.MATTER)
    out["inquiry"] = parse_matter(test_assess_inquiry.BASE)
    out["size"] = parse_matter(test_assess_size.volunteers(4))
    return out


MATTERS = _matters()


def _variants(n: int, seed: int = 15):
    """Matters with a random part of their known facts made unknown."""
    rng = random.Random(seed)
    names = sorted(MATTERS)
    for i in range(n):
        name = rng.choice(names)
        m = MATTERS[name]
        known = [k for k, v in m.facts.items() if v is not None and v is not U]
        for k in rng.sample(known, min(len(known), rng.randint(1, 4))):
            m = m.with_fact(k, None)
        yield f"{name} #{i}", m


def _same(m) -> None:
    new, old = assess(m), reference(m)
    for fmt in ("json", "md"):
        assert render(new, fmt) == render(old, fmt)


@pytest.mark.parametrize("name", sorted(MATTERS))
def test_same_memo_as_the_reference(name):
    _same(MATTERS[name])


def test_same_memo_on_variants_with_facts_made_unknown():
    for name, m in _variants(40):
        try:
            _same(m)
        except AssertionError:
            pytest.fail(f"memos differ on {name}")


def test_reference_covers_decisive_unknowns():
    # the comparison means something: the matters have decisive unknowns to order
    assert sum(len(reference(m).decisive) for m in MATTERS.values()) >= 30
    assert sum(len(reference(m).decisive) for _, m in _variants(40)) >= 50
