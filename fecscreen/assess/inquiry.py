"""The reasonable inquiry that pertinent facts call for (11 CFR 110.20(a)(5), (a)(7)).

A foreign address, a foreign passport, a foreign bank or living abroad is a
*pertinent fact*: not proof that anyone is a foreign national, but a reason for
the recipient to make a reasonable inquiry. The memo names that inquiry wherever
such facts are present, whatever the conclusion.
"""

from __future__ import annotations

from fecscreen.assess.logic import F, T
from fecscreen.assess.matter import Matter

SETTLES = ("a copy of a current, valid US passport settles it as a reasonable inquiry "
           "(11 CFR 110.20(a)(7)), unless the recipient actually knows otherwise")


def inquiries(m: Matter) -> list[dict]:
    """One entry per (recipient, activity) where pertinent facts are given as present."""
    out = []
    for (section, *rest), value in m.facts.items():
        if section != "knowledge" or rest[-1] != "pertinent_facts" or value is not T:
            continue
        who, aid, _ = rest
        act = m.activities[aid]
        what = act.description or f"the {act.kind}"
        made = m.fact(("knowledge", who, aid, "reasonable_inquiry"))
        status = {T: "the matter says a reasonable inquiry was made",
                  F: "the matter says no reasonable inquiry was made"}.get(
            made, "the matter does not show whether a reasonable inquiry was made")
        out.append({
            "who": who, "activity": aid, "citation": "11 CFR 110.20(a)(5), (a)(7)",
            "text": (f"{m.name(who)} was aware of pertinent facts about {what} (such as a "
                     "foreign address, a foreign passport, a foreign bank, or living abroad: "
                     "11 CFR 110.20(a)(5)). These call for a reasonable inquiry into whether "
                     f"the source is a foreign national; {SETTLES}. Here {status}. A US "
                     "citizen is not a foreign national wherever they live (52 U.S.C. "
                     "30121(b)); the inquiry is how the recipient documents it."),
        })
    return out


__all__ = ["inquiries", "SETTLES"]
