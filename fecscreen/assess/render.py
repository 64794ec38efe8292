"""Render an assessment as a memo: Markdown, JSON or HTML.

All three come from one plain dict (:func:`to_data`), so they say the same
thing; JSON is that dict.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from fecscreen.assess.logic import Tri
from fecscreen.assess.matter import ACTIVITY_KINDS, PARTY_KINDS, THING_OF_VALUE_KINDS
from fecscreen.assess.penalty import statute
from fecscreen.assess.provisions import PROVISIONS
from fecscreen.assess.reasoning import Assessment, question
from fecscreen.errors import ConfigError

FORMATS = ("md", "json", "html")
NOTICE = ("Estimate for research and compliance review, not legal advice. "
          "Facts as alleged; nothing here is a finding that anyone broke the law.")


def _money(v: Decimal | float | None) -> str:
    return "unknown" if v is None else f"${v:,.0f}"


def _fact_text(v: Any) -> str:
    if v is None:
        return "unknown"
    if isinstance(v, Tri):
        return {"true": "yes", "false": "no"}.get(v.value, v.value)
    if isinstance(v, tuple):
        return ", ".join(v)
    if isinstance(v, Decimal):
        return _money(v)
    return str(v)


def to_data(a: Assessment) -> dict:
    """The assessment as plain, JSON-ready data."""
    m = a.matter

    party_name = m.name

    def payer_text(aid: str) -> str:
        v = m.fact(("activity", aid, "paid_by"))
        if v is None:
            return "unknown"
        if v == "self":
            return f"{party_name(m.activities[aid].by)} (own funds)"
        if v == "none":
            return "no one"
        return party_name(v)

    parties = []
    for p in m.parties.values():
        facts = {}
        for name in ("citizenship", "permanent_resident", "foreign_principal"):
            key = ("party", p.id, name)
            if key in m.facts:
                facts[name] = _fact_text(m.facts[key])
        parties.append({"id": p.id, "name": p.name, "kind": p.kind,
                        "kind_text": PARTY_KINDS[p.kind], "country": p.country,
                        "roles": list(p.roles), "description": p.description,
                        "address": p.address, "facts": facts, "evidence": list(p.evidence)})
    activities = []
    for act in m.activities.values():
        facts = {}
        for key, v in m.facts.items():
            if key[0] == "activity" and key[1] == act.id and key[2] != "paid_by":
                if key[2] == "amount" and act.kind not in THING_OF_VALUE_KINDS:
                    continue
                facts[key[2]] = _fact_text(v)
        row = {"id": act.id, "kind": act.kind, "kind_text": ACTIVITY_KINDS[act.kind],
               "path": f"activities[{act.index}]", "description": act.description or act.kind,
               "by": party_name(act.by), "for": party_name(act.for_),
               "to": party_name(act.to) if act.to else None,
               "about": act.about, "dates": act.dates,
               "arranged_by": [party_name(x) for x in act.arranged_by],
               "facts": facts, "evidence": list(act.evidence)}
        if ("activity", act.id, "paid_by") in m.facts:
            row["paid_by"] = payer_text(act.id)
        ch = a.characterisations.get(act.id)
        if ch is not None:
            row["contribution"] = {
                "value": ch.value.value, "label": ch.label,
                "steps": [_step(s) for s in ch.steps],
                "depends_on": [_fact(m, f) for f in ch.depends_on]}
        activities.append(row)
    knowledge = []
    for (who, aid), idx in sorted(m.knowledge_rows.items(), key=lambda kv: kv[1]):
        knowledge.append({
            "who": party_name(who),
            "about": m.activities[aid].description or aid,
            **{name: _fact_text(m.fact(("knowledge", who, aid, name)))
               for name in ("knew", "pertinent_facts", "reasonable_inquiry")},
            "evidence": list(m.knowledge_evidence.get((who, aid), ()))})
    conclusions = []
    for c in a.conclusions.values():
        p = m.parties[c.party]
        texts = [s.text for s in c.steps]
        same = next((x["citation"] for x in conclusions
                     if x["party"] == c.party and x["label"] == c.label
                     and [s["text"] for s in x["steps"]] == texts), None)
        conclusions.append({
            "same_as": same,
            "party": c.party, "party_name": p.name,
            "respondent": "respondent" in p.roles, "provision": c.provision,
            "citation": c.citation, "value": c.value.value, "label": c.label,
            "depends_on": [_fact(m, f) for f in c.depends_on],
            "steps": [_step(s) for s in c.steps]})
    decisive = [{"path": d.path, "question": d.question, "score": round(d.score, 3),
                 "outcomes": [{"value": _fact_text(o.value), "condition": o.condition,
                               "sentence": o.sentence,
                               "changes": [{"party": k[0], "party_name": party_name(k[0]),
                                            "provision": k[1],
                                            "citation": PROVISIONS[k[1]].citation.text,
                                            "before": b.value, "after": af.value}
                                           for k, b, af in o.changes]}
                              for o in d.outcomes]}
                for d in a.decisive]
    precedents = [{"id": x.precedent.id, "title": x.precedent.title,
                   "reference": x.precedent.reference, "confidence": x.precedent.confidence,
                   "url": x.precedent.url, "summary_checked": x.precedent.summary_checked,
                   "checked": x.precedent.checked,
                   "source": x.precedent.source, "source_url": x.precedent.source_url,
                   "facts": x.precedent.facts,
                   "outcome": x.precedent.outcome, "score": round(x.score, 3),
                   "why": x.why, "shared": x.shared, "differs": x.differs}
                  for x in a.precedents]
    law = statute()
    penalties = [{"party": e.party, "party_name": party_name(e.party), "status": e.status,
                  "provisions": e.provisions,
                  "amount_involved": float(e.amount_involved),
                  "amount_involved_text": _involved_text(m, e),
                  "unknown_amounts": [m.activities[x].description or x
                                      for x in e.unknown_amounts],
                  "ordinary_max": float(e.ordinary_max),
                  "ordinary_max_text": _money(e.ordinary_max),
                  "knowing_willful_max": float(e.knowing_willful_max),
                  "knowing_willful_max_text": _money(e.knowing_willful_max),
                  "per_violation": {"ordinary": _money(e.amounts.ordinary),
                                    "knowing_willful": _money(e.amounts.knowing_willful),
                                    "effective": e.amounts.effective.isoformat(),
                                    "reference": e.amounts.reference,
                                    "confidence": e.amounts.confidence}}
                 for e in a.penalties]
    comparable = list(dict.fromkeys(x for e in a.penalties for x in e.comparable))
    used = {c.provision for c in a.conclusions.values()}
    for c in a.conclusions.values():
        used |= {s.cite for s in c.steps if s.cite}
    for ch in a.characterisations.values():
        used |= {s.cite for s in ch.steps if s.cite}
    if penalties:
        used |= {"30109", "111.24"}
    provisions = [{"id": p.id, "citation": p.citation.text, "says": p.says,
                   "confidence": p.confidence}
                  for p in PROVISIONS.values() if p.id in used]
    evidence = [{"id": e.id, "source": e.source, "date": e.date, "url": e.url,
                 "quote": e.quote, "reliability": e.reliability, "note": e.note}
                for e in m.evidence.values()]
    return {
        "title": m.title, "summary": m.summary, "as_of": m.as_of, "source": m.source,
        "election": m.election, "notice": NOTICE,
        "respondents": [party_name(x) for x in m.respondents()],
        "parties": parties, "activities": activities, "knowledge": knowledge,
        "conclusions": conclusions, "decisive_unknowns": decisive,
        "precedents": precedents, "penalty_estimate": {
            "label": "Estimate, not a prediction",
            "statute": law["reference"], "statute_confidence": law["confidence"],
            "parties": penalties, "comparable": comparable},
        "provisions": provisions, "evidence": evidence, "caveats": list(a.caveats),
        "inquiries": list(a.inquiries),
    }


def _involved_text(m, e) -> str:
    unknown = ", ".join(m.activities[x].description or x for x in e.unknown_amounts)
    if not e.unknown_amounts:
        return _money(e.amount_involved)
    if not e.amount_involved:
        return f"unknown (the amount of {unknown})"
    return f"{_money(e.amount_involved)} plus the unknown amount of {unknown}"


def _step(s) -> dict:
    return {"text": s.text, "citation": PROVISIONS[s.cite].citation.text if s.cite else None}


def _fact(m, key) -> dict:
    return {"path": m.fact_path(key), "question": question(m, key)}


def _env() -> Environment:
    env = Environment(loader=PackageLoader("fecscreen.assess", "templates"),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, autoescape=False)
    env.filters["cap"] = lambda s: s[:1].upper() + s[1:] if s else s
    env.filters["period"] = lambda s: s if str(s).endswith(".") else f"{s}."
    return env


def render(a: Assessment, fmt: str = "md") -> str:
    """The memo as text in ``fmt`` (md, json or html)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}", where="--format",
                          hint=f"use one of: {', '.join(FORMATS)}")
    data = to_data(a)
    if fmt == "json":
        return json.dumps(data, indent=2, default=str) + "\n"
    env = _env()
    if fmt == "html":
        env.autoescape = True
    return env.get_template(f"memo.{fmt}.j2").render(**data)


__all__ = ["render", "to_data", "FORMATS", "NOTICE"]
