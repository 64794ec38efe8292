"""reporting: a report's summary page against its own itemized Schedule A lines."""

from __future__ import annotations

from fecscreen.rules.model import Citation, family

GROUP = "reporting"

rule = family(GROUP)

rule(
    code="RP006",
    name="reporting.summary-itemized-total-differs",
    severity="review",
    version="1",
    summary="A summary page's itemized total differs from the sum of the filing's Schedule A lines.",
    matches=(
        "Each current (not superseded) Form 3, 3X or 3P in the store: for each summary field "
        "of lookups.yaml `summary_line_totals` (column A, this period: F3/F3X line 11(a)(i), "
        "11(b), 11(c); F3P line 17(a)(i), 17(b), 17(c)) that the filing fills in, the sum of the "
        "same filing's Schedule A lines of that line number, memo entries (memo code X) left "
        "out. A finding when the two differ by more than thresholds.yaml `summary_tolerance`; "
        "its amount is the difference and its evidence the summary page."
    ),
    rationale=(
        "A report discloses the total of each category of receipts and itemizes, on Schedule "
        "A, each contributor over $200 (11 CFR 104.3(a), 104.3(a)(4)); the itemized line of "
        "the summary page is the total of the entries itemized on that line. The FEC's review "
        "of reports checks the arithmetic and asks the committee to amend when it does not add "
        "up."
    ),
    false_positives=(
        "Filings loaded in part (a test excerpt, a paper filing whose Schedule A pages were not "
        "converted); Schedule A lines filed under a line number the summary counts elsewhere; "
        "rounding by filing software (within the tolerance)."
    ),
    cannot_see=(
        "Column B (election or calendar year to date) and its agreement with the predecessor "
        "report; unitemized totals; summary fields of older formats that the layouts name "
        "differently (F3P before format 7.0 has no itemized-individuals field)."
    ),
    citations=[Citation("11 CFR 104.3(a)", "U"), Citation("11 CFR 104.3(a)(4)")],
    requires=("summary_totals",),
    sql="""
SELECT x.filing_id || '|' || x.line AS finding_key, x.committee_id, 'review' AS severity,
       'line ' || x.line || ' of the ' || x.form_type || ' summary page (column A) reports '
       || {{ d.money('x.reported') }} || ' of itemized receipts; the filing''s '
       || {{ d.to_text('x.n') }} || ' Schedule A line(s) ' || x.sa_lines
       || ' (memo entries left out) add up to ' || {{ d.money('x.total') }}
       || ', a difference of ' || {{ d.money('x.difference') }}
       || ': the itemized total of a line is the sum of the receipts itemized on it '
       || '(11 CFR 104.3(a) [U]; 104.3(a)(4))' AS message,
       abs(x.difference) AS amount, x.coverage_through AS date, CAST(NULL AS VARCHAR) AS donor_row,
       'L:' || x.filing_id || ':' || x.line_number AS ev_key, x.coverage_through AS ev_date,
       x.filing_id, CAST(NULL AS VARCHAR) AS transaction_id, CAST(NULL AS BIGINT) AS sub_id,
       CAST(NULL AS VARCHAR) AS ev_name, CAST(NULL AS VARCHAR) AS ev_city,
       CAST(NULL AS VARCHAR) AS ev_state, CAST(NULL AS VARCHAR) AS ev_zip,
       CAST(NULL AS VARCHAR) AS ev_employer, CAST(NULL AS VARCHAR) AS ev_occupation,
       CAST(NULL AS VARCHAR) AS ev_donor_id
FROM screen_summary_totals x
WHERE abs(x.difference) > {{ p.value('summary_tolerance', 'x.coverage_through') }}
""",
)
