"""reporting: itemised contributions missing required donor information."""

from __future__ import annotations

from fecscreen.rules.model import Citation, family

GROUP = "reporting"

rule = family(GROUP)

rule(
    code="RP001",
    name="reporting.missing-employer-occupation",
    severity="review",
    version="1",
    summary="Contributions over $200 aggregate without employer or occupation and no best-efforts note.",
    matches=(
        "Individual contributions whose donor's aggregate at the committee (the larger of the "
        "filed aggregate and the running sum of loaded rows; per election cycle for candidate "
        "committees, per calendar year otherwise) exceeds thresholds.yaml "
        "`itemization_threshold`, with a blank employer or occupation, where neither field nor "
        "the memo text contains REQUESTED or BEST EFFORT. One finding per donor, committee and "
        "period naming every such row."
    ),
    rationale=(
        "Contributors giving more than $200 in the aggregate are itemised with name, address, "
        "employer and occupation (11 CFR 104.3(a)(4); 100.12); a committee that cannot obtain "
        "them shows best efforts by asking, with one follow-up within 30 days, and reporting "
        "that it did (11 CFR 104.7(b))."
    ),
    false_positives=(
        "Best-efforts requests reported in an amendment not loaded, or recorded with other "
        "wording; two contributors sharing a name and ZIP code whose gifts add up past $200."
    ),
    cannot_see=(
        "Whether the committee asked: only a best-efforts phrase in the record shows it; "
        "unitemised gifts counted in a donor's aggregate when the filed aggregate is absent "
        "(bulk rows carry none)."
    ),
    citations=[
        Citation("11 CFR 104.3(a)(4)"),
        Citation("11 CFR 100.12"),
        Citation("11 CFR 104.7(b)"),
    ],
    sql="""
WITH lack AS (
    -- rows missing employer or occupation with no best-efforts words (a cheap test first)
    SELECT r.receipt_key, r.donor_key, r.committee_id
    FROM screen_receipts r
    WHERE r.is_contribution AND r.is_individual
      AND (coalesce(r.employer, '') IN ('', ' ') OR coalesce(r.occupation, '') IN ('', ' '))
      AND NOT {{ d.regex_match(d.norm("coalesce(r.employer, '') || ' ' || coalesce(r.occupation, '') || ' ' || coalesce(r.memo_text, '')"),
                               p.words_regex('best_efforts_words', prefix=True)) }}
),
c AS (
    -- every contribution of those donors to those committees, for the aggregate
    SELECT r.*,
           CASE WHEN r.recipient_type = 'candidate'
                THEN 'the ' || CAST({{ d.year('r.date') }} + {{ d.year('r.date') }} % 2 AS VARCHAR) || ' cycle'
                ELSE CAST({{ d.year('r.date') }} AS VARCHAR) END AS period,
           r.receipt_key IN (SELECT receipt_key FROM lack) AS lacking
    FROM screen_receipts r
    JOIN (SELECT DISTINCT donor_key, committee_id FROM lack) k
      ON k.donor_key = r.donor_key AND k.committee_id = r.committee_id
    WHERE r.is_contribution AND r.is_individual
),
run AS (
    SELECT c.*,
           greatest(coalesce(c.aggregate, 0),
                    sum(c.amount) OVER (PARTITION BY c.donor_key, c.committee_id, c.period
                                        ORDER BY c.date, c.receipt_key
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) AS agg
    FROM c
),
bad AS {{ d.materialized }} (
    SELECT * FROM run WHERE lacking AND agg > {{ p.value('itemization_threshold', 'date') }}
),
g AS (
    SELECT donor_key, committee_id, period, count(*) AS n, sum(amount) AS total, max(agg) AS agg,
           min(receipt_key) AS first_key, min(date) AS first_date
    FROM bad GROUP BY donor_key, committee_id, period
)
SELECT g.donor_key || '|' || g.committee_id || '|' || g.period AS finding_key, g.committee_id,
       'review' AS severity,
       {{ d.to_text('g.n') }} || ' contribution(s) of ' || {{ d.money('g.total') }} || ' from a donor whose '
       || 'aggregate in ' || g.period || ' reaches ' || {{ d.money('g.agg') }}
       || ' lack employer or occupation, with no best-efforts note: contributors over '
       || {{ d.money(p.value('itemization_threshold', 'g.first_date')) }}
       || ' are reported with employer and occupation, or best efforts shown (11 CFR 104.3(a)(4); '
       || '11 CFR 104.7(b))' AS message,
       g.total AS amount, g.first_date AS date, g.first_key AS donor_row, {{ ev('b') }}
FROM g JOIN bad b ON b.donor_key = g.donor_key AND b.committee_id = g.committee_id
                 AND b.period = g.period
""",
)
