"""SQL for the keys several parts of fecscreen compute alike: the donor key and the election.

The rules aggregate by these keys, the report and the donor linkage group by
them, and the service's screen looks contributions up by them; each is written
here once, in the engine-neutral SQL of :mod:`fecscreen.sql.dialect`.
"""

from __future__ import annotations

from fecscreen.sql.dialect import get_dialect


def donor_key_sql(donor_id: str, name: str, last: str, first: str, zip_code: str,
                  suffix: str = "CAST(NULL AS VARCHAR)") -> str:
    """The donor key for aggregation.

    ``coalesce(donor_id, 'N:' || LAST || '|' || FIRST || '|' || SUFFIX || '|' || ZIP5)``
    where LAST is the last name (or the part of the filed name before the first
    comma), FIRST the first word of the first name (or of the part after the
    comma) with a leading title (MR, MRS, MS, MISS, DR, REV, HON) dropped, both
    upper-cased with everything but letters turned into spaces, SUFFIX a
    generational suffix (JR, SR, II, III, IV) from the suffix field or the filed
    name, and ZIP5 the first five letters or digits of the postal code.
    """
    d = get_dialect()
    last_src = f"upper(coalesce(nullif(trim({last}), ''), {d.split_part(name, ',', 1)}))"
    first_src = f"upper(coalesce(nullif(trim({first}), ''), {d.split_part(name, ',', 2)}))"
    last_norm = "trim(" + d.regex_replace(last_src, "'[^A-Z]+'", "' '") + ")"
    first_tok = d.regex_extract(
        first_src, "'^[^A-Z]*(?:(?:MR|MRS|MS|MISS|DR|REV|HON)[^A-Z]+)?([A-Z]+)'", 1)
    sfx_src = f"upper(coalesce({suffix}, '') || ' ' || {d.split_part(name, ',', 2)})"
    sfx = d.regex_extract(sfx_src, "'(?:^|[^A-Z])(JR|SR|II|III|IV)(?:[^A-Z]|$)'", 1)
    zip5 = f"left({d.compact(zip_code)}, 5)"
    return (
        f"coalesce({donor_id}, 'N:' || {last_norm} || '|' || {first_tok} "
        f"|| '|' || {sfx} || '|' || {zip5})"
    )


def election_type_sql(ecode: str) -> str:
    """The election a receipt is designated for (P, G, R, S, C, E, O), or NULL.

    ``ecode`` is the upper-cased, trimmed election code (filing ``election_code``,
    bulk ``TRANSACTION_PGI``).
    """
    return f"CASE WHEN left({ecode}, 1) IN ('P', 'G', 'R', 'S', 'C', 'E', 'O') THEN left({ecode}, 1) END"


def election_year_sql(ecode: str, date: str) -> str:
    """The election year: from the code (P2024), else the next even year from the date.

    An undesignated gift counts toward the next election.
    """
    y = get_dialect().year(date)
    return (f"CASE WHEN substr({ecode}, 2, 4) BETWEEN '1900' AND '2999' AND length({ecode}) >= 5\n"
            f"         THEN CAST(substr({ecode}, 2, 4) AS INTEGER)\n"
            f"         ELSE {y} + {y} % 2 END")


__all__ = ["donor_key_sql", "election_type_sql", "election_year_sql"]
