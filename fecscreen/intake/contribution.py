"""One prospective or received contribution, checked field by field.

Every problem is an :class:`~fecscreen.errors.InputError` whose ``where`` is the
field's name, so the API can answer 422 naming it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from fecscreen.errors import InputError

ENTITY_TYPES = ("IND", "ORG", "PAC", "PTY", "CAN", "CCM", "COM")
# The Schedule A line each kind of contributor's gift belongs on (FEC Form 3/3X/3P).
FORM_TYPES = {"IND": "SA11AI", "ORG": "SA11AI", "CAN": "SA11D", "PTY": "SA11B",
              "PAC": "SA11C", "CCM": "SA11C", "COM": "SA11C"}
FIELDS = ("committee_id", "contributor_name", "entity_type", "street", "city", "state", "zip",
          "employer", "occupation", "amount", "date", "election", "memo", "transaction_id")
COMMITTEE_RE = re.compile(r"^C\d{8}$")
ELECTION_RE = re.compile(r"^[PGRSCEO](\d{4})?$")
SUFFIXES = ("JR", "SR", "II", "III", "IV")
MAX_AMOUNT = Decimal("100000000")
MAX_TEXT = 200


@dataclass(frozen=True)
class Contribution:
    committee_id: str
    contributor_name: str
    entity_type: str
    amount: Decimal
    date: dt.date
    street: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    employer: str | None = None
    occupation: str | None = None
    election: str | None = None
    memo: str | None = None
    transaction_id: str | None = None

    @property
    def form_type(self) -> str:
        return FORM_TYPES[self.entity_type]

    def name_parts(self) -> dict[str, str | None]:
        """LAST, FIRST MIDDLE SUFFIX split as a Form 3 line carries them (individuals only)."""
        if self.entity_type not in ("IND", "CAN"):
            return {"last_name": None, "first_name": None, "middle_name": None, "suffix": None}
        last, _, rest = self.contributor_name.partition(",")
        words = rest.split()
        suffix = words.pop() if words and words[-1].upper().strip(".") in SUFFIXES else None
        return {"last_name": last.strip() or None, "first_name": words[0] if words else None,
                "middle_name": " ".join(words[1:]) or None, "suffix": suffix}

    def to_dict(self) -> dict:
        d = asdict(self)
        d["amount"] = float(self.amount)
        d["date"] = self.date.isoformat()
        return d


def _text(data: dict, key: str, *, required: bool = False, upper: bool = False) -> str | None:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError("is required", where=key, hint=f"give {key} as text")
        return None
    if not isinstance(value, str):
        raise InputError(f"must be text, not {type(value).__name__}", where=key)
    value = " ".join(value.split())
    if len(value) > MAX_TEXT:
        raise InputError(f"is longer than {MAX_TEXT} characters", where=key)
    return value.upper() if upper else value


def _amount(value) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise InputError("is required as a number of dollars", where="amount", hint="e.g. 250 or 250.00")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise InputError(f"{value!r} is not a number", where="amount", hint="e.g. 250 or 250.00") from None
    if not amount.is_finite() or amount <= 0:
        raise InputError("must be a positive amount", where="amount",
                         hint="record refunds in the committee's filings, not here")
    if amount >= MAX_AMOUNT or amount != amount.quantize(Decimal("0.01")):
        raise InputError("must be below $100,000,000 with at most two decimals", where="amount")
    return amount.quantize(Decimal("0.01"))


def _date(value) -> dt.date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise InputError(f"{value!r} is not a date as YYYY-MM-DD", where="date", hint="e.g. 2024-10-15")
    try:
        date = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{value!r} is not a calendar date", where="date", hint="e.g. 2024-10-15") from None
    if date.year < 1975:
        raise InputError("is before the FEC's records begin (1975)", where="date")
    return date


def parse_contribution(data, *, with_transaction_id: bool = False) -> Contribution:
    """A :class:`Contribution` from a JSON object, or an InputError naming the bad field."""
    if not isinstance(data, dict):
        raise InputError("the body must be a JSON object", where="body",
                         hint="send {\"committee_id\": ..., \"contributor_name\": ..., ...}")
    allowed = [f for f in FIELDS if with_transaction_id or f != "transaction_id"]
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise InputError(f"unknown field {unknown[0]!r}", where=unknown[0], hint="fields: " + ", ".join(allowed))
    committee = _text(data, "committee_id", required=True, upper=True)
    if not COMMITTEE_RE.match(committee):
        raise InputError(f"{committee!r} is not an FEC committee id", where="committee_id",
                         hint="C followed by eight digits, e.g. C00401224")
    entity = _text(data, "entity_type", upper=True) or "IND"
    if entity not in ENTITY_TYPES:
        raise InputError(f"unknown entity type {entity!r}", where="entity_type", hint=", ".join(ENTITY_TYPES))
    name = _text(data, "contributor_name", required=True, upper=True)
    if entity in ("IND", "CAN") and ("," not in name or not name.split(",")[0].strip()
                                     or not name.split(",", 1)[1].strip()):
        raise InputError(f"{name!r} is not written LAST, FIRST", where="contributor_name",
                         hint="e.g. SMITH, JANE A")
    state = _text(data, "state", upper=True)
    if state is not None and not re.fullmatch(r"[A-Z]{2}", state):
        raise InputError(f"{state!r} is not a two-letter state code", where="state",
                         hint="e.g. VA; ZZ for a foreign country")
    zip_code = _text(data, "zip", upper=True)
    if zip_code is not None and not re.fullmatch(r"[A-Z0-9 -]{2,10}", zip_code):
        raise InputError(f"{zip_code!r} is not a postal code", where="zip", hint="e.g. 22201 or 222011234")
    election = _text(data, "election", upper=True)
    if election is not None and not ELECTION_RE.match(election):
        raise InputError(f"{election!r} is not an election code", where="election",
                         hint="a letter (P primary, G general, R runoff, S special, C convention, "
                         "E recount, O other) and the year, e.g. P2024")
    transaction_id = None
    if with_transaction_id:
        transaction_id = _text(data, "transaction_id", required=True)
        if not re.fullmatch(r"[A-Za-z0-9._:-]{1,64}", transaction_id):
            raise InputError("must be 1-64 letters, digits, '.', '_', ':' or '-'", where="transaction_id")
    return Contribution(
        committee_id=committee, contributor_name=name, entity_type=entity,
        amount=_amount(data.get("amount")), date=_date(data.get("date")),
        street=_text(data, "street", upper=True), city=_text(data, "city", upper=True), state=state,
        zip=zip_code, employer=_text(data, "employer", upper=True),
        occupation=_text(data, "occupation", upper=True), election=election,
        memo=_text(data, "memo"), transaction_id=transaction_id,
    )


__all__ = ["Contribution", "parse_contribution", "ENTITY_TYPES", "FORM_TYPES", "FIELDS"]
