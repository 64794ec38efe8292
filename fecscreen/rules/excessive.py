"""excessive: an individual's contributions over the dated limit.

Aggregation is per donor key (the resolved ``donor_id``, else normalised name +
ZIP5; see docs/rules.md), per recipient committee, and per election for
candidate committees or per calendar year for PACs. Only contribution rows that
count toward totals are added (the duplicate row of an earmark pair and memo
lines are left out, except joint-fundraising allocation memos, 15J).
"""

from __future__ import annotations

from fecscreen.rules.model import Citation, family, fill

GROUP = "excessive"

_ELECTION = """CASE left(e.election_key, 1)
             WHEN 'P' THEN 'primary' WHEN 'G' THEN 'general' WHEN 'R' THEN 'runoff'
             WHEN 'S' THEN 'special' WHEN 'C' THEN 'convention' WHEN 'E' THEN 'recount'
             WHEN 'Y' THEN 'calendar year' ELSE 'other' END"""

_SQL = """
SELECT e.donor_key || '|' || e.committee_id || '|' || e.election_key AS finding_key,
       e.committee_id,
       CASE WHEN e.status = 'open' THEN 'review' ELSE 'info' END AS severity,
       'contributions from one individual ' || {{ period }} || ' total ' || {{ d.money('e.total') }}
       || ', ' || {{ d.money('e.excess') }} || ' over the ' || {{ d.money('e.limit_amount') }}
       || ' limit' || {{ limit_note }}
       || CASE WHEN e.any_undesignated THEN ' (undesignated gifts counted toward the next election '
               || 'after their date, 11 CFR 110.1(b)(2): ' || e.undesignated_note || ')' ELSE '' END
       || '; ' || CASE e.status
            WHEN 'resolved' THEN 'refunds, redesignations or reattributions of '
                 || {{ d.money('e.remedied_in_time') }} || ' within '
                 || {{ d.to_text('e.remedy_days') }} || ' days resolve it (11 CFR 103.3(b))'
            WHEN 'late' THEN 'remedied only after ' || {{ d.to_text('e.remedy_days') }}
                 || ' days (see RD002)'
            ELSE 'presumptively excessive unless redesignated, reattributed or refunded within '
                 || {{ d.to_text('e.remedy_days') }} || ' days (11 CFR 103.3(b)); none found'
          END AS message,
       e.excess AS amount, e.crossing_date AS date, e.crossing_key AS donor_row,
       {{ ev('e') }}
FROM screen_excess e
WHERE e.limit_key = '{{ limit_key }}'
"""

rule = family(GROUP, requires=("excess",))

rule(
    code="EX001",
    name="excessive.individual-to-candidate",
    severity="review",
    version="1",
    summary="An individual's contributions to a candidate committee over the per-election limit.",
    matches=(
        "Individual contributions (entity IND or blank; not from the candidate: entity CAN or "
        "bulk 15C) to committees of type H, S or P (committee master) or filing Form 3/3P. "
        "Election = first letter of the election code or TRANSACTION_PGI (P primary, G general, "
        "R runoff, S special, C convention, E recount, O other) + its year; without a year, the "
        "even year of the contribution's two-year period. An undesignated row counts toward the "
        "next election after its date: the primary up to the primary day of the candidate's "
        "state (law/data/elections.yaml; the state from the committee and candidate masters, "
        "else the Form 3 summary page), the general after it, the next cycle's primary after "
        "the general; the primary where the table has no primary date for the state, and for "
        "presidential candidates. All presidential primaries of a year are one election (P2024). "
        "The limit is limits.yaml `individual-candidate` for the election's cycle. Flags the "
        "contribution that crosses the limit and every later one of the same election; the "
        "finding's amount is the excess."
    ),
    rationale=(
        "An individual may give a candidate no more than the indexed limit per election "
        "(11 CFR 110.1(b); indexed under 110.17); primary, general, runoff and special are "
        "separate elections, all presidential primaries of a year one election (110.1(j)), and "
        "an undesignated gift counts toward the next election (110.1(b)(2)). The committee "
        "must refund, redesignate or reattribute the excess within 60 days (11 CFR 103.3(b))."
    ),
    false_positives=(
        "Two people who share a name and ZIP code (until donor resolution separates them); "
        "spouses' gifts reported under one name; joint gifts split between two contributors "
        "(110.1(k)); an undesignated gift after the primary to a candidate in a runoff (counted "
        "toward the general); redesignations recorded without REDESIGNAT/REATTRIBUT memo text."
    ),
    cannot_see=(
        "Primary dates missing from the election table (the undesignated gift is then taken "
        "as the primary's); whether the candidate is in a runoff; written designations, redesignations and reattributions not itemised; unitemized "
        "gifts of $200 or less missing from the data; whether a later election was held (a "
        "candidate who lost the primary may not keep general-election money)."
    ),
    citations=[
        Citation("11 CFR 110.1(b)"),
        Citation("11 CFR 110.1(b)(2)", "U"),
        Citation("11 CFR 110.1(j)"),
        Citation("11 CFR 110.17"),
        Citation("11 CFR 103.3(b)"),
    ],
    sql=fill(
        _SQL,
        limit_key="individual-candidate",
        period="'to this candidate committee for the ' || e.election_key || ' ' || " + _ELECTION,
        limit_note="' per election for ' || {{ d.to_text('e.limit_cycle - 1') }} || '-' "
                   "|| {{ d.to_text('e.limit_cycle') }} || ' (FEC published figure [S])'",
    ),
)

rule(
    code="EX002",
    name="excessive.individual-to-pac",
    severity="review",
    version="1",
    summary="An individual's contributions to a PAC over the calendar-year limit.",
    matches=(
        "Individual contributions to committees of type N or Q (committee master; not joint "
        "fundraising committees, designation J), summed per calendar year against limits.yaml "
        "`individual-pac`. Super PACs (O, U) and hybrid PACs (V, W) are not limited this way "
        "and are not screened. Committees known only from a Form 3X are not screened (PAC or "
        "party cannot be told apart)."
    ),
    rationale=(
        "An individual may give a political committee that is not a candidate or party "
        "committee no more than $5,000 a calendar year (11 CFR 110.1(d)); the excess must be "
        "refunded, redesignated or reattributed within 60 days (11 CFR 103.3(b))."
    ),
    false_positives=(
        "Contributions to a PAC's non-contribution account recorded as ordinary receipts; "
        "gifts of two people sharing a name and ZIP code."
    ),
    cannot_see=(
        "Non-contribution accounts, and whether a PAC was an independent-expenditure-only "
        "committee when the committee master lists it as N or Q."
    ),
    citations=[Citation("11 CFR 110.1(d)"), Citation("11 CFR 103.3(b)")],
    sql=fill(
        _SQL,
        limit_key="individual-pac",
        period="'to this PAC in ' || substr(e.election_key, 2, 4)",
        limit_note="' per calendar year (FEC published figure [S])'",
    ),
)
