"""The sample's cast and its records: the committees, the reporting periods, what is
planted where, and the receipt and refund records the builder makes and the writers
write (see :mod:`fecscreen.synth.generate`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from fecscreen.bulk.layouts import layouts

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
    notice: str = "on time"        # 48-hour notice: 'on time', 'late' or 'none' (see write_notices)
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


def dec(value: float | int | str) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


# Schedule A line by summary form and contributor: F3 and F3X report contributions on
# line 11 (a: individuals and other persons, b: parties, c: other committees, d: the
# candidate), F3P on line 17 (a-d in the same order). Bulk rows use TRANSACTION_TP 15.
SA_LINE = {"F3": "SA11", "F3X": "SA11", "F3P": "SA17"}
SA_LETTER = {"IND": "A", "ORG": "A", "PTY": "B", "PAC": "C", "COM": "C", "CCM": "C", "CAN": "D"}
COMMITTEE_ENTITIES = ("PAC", "PTY", "COM", "CCM")
# Refunds of contributions from individuals: F3 line 20a, F3X and F3P line 28a.
REFUND_LINE = {"F3": "SB20A", "F3X": "SB28A", "F3P": "SB28A"}


def receipt_form(cmte: Committee, entity: str) -> str:
    if cmte.source != "filing":
        return "15"
    form = SA_LINE[cmte.form] + SA_LETTER[entity]
    return form + "I" if form.endswith("11A") else form

