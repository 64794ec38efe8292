"""straw-donor: patterns that warrant review, never accusations.

Giving in another's name (a reimbursed "straw" gift) cannot be seen in the data;
what can be seen are patterns that investigations of such schemes have found:
several employees of one employer giving at the limit within days, or one
person making an implausible number of gifts. Thresholds are this project's
screening choices (thresholds.yaml, ``kind: heuristic``), not legal limits.
"""

from __future__ import annotations

from fecscreen.rules.model import Citation, family

GROUP = "straw-donor"

CITATIONS = [Citation("52 U.S.C. 30122"), Citation("11 CFR 110.4(b)")]

rule = family(GROUP, citations=CITATIONS)

rule(
    code="SD001",
    name="straw-donor.shared-employer-near-limit",
    severity="review",
    version="1",
    summary="Several donors with one employer giving at or near the limit to one candidate within days.",
    matches=(
        "Individual contributions to candidate committees of at least `near_limit_fraction` "
        "(0.9) of the per-election limit, whose normalised employer is not blank or a "
        "placeholder (RETIRED, SELF EMPLOYED, NONE ...). Employers are compared by a key: "
        "legal forms and articles dropped (INC, LLC, THE ...), then the first word and the "
        "first three letters of the second (HARBOR CAPITAL and HARBOR CAP PARTNERS share "
        "HARBOR CAP). A finding per committee and employer key "
        "when at least `employer_cluster_min_donors` (3) distinct donors gave within "
        "`employer_cluster_window_days` (7) of one another; evidence is every row of every "
        "such window."
    ),
    rationale=(
        "No one may make a contribution in the name of another, lend their name, or knowingly "
        "accept such a contribution (52 U.S.C. 30122; 11 CFR 110.4(b)). Employer-reimbursed "
        "schemes typically show as co-workers giving the maximum together; the pattern "
        "warrants review of whether the gifts were the donors' own. It is not evidence that "
        "anyone was reimbursed."
    ),
    false_positives=(
        "Colleagues attending the same fundraiser; a law firm or company whose partners "
        "support a candidate on their own; large employers (a university, a hospital) whose "
        "staff give independently; two employers whose keys coincide (HARBOR CAPITAL and "
        "HARBOR CAPE COD INN)."
    ),
    cannot_see=(
        "Reimbursements, bonuses or any money moving between employer and employee; "
        "employers written differently beyond what the key absorbs (an abbreviation of the "
        "first word, a parent company's name)."
    ),
    requires=("limits",),
    sql="""
WITH near AS (
    SELECT r.*, {{ d.norm('r.employer') }} AS emp_filed
    FROM screen_receipts r
    JOIN screen_limits l
      ON l.limit_key = 'individual-candidate' AND l.cycle = r.election_year + r.election_year % 2
    WHERE r.is_contribution AND r.is_individual AND r.recipient_type = 'candidate'
      AND r.amount >= {{ p.value('near_limit_fraction', 'r.date') }} * {{ p.lowest_limit('individual-candidate') }}
      AND r.amount >= {{ p.value('near_limit_fraction', 'r.date') }} * l.amount
),
kept AS (
    SELECT near.*,
           trim({{ d.regex_replace(d.regex_replace('emp_filed', p.words_regex('employer_noise_words'), "' '"), "' +'", "' '") }}) AS emp_core
    FROM near
    WHERE emp_filed <> ''
      AND NOT {{ d.regex_match('emp_filed', p.words_regex('placeholder_employers', whole=True)) }}
),
named AS (
    -- employer key: the first word, and the first three letters of the second,
    -- once legal forms are dropped (HARBOR CAPITAL, HARBOR CAP PARTNERS -> HARBOR CAP)
    SELECT kept.*,
           trim({{ d.split_part('emp_core', ' ', 1) }} || ' ' || left({{ d.split_part('emp_core', ' ', 2) }}, 3)) AS emp
    FROM kept WHERE emp_core <> ''
),
windows AS (
    SELECT a.receipt_key AS anchor_key, b.*
    FROM named a
    JOIN named b
      ON b.committee_id = a.committee_id AND b.emp = a.emp
     AND b.date >= a.date
     AND b.date <= {{ d.add_days('a.date', p.value('employer_cluster_window_days', 'a.date')) }}
),
hits AS (
    SELECT anchor_key FROM windows GROUP BY anchor_key
    HAVING count(DISTINCT donor_key) >= {{ p.value('employer_cluster_min_donors', 'min(date)') }}
),
members AS (
    SELECT DISTINCT w.receipt_key, w.committee_id, w.emp, w.emp_filed, w.donor_key, w.amount, w.date,
           w.filing_id, w.transaction_id, w.sub_id, w.name, w.city, w.state, w.zip, w.employer,
           w.occupation, w.donor_id
    FROM windows w JOIN hits h ON h.anchor_key = w.anchor_key
),
g AS (
    SELECT committee_id, emp, count(DISTINCT donor_key) AS n_donors, sum(amount) AS total,
           {{ d.string_agg_distinct('emp_filed', '; ') }} AS employers,
           min(date) AS first_date, max(date) AS last_date
    FROM members GROUP BY committee_id, emp
)
SELECT g.committee_id || '|' || g.emp AS finding_key, g.committee_id, 'review' AS severity,
       {{ d.to_text('g.n_donors') }} || ' donors reporting one employer (' || g.employers || ') gave '
       || {{ d.money('g.total') }} || ' in contributions at or near the per-election limit between '
       || {{ d.to_text('g.first_date') }} || ' and ' || {{ d.to_text('g.last_date') }}
       || ': a pattern that warrants review of whether each gift was the donor''s own '
       || '(52 U.S.C. 30122; 11 CFR 110.4(b)); it is not evidence that anyone was reimbursed' AS message,
       g.total AS amount, g.first_date AS date, CAST(NULL AS VARCHAR) AS donor_row,
       {{ ev('m') }}
FROM g JOIN members m ON m.committee_id = g.committee_id AND m.emp = g.emp
""",
)


def _frequency_sql(period: str, threshold: str, period_words: str) -> str:
    """Donors with at least ``threshold`` contributions in one ``period`` (day or month).

    Counts come from ``screen_donor_days``; only the flagged donors' rows are read
    again, found by the hash of their filed name (``raw_h``) before any join.
    """
    if period == "day":
        flagged = f"""
    SELECT dd.donor_key, dd.date AS period_start, dd.date AS period_end, dd.n, dd.total
    FROM screen_donor_days dd
    WHERE dd.n >= {{{{ p.value('{threshold}', 'dd.date') }}}}"""
        label = "{{ d.to_text('x.period_start') }}"
    else:
        flagged = f"""
    SELECT dd.donor_key, min(dd.date) AS period_start, max(dd.date) AS period_end,
           sum(dd.n) AS n, sum(dd.total) AS total
    FROM screen_donor_days dd
    GROUP BY dd.donor_key, dd.month
    HAVING sum(dd.n) >= {{{{ p.value('{threshold}', 'min(dd.date)') }}}}"""
        label = "{{ d.month_key('x.period_start') }}"
    return f"""
WITH g AS ({flagged}
),
rows AS (
    SELECT r.*, g.period_start, g.n, g.total
    FROM screen_receipts r
    JOIN g ON g.donor_key = r.donor_key AND r.date >= g.period_start AND r.date <= g.period_end
    WHERE r.raw_h IN (SELECT k.raw_h FROM screen_donors k JOIN g ON g.donor_key = k.donor_key)
      AND r.is_contribution AND r.is_individual
),
per AS (
    SELECT donor_key, period_start, count(DISTINCT committee_id) AS n_committees,
           min(committee_id) AS one_committee, min(receipt_key) AS first_key
    FROM rows GROUP BY donor_key, period_start
)
SELECT {{{{ d.to_text('x.donor_key') }}}} || '|' || {{{{ d.to_text('x.period_start') }}}} AS finding_key,
       CASE WHEN per.n_committees = 1 THEN per.one_committee END AS committee_id,
       'review' AS severity,
       {{{{ d.to_text('x.n') }}}} || ' contributions totalling ' || {{{{ d.money('x.total') }}}}
       || ' from one donor {period_words} ' || {label} || ' to '
       || {{{{ d.to_text('per.n_committees') }}}} || ' committee(s): an unusual number that warrants '
       || 'review of whether the gifts are the donor''s own (52 U.S.C. 30122; 11 CFR 110.4(b)); '
       || 'frequent small online gifts are common and not in themselves a concern' AS message,
       x.total AS amount, x.period_start AS date, per.first_key AS donor_row, {{{{ ev('x') }}}}
FROM rows x JOIN per ON per.donor_key = x.donor_key AND per.period_start = x.period_start
"""


_FREQ_FP = (
    "Recurring online donors whose small gifts are split by a conduit into one row per "
    "candidate (ActBlue, WinRed); two people sharing a name and ZIP code; the conduit's and "
    "the recipient's records of one gift when the bulk loader has not paired them."
)
_FREQ_CANNOT = (
    "Whose card or account paid: the data cannot show that someone else's money was used, "
    "only that one name appears very often."
)


def _frequency_rule(**fields):
    """SD002 and SD003: one pattern, counted per day or per calendar month."""
    return rule(false_positives=_FREQ_FP, cannot_see=_FREQ_CANNOT, requires=("donor_days",), **fields)


_frequency_rule(
    code="SD002",
    name="straw-donor.many-contributions-per-day",
    severity="review",
    version="1",
    summary="One donor making an implausible number of contributions in a single day.",
    matches=(
        "Individual contribution rows that count toward totals, counted per donor key and date "
        "across all recipients (or the one `--committee`); a finding when the count reaches "
        "`daily_contribution_count` (25)."
    ),
    rationale=(
        "Reports on conduit data have found names under which hundreds of small gifts were "
        "made by people who said they never gave them; an implausible daily count warrants "
        "review of whether gifts were made in another's name (52 U.S.C. 30122; 11 CFR 110.4(b))."
    ),
    sql=_frequency_sql("day", "daily_contribution_count", "on"),
)

_frequency_rule(
    code="SD003",
    name="straw-donor.many-contributions-per-month",
    severity="review",
    version="1",
    summary="One donor making an implausible number of contributions in a calendar month.",
    matches=(
        "As SD002, counted per donor key and calendar month; a finding when the count reaches "
        "`monthly_contribution_count` (300)."
    ),
    rationale=(
        "A sustained implausible rate of giving under one name warrants review of whether gifts "
        "were made in another's name (52 U.S.C. 30122; 11 CFR 110.4(b))."
    ),
    sql=_frequency_sql("month", "monthly_contribution_count", "in"),
)
