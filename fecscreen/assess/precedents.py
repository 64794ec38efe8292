"""Precedents as data, and the nearest ones to a matter by shared features."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from fecscreen.assess.logic import T
from fecscreen.assess.matter import PAID_KINDS, Matter

FEATURES = {
    "foreign-party-source": "a foreign political party or government as a possible source",
    "foreign-individuals": "foreign individuals taking part",
    "volunteer-services": "individuals giving their services to a campaign",
    "uncompensated-services": "services given without pay",
    "third-party-paid-wages": "someone else paying people for their time on a campaign",
    "third-party-paid-travel": "someone else paying travel or lodging",
    "travel": "travel to do campaign work",
    "lodging": "housing while doing campaign work",
    "payer-unknown": "who paid is not known",
    "recipient-knew": "the recipient knew of the foreign source",
    "goods": "goods given to a campaign",
    "money": "money given",
    "foreign-owned-us-company": "a US company with foreign owners",
    "foreign-decision-making": "foreign nationals taking part in decisions",
    "us-citizens-abroad": "US citizens living abroad",
}


@dataclass(frozen=True)
class Precedent:
    id: str
    title: str
    kind: str
    confidence: str
    source: str
    facts: str
    outcome: str
    features: tuple[str, ...]
    case_number: str | None = None
    case_number_verified: bool = False
    year: int | None = None
    amount_involved: float | None = None
    penalties: tuple = ()
    url: str | None = None
    summary_checked: bool = False
    source_url: str | None = None  # the text the summary comes from (or was checked against)

    @property
    def checked(self) -> str:
        """Whether the summary was checked against an FEC text, as the memo says it."""
        if self.summary_checked:
            return "summary checked against the FEC's text"
        return "summary not checked against the FEC's text [U]"

    @property
    def reference(self) -> str:
        if not self.case_number:
            return "case number not known [U]"
        return self.case_number + ("" if self.case_number_verified else " [U: unverified]")


@dataclass
class Match:
    precedent: Precedent
    score: float
    shared: list[str] = field(default_factory=list)
    differs: list[str] = field(default_factory=list)

    @property
    def why(self) -> str:
        text = "shares " + "; ".join(FEATURES[f] for f in self.shared)
        if self.differs:
            text += ". Differs: " + "; ".join(FEATURES[f] for f in self.differs)
        return text


@lru_cache(maxsize=1)
def load_precedents() -> tuple[Precedent, ...]:
    text = resources.files("fecscreen.assess").joinpath("data/precedents.yaml").read_text(
        encoding="utf-8")
    out = []
    for row in yaml.safe_load(text):
        row = dict(row)
        row["features"] = tuple(row["features"])
        row["penalties"] = tuple(tuple(sorted(p.items())) for p in row.get("penalties") or ())
        out.append(Precedent(**row))
    return tuple(out)


def matter_features(m: Matter) -> set[str]:
    """The features of a matter, comparable with the precedents'."""
    from fecscreen.assess.context import Context

    ctx = Context(m)
    feats: set[str] = set()
    for party in m.parties.values():
        if party.kind in ("foreign-party", "foreign-government"):
            feats.add("foreign-party-source")
        if party.kind in ("individual", "group"):
            cit = m.fact(("party", party.id, "citizenship"))
            if cit and "US" in cit and party.country and party.country != "US":
                feats.add("us-citizens-abroad")
            if ctx.foreign(party.id).value is T or (cit and "US" not in cit):
                feats.add("foreign-individuals")
    for act in m.activities.values():
        payer = m.fact(("activity", act.id, "paid_by"))
        if act.kind in ("services", "wages"):
            feats.add("volunteer-services")
            if payer == "none":
                feats.add("uncompensated-services")
            elif payer not in (None, act.for_):
                feats.add("third-party-paid-wages")
        if act.kind in ("travel", "lodging", "per-diem"):
            feats.add("travel" if act.kind == "travel" else "lodging")
            if payer not in (None, "self", "none", act.for_):
                feats.add("third-party-paid-travel")
        if act.kind in PAID_KINDS and payer is None:
            feats.add("payer-unknown")
        if act.kind in ("goods", "money"):
            feats.add(act.kind)
        if act.kind == "decision-making":
            if ctx.foreign(act.by).value is not T:
                continue
            feats.add("foreign-decision-making")
            org = m.parties[act.for_]
            if org.kind == "company" and ctx.foreign(org.id).value is not T:
                feats.add("foreign-owned-us-company")
    for key, value in m.facts.items():
        if key[0] == "knowledge" and key[-1] == "knew" and value is T:
            feats.add("recipient-knew")
    return feats


def nearest(m: Matter, n: int = 3) -> list[Match]:
    """The ``n`` precedents sharing most features with the matter (Jaccard overlap)."""
    feats = matter_features(m)
    out = []
    for p in load_precedents():
        shared = [f for f in p.features if f in feats]
        if not shared:
            continue
        union = feats | set(p.features)
        out.append(Match(p, len(shared) / len(union), shared,
                         [f for f in p.features if f not in feats]))
    out.sort(key=lambda x: (-x.score, x.precedent.id))
    return out[:n]


__all__ = ["Precedent", "Match", "load_precedents", "nearest", "matter_features", "FEATURES"]
