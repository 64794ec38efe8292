"""The builder of the sample's records: one gift, refund or earmark at a time, and the
background of ordinary donors. The planted cases of each rule group are the methods of
:mod:`fecscreen.synth.donor_cases` and :mod:`fecscreen.synth.committee_cases`."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from fecscreen.synth.names import Address, Person, PersonGenerator
from fecscreen.synth.sample import (
    BEST_EFFORTS,
    CONDUIT,
    HOUSE,
    PAC,
    PARTY,
    PERIODS,
    PRES,
    SENATE,
    Committee,
    Receipt,
    Refund,
    dec,
    receipt_form,
)


class Builder:
    """Builds the receipts and refunds in memory; the writers turn them into files."""

    def __init__(self, seed: int, scale: float) -> None:
        self.rng = random.Random(seed)
        self.people = PersonGenerator(seed)
        self.scale = scale
        self.receipts: list[Receipt] = []
        self.refunds: list[Refund] = []

    # -- small helpers ------------------------------------------------------
    def day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def gift(self, cmte: Committee, person: Person, date: dt.date, amount, *,
             election: str | None = None, label: tuple[str, str] | None = None,
             variation: float = 0.3, address: Address | None = None, **over) -> Receipt:
        """A contribution by an individual, filed with realistic variation."""
        filed = self.people.filed_name(person, variation=variation)
        addr = address or person.address
        plus4 = self.rng.random() < 0.4
        natural = cmte.source == "bulk" and self.rng.random() < variation * 0.1
        if election is None:
            election = self._election(cmte, date)
        r = Receipt(
            committee=cmte,
            form_type=receipt_form(cmte, "IND"),
            entity_type="IND",
            date=date,
            amount=dec(amount),
            last=filed.last, first=filed.first, middle=filed.middle,
            prefix=filed.prefix, suffix=filed.suffix,
            street_1=addr.street_1, street_2=addr.street_2, city=addr.city,
            state=addr.state, zip=addr.zip(plus4),
            employer=self.people.filed_employer(person, variation=variation),
            occupation=person.occupation,
            election_code=election,
            person_id=person.person_id,
            natural_order=natural,
        )
        for key, value in over.items():
            setattr(r, key, value)
        if label:
            r.labels.append(label)
        self.receipts.append(r)
        return r

    def _election(self, cmte: Committee, date: dt.date) -> str:
        if not cmte.is_candidate:
            return ""
        if cmte is PRES:
            return "P2024" if date <= dt.date(2024, 8, 15) else "G2024"
        return "P2024" if date <= dt.date(2024, 3, 5) else "G2024"

    def refund(self, receipt: Receipt, days: int, amount=None) -> Refund:
        ref = Refund(receipt, receipt.date + dt.timedelta(days=days),
                     dec(amount) if amount is not None else receipt.amount)
        self.refunds.append(ref)
        return ref

    def earmark(self, recipient: Committee, person: Person, date: dt.date, amount, *,
                conduit_amount=None, conduit_over: dict | None = None,
                recipient_over: dict | None = None) -> tuple[Receipt, Receipt]:
        """An earmarked gift: the conduit's 24T bulk row (OTHER_ID = the recipient) and
        the recipient's record of it: a 15E bulk row (OTHER_ID = the conduit) or, for a
        committee that files, a Schedule A line naming the conduit."""
        filed = self.people.filed_name(person, variation=0.0)
        zip_ = self.people.filed_zip(person)
        employer = self.people.filed_employer(person, variation=0.0)
        common = dict(
            entity_type="IND", date=date, last=filed.last, first=filed.first,
            middle=filed.middle, prefix=filed.prefix, suffix=filed.suffix,
            city=person.address.city, state=person.address.state, zip=zip_,
            employer=employer, occupation=person.occupation, person_id=person.person_id,
            election_code=self._election(recipient, date),
        )
        conduit_row = Receipt(
            committee=CONDUIT, form_type="24T",
            amount=dec(conduit_amount if conduit_amount is not None else amount),
            other_id=recipient.cmte_id, other_name=recipient.name,
            memo_text=f"EARMARKED FOR {recipient.name} ({recipient.cmte_id})", **common)
        if recipient.source == "filing":
            recipient_row = Receipt(
                committee=recipient, form_type=receipt_form(recipient, "IND"),
                amount=dec(amount), street_1=person.address.street_1,
                street_2=person.address.street_2, conduit=CONDUIT,
                memo_text=f"EARMARKED THROUGH {CONDUIT.name}", **common)
        else:
            recipient_row = Receipt(
                committee=recipient, form_type="15E", amount=dec(amount),
                other_id=CONDUIT.cmte_id, other_name=CONDUIT.name,
                memo_text=f"* EARMARKED CONTRIBUTION: SEE BELOW EARMARKED THROUGH {CONDUIT.name}",
                **common)
        for row, over in ((conduit_row, conduit_over), (recipient_row, recipient_over)):
            for key, value in (over or {}).items():
                setattr(row, key, value)
        self.receipts.extend([conduit_row, recipient_row])
        return conduit_row, recipient_row

    def org_gift(self, cmte: Committee, org: str, date: dt.date, amount, *,
                 entity: str = "ORG", other_id: str = "",
                 label: tuple[str, str] | None = None) -> Receipt:
        addr = self.people.address()
        r = Receipt(
            committee=cmte,
            form_type=receipt_form(cmte, entity),
            entity_type=entity, date=date, amount=dec(amount), org=org,
            street_1=addr.street_1, city=addr.city, state=addr.state, zip=addr.zip5,
            election_code=self._election(cmte, date), other_id=other_id, other_name=org,
        )
        if label:
            r.labels.append(label)
        self.receipts.append(r)
        return r

    # -- background ---------------------------------------------------------
    def background(self) -> None:
        """Ordinary donors: small and mid-size gifts, under every threshold."""
        rng = self.rng
        n = max(20, int(round(500 * self.scale)))
        people = self.people.people(n)
        cycle_start, cycle_end = PERIODS[0][1], PERIODS[-1][2]
        recipients = (HOUSE, SENATE, PRES, PARTY, PAC)
        for person in people:
            moved_on = None
            if rng.random() < 0.08:   # moves part-way through the cycle
                moved_on = self.day(dt.date(2023, 6, 1), dt.date(2024, 6, 1))
                new_home = self.people.moved(person).address
            small_only = rng.random() < 0.15   # never above $200 in total
            for cmte in rng.sample(recipients, rng.choice((1, 1, 2))):
                used: set[dt.date] = set()
                total = Decimal(0)
                for _ in range(rng.choice((1, 1, 2, 3))):
                    date = self.day(cycle_start, cycle_end)
                    if date in used:
                        continue
                    used.add(date)
                    if small_only:
                        amount = dec(rng.choice((10, 25, 50)))
                        if total + amount > 200:
                            break
                    else:
                        amount = dec(rng.choice((25, 50, 100, 250, 250, 500, 500, 1000)))
                    total += amount
                    addr = new_home if moved_on and date >= moved_on else person.address
                    over = {}
                    if small_only and rng.random() < 0.3:
                        over = {"employer": "", "occupation": ""}
                    if cmte in (SENATE, HOUSE) and rng.random() < 0.3 and not over:
                        self.earmark(cmte, person, date, amount)
                    else:
                        self.gift(cmte, person, date, amount, address=addr, **over)
        # committees and parties giving to candidates, and a candidate's own money
        self.org_gift(HOUSE, PAC.name, dt.date(2023, 5, 2), 5000, entity="PAC",
                      other_id=PAC.cmte_id)
        self.org_gift(HOUSE, PARTY.name, dt.date(2024, 9, 12), 5000, entity="PTY",
                      other_id=PARTY.cmte_id)
        self.org_gift(PRES, PAC.name, dt.date(2024, 2, 20), 2500, entity="PAC",
                      other_id=PAC.cmte_id)
        cand = Receipt(HOUSE, receipt_form(HOUSE, "CAN"), "CAN", dt.date(2023, 2, 1), dec(10000),
                       last="REYES",
                       first="DANA", street_1="88 OAK DR", city="HOUSTON", state="TX",
                       zip="77005", employer="REYES LAW PLLC", occupation="ATTORNEY",
                       election_code="P2024")
        self.receipts.append(cand)
        # best-efforts statements: employer unknown, but asked for
        for cmte in (HOUSE, PRES, PAC):
            p = self.people.person()
            self.gift(cmte, p, dt.date(2024, 4, 18), 300, employer=BEST_EFFORTS,
                      occupation=BEST_EFFORTS, variation=0)

    # -- injected cases -----------------------------------------------------

