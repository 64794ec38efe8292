"""Labelled donor records for measuring donor resolution.

Invented people (from :mod:`fecscreen.synth.names`) give several times each, and
every record varies the way real ones do: ``LAST, FIRST M`` in the bulk file
versus separate name fields in filings, nicknames, a dropped middle initial,
occasional typos, ZIP+4 versus ZIP5, employer spelled differently or changed, a
move across town. The hard negatives are built in on purpose:

* spouses at one address (same surname, street, ZIP, sometimes employer);
* a parent and child with one name at one address, told apart by ``SR``/``JR``
  (which a record now and then leaves out);
* namesakes: two people with the same first and last name in one ZIP, some
  with the same middle initial but another middle name (records write the
  middle name in full now and then).

Each record carries its true ``person_id``, so pairwise and B-cubed scores can be
computed for any way of assigning donor keys. Same seed, same records.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import zlib
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from fecscreen.synth.names import CITIES, EMPLOYERS, OCCUPATIONS, Person, PersonGenerator

COMMITTEES = ("C90000001", "C90000002", "C90000003", "C90000004", "C90000005")
AMOUNTS = (25, 50, 100, 100, 250, 250, 500, 500, 1000, 1000, 1500, 2000, 2500, 3300)


@dataclass(frozen=True)
class LinkageRecord:
    receipt_key: str
    person_id: str
    household_id: str
    source: str            # 'bulk' | 'filing'
    name: str              # single-field form as filed
    last: str
    first: str
    middle: str
    prefix: str
    suffix: str
    street_1: str
    city: str
    state: str
    zip: str
    employer: str
    occupation: str
    committee_id: str
    election_code: str
    date: dt.date
    amount: int
    kind: str = "single"   # 'single' | 'spouse' | 'senior' | 'junior' | 'namesake'
    place_group: str = ""  # household whose place the person shares (a namesake's original)
    typo: bool = False     # this record's first or last name carries a typo


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randint(1, len(word) - 2)
    kind = rng.random()
    if kind < 0.4:  # substitution
        return word[:i] + rng.choice("AEIOURSTLNM") + word[i + 1:]
    if kind < 0.7:  # deletion
        return word[:i] + word[i + 1:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # transposition


def _move_across_town(gen: PersonGenerator, p: Person) -> Person:
    rng = gen.rng
    for city, state, zips in CITIES:
        if city == p.address.city and state == p.address.state:
            break
    else:  # pragma: no cover - every generated address comes from CITIES
        return p
    other = [z for z in zips if z != p.address.zip5] or list(zips)
    new = gen.address(state=state)
    addr = replace(new, city=city, state=state, zip5=rng.choice(other))
    return replace(p, address=addr)


def _namesake(gen: PersonGenerator, p: Person) -> Person:
    """Someone else with the same first and last name in the same ZIP; now and then
    with the same middle initial too (and so, most often, another middle name)."""
    employer = gen.rng.choice([e for e in EMPLOYERS if e != p.employer])
    other = gen.person(sex=p.sex, last=p.last, employer=employer)
    addr = replace(gen.address(state=p.address.state), city=p.address.city,
                   state=p.address.state, zip5=p.address.zip5)
    if p.middle and gen.rng.random() < NAMESAKE_SAME_INITIAL:
        other = replace(other, middle=p.middle)
    return replace(other, first=p.first, address=addr)


# Full middle names a middle initial stands for; a person has one of them.
MIDDLE_NAMES = {
    "A": ("ALAN", "ANN", "ARTHUR", "ANDREW"), "B": ("BETH", "BRUCE", "BERNARD"),
    "C": ("CAROL", "CHARLES", "CLAIRE"), "D": ("DAVID", "DIANE", "DEAN"),
    "E": ("EDWARD", "ELLEN", "EUGENE"), "F": ("FRANCIS", "FAYE", "FRANKLIN"),
    "G": ("GRACE", "GERALD", "GLENN"), "H": ("HENRY", "HOPE", "HAROLD"),
    "J": ("JAMES", "JANE", "JOSEPH", "JEAN"), "K": ("KAY", "KEITH", "KARL"),
    "L": ("LEE", "LYNN", "LOUIS", "LOUISE"), "M": ("MARIE", "MICHAEL", "MAE", "MARTIN"),
    "N": ("NEIL", "NOEL", "NORA"), "P": ("PAUL", "PAGE", "PHILIP"),
    "R": ("RAY", "ROSE", "ROBERT", "RUTH"), "S": ("SCOTT", "SUE", "STEPHEN"),
    "T": ("THOMAS", "TERESA", "TODD"), "W": ("WAYNE", "WILLIAM", "WADE"),
}


def middle_name(p: Person) -> str:
    """The full middle name behind ``p``'s initial ('' without one); the same for
    every record of ``p`` and for a son named after his father (one household, one
    name), often another one for a namesake with that initial."""
    if not p.middle:
        return ""
    names = MIDDLE_NAMES.get(p.middle, (p.middle,))
    return names[zlib.crc32(f"{p.household_id}:{p.first}".encode()) % len(names)]


# Share of people who are a namesake (same first and last name, same ZIP5) of another.
NAMESAKE_SHARE = 0.04
# Share of receipts filed with ZIP+4 (measured on the real bulk fixture: 62%).
PLUS4_SHARE = 0.62
# Share of namesakes with the original's middle initial (usually not its middle name).
NAMESAKE_SAME_INITIAL = 0.3
# Share of records with a middle initial that write the middle name in full.
FULL_MIDDLE_SHARE = 0.15
# How often a suffix is left off a record: a father often writes nothing, a son rarely.
SUFFIX_DROPPED = {"SR": 0.5, "JR": 0.1}


def people(n: int, *, seed: int = 7) -> list[Person]:
    """``n`` invented people including households and namesakes."""
    gen = PersonGenerator(seed=seed)
    out = gen.people(int(n * (1 - NAMESAKE_SHARE)), household_share=0.3)
    while len(out) < n:
        out.append(_namesake(gen, gen.rng.choice(out)))
    return out[:n]


def kinds(folks: list[Person]) -> dict[str, tuple[str, str]]:
    """person_id -> (kind, place group): which hard case each person is part of."""
    by_household: dict[str, list[Person]] = {}
    for p in folks:
        by_household.setdefault(p.household_id, []).append(p)
    first_seen: dict[tuple[str, str, str], str] = {}
    out: dict[str, tuple[str, str]] = {}
    for p in folks:
        key = (p.first, p.last, p.address.zip5)
        kind = "single"
        if p.suffix == "SR":
            kind = "senior"
        elif p.suffix == "JR":
            kind = "junior"
        elif len(by_household[p.household_id]) > 1:
            kind = "spouse"
        elif key in first_seen:
            kind = "namesake"
        out[p.person_id] = (kind, first_seen.setdefault(key, p.household_id))
    return out


def generate_records(n_people: int = 2000, *, seed: int = 7, mean_records: float = 4.0,
                     typo_rate: float = 0.01) -> list[LinkageRecord]:
    """Records of ``n_people`` invented donors, each giving 1+ times."""
    gen = PersonGenerator(seed=seed + 1)
    rng = gen.rng
    folks = people(n_people, seed=seed)
    kind_of = kinds(folks)
    records: list[LinkageRecord] = []
    start = dt.date(2023, 1, 1)
    for p in folks:
        k = 1 + min(int(rng.expovariate(1 / (mean_records - 1))), 30)
        committees = rng.sample(COMMITTEES, rng.randint(1, 3))
        event = rng.random()  # at most one life event per person in the period
        mover, changer = event < 0.07, 0.07 <= event < 0.13
        later = _move_across_town(gen, p) if mover else p
        if changer:
            employer = rng.choice([e for e in EMPLOYERS if e != p.employer])
            later = replace(later, employer=employer, occupation=rng.choice(OCCUPATIONS[employer]))
        days = sorted(rng.randint(0, 700) for _ in range(k))
        for j, day in enumerate(days):
            who = later if j >= k // 2 and (mover or changer) else p
            filed = gen.filed_name(who, variation=0.3)
            last, first, middle, suffix = filed.last, filed.first, filed.middle, filed.suffix
            if suffix and rng.random() < SUFFIX_DROPPED.get(suffix, 0.03):
                suffix = ""
            if middle and rng.random() < FULL_MIDDLE_SHARE:
                middle = middle_name(who)
            if rng.random() < typo_rate:
                last = _typo(rng, last)
            if rng.random() < typo_rate:
                first = _typo(rng, first)
            typo = (last, first) != (filed.last, filed.first)
            source = "bulk" if rng.random() < 0.6 else "filing"
            given = " ".join(x for x in (first, middle, suffix) if x)
            name = f"{last}, {given}" if given else last
            if source == "bulk" and filed.prefix and rng.random() < 0.3:
                name = f"{name} {filed.prefix}"
            date = start + dt.timedelta(days=day)
            records.append(LinkageRecord(
                receipt_key="",
                person_id=who.person_id,
                household_id=who.household_id,
                source=source,
                name=name, last=last, first=first, middle=middle, prefix=filed.prefix,
                suffix=suffix,
                street_1=who.address.street_1 if source == "filing" else "",
                city=who.address.city, state=who.address.state,
                zip=gen.filed_zip(who, plus4_share=PLUS4_SHARE),
                employer=gen.filed_employer(who), occupation=who.occupation,
                committee_id=rng.choice(committees),
                election_code="P2024" if date < dt.date(2024, 6, 1) else "G2024",
                date=date,
                amount=rng.choice(AMOUNTS),
                kind=kind_of[p.person_id][0], place_group=kind_of[p.person_id][1], typo=typo,
            ))
    rng.shuffle(records)
    out = []
    n_bulk = n_filing = 0
    for r in records:
        if r.source == "bulk":
            n_bulk += 1
            key = f"B:{4_000_000_000 + n_bulk}"
        else:
            n_filing += 1
            key = f"F:9000001:{n_filing}"
        out.append(replace(r, receipt_key=key))
    return out


def load_records(store, records: list[LinkageRecord]) -> None:
    """Insert records into ``bulk_receipts`` / ``filing_receipts`` of ``store``."""
    import pyarrow as pa

    bulk = [r for r in records if r.source == "bulk"]
    filing = [r for r in records if r.source == "filing"]
    con = store.con
    if bulk:
        t = pa.table({
            "sub_id": [int(r.receipt_key[2:]) for r in bulk],
            "cmte_id": [r.committee_id for r in bulk],
            "transaction_pgi": [r.election_code for r in bulk],
            "transaction_tp": ["15"] * len(bulk),
            "entity_tp": ["IND"] * len(bulk),
            "name": [r.name for r in bulk],
            "city": [r.city for r in bulk], "state": [r.state for r in bulk],
            "zip_code": [r.zip for r in bulk],
            "employer": [r.employer for r in bulk], "occupation": [r.occupation for r in bulk],
            "transaction_dt": [r.date for r in bulk],
            "transaction_amt": pa.array([r.amount for r in bulk], pa.decimal128(14, 2)),
            "cycle": [2024] * len(bulk),
        })
        con.register("linkage_bulk_arrow", t)
        con.execute("INSERT INTO bulk_receipts BY NAME SELECT * FROM linkage_bulk_arrow")
        con.unregister("linkage_bulk_arrow")
    if filing:
        t = pa.table({
            "filing_id": [r.receipt_key.split(":")[1] for r in filing],
            "line_number": [int(r.receipt_key.split(":")[2]) for r in filing],
            "form_type": ["SA11AI"] * len(filing),
            "filer_committee_id_number": [r.committee_id for r in filing],
            "entity_type": ["IND"] * len(filing),
            "contributor_last_name": [r.last for r in filing],
            "contributor_first_name": [r.first for r in filing],
            "contributor_middle_name": [r.middle or None for r in filing],
            "contributor_prefix": [r.prefix or None for r in filing],
            "contributor_suffix": [r.suffix or None for r in filing],
            "contributor_street_1": [r.street_1 for r in filing],
            "contributor_city": [r.city for r in filing],
            "contributor_state": [r.state for r in filing],
            "contributor_zip_code": [r.zip for r in filing],
            "election_code": [r.election_code for r in filing],
            "contribution_date": [r.date for r in filing],
            "contribution_amount": pa.array([r.amount for r in filing], pa.decimal128(14, 2)),
            "contributor_employer": [r.employer for r in filing],
            "contributor_occupation": [r.occupation for r in filing],
        })
        con.register("linkage_filing_arrow", t)
        con.execute("INSERT INTO filing_receipts BY NAME SELECT * FROM linkage_filing_arrow")
        con.unregister("linkage_filing_arrow")


def write_labels(records: list[LinkageRecord], path: str | Path) -> Path:
    """CSV of receipt_key, person_id, household_id (the truth)."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["receipt_key", "person_id", "household_id"])
        for r in records:
            w.writerow([r.receipt_key, r.person_id, r.household_id])
    return path


def as_rows(records: list[LinkageRecord]) -> list[dict]:
    return [asdict(r) for r in records]


__all__ = ["LinkageRecord", "generate_records", "kinds", "load_records", "write_labels", "people",
           "middle_name"]
