"""The provisions, as dated data, and the types every step of reasoning uses.

Each provision (citation, kind, and what it says over time, each text with its
reference and how sure we are of it, per the project's law digest) is read
from ``data/provisions.yaml``. The small functions that apply them to a
matter's facts live in :mod:`fecscreen.assess.context` (what the definitions and
exceptions make of a fact) and :mod:`fecscreen.assess.conclusions` (one
conclusion function per concluded provision, registered by its id). Nothing
here decides a case: results are read as "violation likely", "no violation",
"depends on ..." or "open question".

Confidence tags: [V] read in the primary text; [S] from an FEC page or a
reliable secondary report; [U] unverified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources

import yaml

from fecscreen.assess.logic import F, Tri
from fecscreen.law.citations import Citation


@dataclass(frozen=True)
class Text:
    """What a provision says from a day on, and where that text was read."""

    says: str
    since: dt.date | None  # None: the day it took effect is not held here
    read: str | None
    reference: str
    confidence: str  # V, S or U


@dataclass(frozen=True)
class Provision:
    id: str
    citation: Citation  # its confidence is that of the latest text held
    kind: str  # prohibition | definition | exception | penalty | procedure
    texts: tuple[Text, ...]
    note: str | None = None  # a step opening every conclusion under it

    def on(self, day: dt.date | None = None) -> Text:
        """The text in force on ``day`` (default: the latest held)."""
        held = [t for t in self.texts if day is None or t.since is None or t.since <= day]
        return max(held, key=lambda t: t.since or dt.date.min)

    @property
    def says(self) -> str:
        return self.on().says

    @property
    def confidence(self) -> str:
        return self.on().confidence


def load_provisions() -> dict[str, Provision]:
    text = resources.files("fecscreen.assess").joinpath("data/provisions.yaml").read_text(
        encoding="utf-8")
    out = {}
    for row in yaml.safe_load(text):
        texts = tuple(Text(says=t["says"], since=t["from"], read=t["read"],
                           reference=t["reference"], confidence=t["confidence"])
                      for t in row["text"])
        latest = max(texts, key=lambda t: t.since or dt.date.min)
        out[row["id"]] = Provision(id=row["id"], citation=Citation(row["citation"], latest.confidence),
                                   kind=row["kind"], note=row.get("note"), texts=texts)
    return out


PROVISIONS: dict[str, Provision] = load_provisions()
TRAVEL_CAP = Decimal(1000)  # 11 CFR 100.79: per election, per traveller


def poss(name: str) -> str:
    """English possessive: "the staff's", "the members'"."""
    return name + ("'" if name.endswith("s") else "'s")


def cite(pid: str) -> str:
    """The citation of provision ``pid``, as written."""
    return PROVISIONS[pid].citation.text


@dataclass(frozen=True)
class Step:
    text: str
    cite: str | None = None  # provision id

    def render(self) -> str:
        return f"{self.text} [{cite(self.cite)}]" if self.cite else self.text


@dataclass
class Result:
    value: Tri
    steps: list[Step] = field(default_factory=list)
    foreign: Tri = F  # for an activity: is it a contribution by a foreign national?
    reads: frozenset = frozenset()  # unknown facts read to reach this result


__all__ = ["Provision", "Text", "PROVISIONS", "Step", "Result", "cite", "poss", "TRAVEL_CAP"]
