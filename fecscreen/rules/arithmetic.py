"""reporting: a report's summary page against its own itemized Schedule A lines."""

from __future__ import annotations

from fecscreen.rules.model import Citation, family

GROUP = "reporting"

rule = family(GROUP)

# The evidence of a finding on a summary page (row ``a``): the page, no donor.
_PAGE_EVIDENCE = (
    "'L:' || {a}.filing_id || ':' || {a}.line_number AS ev_key, {a}.coverage_through AS ev_date, "
    "{a}.filing_id, CAST(NULL AS VARCHAR) AS transaction_id, CAST(NULL AS BIGINT) AS sub_id, "
    + ", ".join(f"CAST(NULL AS VARCHAR) AS {c}" for c in (
        "ev_name", "ev_city", "ev_state", "ev_zip", "ev_employer", "ev_occupation", "ev_donor_id")))

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
        "Column B (year to date; RP007 checks it on Form 3X); unitemized totals; summary fields of older formats that the layouts name "
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
       """ + _PAGE_EVIDENCE.format(a="x") + """
FROM screen_summary_totals x
WHERE abs(x.difference) > {{ p.value('summary_tolerance', 'x.coverage_through') }}
""",
)

rule(
    code="RP007",
    name="reporting.year-to-date-differs",
    severity="review",
    version="1",
    summary="A Form 3X's year-to-date column differs from its predecessor's plus this period's.",
    matches=(
        "Each current (not superseded) Form 3X in the store, for each line of lookups.yaml "
        "`year_to_date_lines` (11(a)(i) itemized individuals, 19 total receipts, 31 total "
        "disbursements) that fills in both columns: column B (calendar year to date) against "
        "the column B of the same committee's current report covering the days just before "
        "(its coverage ends the day before this one's begins, in the same calendar year) plus "
        "this report's column A; for the year's first report (coverage from January 1), "
        "column B against column A. A finding when they differ by more than thresholds.yaml "
        "`summary_tolerance`; a report whose predecessor is not in the store is not checked."
    ),
    rationale=(
        "A PAC's or party's report gives each summary line for the period (column A) and for "
        "the calendar year to date (column B); the year-to-date figure is the previous report's "
        "plus this period's (11 CFR 104.3 [U]; the FEC's Form 3X instructions [U]). The FEC's "
        "review of reports compares the columns and asks the committee to amend when they do "
        "not agree."
    ),
    false_positives=(
        "A predecessor amended after this report was filed (the store holds the amendment's "
        "figures); a committee that changed filing frequency within the year (coverage periods "
        "that overlap); an earlier report filed on paper and not loaded (then not checked)."
    ),
    cannot_see=(
        "Form 3 and Form 3P: their column B runs over an election cycle whose first day the "
        "data does not give; reports missing from the store between two loaded ones."
    ),
    citations=[Citation("11 CFR 104.3", "U")],
    sql="""
WITH pages AS (
    {% for x in p.lookup('year_to_date_lines') -%}
    SELECT l.filing_id, l.line_number, f.committee_id, f.form_type, f.coverage_from,
           f.coverage_through, {{ sql_str(x.line) }} AS line, {{ sql_str(x.what) }} AS what,
           {{ d.to_decimal(d.json_text('l.fields', x.a)) }} AS col_a,
           {{ d.to_decimal(d.json_text('l.fields', x.b)) }} AS col_b
    FROM filing_lines l JOIN filings f ON f.filing_id = l.filing_id
    WHERE l.schedule = {{ sql_str(x.form) }} AND NOT coalesce(f.superseded, FALSE)
      AND f.coverage_from IS NOT NULL AND f.coverage_through IS NOT NULL
    {{ "UNION ALL" if not loop.last }}
    {% endfor %}
),
paired AS (
    SELECT x.*,
           lag(x.col_b) OVER w AS prev_b, lag(x.coverage_through) OVER w AS prev_through,
           lag(x.filing_id) OVER w AS prev_filing,
           ({{ d.year(d.add_days('x.coverage_from', '-1')) }} < {{ d.year('x.coverage_from') }}) AS first_of_year
    FROM pages x
    WHERE x.col_a IS NOT NULL AND x.col_b IS NOT NULL
    WINDOW w AS (PARTITION BY x.committee_id, x.line, {{ d.year('x.coverage_through') }}
                 ORDER BY x.coverage_through, x.filing_id)
),
checked AS (
    SELECT y.*,
           CASE WHEN y.first_of_year THEN y.col_a
                WHEN y.prev_through = {{ d.add_days('y.coverage_from', '-1') }} THEN y.prev_b + y.col_a
           END AS expected
    FROM paired y
)
SELECT c.filing_id || '|' || c.line AS finding_key, c.committee_id, 'review' AS severity,
       'line ' || c.line || ' (' || c.what || ') of the ' || c.form_type || ' summary page reports '
       || {{ d.money('c.col_b') }} || ' for the calendar year to date (column B); '
       || CASE WHEN c.first_of_year
               THEN 'the report covers the year from January 1, so column B is column A, '
                    || {{ d.money('c.col_a') }}
               ELSE 'the report before it (filing ' || c.prev_filing || ', through '
                    || {{ d.to_text('c.prev_through') }} || ') gives ' || {{ d.money('c.prev_b') }}
                    || ' and this period (column A) ' || {{ d.money('c.col_a') }} || ', together '
                    || {{ d.money('c.expected') }} END
       || ', a difference of ' || {{ d.money('c.col_b - c.expected') }}
       || ': the year-to-date column is the previous report''s plus this period''s (11 CFR 104.3 [U])'
       AS message,
       abs(c.col_b - c.expected) AS amount, c.coverage_through AS date,
       CAST(NULL AS VARCHAR) AS donor_row,
       """ + _PAGE_EVIDENCE.format(a="c") + """
FROM checked c
WHERE c.expected IS NOT NULL
  AND abs(c.col_b - c.expected) > {{ p.value('summary_tolerance', 'c.coverage_through') }}
""",
)
