"""Interview mode: ask only for facts that can still change a conclusion, the
one that settles most first, re-assessing after every answer."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from fecscreen.assess.logic import F, T
from fecscreen.assess.matter import Matter
from fecscreen.assess.reasoning import Assessment, Decisive, assess, condition

SKIP = "unknown"


def choices(m: Matter, d: Decisive) -> list[tuple[str, Any, str]]:
    """(answer word, fact value, meaning) for each value the fact can take."""
    key = d.fact
    out = []
    for v in m.fact_domain(key):
        if key[-1] == "paid_by":
            word = v
        elif key[-1] == "citizenship":
            word = v[0]
        elif key[-1] == "amount":
            continue
        else:
            word = "yes" if v is T else "no" if v is F else str(v)
        out.append((word, v, condition(m, key, v)))
    return out


def parse_answer(m: Matter, d: Decisive, text: str) -> tuple[bool, Any]:
    """(ok, value) for a typed answer; value None means still unknown."""
    text = text.strip()
    if text.lower() in (SKIP, "skip", "?", ""):
        return True, None
    if d.fact[-1] == "amount":
        try:
            value = Decimal(text.replace("$", "").replace(",", ""))
        except InvalidOperation:
            return False, None
        return (value >= 0), value
    for word, value, _ in choices(m, d):
        if text.lower() == word.lower():
            return True, value
    return False, None


def interview(matter: Matter, ask: Callable[[Decisive, list, Assessment], str],
              say: Callable[[str], None] = lambda s: None, *,
              max_questions: int = 50) -> Matter:
    """Ask for decisive unknowns until none is left (or all were skipped).

    ``ask(decisive, choices, assessment)`` returns the answer text; an answer of
    ``unknown`` leaves the fact unknown and it is not asked again.
    """
    skipped: set[tuple] = set()
    for _ in range(max_questions):
        result = assess(matter)
        pending = [d for d in result.decisive if d.fact not in skipped]
        if not pending:
            break
        d = pending[0]
        opts = choices(matter, d)
        while True:
            ok, value = parse_answer(matter, d, ask(d, opts, result))
            if ok:
                break
            say("Please answer with one of: " + ", ".join(
                [w for w, _, _ in opts] or ["a number of dollars"]) + f" or {SKIP}.")
        if value is None:
            skipped.add(d.fact)
        else:
            matter = matter.with_fact(d.fact, value)
            say(f"Noted: {condition(matter, d.fact, value)}.")
    return matter


__all__ = ["interview", "choices", "parse_answer"]
