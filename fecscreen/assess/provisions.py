"""The provisions, as code.

Each provision is data (citation, what it says, how sure we are of the text, per
the project's law digest) plus a small function of the matter's facts that
returns a three-valued answer and the steps that led to it, each step citing the
provision it applies. Nothing here decides a case: results are read as
"violation likely", "no violation", "depends on ..." or "open question".

Confidence tags: [V] read in the primary text; [S] from an FEC page or a
reliable secondary report; [U] unverified.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from fecscreen.assess.logic import F, O, T, Tri, U, all_of, any_of, if_then_else
from fecscreen.assess.matter import PAID_KINDS, SUBSISTENCE_KINDS, THING_OF_VALUE_KINDS, Activity, Matter


@dataclass(frozen=True)
class Provision:
    id: str
    citation: str
    says: str
    confidence: str  # V, S or U
    kind: str = "prohibition"  # prohibition | definition | exception | penalty | procedure


PROVISIONS: dict[str, Provision] = {p.id: p for p in [
    Provision("30121a1", "52 U.S.C. 30121(a)(1)",
              "A foreign national may not, directly or indirectly, make a contribution or "
              "donation of money or any other thing of value, or promise one, in connection "
              "with a federal, state or local election, or to a party committee.", "V"),
    Provision("30121a2", "52 U.S.C. 30121(a)(2)",
              "No person may solicit, accept or receive such a contribution or donation from "
              "a foreign national.", "V"),
    Provision("30121b", "52 U.S.C. 30121(b); 22 U.S.C. 611(b)",
              "A foreign national is a foreign principal (a foreign government, a foreign "
              "political party, a company organised abroad) or an individual who is neither a "
              "US citizen or national nor a lawful permanent resident.", "V", "definition"),
    Provision("110.20a4", "11 CFR 110.20(a)(4)",
              "'Knowingly' means actual knowledge; or awareness of facts that would lead a "
              "reasonable person to conclude there is a substantial probability the source is "
              "a foreign national; or awareness of facts that would lead a reasonable person "
              "to inquire, without a reasonable inquiry.", "V", "definition"),
    Provision("110.20a5", "11 CFR 110.20(a)(5)",
              "Pertinent facts include a foreign passport, a foreign address, a check or wire "
              "from a foreign bank, and that the contributor resides abroad.", "V",
              "definition"),
    Provision("110.20a7", "11 CFR 110.20(a)(7)",
              "Copies of a current, valid US passport are a reasonable inquiry, unless the "
              "recipient actually knows otherwise.", "V", "exception"),
    Provision("110.20b", "11 CFR 110.20(b)",
              "A foreign national may not, directly or indirectly, make a contribution or "
              "donation in connection with a federal, state or local election (no knowledge "
              "element).", "V"),
    Provision("110.20g", "11 CFR 110.20(g)",
              "No person may knowingly solicit, accept or receive a contribution or donation "
              "from a foreign national.", "V"),
    Provision("110.20h", "11 CFR 110.20(h)",
              "No person may knowingly provide substantial assistance in the solicitation, "
              "making, acceptance or receipt of a prohibited foreign-national contribution.",
              "V"),
    Provision("110.20i", "11 CFR 110.20(i)",
              "A foreign national may not direct, dictate, control, or directly or indirectly "
              "participate in the decision-making of any person about election-related "
              "activity, including the administration of a political committee.", "V"),
    Provision("100.52", "11 CFR 100.52(a), (d)",
              "Anything of value given to influence a federal election is a contribution; "
              "goods or services given free or below the usual and normal charge are an "
              "in-kind contribution of the difference.", "V", "definition"),
    Provision("100.54", "11 CFR 100.54",
              "When anyone pays a person for services given free to a committee, the payment "
              "is a contribution by the payer, except (a) time made up later, (b) commission "
              "or piecework pay, (c) bona fide vacation or earned leave.", "V", "definition"),
    Provision("100.74", "11 CFR 100.74",
              "The uncompensated services of an individual volunteer are not a contribution.",
              "V", "exception"),
    Provision("100.79", "11 CFR 100.79",
              "A volunteer's own unreimbursed transportation for a candidate is not a "
              "contribution up to $1,000 per election; own-funds subsistence (meals, lodging) "
              "is not a contribution, without a cap.", "V", "exception"),
    Provision("30109", "52 U.S.C. 30109(a)(5)-(6)",
              "Civil penalties: ordinary, up to the greater of a per-violation amount or the "
              "amount involved; knowing and willful, up to the greater of a higher amount or "
              "200% of the amount involved.", "S", "penalty"),
    Provision("111.24", "11 CFR 111.24",
              "The inflation-adjusted per-violation civil-penalty amounts.", "V", "penalty"),
    Provision("111.4", "11 CFR 111.4",
              "A complaint is in writing, gives the complainant's full name and address, is "
              "signed and sworn before a notary, and should identify each respondent, the "
              "source of each piece of information and the facts, attaching documents.", "V",
              "procedure"),
]}

# provisions for which a conclusion is given per party
CONCLUDED = ("30121a1", "110.20b", "30121a2", "110.20g", "110.20h", "110.20i")
TRAVEL_CAP = Decimal(1000)  # 11 CFR 100.79: per election, per traveller


def poss(name: str) -> str:
    """English possessive: "the staff's", "the members'"."""
    return name + ("'" if name.endswith("s") else "'s")


def cite(pid: str) -> str:
    return PROVISIONS[pid].citation


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


class Context:
    """Reads facts from a matter and remembers which unknown ones it read."""

    def __init__(self, matter: Matter):
        self.m = matter
        self.read_unknown: set[tuple] = set()

    def fact(self, key: tuple):
        value = self.m.facts.get(key)
        if value is None or value is U:
            self.read_unknown.add(key)
        return value

    def tri(self, key: tuple) -> Tri:
        value = self.fact(key)
        return U if value is None else value

    def name(self, pid: str) -> str:
        return self.m.parties[pid].name

    # -- who is a foreign national -----------------------------------------
    def foreign(self, pid: str) -> Result:
        party = self.m.parties[pid]
        n = party.name
        if party.kind in ("foreign-government", "foreign-party"):
            what = "a foreign government" if party.kind == "foreign-government" else \
                "a foreign political party"
            return Result(T, [Step(f"{n} is {what}: a foreign principal, so a foreign "
                                   "national.", "30121b")])
        if party.is_person:
            cit = self.fact(("party", pid, "citizenship"))
            if cit is not None and "US" in cit:
                return Result(F, [Step(f"{n}: US citizen(s), so not a foreign national.",
                                       "30121b")])
            lpr = self.tri(("party", pid, "permanent_resident"))
            if lpr is T:
                return Result(F, [Step(f"{n}: US lawful permanent resident(s), so not a "
                                       "foreign national.", "30121b")])
            if cit is None:
                return Result(U, [Step(f"{n}: citizenship unknown; a foreign national unless a "
                                       "US citizen, national or permanent resident.", "30121b")])
            shown = ", ".join(cit)
            if lpr is F:
                return Result(T, [Step(f"{n}: citizen(s) of {shown}, not US permanent "
                                       "resident(s), so foreign national(s).", "30121b")])
            return Result(U, [Step(f"{n}: citizen(s) of {shown}; whether US permanent "
                                   "resident(s) is unknown.", "30121b")])
        fp = self.tri(("party", pid, "foreign_principal"))
        text = {T: f"{n} is organised abroad or has its principal place of business abroad: "
                   "a foreign principal, so a foreign national.",
                F: f"{n} is a US entity, not itself a foreign national.",
                U: f"{n}: whether it is a foreign principal (organised or based abroad) is "
                   "unknown."}[fp]
        return Result(fp, [Step(text, "30121b")])

    # -- who provided a thing of value --------------------------------------
    def possible_sources(self, act: Activity) -> list[str]:
        """Parties who might have provided the thing of value (fixed by structure)."""
        if act.kind in ("money", "goods"):
            return [act.by]
        out = [act.by]
        payer = self.m.fact(("activity", act.id, "paid_by"))  # not recorded as a read
        values = [payer] if payer is not None else self.m.fact_domain(
            ("activity", act.id, "paid_by"))
        for value in values:
            if value not in ("none", "self", act.for_) and value not in out:
                out.append(value)
        return out

    def is_source(self, act: Activity, pid: str) -> Tri:
        if act.kind in ("money", "goods"):
            return T if pid == act.by else F
        payer = self.fact(("activity", act.id, "paid_by"))
        if act.kind in ("services", "wages") and pid == act.by:
            return T  # their services; 100.74/100.54 decide whether that is a contribution
        if payer is None:
            return U
        payer = act.by if payer == "self" else payer
        return T if payer == pid else F

    def contribution(self, act: Activity, source: str | None = None) -> Result:
        """Is this activity a contribution (by ``source``, or by whoever paid)?"""
        occurred = self.tri(("activity", act.id, "occurred"))
        what = act.description or f"the {act.kind}"
        steps: list[Step] = []
        if occurred is not T:
            steps.append(Step(f"Whether {what} happened is "
                              f"{'denied' if occurred is F else 'unknown'}."))
        res = self._contribution(act, source)
        return Result(all_of(occurred, res.value), steps + res.steps)

    def _contribution(self, act: Activity, source: str | None) -> Result:
        by, rec = self.name(act.by), self.name(act.for_)
        what = act.description or f"the {act.kind}"
        if act.kind == "money":
            return Result(T, [Step(f"Money given by {by} to {rec} is a contribution.",
                                   "100.52")])
        if act.kind == "goods":
            free = self.tri(("activity", act.id, "free"))
            text = {T: f"{by} gave {what} free or below the usual charge: an in-kind "
                       "contribution; unlike services, goods are not covered by the volunteer "
                       "exception.",
                    F: f"{rec} paid the usual and normal charge for {what}: not a contribution.",
                    U: f"Whether {what} was given free or below the usual charge is unknown."}
            return Result(free, [Step(text[free], "100.52")])
        payer = self.fact(("activity", act.id, "paid_by"))
        if act.kind in ("services", "wages") and source == act.by:
            return Result(F, [Step(f"{poss(by)} own services are not a contribution by {by}: "
                                   "uncompensated volunteer services are exempt, and if someone "
                                   "paid for the time, the payer is the contributor.",
                                   "100.74")])
        if payer is None:
            if act.kind in ("services", "wages"):
                return Result(U, [Step(f"Whether anyone paid {by} for {what}, and who, is "
                                       "unknown.")])
            return Result(U, [Step(f"Who paid for {what} is unknown.")])
        if source is not None and (act.by if payer == "self" else payer) != source:
            return Result(F, [])
        if payer == "none":
            if act.kind in ("services", "wages"):
                return Result(F, [Step(f"No one paid {by} for {what}: uncompensated services "
                                       "of a volunteer are not a contribution.", "100.74")])
            return Result(F, [Step(f"{what} cost nothing: nothing of value was given.",
                                   "100.52")])
        if payer == act.for_:
            return Result(F, [Step(f"{rec} paid for {what} itself: a committee paying its own "
                                   "costs receives no contribution.", "100.52")])
        if act.kind in ("services", "wages"):
            return self._compensated(act, payer)
        if payer == "self":
            if act.kind in SUBSISTENCE_KINDS:
                return Result(F, [Step(f"{by} paid for {what} from own funds: a volunteer's "
                                       "own subsistence is not a contribution, without a cap.",
                                       "100.79")])
            return self._own_travel(act)
        return Result(T, [Step(f"{self.name(payer)} paid for {what} so that {by} could work "
                               f"for {rec}: a thing of value given free, an in-kind "
                               f"contribution by {self.name(payer)}.", "100.52")])

    def _compensated(self, act: Activity, payer: str) -> Result:
        by, pay = self.name(act.by), self.name(payer)
        steps = [Step(f"{pay} paid {by} for time spent on {self.name(act.for_)}: the payment is "
                      f"a contribution by {pay} unless an exception applies.", "100.54")]
        labels = {"on_leave": "was the time bona fide vacation or earned leave",
                  "time_made_up": "is the time made up later",
                  "commission_or_piecework": "is the pay commission or piecework"}
        values = []
        for name, label in labels.items():
            v = self.tri(("activity", act.id, name))
            values.append(v)
            answer = {T: "yes, so the payment is not a contribution", F: "no",
                      U: "unknown"}[v]
            steps.append(Step(f"Exception: {label}? {answer}.", "100.54"))
        return Result(~any_of(*values), steps)

    def _own_travel(self, act: Activity) -> Result:
        by = self.name(act.by)
        amount = self.fact(("activity", act.id, "amount"))
        foreign = self.foreign(act.by)
        if amount is None:
            over = U
            steps = [Step(f"{by} paid own travel; the cost per traveller for this election is "
                          "unknown (exempt up to $1,000).", "100.79")]
        elif amount <= TRAVEL_CAP:
            return Result(F, [Step(f"{by} paid own travel of ${amount:,.0f}: within the $1,000 "
                                   "per election exemption, not a contribution.", "100.79")])
        else:
            over = T
            steps = [Step(f"{by} paid own travel of ${amount:,.0f}, over the $1,000 per election "
                          "exemption.", "100.79")]
        value = all_of(over, if_then_else(foreign.value, O, T))
        if foreign.value is not F:
            steps.append(Step("Whether a foreign volunteer's self-paid travel over $1,000 is a "
                              "contribution is an open question: the exemption speaks of "
                              "individuals generally and no rule or precedent settles the "
                              "foreign case.", "100.79"))
        return Result(value, steps + foreign.steps)

    def source_is_foreign(self, act: Activity, pid: str) -> Result:
        """Is the source foreign, directly or through foreign decision-makers (110.20(i))?"""
        own = self.foreign(pid)
        values, steps = [own.value], list(own.steps)
        for dm in self.m.activities.values():
            if dm.kind != "decision-making" or dm.for_ != pid or dm.about not in (None, act.id):
                continue
            f = self.foreign(dm.by)
            occurred = self.tri(("activity", dm.id, "occurred"))
            related = self.tri(("activity", dm.id, "election_related"))
            v = all_of(f.value, occurred, related)
            values.append(v)
            if v is not F:
                steps += f.steps + [Step(
                    f"{self.name(dm.by)} took part in {poss(self.name(pid))} decision"
                    f"{' to make this contribution' if dm.about else 's'}"
                    + ("" if v is T else " (not established)")
                    + ": a contribution so decided is made indirectly by a foreign national.",
                    "110.20i")]
        return Result(any_of(*values), steps)

    def knowing(self, who: str, act: Activity) -> Result:
        n = self.name(who)
        what = act.description or f"the {act.kind}"
        if act.kind in ("money", "goods") and act.by == who or \
                act.kind in PAID_KINDS and self.fact(("activity", act.id, "paid_by")) == who:
            return Result(T, [Step(f"{n} itself provided or paid for {what}, so knew its "
                                   "source.", "110.20a4")])
        knew = self.tri(("knowledge", who, act.id, "knew"))
        pert = self.tri(("knowledge", who, act.id, "pertinent_facts"))
        inq = self.tri(("knowledge", who, act.id, "reasonable_inquiry"))
        value = any_of(knew, all_of(pert, ~inq))
        if knew is T:
            text = f"{n} knew that a foreign national was behind {what}."
        elif value is T:
            text = (f"{n} was aware of facts that called for inquiry into {what} and made no "
                    "reasonable inquiry: that counts as knowing.")
        elif value is F:
            text = (f"{n} did not know, and either had no reason to inquire about {what} or made "
                    "a reasonable inquiry.")
        else:
            text = (f"What {n} knew about {what} is not established (actual knowledge; or facts "
                    "calling for inquiry without a reasonable inquiry).")
        return Result(value, [Step(text, "110.20a4")])


# ---------------------------------------------------------------------------
# conclusions per party and provision


def source_rows(ctx: Context) -> dict[str, list[Activity]]:
    out: dict[str, list[Activity]] = {}
    for act in ctx.m.activities.values():
        if act.kind in THING_OF_VALUE_KINDS:
            for pid in ctx.possible_sources(act):
                out.setdefault(pid, []).append(act)
    return out


def making(ctx: Context, pid: str, acts: list[Activity], pid_cite: str) -> Result:
    """30121(a)(1) / 110.20(b): did ``pid`` make a foreign-national contribution?"""
    values, steps = [], []
    for act in acts:
        src = ctx.is_source(act, pid)
        con = ctx.contribution(act, pid)
        fgn = ctx.source_is_foreign(act, pid)
        v = all_of(src, con.value, fgn.value)
        values.append(v)
        what = act.description or act.kind
        if src is U:
            steps.append(Step(f"{what}: whether {ctx.name(pid)} paid is unknown."))
        steps += con.steps + (fgn.steps if con.value is not F else [])
        steps.append(Step(f"{what}: {_verdict(v, 'a contribution by a foreign national')}.",
                          pid_cite))
    return Result(any_of(*values), _dedupe(steps))


def _from_foreign(ctx: Context, act: Activity, steps: list[Step],
                  exclude: str | None = None) -> Tri:
    """Is ``act`` a contribution by a foreign national (other than ``exclude``)?"""
    parts = []
    for src in ctx.possible_sources(act):
        if src == exclude:
            continue
        s = ctx.is_source(act, src)
        con = ctx.contribution(act, src)
        if s is F or con.value is F:
            if s is not F:
                steps += con.steps
            continue
        fgn = ctx.source_is_foreign(act, src)
        parts.append(all_of(s, con.value, fgn.value))
        steps += con.steps + fgn.steps
    return any_of(*parts) if parts else F


def receiving(ctx: Context, pid: str, acts: list[Activity], pid_cite: str) -> Result:
    """30121(a)(2) / 110.20(g): did ``pid`` knowingly accept, receive or solicit?"""
    values, steps = [], []
    for act in acts:
        what = act.description or act.kind
        if act.kind == "solicitation":
            occurred = ctx.tri(("activity", act.id, "occurred"))
            fgn = ctx.foreign(act.to)
            kn = ctx.knowing(pid, act)
            v = all_of(occurred, fgn.value, kn.value)
            steps += fgn.steps + kn.steps
            verdict = _verdict(v, "a knowing solicitation of a foreign national")
            steps.append(Step(f"{what}: {verdict}.", pid_cite))
            values.append(v)
            continue
        tainted = _from_foreign(ctx, act, steps)
        if tainted is F:
            steps.append(Step(f"{what}: no contribution by a foreign national was made."))
        kn = ctx.knowing(pid, act) if tainted is not F else Result(F)
        steps += kn.steps
        v = all_of(tainted, kn.value)
        values.append(v)
        verdict = _verdict(v, "a knowing acceptance of a foreign-national contribution")
        steps.append(Step(f"{what}: {verdict}.", pid_cite))
    return Result(any_of(*values), _dedupe(steps))


def assisting(ctx: Context, pid: str, acts: list[Activity]) -> Result:
    values, steps = [], []
    for act in acts:
        what = act.description or act.kind
        # its own contribution is assessed under 30121(a)(1), not as assistance
        tainted = _from_foreign(ctx, act, steps, exclude=pid)
        if pid in ctx.possible_sources(act):
            steps.append(Step(f"If {ctx.name(pid)} itself paid for {what}, that is its own "
                              "contribution, assessed under 52 U.S.C. 30121(a)(1), not "
                              "assistance to another's.", "110.20h"))
        kn = ctx.knowing(pid, act) if tainted is not F else Result(F)
        steps += kn.steps
        v = all_of(tainted, kn.value)
        values.append(v)
        verdict = _verdict(v, "knowing substantial assistance to a foreign-national "
                              "contribution")
        steps.append(Step(f"{ctx.name(pid)} arranged {what}: {verdict}.", "110.20h"))
    return Result(any_of(*values), _dedupe(steps))


def deciding(ctx: Context, pid: str, acts: list[Activity]) -> Result:
    values, steps = [], []
    fgn = ctx.foreign(pid)
    steps += fgn.steps
    for act in acts:
        occurred = ctx.tri(("activity", act.id, "occurred"))
        related = ctx.tri(("activity", act.id, "election_related"))
        org = poss(ctx.name(act.for_))
        v = all_of(fgn.value, occurred, related)
        values.append(v)
        if occurred is not T:
            steps.append(Step(f"Whether {ctx.name(pid)} took part in {org} decisions is "
                              f"{'denied' if occurred is F else 'unknown'}."))
        if related is not T:
            steps.append(Step(f"Whether those decisions concerned election activity is "
                              f"{'denied' if related is F else 'unknown'}."))
        steps.append(Step(f"Taking part in {org} election decisions: "
                          f"{_verdict(v, 'prohibited participation by a foreign national')}.",
                          "110.20i"))
    return Result(any_of(*values), _dedupe(steps))


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


def evaluate(matter: Matter) -> tuple[dict, dict, set]:
    """All characterisations and conclusions for a matter.

    Returns ``(characterisations, conclusions, unknown_facts_read)`` where
    characterisations map activity id -> Result (is it a contribution?) and
    conclusions map (party id, provision id) -> Result.
    """
    ctx = Context(matter)

    def run(fn, *args) -> Result:
        ctx.read_unknown = set()
        res = fn(*args)
        res.reads = frozenset(ctx.read_unknown)
        return res

    def characterise(act: Activity) -> Result:
        res = ctx.contribution(act)
        res.foreign = any_of(*(
            all_of(ctx.is_source(act, s), ctx.contribution(act, s).value,
                   ctx.source_is_foreign(act, s).value)
            for s in ctx.possible_sources(act)))
        return res

    chars: dict[str, Result] = {}
    for act in matter.activities.values():
        if act.kind in THING_OF_VALUE_KINDS:
            chars[act.id] = run(characterise, act)
    rows: dict[tuple[str, str], Result] = {}
    for pid, acts in source_rows(ctx).items():
        rows[(pid, "30121a1")] = run(making, ctx, pid, acts, "30121a1")
        rows[(pid, "110.20b")] = run(making, ctx, pid, acts, "110.20b")
    received: dict[str, list[Activity]] = {}
    arranged: dict[str, list[Activity]] = {}
    decided: dict[str, list[Activity]] = {}
    for act in matter.activities.values():
        if act.kind in THING_OF_VALUE_KINDS:
            received.setdefault(act.for_, []).append(act)
        if act.kind == "solicitation":
            received.setdefault(act.by, []).append(act)
        if act.kind == "decision-making":
            decided.setdefault(act.by, []).append(act)
        for who in act.arranged_by:
            if act.kind in THING_OF_VALUE_KINDS:
                arranged.setdefault(who, []).append(act)
    for pid, acts in received.items():
        res = run(receiving, ctx, pid, acts, "30121a2")
        res.steps.insert(0, Step("The statute states no knowledge element; the Commission's "
                                 "regulation bars knowing acceptance (11 CFR 110.20(g)), and "
                                 "that standard is applied here.", "30121a2"))
        rows[(pid, "30121a2")] = res
        rows[(pid, "110.20g")] = run(receiving, ctx, pid, acts, "110.20g")
    for pid, acts in arranged.items():
        rows[(pid, "110.20h")] = run(assisting, ctx, pid, acts)
    for pid, acts in decided.items():
        rows[(pid, "110.20i")] = run(deciding, ctx, pid, acts)
    read = set().union(*(r.reads for r in [*chars.values(), *rows.values()]))
    return chars, rows, read


__all__ = ["Provision", "PROVISIONS", "CONCLUDED", "Step", "Result", "Context", "evaluate",
           "cite"]
