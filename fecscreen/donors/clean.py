"""Cleaning: turn individual receipts into comparable records, then into profiles.

Everything runs as SQL inside the store so ten million rows clean in seconds.

* Names: ``LAST, FIRST M SUFFIX`` (bulk) or the filing's separate name fields are
  split into first name, middle initial (and the full middle name when one is
  written out), last name and generational suffix
  (``JR``, ``SR``, ``II``, ``III``, ``IV``); courtesy titles (``MR``, ``DR``) and
  degrees (``MD``, ``PHD``, ``ESQ``) are dropped. A name without a comma is read
  as ``FIRST M LAST``.
* ``first_alts``: the given names a first name may stand for or be short for,
  from the ``nicknames`` package (``BOB`` <-> ``ROBERT``, ``BOB`` <-> ``ROB``).
* ZIP5 from ZIP or ZIP+4, and the four ZIP+4 digits when given (``0000`` is
  none); city and street upper-cased with spaces collapsed.
* Employer normalised (punctuation and company-form words such as ``INC``,
  ``CORP``, ``LLC`` dropped); values that say nothing about who the person is
  (``RETIRED``, ``NONE``, ``SELF-EMPLOYED``, ``INFORMATION REQUESTED``...) become
  null, so two retirees do not look alike because both are retired.

Identical cleaned records collapse into one *profile* (``profile_id`` = md5 of
the cleaned fields), which is what the linkage model compares.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

import duckdb

from fecscreen.errors import MissingExtraError
from fecscreen.sql import list_literal as _sql_list

PREFIXES = ("MR", "MRS", "MS", "MISS", "DR", "HON", "REV", "PROF", "SIR", "MX", "FR", "SEN", "REP",
            "GEN", "COL", "CAPT", "AMB", "JUDGE", "ATTY")
SUFFIXES = ("JR", "SR", "II", "III", "IV")
DEGREES = ("MD", "PHD", "ESQ", "DDS", "CPA", "RN", "JD", "DVM", "MBA", "PE", "CFA", "RET",
           "USN", "USA", "USAF", "USMC", "DMD", "OD", "PA", "NP", "LLM", "MPH", "MSW")
UNINFORMATIVE_EMPLOYERS = (
    "", "NONE", "N A", "NA", "RETIRED", "SELF", "SELF EMPLOYED", "SELFEMPLOYED", "SELF EMPLOYMENT",
    "SELF EMP", "NOT EMPLOYED",
    "UNEMPLOYED", "HOMEMAKER", "STUDENT", "INFORMATION REQUESTED",
    "INFORMATION REQUESTED PER BEST EFFORTS", "REQUESTED", "BEST EFFORTS", "NULL", "NO",
    "N", "DISABLED", "NOT APPLICABLE", "REFUSED", "UNKNOWN", "ENTREPRENEUR", "OWNER",
)
COMPANY_WORDS = ("INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY", "LLC", "LLP", "LTD",
                 "LP", "PC", "PLLC", "PA", "THE", "GROUP", "INTL", "INTERNATIONAL")
UNINFORMATIVE_OCCUPATIONS = ("", "NONE", "N A", "NA", "INFORMATION REQUESTED",
                             "INFORMATION REQUESTED PER BEST EFFORTS", "REQUESTED", "NULL")

# Columns of a profile, in the order hashed into profile_id.
PROFILE_FIELDS = ("first_name", "middle", "last_name", "suffix", "zip5", "city", "state",
                  "street", "employer", "occupation", "zip4", "middle_name")


# Common forms the ``nicknames`` package lacks (checked against its names.csv).
EXTRA_NICKNAMES = {
    "KATHERINE": ("KATIE", "KATE", "KAT"),
    "CATHERINE": ("KATIE", "CATE"),
    "KATHRYN": ("KATIE", "KATE"),
    "ALEXANDRA": ("SASHA",),
    "ALEXANDER": ("SASHA",),
}


@lru_cache(maxsize=1)
def nickname_pairs() -> tuple[tuple[str, str], ...]:
    """(name, alternative) pairs, both directions, from the ``nicknames`` package.

    Two nicknames of one name are alternatives of each other too
    (``BOB`` <-> ``ROB`` through ``ROBERT``).
    """
    try:
        import nicknames  # noqa: F401
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise MissingExtraError("nicknames", None, "donor resolution") from exc
    text = (resources.files("nicknames") / "names.csv").read_text(encoding="utf-8")
    nicks_of: dict[str, set[str]] = {}
    for row in csv.DictReader(text.splitlines()):
        if row.get("relationship") == "has_nickname":
            nicks_of.setdefault(row["name1"].upper(), set()).add(row["name2"].upper())
    for name, nicks in EXTRA_NICKNAMES.items():
        nicks_of.setdefault(name, set()).update(nicks)
    pairs: set[tuple[str, str]] = set()
    for name, nicks in nicks_of.items():
        for nick in nicks:
            pairs.add((name, nick))
            pairs.add((nick, name))
            pairs.update((nick, other) for other in nicks if other != nick)
    return tuple(sorted(pairs))


def install_nicknames(con: duckdb.DuckDBPyConnection) -> None:
    """Create the temp table ``donor_nicknames(name, alt)``."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'donor_nicknames' AND temporary"
    ).fetchall()[0][0]
    if exists:
        return
    import pyarrow as pa

    pairs = nickname_pairs()
    nick = pa.table({"name": [p[0] for p in pairs], "alt": [p[1] for p in pairs]})
    con.register("donor_nick_arrow", nick)
    con.execute("CREATE TEMP TABLE donor_nicknames AS SELECT * FROM donor_nick_arrow")
    con.unregister("donor_nick_arrow")


def _clean_text(expr: str) -> str:
    """Upper case, letters/digits/space only, single spaces, trimmed; '' -> NULL."""
    return (f"nullif(trim(regexp_replace(regexp_replace(upper({expr}), '[^A-Z0-9 ]', ' ', 'g'),"
            f" ' +', ' ', 'g')), '')")


def _words(words) -> str:
    return "|".join(words)


def _squash(expr: str) -> str:
    return f"trim(regexp_replace({expr}, ' +', ' ', 'g'))"


def cleaned_sql(source: str) -> str:
    """SQL selecting one cleaned row per individual receipt of ``source``.

    ``source`` is a relation with the columns of ``receipts``. Individual means
    entity_type IND, or a missing entity type with a person's name (a first
    name, or a filed name of the form ``LAST, FIRST``).

    Names and employers are parsed once per distinct spelling, then joined back:
    a donor who gives twenty times under one spelling is parsed once.
    """
    drop = _words(PREFIXES + DEGREES)
    suf = _words(SUFFIXES)
    company = _words(COMPANY_WORDS)
    bad_emp = _sql_list(UNINFORMATIVE_EMPLOYERS)
    strip_company = (f"regexp_replace(' ' || replace(e1, ' ', '  ') || ' ', "
                     f"' ({company}) ', ' ', 'g')")
    bad_occ = _sql_list(UNINFORMATIVE_OCCUPATIONS)
    letters = "regexp_replace(regexp_replace(upper({x}), '[.''`]', '', 'g'), '[^A-Z ]', ' ', 'g')"
    numbered = ("regexp_replace(regexp_replace(upper({x}), '\\b2ND\\b', 'II', 'g'), "
                "'\\b3RD\\b', 'III', 'g')")
    return f"""
WITH src AS (
    SELECT receipt_key, date,
           hash(name, nullif(trim(last_name), ''), first_name, middle_name, suffix, prefix)
               AS nkey,
           name, nullif(trim(last_name), '') AS last_name, first_name, middle_name,
           suffix, prefix, street_1, city, state, zip, employer, occupation,
           hash(street_1, city, state, zip) AS pkey
    FROM {source}
    WHERE (entity_type = 'IND'
           OR (entity_type IS NULL AND (nullif(trim(first_name), '') IS NOT NULL
                                        OR position(',' IN coalesce(name, '')) > 0)))
      AND coalesce(last_name, name) IS NOT NULL
),
names AS (
    SELECT nkey, any_value(name) AS name, any_value(last_name) AS last_name,
           any_value(first_name) AS first_name, any_value(middle_name) AS middle_name,
           any_value(suffix) AS suffix, any_value(prefix) AS prefix
    FROM src GROUP BY nkey
),
split AS (  -- surname part and given-names part, as filed
    SELECT *,
        CASE WHEN no_comma THEN NULL
             WHEN last_name IS NOT NULL THEN last_name
             WHEN position(',' IN name) > 0 THEN split_part(name, ',', 1) END AS sur_raw,
        CASE WHEN no_comma THEN coalesce(name, last_name)
             WHEN last_name IS NOT NULL
                  THEN concat_ws(' ', prefix, first_name, middle_name, suffix)
             WHEN position(',' IN name) > 0 THEN substr(name, position(',' IN name) + 1)
             ELSE name END AS giv_raw
    FROM (
        -- A whole name without a comma (``PAUL COHEN``), also where the receipts
        -- view passed it on as the surname with no given name: read as FIRST M LAST.
        SELECT *, position(',' IN coalesce(name, '')) = 0
                  AND (last_name IS NULL
                       OR coalesce(nullif(trim(first_name), '') IS NULL
                                   AND nullif(trim(middle_name), '') IS NULL
                                   AND last_name = trim(name), false)) AS no_comma
        FROM names)
),
words AS (  -- letters only, 2ND/3RD as II/III; every word wrapped in its own spaces
    SELECT *,
        ' ' || replace({_squash(letters.format(x=numbered.format(x="coalesce(sur_raw, '')")))},
                       ' ', '  ') || ' ' AS sur_w,
        ' ' || replace({_squash(letters.format(x=numbered.format(x="coalesce(giv_raw, '')")))},
                       ' ', '  ') || ' ' AS giv_w
    FROM split
),
parsed AS (
    SELECT nkey, no_comma,
        nullif(regexp_extract(sur_w || giv_w, ' ({suf}) ', 1), '') AS suffix_c,
        {_squash(f"regexp_replace(sur_w, ' ({drop}|{suf}) ', ' ', 'g')")} AS sur_c,
        {_squash(f"regexp_replace(giv_w, ' ({drop}|{suf}) ', ' ', 'g')")} AS giv_c
    FROM words
),
person AS (
    SELECT nkey, suffix_c AS suffix,
        CASE WHEN no_comma THEN regexp_extract(giv_c, '([A-Z]+)$', 1)
             ELSE replace(sur_c, ' ', '') END AS last_c,
        CASE WHEN no_comma THEN trim(regexp_replace(giv_c, '[A-Z]+$', ''))
             ELSE giv_c END AS given_c
    FROM parsed
),
person2 AS (
    SELECT nkey, suffix,
        nullif(last_c, '') AS last_name,
        nullif(split_part(given_c, ' ', 1), '') AS first_name,
        nullif(left(split_part(given_c, ' ', 2), 1), '') AS middle,
        CASE WHEN length(split_part(given_c, ' ', 2)) > 1
             THEN split_part(given_c, ' ', 2) END AS middle_name
    FROM person
),
employers AS (
    SELECT emp, CASE WHEN list_contains({bad_emp}, coalesce(e1, '')) THEN NULL
                     ELSE nullif({_squash(strip_company)}, '')
                END AS employer_c
    FROM (SELECT emp, {_clean_text('emp')} AS e1 FROM (SELECT DISTINCT employer AS emp FROM src))
),
occupations AS (
    SELECT occ, CASE WHEN list_contains({bad_occ}, coalesce(o1, '')) THEN NULL ELSE o1 END
               AS occupation_c
    FROM (SELECT occ, {_clean_text('occ')} AS o1 FROM (SELECT DISTINCT occupation AS occ FROM src))
),
cities AS (
    SELECT cty, {_clean_text('cty')} AS city_c FROM (SELECT DISTINCT city AS cty FROM src)
),
places AS (
    SELECT pkey, nullif(left(regexp_replace(coalesce(zip, ''), '[^0-9]', '', 'g'), 5), '') AS zip5,
           CASE WHEN length(regexp_replace(coalesce(zip, ''), '[^0-9]', '', 'g')) = 9
                THEN nullif(right(regexp_replace(zip, '[^0-9]', '', 'g'), 4), '0000') END AS zip4,
           c.city_c AS city, nullif(upper(trim(state)), '') AS state,
           CASE WHEN street_1 IS NOT NULL THEN {_clean_text('street_1')} END AS street
    FROM (SELECT pkey, any_value(street_1) AS street_1, any_value(city) AS city,
                 any_value(state) AS state, any_value(zip) AS zip FROM src GROUP BY pkey) pl
    LEFT JOIN cities c ON c.cty IS NOT DISTINCT FROM pl.city
)
SELECT
    s.receipt_key, s.date,
    p.first_name, p.middle, p.middle_name, p.last_name, p.suffix,
    pl.zip5, pl.zip4, pl.city, pl.state, pl.street,
    e.employer_c AS employer,
    o.occupation_c AS occupation
FROM src s
JOIN person2 p USING (nkey)
JOIN places pl USING (pkey)
LEFT JOIN employers e ON e.emp IS NOT DISTINCT FROM s.employer
LEFT JOIN occupations o ON o.occ IS NOT DISTINCT FROM s.occupation
"""


def profile_id_sql(alias: str = "") -> str:
    """SQL for the stable profile id of a cleaned row (md5 of its fields)."""
    p = f"{alias}." if alias else ""
    # zip4 and middle_name last and not coalesced: concat_ws skips a NULL, so a record
    # without them keeps the id it had before they were profile fields.
    fields = ", ".join(f"coalesce({p}{f}, '')" for f in PROFILE_FIELDS[:-2])
    fields += "".join(f", {p}{f}" for f in PROFILE_FIELDS[-2:])
    return f"left(md5(concat_ws('|', {fields})), 16)"


__all__ = ["cleaned_sql", "profile_id_sql", "install_nicknames", "nickname_pairs",
           "PROFILE_FIELDS"]
