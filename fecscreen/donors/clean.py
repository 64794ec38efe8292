"""Cleaning: turn individual receipts into comparable records, then into profiles.

Everything runs as SQL inside the store so ten million rows clean in seconds.

* Names: ``LAST, FIRST M SUFFIX`` (bulk) or the filing's separate name fields are
  split into first name, middle initial, last name and generational suffix
  (``JR``, ``SR``, ``II``, ``III``, ``IV``); courtesy titles (``MR``, ``DR``) and
  degrees (``MD``, ``PHD``, ``ESQ``) are dropped. A name without a comma is read
  as ``FIRST M LAST``.
* ``first_alts``: the given names a first name may stand for or be short for,
  from the ``nicknames`` package (``BOB`` <-> ``ROBERT``, ``BOB`` <-> ``ROB``).
* ZIP5 from ZIP or ZIP+4; city and street upper-cased with spaces collapsed.
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

PREFIXES = ("MR", "MRS", "MS", "MISS", "DR", "HON", "REV", "PROF", "SIR", "MX", "FR", "SEN", "REP",
            "GEN", "COL", "CAPT", "AMB", "JUDGE", "ATTY")
SUFFIXES = ("JR", "SR", "II", "III", "IV")
DEGREES = ("MD", "PHD", "ESQ", "DDS", "CPA", "RN", "JD", "DVM", "MBA", "PE", "CFA", "RET",
           "USN", "USA", "USAF", "USMC", "DMD", "OD", "PA", "NP", "LLM", "MPH", "MSW")
UNINFORMATIVE_EMPLOYERS = (
    "", "NONE", "N A", "NA", "RETIRED", "SELF", "SELF EMPLOYED", "SELFEMPLOYED", "NOT EMPLOYED",
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
                  "street", "employer", "occupation")


def _sql_list(values) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


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
        raise MissingExtraError("nicknames", "resolve", "donor resolution") from exc
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


def cleaned_sql(source: str) -> str:
    """SQL selecting one cleaned row per individual receipt of ``source``.

    ``source`` is a relation with the columns of ``receipts``. Individual means
    entity_type IND (or missing) with a person's name.
    """
    suffixes, prefixes, degrees = _sql_list(SUFFIXES), _sql_list(PREFIXES), _sql_list(DEGREES)
    drop_words = _sql_list(PREFIXES + DEGREES)
    company = _sql_list(COMPANY_WORDS)
    bad_emp = _sql_list(UNINFORMATIVE_EMPLOYERS)
    bad_occ = _sql_list(UNINFORMATIVE_OCCUPATIONS)
    del prefixes, degrees
    return f"""
WITH src AS (
    SELECT receipt_key, name, last_name, first_name, middle_name, suffix, prefix,
           street_1, city, state, zip, employer, occupation
    FROM {source}
    WHERE (entity_type = 'IND' OR entity_type IS NULL)
      AND coalesce(last_name, name) IS NOT NULL
),
raw AS (
    SELECT *,
        -- 2ND / 3RD written as numbers: make them words before punctuation goes
        regexp_replace(regexp_replace(upper(
            CASE WHEN last_name IS NOT NULL AND last_name <> '' THEN last_name
                 WHEN position(',' IN name) > 0 THEN split_part(name, ',', 1)
            END), '\\b2ND\\b', 'II', 'g'), '\\b3RD\\b', 'III', 'g') AS sur_raw,
        regexp_replace(regexp_replace(upper(
            CASE WHEN last_name IS NOT NULL AND last_name <> ''
                      THEN concat_ws(' ', prefix, first_name, middle_name, suffix)
                 WHEN position(',' IN name) > 0
                      THEN substr(name, position(',' IN name) + 1)
                 ELSE name
            END), '\\b2ND\\b', 'II', 'g'), '\\b3RD\\b', 'III', 'g') AS giv_raw,
        (last_name IS NULL OR last_name = '') AND position(',' IN coalesce(name, '')) = 0
            AS no_comma
    FROM src
),
tok AS (
    SELECT *,
        list_filter(string_split(regexp_replace(regexp_replace(coalesce(sur_raw, ''),
            '[.''`]', '', 'g'), '[^A-Z ]', ' ', 'g'), ' '), lambda t: t <> '') AS sur_t,
        list_filter(string_split(regexp_replace(regexp_replace(coalesce(giv_raw, ''),
            '[.''`]', '', 'g'), '[^A-Z ]', ' ', 'g'), ' '), lambda t: t <> '') AS giv_t
    FROM raw
),
tok2 AS (
    SELECT *,
        -- a name without a comma is FIRST [M] LAST [SUFFIX]
        CASE WHEN no_comma THEN list_filter(giv_t, lambda t: NOT list_contains({suffixes}, t)
                                            AND NOT list_contains({drop_words}, t))
        END AS nc_t
    FROM tok
),
parts AS (
    SELECT receipt_key, street_1, city, state, zip, employer, occupation,
        CASE WHEN no_comma THEN [nc_t[-1]]
             ELSE list_filter(sur_t, lambda t: NOT list_contains({suffixes}, t)
                              AND NOT list_contains({drop_words}, t)) END AS last_t,
        CASE WHEN no_comma THEN nc_t[1:-2]
             ELSE list_filter(giv_t, lambda t: NOT list_contains({suffixes}, t)
                              AND NOT list_contains({drop_words}, t)) END AS given_t,
        list_filter(list_concat(sur_t, giv_t), lambda t: list_contains({suffixes}, t)) AS suf_t
    FROM tok2
)
SELECT
    receipt_key,
    nullif(list_first(given_t), '') AS first_name,
    nullif(left(coalesce(given_t[2], ''), 1), '') AS middle,
    nullif(array_to_string(last_t, ''), '') AS last_name,
    CASE WHEN len(suf_t) > 0 THEN suf_t[1] END AS suffix,
    nullif(left(regexp_replace(coalesce(zip, ''), '[^0-9]', '', 'g'), 5), '') AS zip5,
    {_clean_text('city')} AS city,
    nullif(upper(trim(state)), '') AS state,
    {_clean_text('street_1')} AS street,
    CASE WHEN list_contains({bad_emp}, coalesce({_clean_text('employer')}, '')) THEN NULL
         ELSE nullif(array_to_string(list_filter(string_split({_clean_text('employer')}, ' '),
                     lambda t: NOT list_contains({company}, t)), ' '), '') END AS employer,
    CASE WHEN list_contains({bad_occ}, coalesce({_clean_text('occupation')}, '')) THEN NULL
         ELSE {_clean_text('occupation')} END AS occupation
FROM parts
"""


def profile_id_sql(alias: str = "") -> str:
    """SQL for the stable profile id of a cleaned row (md5 of its fields)."""
    p = f"{alias}." if alias else ""
    fields = ", ".join(f"coalesce({p}{f}, '')" for f in PROFILE_FIELDS)
    return f"left(md5(concat_ws('|', {fields})), 16)"


__all__ = ["cleaned_sql", "profile_id_sql", "install_nicknames", "nickname_pairs",
           "PROFILE_FIELDS"]
