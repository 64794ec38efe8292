"""The planted cases about donors' gifts: foreign nationals, excessive gifts, prohibited
sources, straw donors, cash and anonymous gifts, earmarks. Each method adds the
violations a correct screen must flag (with their labels) and the look-alikes it must
not, through the builder's helpers (:class:`fecscreen.synth.builder.Builder`)."""

from __future__ import annotations

import datetime as dt

from fecscreen.synth.names import NICKNAMES
from fecscreen.synth.sample import (
    AMENDED_PERIOD,
    FOREIGN_PLACES,
    HOUSE,
    PAC,
    PARTY,
    PERIODS,
    PRES,
    SENATE,
    US_LOOKALIKES,
    Receipt,
    dec,
    receipt_form,
)


class DonorCases:
    """The donor cases, mixed into the builder (``self`` is a :class:`~fecscreen.synth.builder.Builder`)."""

    def foreign_national(self) -> None:
        fn = "foreign-national"
        ask = "requires inquiry: foreign address is a pertinent fact (11 CFR 110.20(a)(5))"
        # state ZZ
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2023, 8, 3), 500, street_1="14 KENSINGTON PARK RD",
                  street_2="", city="LONDON", state="ZZ", zip="W114NE",
                  label=(fn, f"state ZZ; {ask}"))
        # a US citizen living abroad: may give, but the ZZ address still requires inquiry
        p = self.people.person(employer="STATE UNIVERSITY")
        self.gift(PRES, p, dt.date(2024, 2, 9), 250, street_1="3-2-1 ROPPONGI MINATO-KU",
                  city="TOKYO", state="ZZ", zip="1060032", memo_text="US CITIZEN ABROAD",
                  label=(fn, "state ZZ; US citizen abroad may give (AO 2016-10) but the "
                             "address still requires inquiry"))
        # blank state, foreign postal code (PAC; in the amended report)
        p = self.people.person()
        self.gift(PAC, p, dt.date(2024, 5, 14), 1000, street_1="200 KING ST W",
                  city="TORONTO", state="", zip="M5V3L9",
                  label=(fn, f"blank state with a Canadian postal code; {ask}"))
        # country name in the street line, state blank
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2024, 6, 20), 750,
                  street_1="21 RUE DE RIVOLI PARIS FRANCE", city="PARIS", state="",
                  zip="75001", label=(fn, f"country name in street, blank state; {ask}"))
        # bulk rows (no street in the bulk file)
        p = self.people.person()
        self.gift(SENATE, p, dt.date(2023, 11, 8), 1000, city="MUNICH", state="ZZ",
                  zip="80331", label=(fn, f"state ZZ; {ask}"))
        p = self.people.person()
        self.gift(PARTY, p, dt.date(2024, 3, 27), 2500, city="MEXICO CITY MEXICO", state="",
                  zip="", label=(fn, f"country name in city, blank state; {ask}"))
        p = self.people.person()
        self.gift(SENATE, p, dt.date(2024, 7, 2), 500, city="VANCOUVER BC", state="",
                  zip="V6B1A1", label=(fn, f"blank state with a Canadian postal code; {ask}"))
        # more ZZ donors across committees, to give recall some resolution
        extra = max(3, int(round(5 * self.scale)))
        for i in range(extra):
            city, postal, _country = FOREIGN_PLACES[i % len(FOREIGN_PLACES)]
            cmte = (HOUSE, SENATE, PRES, PARTY, PAC)[i % 5]
            date = self.day(dt.date(2023, 2, 1), dt.date(2024, 11, 1))
            if cmte is PAC and PERIODS[AMENDED_PERIOD][1] <= date <= PERIODS[AMENDED_PERIOD][2]:
                date = dt.date(2023, 10, 15)
            p = self.people.person()
            self.gift(cmte, p, date, self.rng.choice((100, 250, 500, 1000)),
                      street_1=f"{self.rng.randint(1, 300)} HIGH STREET", city=city,
                      state="ZZ", zip=postal, label=(fn, f"state ZZ ({city}); {ask}"))
        # refunded within 30 days: handled, not an open finding (11 CFR 103.3(b))
        p = self.people.person()
        r = self.gift(HOUSE, p, dt.date(2023, 4, 11), 400, street_1="5 ORCHARD RD",
                      city="SINGAPORE", state="ZZ", zip="238823")
        self.refund(r, 19)
        # refunded late: still open, and the refund missed its deadline
        p = self.people.person()
        # (refunded in full, so no open foreign-national finding: the late refund is the issue)
        r = self.gift(PRES, p, dt.date(2023, 9, 5), 600, street_1="KURFURSTENDAMM 21",
                      city="BERLIN", state="ZZ", zip="10719")
        r.labels.append(("refund-deadline",
                         "foreign-address receipt refunded 45 days after receipt "
                         "(30 days, 11 CFR 103.3(b))"))
        self.refund(r, 45)
        # look-alikes that are US addresses
        for i, (city, state, zip5) in enumerate(US_LOOKALIKES):
            cmte = (HOUSE, SENATE, PRES, PARTY, PAC)[i % 5]
            p = self.people.person()
            street = (f"UNIT {self.rng.randint(1000, 9999)} BOX {self.rng.randint(1, 999)}"
                      if city in ("APO", "FPO", "DPO") else p.address.street_1)
            self.gift(cmte, p, self.day(dt.date(2023, 2, 1), dt.date(2024, 3, 31)),
                      self.rng.choice((100, 250, 500)), street_1=street, street_2="",
                      city=city, state=state, zip=zip5)

    def excessive(self) -> None:
        ex = "excessive"
        lim = "over the $3,300 per-election limit for 2023-24 (11 CFR 110.1(b))"
        after = "given after the donor passed the per-election limit (11 CFR 110.1(b))"
        # crossing, and a later gift in the same election
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2023, 5, 10), 1000, election="P2024", variation=0)
        self.gift(HOUSE, p, dt.date(2023, 9, 12), 1500, election="P2024", variation=0)
        self.gift(HOUSE, p, dt.date(2024, 1, 20), 1000, election="P2024", variation=0,
                  label=(ex, f"crosses on the third gift: primary total $3,500 {lim}"))
        self.gift(HOUSE, p, dt.date(2024, 2, 15), 500, election="P2024", variation=0,
                  label=(ex, after))
        # exactly at the limit
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2023, 6, 1), 2000, election="P2024")
        self.gift(HOUSE, p, dt.date(2023, 12, 1), 1300, election="P2024")
        # primary and general are separate elections
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2023, 7, 7), 3300, election="P2024")
        self.gift(HOUSE, p, dt.date(2023, 7, 8), 3300, election="G2024")
        # excess refunded within 60 days: resolved
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2023, 8, 1), 3300, election="P2024", variation=0)
        r = self.gift(HOUSE, p, dt.date(2024, 1, 10), 700, election="P2024", variation=0)
        self.refund(r, 22)
        # excess redesignated to the general within 60 days: resolved. Shown as memo
        # entries: a negative primary entry and a positive general one
        # (11 CFR 110.1(b); the redesignation subsection is unverified)
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2023, 10, 2), 3300, election="P2024", variation=0)
        r = self.gift(HOUSE, p, dt.date(2023, 11, 6), 1000, election="P2024", variation=0)
        self.gift(HOUSE, p, dt.date(2023, 11, 20), -1000, election="P2024", variation=0,
                  memo_code="X", memo_text="REDESIGNATION TO GENERAL")
        self.gift(HOUSE, p, dt.date(2023, 11, 20), 1000, election="G2024", variation=0,
                  memo_code="X", memo_text="REDESIGNATION FROM PRIMARY")
        # excess reattributed to the spouse within 60 days: resolved
        # (11 CFR 110.1(k); the reattribution subsection is unverified)
        husband, wife = self.people.spouses()
        self.gift(PRES, husband, dt.date(2024, 1, 16), 3300, election="P2024", variation=0)
        self.gift(PRES, husband, dt.date(2024, 2, 1), 1000, election="P2024", variation=0)
        self.gift(PRES, husband, dt.date(2024, 2, 20), -1000, election="P2024", variation=0,
                  memo_code="X", memo_text="REATTRIBUTION TO SPOUSE")
        self.gift(PRES, wife, dt.date(2024, 2, 20), 1000, election="P2024", variation=0,
                  memo_code="X", memo_text="REATTRIBUTION FROM SPOUSE")
        # excess refunded after 60 days: still excessive, and late
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2023, 3, 3), 3000, election="P2024", variation=0)
        # (the excess was refunded, so no open excessive finding: the late refund is the issue)
        r = self.gift(HOUSE, p, dt.date(2023, 11, 1), 1000, election="P2024", variation=0)
        r.labels.append(("refund-deadline", "excessive part refunded 90 days after receipt "
                                            "(60 days, 11 CFR 103.3(b))"))
        self.refund(r, 90, 700)
        # one donor filed two ways: middle initial dropped, ZIP+4 vs ZIP5, employer variant
        p = self.people.person(employer="ACME CORPORATION")
        self.gift(HOUSE, p, dt.date(2024, 4, 2), 2500, election="G2024", variation=0,
                  zip=p.address.zip5)
        self.gift(HOUSE, p, dt.date(2024, 8, 19), 1500, election="G2024", variation=0,
                  middle="", zip=p.address.zip(True), employer="ACME CORP",
                  label=(ex, f"crosses: general total $4,000 {lim} (ZIP+4 and ZIP5 filed)"))
        # one donor under a nickname at the same address
        p = self.people.person(sex="M")
        while p.first not in NICKNAMES:
            p = self.people.person(sex="M")
        nick = NICKNAMES[p.first][0]
        self.gift(PRES, p, dt.date(2023, 10, 2), 2000, election="P2024", variation=0)
        self.gift(PRES, p, dt.date(2024, 1, 29), 2000, election="P2024", variation=0,
                  first=nick, label=(ex, f"crosses: primary total $4,000 {lim}; filed "
                                         f"once as {nick}; needs donor resolution"))
        # all presidential primaries of a year are one election (11 CFR 110.1(j))
        p = self.people.person()
        self.gift(PRES, p, dt.date(2024, 1, 12), 2000, election="P2024", variation=0)
        self.gift(PRES, p, dt.date(2024, 4, 22), 1500, election="P2024", variation=0,
                  label=(ex, f"crosses: all 2024 presidential primaries are one election; "
                             f"total $3,500 {lim}"))
        # undesignated gift counts toward the next election (11 CFR 110.1(b)(2))
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2023, 6, 16), 3000, election="P2024", variation=0)
        self.gift(HOUSE, p, dt.date(2023, 12, 4), 500, election="", variation=0,
                  label=(ex, f"crosses: undesignated gift before the primary counts "
                             f"toward it; total $3,500 {lim}"))
        # after the state's primary (TX, 2024-03-05) an undesignated gift counts toward the
        # general: over the limit with a general gift, within it with a primary one
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2024, 3, 20), 3000, election="G2024", variation=0)
        self.gift(HOUSE, p, dt.date(2024, 4, 15), 500, election="", variation=0,
                  label=(ex, f"crosses: undesignated gift after the primary counts toward the "
                             f"general; total $3,500 {lim}"))
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2024, 1, 22), 3300, election="P2024", variation=0)
        self.gift(HOUSE, p, dt.date(2024, 4, 18), 500, election="", variation=0)
        # bulk: primary crossing
        p = self.people.person()
        self.gift(SENATE, p, dt.date(2023, 4, 20), 3000, election="P2024", variation=0)
        self.gift(SENATE, p, dt.date(2023, 10, 30), 800, election="P2024", variation=0,
                  label=(ex, f"crosses: primary total $3,800 {lim}"))
        # bulk: an earmarked gift counts once; the direct gift after it crosses
        p = self.people.person()
        self.earmark(SENATE, p, dt.date(2023, 10, 4), 2500)
        self.gift(SENATE, p, dt.date(2024, 1, 8), 1500, election="P2024", variation=0,
                  label=(ex, f"crosses: $2,500 earmarked through a conduit plus $1,500 "
                             f"direct {lim}"))
        # bulk: earmarked + direct under the limit (double counting the pair would flag it)
        p = self.people.person()
        self.earmark(SENATE, p, dt.date(2023, 5, 9), 2000)
        self.gift(SENATE, p, dt.date(2023, 9, 19), 1000, election="P2024", variation=0)
        # spouses: one address, one surname, separate limits
        husband, wife = self.people.spouses()
        self.gift(HOUSE, husband, dt.date(2023, 9, 30), 3300, election="P2024", variation=0)
        self.gift(HOUSE, wife, dt.date(2023, 9, 30), 3300, election="P2024", variation=0)
        # father and son with one name, SR and JR: separate limits
        sr, jr = self.people.parent_and_child()
        self.gift(PRES, sr, dt.date(2024, 3, 1), 3300, election="P2024", variation=0)
        self.gift(PRES, jr, dt.date(2024, 3, 2), 3300, election="P2024", variation=0)
        # plain crossings at random
        for i in range(max(2, int(round(4 * self.scale)))):
            cmte = (HOUSE, PRES, SENATE)[i % 3]
            p = self.people.person()
            d1 = self.day(dt.date(2023, 2, 1), dt.date(2023, 9, 30))
            d2 = d1 + dt.timedelta(days=self.rng.randint(20, 120))
            a2 = self.rng.choice((1000, 1500, 2000))
            self.gift(cmte, p, d1, 2500, election="P2024", variation=0)
            self.gift(cmte, p, d2, a2, election="P2024", variation=0,
                      label=(ex, f"crosses: primary total ${2500 + a2:,} {lim}"))

    def prohibited_source(self) -> None:
        ps = "prohibited-source"
        corp = "corporation/union contribution to a {what} requires review (52 U.S.C. 30118)"
        self.org_gift(HOUSE, "ACME CORPORATION", dt.date(2023, 10, 19), 1000,
                      label=(ps, corp.format(what="candidate committee")))
        # (refunded in full, so no open prohibited-source finding: the late refund is the issue)
        union = self.org_gift(HOUSE, "UNITED WORKERS UNION LOCAL 88", dt.date(2024, 2, 6), 2000)
        union.labels.append(("refund-deadline", "prohibited-source receipt refunded 50 days "
                                                "after receipt (30 days, 11 CFR 103.3(b))"))
        self.refund(union, 50)
        self.org_gift(HOUSE, "LAKESIDE MACHINISTS UNION", dt.date(2024, 4, 9), 1000,
                      label=(ps, corp.format(what="candidate committee")))
        self.org_gift(PRES, "RIVERSIDE HOLDINGS LLC", dt.date(2024, 5, 30), 2500,
                      label=(ps, "LLC contribution requires review: barred if the LLC is "
                                 "taxed as a corporation (11 CFR 110.1(g))"))
        self.org_gift(PARTY, "NORTHSTAR ENERGY INC", dt.date(2023, 12, 12), 5000,
                      label=(ps, corp.format(what="party federal account")))
        self.org_gift(SENATE, "GLOBEX INDUSTRIES", dt.date(2024, 6, 3), 2000,
                      label=(ps, corp.format(what="candidate committee")))

    def straw_donor(self) -> None:
        sd = "straw-donor"
        # five colleagues, each at the limit, to one committee within three days
        people = [self.people.person(employer="HARBOR CAPITAL PARTNERS") for _ in range(5)]
        start = dt.date(2023, 8, 14)
        for i, p in enumerate(people):
            self.gift(SENATE, p, start + dt.timedelta(days=i % 3), 3300, election="P2024",
                      label=(sd, "five donors sharing an employer, each at the limit, "
                                 "within three days: warrants review (52 U.S.C. 30122)"))
        # the same employer's staff giving at the limit but months apart: not a cluster
        for i in range(4):
            p = self.people.person(employer="PINNACLE SOFTWARE")
            self.gift(HOUSE, p, dt.date(2023, 2, 1) + dt.timedelta(days=70 * i), 3300,
                      election="P2024", variation=0)
        # small gifts from one employer's staff within days: not near the limit
        for i in range(5):
            p = self.people.person(employer="GLOBEX INDUSTRIES")
            self.gift(PRES, p, dt.date(2024, 6, 10) + dt.timedelta(days=i % 2), 250,
                      election="P2024")
        # one donor, an implausible number of gifts in one day
        p = self.people.person()
        for _ in range(30):
            self.gift(PRES, p, dt.date(2024, 7, 4), 50, election="P2024", variation=0,
                      label=(sd, "thirty contributions from one donor in one day: "
                                 "warrants review (52 U.S.C. 30122)"))
        # a keen donor: five gifts in one day is not implausible
        p = self.people.person()
        for _ in range(5):
            self.gift(HOUSE, p, dt.date(2024, 2, 29), 20, election="P2024", variation=0)

    def cash_anonymous(self) -> None:
        ca = "cash-anonymous"
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2023, 11, 18), 250, purpose="CASH",
                  memo_text="CASH CONTRIBUTION",
                  label=(ca, "cash over $100 from one person (52 U.S.C. 30123; "
                             "11 CFR 110.4(c))"))
        p = self.people.person()
        self.gift(PRES, p, dt.date(2024, 3, 15), 500, purpose="CASH",
                  memo_text="CASH CONTRIBUTION",
                  label=(ca, "cash over $100 from one person (52 U.S.C. 30123; "
                             "11 CFR 110.4(c))"))
        p = self.people.person()
        self.gift(HOUSE, p, dt.date(2024, 5, 5), 100, purpose="CASH",
                  memo_text="CASH CONTRIBUTION")   # exactly $100: allowed
        r = Receipt(HOUSE, receipt_form(HOUSE, "IND"), "IND", dt.date(2024, 1, 27), dec(75),
                    last="ANONYMOUS",
                    purpose="CASH", memo_text="ANONYMOUS CASH CONTRIBUTION",
                    election_code="P2024")
        r.labels.append((ca, "anonymous cash over $50 (11 CFR 110.4(c))"))
        self.receipts.append(r)
        r2 = Receipt(HOUSE, receipt_form(HOUSE, "IND"), "IND", dt.date(2024, 9, 7), dec(40),
                     last="ANONYMOUS",
                     purpose="CASH", memo_text="ANONYMOUS CASH CONTRIBUTION",
                     election_code="G2024")
        self.receipts.append(r2)   # $40: allowed

    def earmark_cases(self) -> None:
        em = "earmark"
        p = self.people.person()
        self.earmark(SENATE, p, dt.date(2024, 2, 22), 150,
                     conduit_over={"city": "", "state": "", "zip": "",
                                   "labels": [(em, "conduit record without the donor's "
                                                   "address (11 CFR 110.6 [unverified])")]})
        p = self.people.person()
        self.earmark(SENATE, p, dt.date(2024, 4, 11), 250, conduit_amount=500,
                     conduit_over={"labels": [(em, "conduit shows $500, recipient $250 "
                                                   "(11 CFR 110.6 [unverified])")]},
                     recipient_over={"labels": [(em, "recipient shows $250, conduit $500 "
                                                     "(11 CFR 110.6 [unverified])")]})

