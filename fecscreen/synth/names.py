"""Name, address, employer and occupation pools, and a seeded person generator.

Everything here is invented: the pools hold common US given names and surnames,
real city/state/ZIP5 combinations and plausible street names and employers, and
the generator combines them into people who do not exist. The same seed always
gives the same people.

The generator also produces the *variation* real donor records show, so donor
resolution can be measured against known truth:

* the filed name: ``LAST, FIRST M`` or ``FIRST LAST``, a nickname for the given
  name (``WILLIAM`` -> ``BILL``), the middle initial dropped, a suffix moved;
* ZIP+4 versus ZIP5;
* employer spelled differently (``ACME CORP`` / ``ACME CORPORATION`` / ``ACME``);
* a move to a new address part-way through a cycle;
* households: spouses at one address (separate people, separate limits), and a
  parent and child sharing a name told apart only by ``SR`` / ``JR``.

Typical use::

    gen = PersonGenerator(seed=7)
    people = gen.people(200)                # individuals and households
    filed = gen.filed_name(people[0])       # one way the name might appear
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

__all__ = [
    "NICKNAMES",
    "FIRST_NAMES_F",
    "FIRST_NAMES_M",
    "LAST_NAMES",
    "STREET_NAMES",
    "STREET_TYPES",
    "CITIES",
    "EMPLOYERS",
    "OCCUPATIONS",
    "Address",
    "Person",
    "FiledName",
    "PersonGenerator",
    "canonical_first_name",
    "employer_variants",
]

# Given name -> nicknames a donor might file under. Kept in the package (not an
# optional dependency) so the generator works on a bare install.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "WILLIAM": ("BILL", "WILL", "BILLY"),
    "ROBERT": ("BOB", "ROB", "BOBBY"),
    "RICHARD": ("RICK", "DICK", "RICH"),
    "JAMES": ("JIM", "JIMMY"),
    "JOHN": ("JACK", "JOHNNY"),
    "JOSEPH": ("JOE", "JOEY"),
    "MICHAEL": ("MIKE",),
    "THOMAS": ("TOM", "TOMMY"),
    "CHARLES": ("CHARLIE", "CHUCK"),
    "CHRISTOPHER": ("CHRIS",),
    "DANIEL": ("DAN", "DANNY"),
    "MATTHEW": ("MATT",),
    "ANTHONY": ("TONY",),
    "DAVID": ("DAVE",),
    "STEVEN": ("STEVE",),
    "EDWARD": ("ED", "TED", "EDDIE"),
    "KENNETH": ("KEN", "KENNY"),
    "GREGORY": ("GREG",),
    "TIMOTHY": ("TIM",),
    "RONALD": ("RON",),
    "DONALD": ("DON",),
    "NICHOLAS": ("NICK",),
    "BENJAMIN": ("BEN",),
    "SAMUEL": ("SAM",),
    "PATRICK": ("PAT",),
    "ELIZABETH": ("LIZ", "BETH", "BETSY"),
    "MARGARET": ("PEGGY", "MAGGIE", "MEG"),
    "KATHERINE": ("KATE", "KATHY", "KATIE"),
    "JENNIFER": ("JENNY", "JEN"),
    "PATRICIA": ("PAT", "PATTY", "TRISH"),
    "SUSAN": ("SUE", "SUSIE"),
    "DEBORAH": ("DEBBIE", "DEB"),
    "REBECCA": ("BECKY",),
    "CYNTHIA": ("CINDY",),
    "KIMBERLY": ("KIM",),
    "CHRISTINE": ("CHRIS", "TINA"),
    "VICTORIA": ("VICKY", "TORI"),
    "ABIGAIL": ("ABBY",),
    "ALEXANDRA": ("ALEX", "SASHA"),
    "JACQUELINE": ("JACKIE",),
}

FIRST_NAMES_M: tuple[str, ...] = (
    "WILLIAM", "ROBERT", "RICHARD", "JAMES", "JOHN", "JOSEPH", "MICHAEL", "THOMAS",
    "CHARLES", "CHRISTOPHER", "DANIEL", "MATTHEW", "ANTHONY", "DAVID", "STEVEN",
    "EDWARD", "KENNETH", "GREGORY", "TIMOTHY", "RONALD", "DONALD", "NICHOLAS",
    "BENJAMIN", "SAMUEL", "PATRICK", "ANDREW", "BRIAN", "KEVIN", "JASON", "ERIC",
    "JOSE", "LUIS", "CARLOS", "WEI", "RAJ", "AHMED", "DMITRI", "HIROSHI", "OMAR",
    "TYRONE", "DARNELL", "MALIK", "PETER", "PAUL", "GEORGE", "FRANK", "RAYMOND",
)
FIRST_NAMES_F: tuple[str, ...] = (
    "ELIZABETH", "MARGARET", "KATHERINE", "JENNIFER", "PATRICIA", "SUSAN", "DEBORAH",
    "REBECCA", "CYNTHIA", "KIMBERLY", "CHRISTINE", "VICTORIA", "ABIGAIL", "ALEXANDRA",
    "JACQUELINE", "MARY", "LINDA", "BARBARA", "SARAH", "KAREN", "NANCY", "LISA",
    "BETTY", "SANDRA", "ASHLEY", "DONNA", "EMILY", "MICHELLE", "CAROL", "AMANDA",
    "MARIA", "ANA", "GUADALUPE", "MEI", "PRIYA", "FATIMA", "OLGA", "YUKI", "AISHA",
    "LATOYA", "KEISHA", "ANNE", "JULIA", "HELEN", "RUTH", "GRACE", "LAURA",
)
LAST_NAMES: tuple[str, ...] = (
    "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS",
    "RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON",
    "THOMAS", "TAYLOR", "MOORE", "JACKSON", "MARTIN", "LEE", "PEREZ", "THOMPSON",
    "WHITE", "HARRIS", "SANCHEZ", "CLARK", "RAMIREZ", "LEWIS", "ROBINSON", "WALKER",
    "YOUNG", "ALLEN", "KING", "WRIGHT", "SCOTT", "TORRES", "NGUYEN", "HILL", "FLORES",
    "GREEN", "ADAMS", "NELSON", "BAKER", "HALL", "RIVERA", "CAMPBELL", "MITCHELL",
    "CARTER", "ROBERTS", "CHEN", "WANG", "PATEL", "KIM", "O'BRIEN", "MCDONALD",
    "VAN DER BERG", "DE LA CRUZ", "SMITH-JONES", "OKAFOR", "KOWALSKI", "ROSENBERG",
    "SCHMIDT", "MULLER", "IVANOV", "TANAKA", "HASSAN", "SULLIVAN", "MURPHY", "COHEN",
)
STREET_NAMES: tuple[str, ...] = (
    "MAIN", "OAK", "MAPLE", "CEDAR", "ELM", "PINE", "WASHINGTON", "LAKE", "HILL",
    "PARK", "WALNUT", "SUNSET", "LINCOLN", "JEFFERSON", "MADISON", "CHESTNUT",
    "RIVER", "SPRING", "CHURCH", "HIGHLAND", "FOREST", "MEADOW", "WILLOW", "FRANKLIN",
    "RIDGE", "VALLEY", "MILL", "CENTER", "BROADWAY", "COLLEGE",
)
STREET_TYPES: tuple[str, ...] = ("ST", "AVE", "RD", "DR", "LN", "CT", "BLVD", "WAY", "PL")

# (city, state, ZIP5 codes actually used in that city)
CITIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("NEW YORK", "NY", ("10001", "10011", "10024", "10128")),
    ("BROOKLYN", "NY", ("11201", "11215", "11238")),
    ("LOS ANGELES", "CA", ("90024", "90049", "90210", "90027")),
    ("SAN FRANCISCO", "CA", ("94110", "94114", "94117")),
    ("CHICAGO", "IL", ("60614", "60657", "60611")),
    ("HOUSTON", "TX", ("77005", "77019", "77098")),
    ("AUSTIN", "TX", ("78703", "78704", "78731")),
    ("DALLAS", "TX", ("75205", "75225", "75230")),
    ("PHOENIX", "AZ", ("85016", "85018", "85028")),
    ("PHILADELPHIA", "PA", ("19103", "19106", "19130")),
    ("PITTSBURGH", "PA", ("15206", "15217", "15232")),
    ("ATLANTA", "GA", ("30305", "30306", "30327")),
    ("MIAMI", "FL", ("33131", "33133", "33139")),
    ("TAMPA", "FL", ("33606", "33609", "33629")),
    ("SEATTLE", "WA", ("98102", "98112", "98199")),
    ("DENVER", "CO", ("80206", "80209", "80218")),
    ("BOSTON", "MA", ("02108", "02116", "02138")),
    ("WASHINGTON", "DC", ("20001", "20007", "20016")),
    ("ARLINGTON", "VA", ("22201", "22207", "22209")),
    ("BETHESDA", "MD", ("20814", "20816", "20817")),
    ("COLUMBUS", "OH", ("43206", "43209", "43215")),
    ("DETROIT", "MI", ("48201", "48207", "48226")),
    ("MINNEAPOLIS", "MN", ("55405", "55408", "55410")),
    ("NASHVILLE", "TN", ("37205", "37212", "37215")),
    ("CHARLOTTE", "NC", ("28203", "28207", "28211")),
    ("LAS VEGAS", "NV", ("89117", "89134", "89144")),
    ("PORTLAND", "OR", ("97201", "97210", "97214")),
    ("MADISON", "WI", ("53703", "53705", "53711")),
    ("DES MOINES", "IA", ("50309", "50312", "50315")),
    ("OMAHA", "NE", ("68102", "68114", "68132")),
    ("SAN JUAN", "PR", ("00901", "00907", "00911")),
    ("HAGATNA", "GU", ("96910",)),
)

# Canonical employer -> spellings donors use for it.
EMPLOYERS: dict[str, tuple[str, ...]] = {
    "ACME CORPORATION": ("ACME CORP", "ACME CORP.", "ACME"),
    "GLOBEX INDUSTRIES": ("GLOBEX", "GLOBEX IND."),
    "INITECH LLC": ("INITECH", "INITECH, LLC"),
    "MERIDIAN HEALTH SYSTEM": ("MERIDIAN HEALTH", "MERIDIAN HEALTH SYS"),
    "STATE UNIVERSITY": ("STATE UNIV", "STATE UNIV."),
    "HARBOR CAPITAL PARTNERS": ("HARBOR CAPITAL", "HARBOR CAP PARTNERS"),
    "BLUE RIVER LAW GROUP": ("BLUE RIVER LAW", "BLUE RIVER LAW GROUP PLLC"),
    "NORTHSTAR ENERGY INC": ("NORTHSTAR ENERGY", "NORTHSTAR ENERGY, INC."),
    "CITY OF SPRINGFIELD": ("SPRINGFIELD CITY",),
    "PINNACLE SOFTWARE": ("PINNACLE SOFTWARE INC", "PINNACLE"),
    "SUMMIT REALTY GROUP": ("SUMMIT REALTY",),
    "LAKESIDE SCHOOL DISTRICT": ("LAKESIDE SCHOOLS", "LAKESIDE SD"),
    "SELF-EMPLOYED": ("SELF", "SELF EMPLOYED"),
    "RETIRED": ("RETIRED",),
    "NOT EMPLOYED": ("NONE",),
}
OCCUPATIONS: dict[str, tuple[str, ...]] = {
    "ACME CORPORATION": ("ENGINEER", "SALES MANAGER", "EXECUTIVE"),
    "GLOBEX INDUSTRIES": ("CEO", "ANALYST", "OPERATIONS MANAGER"),
    "INITECH LLC": ("SOFTWARE ENGINEER", "PRODUCT MANAGER"),
    "MERIDIAN HEALTH SYSTEM": ("PHYSICIAN", "NURSE", "ADMINISTRATOR"),
    "STATE UNIVERSITY": ("PROFESSOR", "RESEARCHER"),
    "HARBOR CAPITAL PARTNERS": ("INVESTOR", "PARTNER", "ANALYST"),
    "BLUE RIVER LAW GROUP": ("ATTORNEY", "PARALEGAL"),
    "NORTHSTAR ENERGY INC": ("GEOLOGIST", "EXECUTIVE"),
    "CITY OF SPRINGFIELD": ("FIREFIGHTER", "PLANNER"),
    "PINNACLE SOFTWARE": ("DEVELOPER", "DESIGNER"),
    "SUMMIT REALTY GROUP": ("REALTOR", "BROKER"),
    "LAKESIDE SCHOOL DISTRICT": ("TEACHER", "PRINCIPAL"),
    "SELF-EMPLOYED": ("CONSULTANT", "WRITER", "FARMER", "PHYSICIAN"),
    "RETIRED": ("RETIRED",),
    "NOT EMPLOYED": ("NOT EMPLOYED", "HOMEMAKER", "STUDENT"),
}


def canonical_first_name(name: str) -> str:
    """The formal given name a nickname stands for, or ``name`` itself."""
    upper = name.upper()
    for formal, nicks in NICKNAMES.items():
        if upper in nicks:
            return formal
    return upper


def employer_variants(employer: str) -> tuple[str, ...]:
    """Every spelling of ``employer`` the generator may file, canonical first."""
    return (employer, *EMPLOYERS.get(employer, ()))


@dataclass(frozen=True)
class Address:
    street_1: str
    street_2: str
    city: str
    state: str
    zip5: str
    zip4: str

    def zip(self, plus4: bool = False) -> str:
        """ZIP as filed: five digits, or nine (ZIP+4, no hyphen, as the FEC stores it)."""
        return self.zip5 + self.zip4 if plus4 else self.zip5


@dataclass(frozen=True)
class Person:
    """One invented individual. ``person_id`` is the ground truth for linkage."""

    person_id: str
    first: str
    middle: str          # initial, may be ''
    last: str
    suffix: str          # '', 'JR', 'SR', 'III'
    prefix: str          # '', 'MR.', 'MS.', 'DR.'
    sex: str             # 'F' | 'M'
    address: Address
    employer: str        # canonical employer
    occupation: str
    household_id: str


@dataclass(frozen=True)
class FiledName:
    """A name the way one filing shows it."""

    last: str
    first: str
    middle: str
    prefix: str
    suffix: str

    @property
    def name(self) -> str:
        """The single-field form used by the bulk file: ``LAST, FIRST M SUFFIX``."""
        given = " ".join(p for p in (self.first, self.middle, self.suffix) if p)
        return f"{self.last}, {given}" if given else self.last


class PersonGenerator:
    """Seeded source of invented people, households and their filed variants."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self._n = 0
        self._households = 0

    # -- addresses ---------------------------------------------------------
    def address(self, *, state: str | None = None) -> Address:
        rng = self.rng
        choices = [c for c in CITIES if state is None or c[1] == state] or list(CITIES)
        city, st, zips = rng.choice(choices)
        number = rng.randint(1, 9899)
        street = f"{number} {rng.choice(STREET_NAMES)} {rng.choice(STREET_TYPES)}"
        street_2 = f"APT {rng.randint(1, 40)}{rng.choice('ABCD')}" if rng.random() < 0.15 else ""
        return Address(street, street_2, city, st, rng.choice(zips), f"{rng.randint(1, 9999):04d}")

    # -- people ------------------------------------------------------------
    def _next_id(self) -> str:
        self._n += 1
        return f"P{self._n:06d}"

    def _next_household(self) -> str:
        self._households += 1
        return f"H{self._households:05d}"

    def _job(self) -> tuple[str, str]:
        employer = self.rng.choice(list(EMPLOYERS))
        return employer, self.rng.choice(OCCUPATIONS[employer])

    def person(
        self,
        *,
        sex: str | None = None,
        last: str | None = None,
        address: Address | None = None,
        household_id: str | None = None,
        employer: str | None = None,
        state: str | None = None,
    ) -> Person:
        rng = self.rng
        sex = sex or rng.choice("FM")
        first = rng.choice(FIRST_NAMES_F if sex == "F" else FIRST_NAMES_M)
        middle = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.7 else ""
        if employer is None:
            employer, occupation = self._job()
        else:
            occupation = rng.choice(OCCUPATIONS.get(employer, ("EXECUTIVE",)))
        prefix = rng.choice(("", "", "", "MR.", "MS.", "DR.")) if sex == "M" else rng.choice(
            ("", "", "", "MS.", "MRS.", "DR."))
        if prefix in ("MR.",) and sex == "F" or prefix in ("MS.", "MRS.") and sex == "M":
            prefix = ""
        return Person(
            person_id=self._next_id(),
            first=first,
            middle=middle,
            last=last or rng.choice(LAST_NAMES),
            suffix="",
            prefix=prefix,
            sex=sex,
            address=address or self.address(state=state),
            employer=employer,
            occupation=occupation,
            household_id=household_id or self._next_household(),
        )

    def spouses(self) -> list[Person]:
        """Two people at one address sharing a surname: separate donors, separate limits."""
        hh = self._next_household()
        addr = self.address()
        last = self.rng.choice(LAST_NAMES)
        return [
            self.person(sex="M", last=last, address=addr, household_id=hh),
            self.person(sex="F", last=last, address=addr, household_id=hh),
        ]

    def parent_and_child(self) -> list[Person]:
        """Father and son with the same name at one address, told apart by SR / JR."""
        hh = self._next_household()
        addr = self.address()
        sr = self.person(sex="M", address=addr, household_id=hh)
        sr = replace(sr, suffix="SR")
        jr = self.person(sex="M", last=sr.last, address=addr, household_id=hh)
        jr = replace(jr, first=sr.first, middle=sr.middle, suffix="JR", prefix="")
        return [sr, jr]

    def people(self, n: int, *, household_share: float = 0.2) -> list[Person]:
        """``n`` people; about ``household_share`` of them in two-person households."""
        out: list[Person] = []
        while len(out) < n:
            r = self.rng.random()
            if r < household_share * 0.75 and n - len(out) >= 2:
                out.extend(self.spouses())
            elif r < household_share and n - len(out) >= 2:
                out.extend(self.parent_and_child())
            else:
                out.append(self.person())
        return out

    # -- variation ---------------------------------------------------------
    def moved(self, person: Person) -> Person:
        """The same person at a new address (new city, often a new state)."""
        return replace(person, address=self.address())

    def filed_name(self, person: Person, *, variation: float = 0.3) -> FiledName:
        """One way ``person``'s name appears on a filing.

        With probability ``1 - variation`` the canonical form; otherwise a nickname,
        a dropped middle initial or a dropped prefix.
        """
        rng = self.rng
        first, middle, prefix = person.first, person.middle, person.prefix
        if rng.random() < variation:
            kind = rng.random()
            if kind < 0.5 and person.first in NICKNAMES:
                first = rng.choice(NICKNAMES[person.first])
            elif kind < 0.8:
                middle = ""
            else:
                prefix = ""
        return FiledName(person.last, first, middle, prefix, person.suffix)

    def filed_zip(self, person: Person, *, plus4_share: float = 0.4) -> str:
        return person.address.zip(plus4=self.rng.random() < plus4_share)

    def filed_employer(self, person: Person, *, variation: float = 0.3) -> str:
        if self.rng.random() < variation:
            return self.rng.choice(employer_variants(person.employer))
        return person.employer
