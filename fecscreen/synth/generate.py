"""Write a realistic, labelled FEC sample: bulk files, .fec filings and a labels CSV.

Everything is invented and deterministic: the same ``seed`` and ``scale`` give the
same bytes. The sample covers one two-year cycle (2023-24) and six committees:

============  =========================  ============================================
committee     kind                       where its receipts appear
============  =========================  ============================================
C99000011     House candidate (TX-07)    ``.fec`` filings, form F3, quarterly
C99000022     Senate candidate (OH)      bulk ``itcont.txt``
C99000033     presidential candidate     ``.fec`` filings, form F3P, quarterly
C99000044     national party             bulk ``itcont.txt``
C99000055     PAC (multicandidate)       ``.fec`` filings, form F3X, with an amendment
C99000066     conduit                    bulk ``itcont.txt`` (24T rows)
============  =========================  ============================================

On top of a background of ordinary donors (name, ZIP and employer variation,
households, movers, earmarked gifts) the generator injects the cases listed in
``docs/accuracy.md``: for every rule group, violations a correct screen must flag
(one labels row per evidence receipt and group) and look-alikes it must not flag.

How some facts are shown, where the FEC formats have no field for them:

* cash: the contribution's purpose is ``CASH`` (``contribution_purpose_descrip``
  in a filing); the memo text says ``CASH CONTRIBUTION``;
* anonymous: an individual (``IND``) whose last name is ``ANONYMOUS`` and whose
  address is blank;
* best efforts: employer and occupation read ``INFORMATION REQUESTED PER BEST
  EFFORTS``;
* refunds: Schedule B line ``SB20A`` (F3) or ``SB28A`` (F3P, F3X) naming the donor, with
  ``back_reference_tran_id_number`` pointing at the refunded receipt.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from fecscreen.bulk.layouts import layouts
from fecscreen.errors import InputError
from fecscreen.law.params import load_params
from fecscreen.law.vocabulary import GROUPS
from fecscreen.synth.layouts import F6, F65, HDR, LAYOUTS, SA, SB
from fecscreen.synth.names import NICKNAMES, Address, Person, PersonGenerator

__all__ = ["Generated", "generate", "CYCLE", "COMMITTEES", "LABEL_COLUMNS", "GROUPS",
           "ITCONT_COLUMNS", "CM_COLUMNS", "CN_COLUMNS", "CCL_COLUMNS"]

CYCLE = 2024
FS = "\x1c"  # ASCII 28, the field separator of format 8.x

LABEL_COLUMNS = ("source", "filing_id", "transaction_id", "sub_id", "group", "note")

# Bulk file layouts (FEC data dictionary order; the files have no header line).
_BULK = layouts()
ITCONT_COLUMNS, CM_COLUMNS, CN_COLUMNS, CCL_COLUMNS = (
    tuple(c.fec_name for c in _BULK[kind].columns) for kind in ("indiv", "cm", "cn", "ccl"))

BEST_EFFORTS = "INFORMATION REQUESTED PER BEST EFFORTS"


@dataclass(frozen=True)
class Committee:
    cmte_id: str
    name: str
    cmte_tp: str          # H, S, P, Y (national party), Q (PAC), V (conduit / hybrid)
    dsgn: str             # P principal campaign committee, U unauthorized, ...
    party: str
    source: str           # 'filing' or 'bulk'
    form: str = ""        # F3, F3P, F3X for filing committees
    cand_id: str = ""
    cand_name: str = ""
    office_state: str = ""
    district: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    treasurer: tuple[str, str] = ("", "")

    @property
    def is_candidate(self) -> bool:
        return self.cmte_tp in ("H", "S", "P")


HOUSE = Committee("C99000011", "FRIENDS OF DANA REYES", "H", "P", "DEM", "filing", "F3",
                  "H4TX07990", "REYES, DANA", "TX", "07", "1200 SMITH ST STE 400", "HOUSTON",
                  "TX", "77002", ("ORTIZ", "MARIA"))
SENATE = Committee("C99000022", "MORGAN FOR OHIO", "S", "P", "REP", "bulk", "",
                   "S4OH00990", "MORGAN, ALAN", "OH", "", "50 W BROAD ST", "COLUMBUS", "OH",
                   "43215", ("PRICE", "KEVIN"))
PRES = Committee("C99000033", "HALE FOR AMERICA", "P", "P", "IND", "filing", "F3P",
                 "P40009990", "HALE, JORDAN", "US", "", "PO BOX 9000", "ARLINGTON", "VA",
                 "22201", ("BRENNAN", "SUSAN"))
PARTY = Committee("C99000044", "NATIONAL UNITY PARTY COMMITTEE", "Y", "U", "UNP", "bulk", "",
                  street="300 NEW JERSEY AVE SE", city="WASHINGTON", state="DC", zip="20003",
                  treasurer=("FOSTER", "LINDA"))
PAC = Committee("C99000055", "CITIZENS FOR SAFE ROADS PAC", "Q", "U", "", "filing", "F3X",
                street="1800 K ST NW", city="WASHINGTON", state="DC", zip="20006",
                treasurer=("NAKAMURA", "KEN"))
CONDUIT = Committee("C99000066", "CLEARPATH CONDUIT", "V", "U", "", "bulk", "",
                    street="PO BOX 4400", city="BOSTON", state="MA", zip="02108",
                    treasurer=("LEVY", "DANIEL"))
STATE_PARTY = Committee("C99000088", "OHIO UNITY PARTY", "Y", "U", "UNP", "bulk", "",
                        street="17 S HIGH ST", city="COLUMBUS", state="OH", zip="43215",
                        treasurer=("WEBER", "ANNA"))
COUNTY_PARTY = Committee("C99000099", "FRANKLIN COUNTY UNITY PARTY", "X", "U", "UNP", "bulk", "",
                         street="280 E BROAD ST", city="COLUMBUS", state="OH", zip="43215",
                         treasurer=("HOLT", "SAM"))
OTHER_PARTY = Committee("C99000100", "OHIO FREEDOM PARTY", "X", "U", "FRP", "bulk", "",
                        street="9 E LONG ST", city="COLUMBUS", state="OH", zip="43215",
                        treasurer=("BANKS", "RAY"))
COMMITTEES: tuple[Committee, ...] = (HOUSE, SENATE, PRES, PARTY, PAC, CONDUIT, STATE_PARTY,
                                     COUNTY_PARTY, OTHER_PARTY)

# Reporting periods of the cycle: (report code, first day, last day).
PERIODS: tuple[tuple[str, dt.date, dt.date], ...] = (
    ("Q1", dt.date(2023, 1, 1), dt.date(2023, 3, 31)),
    ("Q2", dt.date(2023, 4, 1), dt.date(2023, 6, 30)),
    ("Q3", dt.date(2023, 7, 1), dt.date(2023, 9, 30)),
    ("YE", dt.date(2023, 10, 1), dt.date(2023, 12, 31)),
    ("Q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
    ("Q2", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
    ("Q3", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
    ("30G", dt.date(2024, 10, 1), dt.date(2024, 11, 25)),
)
AMENDED_PERIOD = 5  # the PAC's 2024 Q2 report is filed twice: F3XN, then F3XA
# Committees that file 48-hour notices (Form 6), and the notice rules' threshold.
NOTICE_FILERS = ("C99000011", "C99000022")
# A summary page planted not to add up: (committee, period) -> amount added to its
# first itemized line.
SUMMARY_OFF = {("C99000011", 2): Decimal("250.00"), ("C99000033", 4): Decimal("100.00"),
               ("C99000055", 1): Decimal("-40.00")}
SUMMARY_OFF_NOTE = ("the summary page's first itemized line differs from the report's own "
                    "Schedule A lines (11 CFR 104.3(a)) [RP006]")
# A Form 3X whose year-to-date column B is planted off on the total receipts line (the
# error is carried into the committee's later reports): (committee, period) -> amount.
YTD_OFF = {("C99000055", 6): Decimal("75.00")}
YTD_OFF_NOTE = ("the summary page's year-to-date total receipts are not the previous report's "
                "plus this period's (11 CFR 104.3 [unverified]) [RP007]")

# Place names for foreign-address cases: (city, postal code as filed, country).
FOREIGN_PLACES = (
    ("LONDON", "SW1A1AA", "UNITED KINGDOM"),
    ("TORONTO", "M5V3L9", "CANADA"),
    ("VANCOUVER", "V6B1A1", "CANADA"),
    ("MUNICH", "80331", "GERMANY"),
    ("TOKYO", "1060032", "JAPAN"),
    ("SYDNEY", "2000", "AUSTRALIA"),
    ("MEXICO CITY", "06600", "MEXICO"),
    ("TEL AVIV", "6473424", "ISRAEL"),
    ("ZURICH", "8001", "SWITZERLAND"),
    ("DUBLIN", "D02X285", "IRELAND"),
)
# US addresses that look foreign but are not: military mail, territories, and US
# towns named after countries or foreign cities.
US_LOOKALIKES = (
    ("APO", "AE", "09012"), ("FPO", "AP", "96349"), ("DPO", "AA", "34002"),
    ("SAN JUAN", "PR", "00907"), ("HAGATNA", "GU", "96910"), ("ST THOMAS", "VI", "00802"),
    ("PAGO PAGO", "AS", "96799"), ("SAIPAN", "MP", "96950"), ("WASHINGTON", "DC", "20001"),
    ("LEBANON", "PA", "17042"), ("PERU", "IN", "46970"), ("MEXICO", "MO", "65265"),
    ("POLAND", "OH", "44514"), ("PARIS", "TX", "75460"), ("BERLIN", "CT", "06037"),
    ("LONDON", "KY", "40741"),
)


@dataclass
class Receipt:
    """One Schedule A line (filing committees) or one itcont row (bulk committees)."""

    committee: Committee
    form_type: str                 # SA11AI ... for filings; 15, 15E, 24T for bulk
    entity_type: str
    date: dt.date
    amount: Decimal
    last: str = ""
    first: str = ""
    middle: str = ""
    prefix: str = ""
    suffix: str = ""
    org: str = ""
    street_1: str = ""
    street_2: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    employer: str = ""
    occupation: str = ""
    election_code: str = ""
    purpose: str = ""
    memo_code: str = ""
    memo_text: str = ""
    other_id: str = ""
    other_name: str = ""
    conduit: Committee | None = None   # filings: the conduit an earmarked gift came through
    natural_order: bool = False        # bulk NAME written FIRST LAST instead of LAST, FIRST
    person_id: str = ""
    labels: list[tuple[str, str]] = field(default_factory=list)
    amendment_only: bool = False   # appears only in the amended report
    notice: str = "on time"        # 48-hour notice: 'on time', 'late' or 'none' (see _write_notices)
    notice_amount: Decimal | None = None   # the notice's amount when it differs from the receipt's
    # assigned when written
    transaction_id: str = ""
    aggregate: Decimal = Decimal(0)
    filing_id: str = ""
    sub_id: str = ""

    @property
    def bulk_name(self) -> str:
        if self.entity_type not in ("IND", "CAN"):
            return self.org
        if self.natural_order:   # 'JOHN A SMITH', as some filers write it
            return " ".join(p for p in (self.first, self.middle, self.last, self.suffix) if p)
        given = " ".join(p for p in (self.first, self.middle, self.suffix) if p)
        name = f"{self.last}, {given}" if given else self.last
        return f"{name} {self.prefix}" if self.prefix else name


@dataclass
class Refund:
    """A Schedule B line 28a refund of ``receipt``."""

    receipt: Receipt
    date: dt.date
    amount: Decimal
    transaction_id: str = ""


@dataclass
class Generated:
    """What :func:`generate` wrote."""

    out_dir: Path
    filings: list[Path]
    bulk: list[Path]
    labels: Path
    truth: Path          # receipt -> invented person id, for donor-resolution benchmarks
    cycle: int = CYCLE
    n_receipts: int = 0
    n_labels: int = 0


def _d(value: float | int | str) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


# Schedule A line by summary form and contributor: F3 and F3X report contributions on
# line 11 (a: individuals and other persons, b: parties, c: other committees, d: the
# candidate), F3P on line 17 (a-d in the same order). Bulk rows use TRANSACTION_TP 15.
_SA_LINE = {"F3": "SA11", "F3X": "SA11", "F3P": "SA17"}
_SA_LETTER = {"IND": "A", "ORG": "A", "PTY": "B", "PAC": "C", "COM": "C", "CCM": "C", "CAN": "D"}
COMMITTEE_ENTITIES = ("PAC", "PTY", "COM", "CCM")
# Refunds of contributions from individuals: F3 line 20a, F3X and F3P line 28a.
_REFUND_LINE = {"F3": "SB20A", "F3X": "SB28A", "F3P": "SB28A"}


def _receipt_form(cmte: Committee, entity: str) -> str:
    if cmte.source != "filing":
        return "15"
    form = _SA_LINE[cmte.form] + _SA_LETTER[entity]
    return form + "I" if form.endswith("11A") else form


class _Builder:
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
            form_type=_receipt_form(cmte, "IND"),
            entity_type="IND",
            date=date,
            amount=_d(amount),
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
                     _d(amount) if amount is not None else receipt.amount)
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
            amount=_d(conduit_amount if conduit_amount is not None else amount),
            other_id=recipient.cmte_id, other_name=recipient.name,
            memo_text=f"EARMARKED FOR {recipient.name} ({recipient.cmte_id})", **common)
        if recipient.source == "filing":
            recipient_row = Receipt(
                committee=recipient, form_type=_receipt_form(recipient, "IND"),
                amount=_d(amount), street_1=person.address.street_1,
                street_2=person.address.street_2, conduit=CONDUIT,
                memo_text=f"EARMARKED THROUGH {CONDUIT.name}", **common)
        else:
            recipient_row = Receipt(
                committee=recipient, form_type="15E", amount=_d(amount),
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
            form_type=_receipt_form(cmte, entity),
            entity_type=entity, date=date, amount=_d(amount), org=org,
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
                        amount = _d(rng.choice((10, 25, 50)))
                        if total + amount > 200:
                            break
                    else:
                        amount = _d(rng.choice((25, 50, 100, 250, 250, 500, 500, 1000)))
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
        cand = Receipt(HOUSE, _receipt_form(HOUSE, "CAN"), "CAN", dt.date(2023, 2, 1), _d(10000),
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
        r = Receipt(HOUSE, _receipt_form(HOUSE, "IND"), "IND", dt.date(2024, 1, 27), _d(75),
                    last="ANONYMOUS",
                    purpose="CASH", memo_text="ANONYMOUS CASH CONTRIBUTION",
                    election_code="P2024")
        r.labels.append((ca, "anonymous cash over $50 (11 CFR 110.4(c))"))
        self.receipts.append(r)
        r2 = Receipt(HOUSE, _receipt_form(HOUSE, "IND"), "IND", dt.date(2024, 9, 7), _d(40),
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
                      variation=0, notice_amount=_d(1500),
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


# -- writers -----------------------------------------------------------------

def _money(v: Decimal) -> str:
    return f"{v:.2f}"


def _bulk_money(v: Decimal) -> str:
    return str(int(v)) if v == v.to_integral_value() else f"{v:.2f}"


def _period_index(date: dt.date) -> int:
    for i, (_code, start, end) in enumerate(PERIODS):
        if start <= date <= end:
            return i
    raise ValueError(f"date {date} outside the cycle")


def _aggregates(receipts: list[Receipt]) -> None:
    """Election-to-date (candidate committees) or year-to-date aggregates per donor."""
    totals: dict[tuple, Decimal] = {}
    for r in sorted(receipts, key=lambda r: (r.date, r.committee.cmte_id)):
        who = r.person_id or f"{r.entity_type}:{r.org}:{r.last}"
        period = r.election_code if r.committee.is_candidate else str(r.date.year)
        key = (r.committee.cmte_id, who, period)
        totals[key] = totals.get(key, Decimal(0)) + r.amount
        r.aggregate = totals[key]


def _line(layout: tuple[str, ...], values: dict[str, str]) -> str:
    unknown = set(values) - set(layout)
    if unknown:
        raise ValueError(f"not in the layout: {sorted(unknown)}")
    return FS.join(values.get(col, "") for col in layout)


def _sa_values(r: Receipt) -> dict[str, str]:
    return {
        "form_type": r.form_type,
        "filer_committee_id_number": r.committee.cmte_id,
        "transaction_id": r.transaction_id,
        "entity_type": r.entity_type,
        "contributor_organization_name": r.org,
        "contributor_last_name": r.last,
        "contributor_first_name": r.first,
        "contributor_middle_name": r.middle,
        "contributor_prefix": r.prefix,
        "contributor_suffix": r.suffix,
        "contributor_street_1": r.street_1,
        "contributor_street_2": r.street_2,
        "contributor_city": r.city,
        "contributor_state": r.state,
        "contributor_zip_code": r.zip,
        "election_code": r.election_code,
        "contribution_date": r.date.strftime("%Y%m%d"),
        "contribution_amount": _money(r.amount),
        "contribution_aggregate": _money(r.aggregate),
        "contribution_purpose_descrip": r.purpose,
        "contributor_employer": r.employer,
        "contributor_occupation": r.occupation,
        "donor_committee_fec_id": r.other_id if r.entity_type in COMMITTEE_ENTITIES else "",
        "donor_committee_name": r.other_name if r.entity_type in COMMITTEE_ENTITIES else "",
        "conduit_name": r.conduit.name if r.conduit else "",
        "conduit_street1": r.conduit.street if r.conduit else "",
        "conduit_city": r.conduit.city if r.conduit else "",
        "conduit_state": r.conduit.state if r.conduit else "",
        "conduit_zip_code": r.conduit.zip if r.conduit else "",
        "memo_code": r.memo_code,
        "memo_text_description": r.memo_text,
    }


def _sb_values(f: Refund) -> dict[str, str]:
    r = f.receipt
    return {
        "form_type": _REFUND_LINE[r.committee.form],
        "filer_committee_id_number": r.committee.cmte_id,
        "transaction_id_number": f.transaction_id,
        "back_reference_tran_id_number": r.transaction_id,
        "back_reference_sched_name": r.form_type,
        "entity_type": r.entity_type,
        "payee_organization_name": r.org,
        "payee_last_name": r.last,
        "payee_first_name": r.first,
        "payee_middle_name": r.middle,
        "payee_prefix": r.prefix,
        "payee_suffix": r.suffix,
        "payee_street_1": r.street_1,
        "payee_street_2": r.street_2,
        "payee_city": r.city,
        "payee_state": r.state,
        "payee_zip_code": r.zip,
        "election_code": r.election_code,
        "expenditure_date": f.date.strftime("%Y%m%d"),
        "expenditure_amount": _money(f.amount),
        "expenditure_purpose_descrip": "REFUND OF CONTRIBUTION",
        "memo_text_description": f"REFUND OF {r.date:%m/%d/%Y} CONTRIBUTION",
    }


def _summary_values(c: Committee, form: str, period: int, receipts: list[Receipt],
                    refunds: list[Refund], off: Decimal = Decimal(0)) -> dict[str, str]:
    """The summary page; its itemized lines are the sums of the filing's own Schedule A
    lines of that line number, memo entries left out (plus ``off`` on the first, to
    plant a report that does not add up)."""
    code, start, end = PERIODS[period]
    total = sum((r.amount for r in receipts), Decimal(0))
    refunded = sum((f.amount for f in refunds), Decimal(0))
    values = {
        "form_type": form,
        "filer_committee_id_number": c.cmte_id,
        "committee_name": c.name,
        "street_1": c.street,
        "city": c.city,
        "state": c.state,
        "zip_code": c.zip,
        "report_code": code,
        "coverage_from_date": start.strftime("%Y%m%d"),
        "coverage_through_date": end.strftime("%Y%m%d"),
        "treasurer_last_name": c.treasurer[0],
        "treasurer_first_name": c.treasurer[1],
        "date_signed": (end + dt.timedelta(days=15)).strftime("%Y%m%d"),
        "col_a_total_receipts": _money(total),
    }
    for i, line in enumerate(x for x in load_params().lookup("summary_line_totals")
                             if x["form"] == c.form):
        itemized = sum((r.amount for r in receipts
                        if r.form_type in line["schedule_a"] and r.memo_code != "X"), Decimal(0))
        values[line["field"]] = _money(itemized + (off if i == 0 else 0))
    if form.startswith("F3P"):
        values["activity_primary"] = "X"
    elif not form.startswith("F3X"):
        values.update({
            "election_state": c.office_state, "election_district": c.district,
            "col_a_refunds_to_individuals": _money(refunded),
        })
    return values


RD004_NOTE = ("excess neither refunded, redesignated nor reattributed while the committee's "
              "records run past the 60-day deadline (11 CFR 103.3(b)) [RD004]")


def _deadline_labels(receipts: list[Receipt]) -> None:
    """Label the crossing gift of each unremedied excess planted for EX001 (its note starts
    "crosses") whose 60 days end within the committee's records: the end of its latest
    report (filing committees) or its latest receipt (bulk committees)."""
    through: dict[str, dt.date] = {}
    for r in receipts:
        end = r.date if r.committee.source == "bulk" else PERIODS[_period_index(r.date)][2]
        through[r.committee.cmte_id] = max(end, through.get(r.committee.cmte_id, end))
    for r in receipts:
        if (any(g == "excessive" and note.startswith("crosses") for g, note in r.labels)
                and r.date + dt.timedelta(days=60) <= through[r.committee.cmte_id]):
            r.labels.append(("refund-deadline", RD004_NOTE))


def _year_to_date(summary: dict[str, str], ytd: dict, cmte_id: str, year: int,
                  off: Decimal) -> dict:
    """Fill a Form 3X page's column B (calendar year to date) from ``ytd``, the committee's
    totals of the year's earlier reports, and return the totals through this report
    (``off`` is added to total receipts, and stays in them)."""
    out = {}
    for x in load_params().lookup("year_to_date_lines"):
        if x["a"] not in summary:
            continue
        key = (cmte_id, year, x["b"])
        total = ytd.get(key, Decimal(0)) + Decimal(summary[x["a"]])
        if x["b"] == "col_b_total_receipts":
            total += off
        summary[x["b"]] = _money(total)
        out[key] = total
    return out


def _write_filings(out: Path, receipts: list[Receipt], refunds: list[Refund],
                   page_labels: list[tuple[str, str, str]]) -> list[Path]:
    """Write the reports; appends (filing id, group, note) for each summary page planted
    not to add up to ``page_labels``."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.fec"):   # a folder of filings must hold this sample's only
        stale.unlink()
    paths: list[Path] = []
    next_id = 9100001
    ytd: dict[tuple[str, int, str], Decimal] = {}   # (committee, year, column B field) -> total
    for c in (x for x in COMMITTEES if x.source == "filing"):
        mine = [r for r in receipts if r.committee is c]
        my_refunds = [f for f in refunds if f.receipt.committee is c]
        for period in range(len(PERIODS)):
            rows = [r for r in mine if _period_index(r.date) == period]
            refs = [f for f in my_refunds if _period_index(f.date) == period]
            if not rows and not refs:
                continue
            versions = [("N", [r for r in rows if not r.amendment_only])]
            if c is PAC and period == AMENDED_PERIOD:
                versions.append(("A", rows))
            original_id = ""
            for suffix, version_rows in versions:
                filing_id = str(next_id)
                next_id += 1
                form = c.form + suffix
                hdr = {"record_type": "HDR", "ef_type": "FEC", "fec_version": "8.3",
                       "soft_name": "fecscreen-synth", "soft_ver": "1.0"}
                if suffix == "A":
                    hdr.update({"report_id": f"FEC-{original_id}", "report_number": "1"})
                off = SUMMARY_OFF.get((c.cmte_id, period), Decimal(0))
                if off:
                    page_labels.append((filing_id, "reporting", SUMMARY_OFF_NOTE))
                summary = _summary_values(c, form, period, version_rows, refs, off)
                if c.form == "F3X":
                    year_to_date = _year_to_date(summary, ytd, c.cmte_id, PERIODS[period][1].year,
                                                 YTD_OFF.get((c.cmte_id, period), Decimal(0)))
                    if (c.cmte_id, period) in YTD_OFF:
                        page_labels.append((filing_id, "reporting", YTD_OFF_NOTE))
                lines = [_line(HDR, hdr), _line(LAYOUTS[c.form], summary)]
                for r in sorted(version_rows, key=lambda r: (r.form_type, r.transaction_id)):
                    r.filing_id = filing_id   # the last version written is the current one
                    lines.append(_line(SA, _sa_values(r)))
                lines += [_line(SB, _sb_values(f)) for f in refs]
                path = out / f"{filing_id}.fec"
                path.write_bytes(("\n".join(lines) + "\n").encode("ascii"))
                paths.append(path)
                original_id = filing_id
            if c.form == "F3X":
                ytd.update(year_to_date)   # the current (last written) version carries forward
    return paths


def _notice_periods(cmte: Committee) -> list[tuple[dt.date, dt.date]]:
    """First and last day of each 48-hour notice period of ``cmte``'s candidate in the cycle."""
    p = load_params()
    state = "US" if cmte.cmte_tp == "P" else cmte.office_state
    start = int(p.current("notice_48h_period_start_days"))
    end = int(p.current("notice_48h_period_end_days"))
    return [(e.date - dt.timedelta(days=start - 1), e.date - dt.timedelta(days=end + 1))
            for e in p.elections
            if e.state == state and e.year == CYCLE and e.held and (state != "US" or e.election == "G")]


def _write_notices(out: Path, receipts: list[Receipt]) -> list[Path]:
    """Form 6 filings of the notice filers: every contribution of $1,000 or more in a
    notice period gets its notice the next day, unless planted otherwise
    (``Receipt.notice``: 'late' six days after receipt, 'none' no notice)."""
    threshold = Decimal(str(load_params().current("notice_48h_amount")))
    by_day: dict[tuple[str, dt.date], list[Receipt]] = {}
    for c in (x for x in COMMITTEES if x.cmte_id in NOTICE_FILERS):
        periods = _notice_periods(c)
        for r in receipts:
            if (r.committee is c and r.amount >= threshold and r.memo_code != "X"
                    and r.notice != "none" and any(a <= r.date <= b for a, b in periods)):
                signed = r.date + dt.timedelta(days=6 if r.notice == "late" else 1)
                by_day.setdefault((c.cmte_id, signed), []).append(r)
    paths = []
    for n, ((cmte_id, signed), rows) in enumerate(sorted(by_day.items(), key=lambda kv: kv[0])):
        c = next(x for x in COMMITTEES if x.cmte_id == cmte_id)
        hdr = {"record_type": "HDR", "ef_type": "FEC", "fec_version": "8.3",
               "soft_name": "fecscreen-synth", "soft_ver": "1.0"}
        lines = [_line(HDR, hdr), _line(F6, {
            "form_type": "F6N", "filer_committee_id_number": c.cmte_id, "committee_name": c.name,
            "street_1": c.street, "city": c.city, "state": c.state, "zip_code": c.zip,
            "candidate_id_number": c.cand_id, "candidate_office": c.cmte_tp,
            "candidate_state": c.office_state, "candidate_district": c.district,
            "date_signed": signed.strftime("%Y%m%d")})]
        for i, r in enumerate(rows):
            last, _, first = (r.bulk_name.partition(", ") if c.source == "bulk"
                              else (r.last, "", " ".join(x for x in (r.first, r.middle, r.suffix) if x)))
            lines.append(_line(F65, {
                "form_type": "F65", "filer_committee_id_number": c.cmte_id,
                "transaction_id": f"F65.{n + 1:04d}.{i + 1:03d}", "entity_type": r.entity_type,
                "contributor_organization_name": r.org, "contributor_last_name": last,
                "contributor_first_name": first, "contributor_street_1": r.street_1,
                "contributor_city": r.city, "contributor_state": r.state,
                "contributor_zip_code": r.zip, "contribution_date": r.date.strftime("%Y%m%d"),
                "contribution_amount": _money(r.notice_amount or r.amount),
                "contributor_employer": r.employer, "contributor_occupation": r.occupation}))
        path = out / f"{9300001 + n}.fec"
        path.write_bytes(("\n".join(lines) + "\n").encode("ascii"))
        paths.append(path)
    return paths


def _write_bulk(out: Path, receipts: list[Receipt]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    file_nums: dict[tuple[str, int], int] = {}
    next_file = 9200001
    next_sub = 4_990_000_000_000_000_001
    lines = []
    for r in receipts:
        if r.committee.source != "bulk":
            continue
        period = _period_index(r.date)
        key = (r.committee.cmte_id, period)
        if key not in file_nums:
            file_nums[key] = next_file
            next_file += 1
        r.filing_id = str(file_nums[key])
        r.sub_id = str(next_sub)
        next_sub += 1
        code, _start, end = PERIODS[period]
        filed = end + dt.timedelta(days=15)
        image = f"{filed:%Y%m%d}9{file_nums[key] % 10_000:04d}{int(r.sub_id) % 100_000:05d}"
        values = [
            r.committee.cmte_id, "N", code, r.election_code, image, r.form_type,
            r.entity_type, r.bulk_name, r.city, r.state, r.zip, r.employer, r.occupation,
            r.date.strftime("%m%d%Y"), _bulk_money(r.amount), r.other_id, r.transaction_id,
            r.filing_id, r.memo_code, r.memo_text, r.sub_id,
        ]
        lines.append("|".join(v.replace("|", " ") for v in values))
    itcont = out / "itcont.txt"
    itcont.write_bytes(("\n".join(lines) + "\n").encode("ascii"))

    cm_rows, cn_rows, ccl_rows = [], [], []
    for c in COMMITTEES:
        cm_rows.append([c.cmte_id, c.name, f"{c.treasurer[0]}, {c.treasurer[1]}", c.street, "",
                        c.city, c.state, c.zip, c.dsgn, c.cmte_tp, c.party,
                        "Q", "" if c.cmte_tp != "Q" else "T", "", c.cand_id])
        if c.cand_id:
            office = c.cand_id[0]
            cn_rows.append([c.cand_id, c.cand_name, c.party, str(CYCLE), c.office_state,
                            office, c.district if office == "H" else "", "C", "C", c.cmte_id,
                            c.street, "", c.city, c.state, c.zip])
            ccl_rows.append([c.cand_id, str(CYCLE), str(CYCLE), c.cmte_id, c.cmte_tp, c.dsgn,
                             f"{99000 + len(ccl_rows) + 1}"])
    paths = [itcont]
    for name, rows, width in (("cm.txt", cm_rows, len(CM_COLUMNS)),
                              ("cn.txt", cn_rows, len(CN_COLUMNS)),
                              ("ccl.txt", ccl_rows, len(CCL_COLUMNS))):
        assert all(len(row) == width for row in rows)
        path = out / name
        path.write_bytes(("\n".join("|".join(row) for row in rows) + "\n").encode("ascii"))
        paths.append(path)
    return paths


def _assign_transaction_ids(receipts: list[Receipt], refunds: list[Refund]) -> None:
    counters: dict[str, int] = {}
    for r in sorted(receipts, key=lambda r: (r.committee.cmte_id, r.date)):
        n = counters[r.committee.cmte_id] = counters.get(r.committee.cmte_id, 0) + 1
        if r.committee.source == "filing":
            r.transaction_id = f"{r.form_type}.{n:05d}"
        else:
            r.transaction_id = f"SA{'17' if r.form_type == '24T' else '11AI'}_{n:07d}"
    for i, f in enumerate(sorted(refunds, key=lambda f: (f.receipt.committee.cmte_id, f.date))):
        f.transaction_id = f"{_REFUND_LINE[f.receipt.committee.form]}.{i + 1:05d}"


def generate(out_dir: str | Path, *, seed: int = 7, scale: float = 1.0) -> Generated:
    """Write a labelled sample into ``out_dir`` (created if missing) and describe it.

    ``scale`` multiplies the background population (1.0 = about 500 donors and
    1,300 receipts) and the number of repeated injected cases; the same ``seed``
    and ``scale`` always give the same bytes. Writing again into the same folder
    replaces the sample: ``.fec`` files left in ``filings/`` by an earlier run are
    removed.
    """
    if not scale or scale <= 0:
        raise InputError(f"scale must be a positive number, got {scale!r}",
                         where="generate(scale=...)", hint="use e.g. scale=1.0")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("output path exists and is not a folder", where=str(out),
                         hint="give a folder path (it is created if missing)")
    b = _Builder(seed, scale)
    b.background()
    b.foreign_national()
    b.excessive()
    b.prohibited_source()
    b.straw_donor()
    b.cash_anonymous()
    b.earmark_cases()
    b.reporting()
    b.committee_limits()
    b.notices()
    b.party_limits()

    _deadline_labels(b.receipts)
    _aggregates(b.receipts)
    _assign_transaction_ids(b.receipts, b.refunds)
    page_labels: list[tuple[str, str, str]] = []
    filings = _write_filings(out / "filings", b.receipts, b.refunds, page_labels)
    bulk = _write_bulk(out / "bulk", b.receipts)
    filings += _write_notices(out / "filings", b.receipts)

    ordered = sorted(b.receipts, key=lambda r: (r.committee.source, r.filing_id,
                                                 r.transaction_id))
    labels_path = out / "labels.csv"
    n_labels = 0
    with labels_path.open("w", newline="", encoding="ascii") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(LABEL_COLUMNS)
        for r in ordered:
            for group, note in r.labels:
                w.writerow([r.committee.source, r.filing_id, r.transaction_id, r.sub_id,
                            group, note])
                n_labels += 1
        for filing_id, group, note in page_labels:   # a summary page: no transaction id
            w.writerow(["filing", filing_id, "", "", group, note])
            n_labels += 1
    truth_path = out / "donor_truth.csv"
    with truth_path.open("w", newline="", encoding="ascii") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["source", "filing_id", "transaction_id", "sub_id", "person_id"])
        for r in ordered:
            if r.person_id:
                w.writerow([r.committee.source, r.filing_id, r.transaction_id, r.sub_id,
                            r.person_id])
    return Generated(out_dir=out, filings=filings, bulk=bulk, labels=labels_path,
                     truth=truth_path, cycle=CYCLE, n_receipts=len(b.receipts),
                     n_labels=n_labels)
