"""Cleaning: name parsing, ZIP5, employer normalisation, nicknames (cases as data)."""

from __future__ import annotations

import duckdb
import pytest

from fecscreen.donors.clean import cleaned_sql, nickname_pairs
from fecscreen.donors.cluster import FirstNameRules

COLUMNS = ("receipt_key", "entity_type", "name", "last_name", "first_name", "middle_name",
           "suffix", "prefix", "street_1", "city", "state", "zip", "employer", "occupation")

# input row (as in `receipts`) -> (first, middle, last, suffix, zip5, employer)
CASES = [
    (("IND", "SMITH, JOHN A JR", None, None, None, None, None, None, "NYC", "NY", "100011234",
      "Acme Corp.", "CEO"), ("JOHN", "A", "SMITH", "JR", "10001", "ACME")),
    (("IND", "TIGHE, GERALD MR.", None, None, None, None, None, None, "X", "IA", "51503",
      "RETIRED", "RETIRED"), ("GERALD", None, "TIGHE", None, "51503", None)),
    (("IND", "JOHN Q. PUBLIC III", None, None, None, None, None, None, "X", "IA", "51503",
      "Self-Employed", None), ("JOHN", "Q", "PUBLIC", "III", "51503", None)),
    (("IND", None, "O'Brien", "Mary", "K", "2nd", "Dr.", "1 Main St", "X", "IA", "51503-0001",
      "The Globex Group, Inc", None), ("MARY", "K", "OBRIEN", "II", "51503", "GLOBEX")),
    (("IND", "SMITH JR, JOHN", None, None, None, None, None, None, "NYC", "NY", "10001", "",
      None), ("JOHN", None, "SMITH", "JR", "10001", None)),
    (("IND", "DOE, JANE DR PHD", None, None, None, None, None, None, "NYC", "NY", "10001",
      "INFORMATION REQUESTED", None), ("JANE", None, "DOE", None, "10001", None)),
    # a bulk name without a comma reaches cleaning as the surname with no given name
    (("IND", "PAUL E COHEN JR", "PAUL E COHEN JR", None, None, None, None, None, "X", "PA",
      "19106", None, None), ("PAUL", "E", "COHEN", "JR", "19106", None)),
    # a surname of several words filed beside its given name stays whole
    (("IND", None, "De La Cruz", "Malik", None, None, None, None, "X", "PA", "19106", None,
      None), ("MALIK", None, "DELACRUZ", None, "19106", None)),
    (("IND", "DE LA CRUZ, MALIK", "DE LA CRUZ", "MALIK", None, None, None, None, "X", "PA",
      "19106", None, None), ("MALIK", None, "DELACRUZ", None, "19106", None)),
]


@pytest.mark.parametrize("row,expected", CASES, ids=[c[0][1] or c[0][3] for c in CASES])
def test_cleaning(row, expected):
    got = _cleaned(row, "first_name, middle, last_name, suffix, zip5, employer")
    assert got == [expected]


def _cleaned(row, columns: str):
    con = duckdb.connect()
    con.execute(f"CREATE TABLE r ({', '.join(c + ' VARCHAR' for c in COLUMNS)}, date DATE)")
    con.execute(f"INSERT INTO r ({', '.join(COLUMNS)}) VALUES ('k', {', '.join('?' for _ in row)})",
                list(row))
    return con.execute(f"SELECT {columns} FROM ({cleaned_sql('r')})").fetchall()


@pytest.mark.parametrize("name,middle_fields,expected", [
    ("SMITH, JOHN ALAN", (None, None), ("A", "ALAN")),
    ("SMITH, JOHN A.", (None, None), ("A", None)),
    ("SMITH, JOHN", (None, None), (None, None)),
    (None, ("John", "Arthur"), ("A", "ARTHUR")),
])
def test_full_middle_name_is_kept_beside_its_initial(name, middle_fields, expected):
    first, middle = middle_fields
    row = ("IND", name, "SMITH" if name is None else None, first, middle, None, None, None,
           "X", "IA", "51503", None, None)
    assert _cleaned(row, "middle, middle_name") == [expected]


@pytest.mark.parametrize("employer", ["SELF-EMPLOYED", "Self Employed", "SELF", "self-employment",
                                      "Retired", "N/A"])
def test_employers_naming_no_employer_are_one_value(employer):
    row = ("IND", "SMITH, JOHN", None, None, None, None, None, None, "X", "IA", "51503",
           employer, "WRITER")
    assert _cleaned(row, "employer, occupation") == [(None, "WRITER")]


def test_organisations_and_nameless_rows_are_not_individuals():
    con = duckdb.connect()
    con.execute(f"CREATE TABLE r ({', '.join(c + ' VARCHAR' for c in COLUMNS)}, date DATE)")
    con.execute("INSERT INTO r (receipt_key, entity_type, name) VALUES "
                "('a', 'ORG', 'SMITH, JOHN'), ('b', NULL, 'ACME PAC'), ('c', NULL, 'DOE, JANE')")
    got = con.execute(f"SELECT receipt_key FROM ({cleaned_sql('r')})").fetchall()
    assert got == [("c",)]


def test_nicknames_both_ways_and_through_a_shared_name():
    pairs = set(nickname_pairs())
    assert ("BOB", "ROBERT") in pairs and ("ROBERT", "BOB") in pairs
    assert ("BOB", "ROB") in pairs
    assert ("KATIE", "KATHERINE") in pairs  # supplement to the package
    assert ("JOHN", "JOAN") not in pairs


@pytest.mark.parametrize("a,b,conflict", [
    ("JOHN", "JOAN", True),        # two known names: two people
    ("JOHN", "JACK", False),       # nickname
    ("JOHN", "JOHM", False),       # a misspelling is not a known name
    ("DANIEL", "DANIELLE", True),
])
def test_first_name_conflicts(a, b, conflict):
    pairs = nickname_pairs()
    rules = FirstNameRules(pairs, {n for n, _ in pairs})
    assert rules.conflict(a, b) is conflict
