"""The planted cases about committees and their reports: reporting errors, committee
and party limits, 48-hour notices; mixed into the builder as
:mod:`fecscreen.synth.donor_cases` is."""

from __future__ import annotations

import datetime as dt

from fecscreen.synth.sample import (
    COUNTY_PARTY,
    CYCLE,
    HOUSE,
    OTHER_PARTY,
    PAC,
    PARTY,
    PRES,
    SENATE,
    STATE_PARTY,
    dec,
)


class CommitteeCases:
    """The committee cases, mixed into the builder (``self`` is a :class:`~fecscreen.synth.builder.Builder`)."""

    def reporting(self) -> None:
        rp = "reporting"
        why = ("itemised receipt over $200 aggregate without employer/occupation and no "
               "best-efforts statement (11 CFR 104.3(a)(4); 104.7(b))")
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2023, 5, 23), 250, employer="", occupation="",
                  label=(rp, why))
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2024, 2, 2), 150, variation=0)
        self.gift(HOUSE, p, dt.date(2024, 3, 2), 100, variation=0, employer="",
                  occupation="", label=(rp, why + "; aggregate reaches $250"))
        p = self.people.person()
        self.gift(SENATE, p, dt.date(2024, 8, 8), 500, employer="", occupation="",
                  label=(rp, why))
        p = self.people.person()
        r = self.gift(PAC, p, dt.date(2024, 6, 11), 400, employer="", occupation="",
                      label=(rp, why + "; added by the amended report"))
        r.amendment_only = True
        p = self.people.person()     # under $200 aggregate: no employer needed
        self.gift(HOUSE, p, dt.date(2024, 6, 1), 120, employer="", occupation="")


    def committee_limits(self) -> None:
        """Committees giving candidates: over the limit of a multicandidate PAC, of another
        candidate's committee, and of a PAC whose status the master does not give; and
        look-alikes within every limit they could have."""
        ex = "excessive"
        why = "committee contributions over the per-election limit for its kind [EX003]"
        self.org_gift(HOUSE, PAC.name, dt.date(2024, 6, 3), 4000, entity="PAC", other_id=PAC.cmte_id)
        self.org_gift(HOUSE, PAC.name, dt.date(2024, 7, 8), 2000, entity="PAC", other_id=PAC.cmte_id,
                      label=(ex, "multicandidate PAC: $6,000 for the general, $5,000 allowed; " + why))
        self.org_gift(HOUSE, SENATE.name, dt.date(2024, 5, 14), 2500, entity="CCM",
                      other_id=SENATE.cmte_id,
                      label=(ex, "another candidate's committee: $2,500, $2,000 allowed; " + why))
        self.org_gift(HOUSE, "FRIENDS OF THE RIVER PAC", dt.date(2024, 6, 20), 4000, entity="PAC",
                      other_id="C99000077",
                      label=(ex, "PAC not in the master: $4,000, over $3,300 unless multicandidate; "
                                 + why))
        # within every limit the giver could have
        self.org_gift(PRES, "FRIENDS OF THE RIVER PAC", dt.date(2024, 6, 20), 3000, entity="PAC",
                      other_id="C99000077")
        self.org_gift(PRES, SENATE.name, dt.date(2024, 5, 14), 2000, entity="CCM",
                      other_id=SENATE.cmte_id)

    def notices(self) -> None:
        """48-hour notices: a gift with none, a late one, one of another amount; and
        look-alikes: on time, 20 days before the election, within 48 hours, under $1,000."""
        rp = "reporting"
        why = ("contribution of $1,000 or more received after the 20th day and more than 48 "
               "hours before the election (11 CFR 104.5(f) [unverified])")
        cases = ((HOUSE, dt.date(2024, 3, 5)), (SENATE, dt.date(2024, 3, 19)))
        for cmte, primary in cases * max(1, int(round(self.scale))):
            general = dt.date(2024, 11, 5)
            p = self.people.person()
            self.gift(cmte, p, primary - dt.timedelta(days=9), 1500, election=f"P{CYCLE}",
                      variation=0, notice="none", label=(rp, why + "; no notice [RP002]"))
            p = self.people.person()
            self.gift(cmte, p, general - dt.timedelta(days=15), 2000, election=f"G{CYCLE}",
                      variation=0, notice="late", label=(rp, why + "; notice 6 days later [RP003]"))
            p = self.people.person()
            self.gift(cmte, p, general - dt.timedelta(days=12), 2500, election=f"G{CYCLE}",
                      variation=0, notice_amount=dec(1500),
                      label=(rp, why + "; the notice says $1,500 [RP004]"))
            for days, amount in ((10, 1000), (20, 2000), (2, 2000), (5, 999)):
                p = self.people.person()   # on time; before the period; after it; too small
                self.gift(cmte, p, general - dt.timedelta(days=days), amount,
                          election=f"G{CYCLE}", variation=0, notice="none" if days != 10 else "on time")


    def party_limits(self) -> None:
        """Gifts to party committees and PACs over the yearly limits, and look-alikes: the
        limit starts again in January, another party's committees have their own limit, a
        national party's separate account has its own, PACs within $5,000."""
        ex = "excessive"
        for i in range(max(1, int(round(self.scale)))):
            # each repetition's committee givers are their own (a PAC's repeated gifts would
            # add up to one finding); the master's multicandidate PAC gives in the first only
            unknown = f"C991{i:05d}"
            p = self.people.person()   # PARTY is not on the national list: the lower limit
            self.gift(PARTY, p, dt.date(2024, 2, 5), 7000, variation=0)
            self.gift(PARTY, p, dt.date(2024, 5, 5), 5000, variation=0,
                      label=(ex, "an individual's $12,000 in 2024 to a party committee whose "
                                 "national standing is not in the data (11 CFR 110.1(c) "
                                 "[unverified]) [EX004]"))
            p = self.people.person()
            self.gift(PARTY, p, dt.date(2024, 3, 9), 125000, variation=0, form_type="31",
                      label=(ex, "$125,000 to a national party's headquarters account, "
                                 "$123,900 allowed (52 U.S.C. 30116(a)(9) [unverified]) [EX004]"))
            p = self.people.person()   # the state party and a county party share one limit
            self.gift(STATE_PARTY, p, dt.date(2024, 1, 20), 6000, variation=0)
            self.gift(COUNTY_PARTY, p, dt.date(2024, 4, 20), 5000, variation=0,
                      label=(ex, "an individual's $11,000 in 2024 to the party committees of "
                                 "one state, $10,000 allowed combined (11 CFR 110.1(c)(5) "
                                 "[unverified]) [EX005]"))
            if i == 0:
                self.org_gift(STATE_PARTY, PAC.name, dt.date(2024, 2, 11), 3500, entity="PAC",
                              other_id=PAC.cmte_id)
                self.org_gift(COUNTY_PARTY, PAC.name, dt.date(2024, 6, 11), 2500, entity="PAC",
                              other_id=PAC.cmte_id,
                              label=(ex, "a multicandidate PAC's $6,000 in 2024 to the party "
                                         "committees of one state, $5,000 allowed (11 CFR "
                                         "110.2(c) [unverified]) [EX006]"))
                self.org_gift(OTHER_PARTY, PAC.name, dt.date(2024, 3, 2), 5000, entity="PAC",
                              other_id=PAC.cmte_id)
            self.org_gift(PAC, f"SAFE HARBOR PAC {i + 1}", dt.date(2024, 7, 1), 6000, entity="PAC",
                          other_id=unknown,
                          label=(ex, "a committee not in the master gives a PAC $6,000 in a "
                                     "year, $5,000 allowed whatever its kind (11 CFR 110.2(d), "
                                     "110.1(d) [unverified]) [EX006]"))
            # look-alikes within every limit
            p = self.people.person()
            self.gift(PARTY, p, dt.date(2023, 11, 5), 9000, variation=0)
            self.gift(PARTY, p, dt.date(2024, 1, 15), 9000, variation=0)
            self.gift(PARTY, p, dt.date(2024, 2, 15), 100000, variation=0, form_type="32")
            p = self.people.person()
            self.gift(STATE_PARTY, p, dt.date(2024, 3, 1), 8000, variation=0)
            self.gift(OTHER_PARTY, p, dt.date(2024, 3, 2), 8000, variation=0)
            self.org_gift(PRES, f"SAFE HARBOR PAC {i + 1}", dt.date(2024, 7, 1), 2000, entity="PAC",
                          other_id=unknown)   # another recipient: its own limit

