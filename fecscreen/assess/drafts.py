"""Drafts from an assessment: a complaint skeleton (11 CFR 111.4) and a
respondent's outline. Both are Markdown with [PLACEHOLDERS] for what only a
person can supply; neither is legal advice.
"""

from __future__ import annotations

from fecscreen.assess.logic import F, O, T
from fecscreen.assess.provisions import PROVISIONS
from fecscreen.assess.reasoning import Assessment
from fecscreen.errors import ConfigError

KINDS = ("complaint", "response")
_EXHIBITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def draft(a: Assessment, kind: str, *, respondent: str | None = None) -> str:
    """A ``complaint`` skeleton or a ``response`` outline, as Markdown."""
    if kind == "complaint":
        return complaint(a)
    if kind == "response":
        return response(a, respondent)
    raise ConfigError(f"unknown draft {kind!r}", where="--draft",
                      hint=f"use one of: {', '.join(KINDS)}")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _exhibit(a: Assessment) -> dict[str, str]:
    return {eid: f"Exhibit {_EXHIBITS[i % 26]}{'' if i < 26 else i // 26}"
            for i, eid in enumerate(a.matter.evidence)}


def _sources(a: Assessment, ids) -> str:
    ex = _exhibit(a)
    m = a.matter
    parts = []
    for eid in ids:
        e = m.evidence[eid]
        parts.append(f"{e.source}{', ' + e.date if e.date else ''} ({ex[eid]}; reliability "
                     f"{e.reliability})")
    return "; ".join(parts) if parts else ("[SOURCE: state how the complainant knows this; if "
                                           "not from personal knowledge, identify the source]")


def _fact_lines(a: Assessment) -> list[str]:
    m = a.matter
    lines = []
    for act in m.activities.values():
        if m.fact(("activity", act.id, "occurred")) is not T:
            continue  # not alleged as having happened
        what = act.description or act.kind
        plural = m.parties[act.by].kind == "group"
        verb = {"services": ("gave services", "gave services"),
                "wages": ("was paid for time", "were paid for time"),
                "travel": ("travelled", "travelled"),
                "lodging": ("was housed", "were housed"),
                "per-diem": ("received meals or allowances", "received meals or allowances"),
                "goods": ("gave goods", "gave goods"), "money": ("gave money", "gave money"),
                "solicitation": (f"asked {m.name(act.to) if act.to else ''} for a contribution",
                                 f"asked {m.name(act.to) if act.to else ''} for a contribution"),
                "decision-making": ("took part in decisions", "took part in decisions"),
                }[act.kind][plural]
        text = f"{_cap(what)}: {m.name(act.by)} {verb}"
        text += (f" of {m.name(act.for_)}" if act.kind == "decision-making"
                 else f" for {m.name(act.for_)}")
        if act.dates:
            text += f" ({act.dates})"
        payer = m.fact(("activity", act.id, "paid_by"))
        if ("activity", act.id, "paid_by") in m.facts:
            if payer is None:
                text += ". Who paid is not known to the complainant [STATE ANY BASIS FOR BELIEF]"
            elif payer == "none":
                text += ". No one paid for it"
            elif payer == "self":
                text += f". {m.name(act.by)} paid"
            else:
                text += f". {m.name(payer)} paid"
        amount = m.fact(("activity", act.id, "amount"))
        if amount is not None:
            text += f"; amount ${amount:,.0f}"
        lines.append(f"{text}. Source: {_sources(a, act.evidence)}.")
    for (who, aid), ev in m.knowledge_evidence.items():
        knew = m.fact(("knowledge", who, aid, "knew"))
        if knew is T:
            what = m.activities[aid].description or aid
            lines.append(f"{m.name(who)} knew that a foreign national was behind {what}. "
                         f"Source: {_sources(a, ev)}.")
    return lines


def complaint(a: Assessment) -> str:
    m = a.matter
    comp = [m.parties[p] for p in m.complainants()]
    respondents = m.respondents() or sorted({c.party for c in a.conclusions.values()
                                             if c.value is not F})
    out = [f"# Complaint to the Federal Election Commission: {m.title}", "",
           "> DRAFT SKELETON shaped by 11 CFR 111.4. Not legal advice. Every statement must "
           "be checked by the complainant, who swears to it. Text in [BRACKETS] is for the "
           "complainant to supply.", "",
           "To: Federal Election Commission, Office of General Counsel [CHECK THE CURRENT "
           "ADDRESS ON THE COMMISSION'S WEBSITE]", "",
           "## 1. Complainant", "",
           "11 CFR 111.4 requires the complainant's full name and address.", ""]
    if comp:
        for p in comp:
            out.append(f"- Name: {p.name}")
            out.append(f"- Address: {p.address or '[FULL STREET ADDRESS]'}")
    else:
        out += ["- Name: [COMPLAINANT'S FULL NAME]", "- Address: [FULL STREET ADDRESS]"]
    out += ["- Telephone: [OPTIONAL]", "", "## 2. Respondents", "",
            "11 CFR 111.4: the complaint should clearly identify each respondent.", ""]
    for i, pid in enumerate(respondents, 1):
        p = m.parties[pid]
        out.append(f"{i}. {p.name}, {p.address or '[ADDRESS]'}")
    out += ["", "## 3. Facts", "",
            "11 CFR 111.4: state the facts, and for each statement not based on personal "
            "knowledge identify the source of the information.", ""]
    out += [f"{i}. {line}" for i, line in enumerate(_fact_lines(a), 1)]
    out += ["", "## 4. Provisions the facts may violate", "",
            "From the assessment of these facts (facts as alleged; conclusions are not "
            "findings):", ""]
    n = 0
    for c in a.conclusions.values():
        if c.value is F or c.party not in respondents:
            continue
        n += 1
        out.append(f"{n}. {c.citation} as to {m.name(c.party)}: {c.label}. "
                   f"{PROVISIONS[c.provision].says}")
    if not n:
        out.append("None: on these facts no provision appears to be violated. Reconsider "
                   "whether to file.")
    out += ["", "## 5. Documents attached", "",
            "11 CFR 111.4: attach documents supporting the facts, where available.", ""]
    ex = _exhibit(a)
    for eid, e in m.evidence.items():
        out.append(f"- {ex[eid]}: {e.source}{', ' + e.date if e.date else ''}"
                   f"{', ' + e.url if e.url else ''}")
    if not m.evidence:
        out.append("- [LIST EXHIBITS]")
    out += ["", "## 6. Signature and sworn verification", "",
            "11 CFR 111.4: the complaint must be signed and sworn to before a notary public.",
            "",
            "I swear that the statements in this complaint are true to the best of my "
            "knowledge, information and belief. [CHECK THE WORDING REQUIRED]", "",
            "Signature: [COMPLAINANT'S SIGNATURE]  Date: [DATE]", "",
            "Subscribed and sworn to before me this [DAY] day of [MONTH], [YEAR].", "",
            "[NOTARY PUBLIC'S SIGNATURE AND SEAL]  My commission expires: [DATE]", "",
            "## Caveats", ""]
    out += [f"- {c}" for c in a.caveats]
    return "\n".join(out) + "\n"


def response(a: Assessment, respondent: str | None = None) -> str:
    m = a.matter
    if respondent is not None and respondent not in m.parties:
        raise ConfigError(f"no party with id {respondent!r}", where="--respondent",
                          hint=f"use one of: {', '.join(m.parties)}")
    targets = [respondent] if respondent else (m.respondents() or list(m.parties))
    out = [f"# Respondent's outline: {m.title}", "",
           "> DRAFT OUTLINE. Not legal advice. A respondent has 15 days from the "
           "Commission's notice to respond (11 CFR Part 111); counsel should review.", ""]
    for pid in targets:
        rows = [c for c in a.conclusions.values() if c.party == pid]
        if not rows:
            continue
        name = m.name(pid)
        out += [f"## {_cap(name)}", "", "### Where the assessment stands", ""]
        out += [f"- {c.citation}: {c.label}" for c in rows]
        keys = {c.key for c in rows}
        out += ["", "### Facts that would answer the allegation", "",
                "Facts not yet established that would settle a conclusion in the "
                "respondent's favour; gather documents (invoices, payroll and leave records, "
                "correspondence) for each:", ""]
        found = False
        for d in a.decisive:
            for o in d.outcomes:
                good = [k for k, before, after in o.changes if k in keys and after is F]
                if good:
                    found = True
                    cites = ", ".join(PROVISIONS[k[1]].citation.text for k in good)
                    out.append(f"- Show that {o.condition} (settles {cites}). Field: "
                               f"`{d.path}`.")
        if not found:
            from fecscreen.assess.reasoning import question
            deps = list(dict.fromkeys(f for c in rows for f in c.depends_on))
            if deps:
                out.append("- No single unknown fact settles a conclusion for this "
                           "respondent; they turn on these together:")
                out += [f"  - {question(m, f)} (`{m.fact_path(f)}`)" for f in deps]
            else:
                out.append("- No unknown fact would change a conclusion for this respondent.")
        out += ["", "### Facts alleged against the respondent to test", ""]
        tested = False
        for c in rows:
            if c.value is not T:
                continue
            for act in m.activities.values():
                if act.evidence and (pid in (act.by, act.for_, *act.arranged_by) or
                                     m.fact(("activity", act.id, "paid_by")) == pid):
                    ev = ", ".join(f"{m.evidence[e].source} (reliability "
                                   f"{m.evidence[e].reliability})" for e in act.evidence)
                    line = f"- {_cap(act.description or act.kind)}: rests on {ev}."
                    if line not in out:
                        out.append(line)
                        tested = True
        if not tested:
            out.append("- No conclusion against this respondent is settled on the alleged "
                       "facts.")
        out += ["", "### Legal points", ""]
        out += _legal_points(a, pid, rows)
        out.append("")
    out += ["## Caveats", ""] + [f"- {c}" for c in a.caveats]
    return "\n".join(out) + "\n"


def _legal_points(a: Assessment, pid: str, rows) -> list[str]:
    m = a.matter
    kinds = {act.kind for act in m.activities.values()
             if pid in (act.by, act.for_, *act.arranged_by)
             or m.fact(("activity", act.id, "paid_by")) in (pid, None)}
    provs = {c.provision for c in rows}
    points = []
    if kinds & {"services", "wages"}:
        points.append("- Uncompensated services of a volunteer, a foreign national included, "
                      "are not a contribution (11 CFR 100.74).")
        points.append("- Pay for time given to a campaign is not a contribution if the time "
                      "was bona fide vacation or earned leave, is made up later, or is paid "
                      "by commission or piecework (11 CFR 100.54).")
    if kinds & {"travel", "lodging", "per-diem"}:
        points.append("- A volunteer's own unreimbursed travel is exempt up to $1,000 per "
                      "election and own-funds subsistence without a cap (11 CFR 100.79); "
                      "whether this covers a foreign volunteer's travel over $1,000 is an "
                      "open question.")
    if provs & {"30121a2", "110.20g", "110.20h"}:
        points.append("- Acceptance, solicitation and assistance are barred only when "
                      "knowing (11 CFR 110.20(a)(4), (g), (h)); copies of a current, valid US "
                      "passport are a reasonable inquiry (11 CFR 110.20(a)(7)).")
    if "110.20i" in provs:
        points.append("- 11 CFR 110.20(i) reaches participation in decisions about "
                      "election-related activity; show the decisions were not of that kind, "
                      "or that no foreign national took part.")
    if any(c.value is O for c in rows):
        points.append("- Where a conclusion is an open question, the law is unsettled; say so "
                      "and argue from the text and the advisory opinions.")
    return points or ["- [POINTS OF LAW FOR COUNSEL]"]


__all__ = ["draft", "complaint", "response", "KINDS"]
