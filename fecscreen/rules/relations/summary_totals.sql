-- Each current Form 3, 3X and 3P summary field of lookups.yaml `summary_line_totals`
-- with the sum of the same filing's Schedule A lines of that line number (memo
-- entries left out): what the report-arithmetic rule compares.
-- needs: nothing
CREATE OR REPLACE TEMP TABLE screen_summary_totals AS
WITH summary AS (
    {% for x in p.lookup('summary_line_totals') -%}
    SELECT l.filing_id, l.line_number, f.committee_id, f.form_type, f.coverage_through,
           {{ sql_str(x.line) }} AS line, {{ sql_str(x.schedule_a | join(', ')) }} AS sa_lines,
           {{ sql_str(x.schedule_a | join('|')) }} AS sa_key,
           {{ d.to_decimal(d.json_text('l.fields', x.field)) }} AS reported
    FROM filing_lines l JOIN filings f ON f.filing_id = l.filing_id
    WHERE l.schedule = {{ sql_str(x.form) }} AND NOT coalesce(f.superseded, FALSE)
      {% if committee %}AND f.committee_id = {{ sql_str(committee) }}{% endif %}
    {{ "UNION ALL" if not loop.last }}
    {% endfor %}
),
lines AS (
    SELECT * FROM (VALUES {% for x in p.lookup('summary_line_totals') -%}
        {% for code in x.schedule_a -%}
        ({{ sql_str(x.schedule_a | join('|')) }}, {{ sql_str(code) }}){{ ", " if not loop.last }}
        {%- endfor %}{{ ", " if not loop.last }}
    {%- endfor %}) AS t(sa_key, form_type)
),
itemized AS (
    -- the filing's own lines (its summary is current, so they are too)
    SELECT r.filing_id, t.sa_key, sum(r.contribution_amount) AS total, count(*) AS n
    FROM filing_receipts r JOIN (SELECT DISTINCT sa_key, form_type FROM lines) t
      ON upper(r.form_type) = t.form_type
    WHERE coalesce(upper(r.memo_code), '') <> 'X'
      AND r.filing_id IN (SELECT filing_id FROM summary)
    GROUP BY r.filing_id, t.sa_key
)
SELECT s.*, coalesce(i.total, 0) AS total, coalesce(i.n, 0) AS n,
       s.reported - coalesce(i.total, 0) AS difference
FROM summary s LEFT JOIN itemized i ON i.filing_id = s.filing_id AND i.sa_key = s.sa_key
WHERE s.reported IS NOT NULL
