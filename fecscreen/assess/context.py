"""What the definitions and exceptions make of a matter's facts.

A :class:`Context` reads facts from a matter, remembers which unknown ones it
read, and answers the questions every conclusion asks: who is a foreign
national (52 U.S.C. 30121(b)), who provided a thing of value, whether it is a
contribution (11 CFR 100.52, 100.54, 100.74, 100.79), whether its source is
foreign through decision-making (11 CFR 110.20(i)), and what a recipient knew
(11 CFR 110.20(a)(4)). Each answer is three-valued, with the steps that led to
it, each step citing the provision it applies.
"""

from __future__ import annotations

import functools

from fecscreen.assess.logic import F, O, T, Tri, U, all_of, any_of, if_then_else
from fecscreen.assess.matter import PAID_KINDS, SUBSISTENCE_KINDS, Activity, Matter
from fecscreen.assess.provisions import TRAVEL_CAP, Result, Step, poss


def _remembered(method):
    """Answer each question once per context: the answer, and the unknown facts read to
    reach it (added to what the caller read, as if asked again). A context for the
    matter with one unknown fact settled reuses the answers of the matter as given that
    did not read that fact. A remembered method reads facts only through :meth:`fact`."""
    name = method.__name__

    @functools.wraps(method)
    def ask(self: Context, a, b=None):
        key = (name, a.id if a.__class__ is Activity else a,
               b.id if b.__class__ is Activity else b)
        hit = self._answers.get(key)
        if hit is None and self._base is not None:
            hit = self._base._answers.get(key)
            if hit is not None and self._settled in hit[1]:
                hit = None
        if hit is None:
            outer, self.read_unknown = self.read_unknown, set()
            res = method(self, a) if b is None else method(self, a, b)
            hit = self._answers[key] = (res, frozenset(self.read_unknown))
            self.read_unknown = outer
        if hit[1]:
            self.read_unknown |= hit[1]
        return hit[0]
    return ask


class Context:
    """Reads facts from a matter and remembers which unknown ones it read."""

    def __init__(self, matter: Matter, base: Context | None = None,
                 settled: tuple | None = None, value=None):
        """``base``, ``settled``, ``value``: the context of ``matter`` with its unknown
        fact ``settled`` given ``value``, and the context of the matter as given."""
        self.m = matter
        self.read_unknown: set[tuple] = set()
        self._answers: dict[tuple, tuple[Result, frozenset]] = {}
        self._base, self._settled, self._value = base, settled, value
        self._facts = matter.facts

    def _raw(self, key: tuple):
        return self._value if key == self._settled else self._facts.get(key)

    def fact(self, key: tuple):
        value = self._value if key == self._settled else self._facts.get(key)
        if value is None or value is U:
            self.read_unknown.add(key)
        return value

    def tri(self, key: tuple) -> Tri:
        value = self.fact(key)
        return U if value is None else value

    def name(self, pid: str) -> str:
        return self.m.parties[pid].name

    # -- who is a foreign national -----------------------------------------
    @_remembered
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
        payer = self._raw(("activity", act.id, "paid_by"))  # not recorded as a read
        values = [payer] if payer is not None else self.m.fact_domain(
            ("activity", act.id, "paid_by"))
        skip = {"none", "self", act.for_, act.by}
        return out + list(dict.fromkeys(v for v in values if v not in skip))

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

    @_remembered
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

    @_remembered
    def source_is_foreign(self, act: Activity, pid: str) -> Result:
        """Is the source foreign, directly or through foreign decision-makers (110.20(i))?"""
        own = self.foreign(pid)
        values, steps = [own.value], list(own.steps)
        for dm in self.m.decisions.get(pid, ()):
            if dm.about not in (None, act.id):
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

    @_remembered
    def from_foreign(self, act: Activity, exclude: str | None = None) -> Result:
        """Is ``act`` a contribution by a foreign national (other than ``exclude``)?"""
        parts, steps = [], []
        for src in self.possible_sources(act):
            if src == exclude:
                continue
            s = self.is_source(act, src)
            con = self.contribution(act, src)
            if s is F or con.value is F:
                if s is not F:
                    steps += con.steps
                continue
            fgn = self.source_is_foreign(act, src)
            parts.append(all_of(s, con.value, fgn.value))
            steps += con.steps + fgn.steps
        return Result(any_of(*parts) if parts else F, steps)

    @_remembered
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



__all__ = ["Context"]
