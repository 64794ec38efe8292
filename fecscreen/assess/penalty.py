"""Civil-penalty range estimate, from 52 U.S.C. 30109(a)(5)-(6), the dated
11 CFR 111.24 amounts and what similar matters settled for.

It is an estimate of the statutory ceiling and of past settlements, labelled so;
it is not a prediction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

import yaml

from fecscreen.assess.logic import F, O, T


@dataclass(frozen=True)
class Amounts:
    effective: dt.date
    ordinary: Decimal
    knowing_willful: Decimal
    reference: str
    confidence: str
    note: str | None = None


@dataclass
class Estimate:
    party: str
    status: str  # "violation likely" or "if a violation is found"
    provisions: list[str]
    amount_involved: Decimal
    unknown_amounts: list[str]
    ordinary_max: Decimal
    knowing_willful_max: Decimal
    amounts: Amounts
    comparable: list[str]


@lru_cache(maxsize=1)
def _data() -> dict:
    text = resources.files("fecscreen.assess").joinpath("data/penalties.yaml").read_text(
        encoding="utf-8")
    return yaml.safe_load(text)


def amounts_on(day: dt.date | None = None) -> Amounts:
    """The 11 CFR 111.24 amounts in effect on ``day`` (default today); the earliest
    held if ``day`` is before all of them."""
    day = day or dt.date.today()
    rows = sorted(_data()["per_violation"], key=lambda r: r["effective"])
    pick = rows[0]
    for row in rows:
        if row["effective"] <= day:
            pick = row
    return Amounts(effective=pick["effective"], ordinary=Decimal(pick["ordinary"]),
                   knowing_willful=Decimal(pick["knowing_willful"]),
                   reference=pick["reference"], confidence=pick["confidence"],
                   note=pick.get("note"))


def statute() -> dict:
    return _data()["statute"]


def _involves(m, assessment, act, party: str) -> bool:
    """Is ``act`` part of what ``party`` may have done wrong?"""
    if act.kind == "decision-making":
        return False
    if act.kind == "solicitation":
        return act.by == party
    ch = assessment.characterisations.get(act.id)
    if ch is None or ch.value is F:
        return False
    if party == act.for_ or party in act.arranged_by:
        return True
    if act.kind in ("money", "goods"):
        return act.by == party
    payer = m.fact(("activity", act.id, "paid_by"))
    if payer == "self":
        payer = act.by
    return payer in (party, None)


def estimate(assessment, day: dt.date | None = None) -> list[Estimate]:
    """One estimate per party with a conclusion that is, or may become, a violation."""
    m = assessment.matter
    amounts = amounts_on(day)
    law = statute()
    comparable = []
    for match in assessment.precedents:
        p = match.precedent
        for pen in p.penalties:
            pen = dict(pen)
            share = ""
            if p.amount_involved:
                share = (f", {pen['amount'] / p.amount_involved:.0%} of the "
                         f"${p.amount_involved:,.0f} involved")
            comparable.append(f"{pen['who']} paid ${pen['amount']:,.0f}{share} "
                              f"({p.title}; {p.reference})")
    out = []
    by_party: dict[str, list] = {}
    for c in assessment.conclusions.values():
        if c.value in (F, O):
            continue
        by_party.setdefault(c.party, []).append(c)
    for party, rows in by_party.items():
        involved = [act.id for act in m.activities.values() if _involves(m, assessment, act,
                                                                          party)]
        for act in m.activities.values():
            if act.kind == "decision-making" and act.by == party and act.about:
                involved.append(act.about)
        total, unknown = Decimal(0), []
        for aid in dict.fromkeys(involved):
            amt = m.fact(("activity", aid, "amount"))
            if amt is None:
                unknown.append(aid)
            else:
                total += amt
        out.append(Estimate(
            party=party,
            status="violation likely" if any(c.value is T for c in rows)
            else "if a violation is found",
            provisions=[c.citation for c in rows],
            amount_involved=total, unknown_amounts=unknown,
            ordinary_max=max(amounts.ordinary,
                             total * Decimal(str(law["ordinary_share_of_amount"]))),
            knowing_willful_max=max(amounts.knowing_willful,
                                    total * Decimal(str(law["knowing_willful_share_of_amount"]))),
            amounts=amounts, comparable=list(comparable)))
    return out


__all__ = ["Estimate", "Amounts", "estimate", "amounts_on", "statute"]
