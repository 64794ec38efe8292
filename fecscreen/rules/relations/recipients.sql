-- Each recipient committee's type (candidate, party, PAC, ...): from the committee
-- master (lookups.yaml committee_designations, committee_types) where it is
-- loaded, else from the form of its latest Form 3 filing (filing_forms).
-- needs: latest_committees
CREATE OR REPLACE TEMP TABLE screen_recipients AS
WITH from_master AS (
    SELECT cmte_id AS committee_id,
           CASE
             {% for dsgn, kind in p.lookup('committee_designations').items() -%}
             WHEN cmte_dsgn = {{ sql_str(dsgn) }} THEN {{ sql_str(kind) }}
             {% endfor -%}
             {% for tp, kind in p.lookup('committee_types').items() -%}
             WHEN cmte_tp = {{ sql_str(tp) }} THEN {{ sql_str(kind) }}
             {% endfor -%}
             ELSE 'other' END AS recipient_type,
           'committee master' AS recipient_source
    FROM screen_latest_committees
),
from_forms AS (
    SELECT committee_id, recipient_type, 'form ' || form AS recipient_source FROM (
        SELECT committee_id,
               upper(left(form_type, CASE WHEN upper(form_type) LIKE 'F3X%' OR upper(form_type) LIKE 'F3P%'
                                              OR upper(form_type) LIKE 'F3L%' THEN 3 ELSE 2 END)) AS form,
               row_number() OVER (PARTITION BY committee_id ORDER BY coverage_through DESC NULLS LAST) AS rn
        FROM filings WHERE upper(form_type) LIKE 'F3%' AND committee_id IS NOT NULL
    ) f
    JOIN (VALUES {% for form, kind in p.lookup('filing_forms').items() -%}
          ({{ sql_str(form) }}, {{ sql_str(kind) }}){{ ", " if not loop.last }}{% endfor %}) AS t(form_code, recipient_type)
      ON t.form_code = f.form
    WHERE rn = 1
)
SELECT * FROM from_master
UNION ALL
SELECT * FROM from_forms WHERE committee_id NOT IN (SELECT committee_id FROM from_master)
