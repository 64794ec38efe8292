-- Their contribution lines, F65. `name_key` is the rules' donor name key of the
-- filed contributor, built as for receipts.
-- needs: notice_pages
CREATE OR REPLACE TEMP TABLE screen_notices AS
WITH f6 AS (SELECT * FROM screen_notice_pages),
line AS (
    SELECT l.filing_id, l.line_number, f6.notice_date, f6.cand_state, f6.cand_office,
           coalesce({{ d.json_text('l.fields', 'filer_committee_id_number') }}, f6.committee_id) AS committee_id,
           {{ d.json_text('l.fields', 'transaction_id') }} AS transaction_id,
           upper(coalesce({{ d.json_text('l.fields', 'entity_type') }}, 'IND')) AS entity_type,
           coalesce({{ d.json_text('l.fields', 'contributor_name') }},
                    CASE WHEN upper(coalesce({{ d.json_text('l.fields', 'entity_type') }}, 'IND')) IN ('IND', 'CAN')
                         THEN concat_ws(', ', {{ d.json_text('l.fields', 'contributor_last_name') }},
                                        nullif(concat_ws(' ', {{ d.json_text('l.fields', 'contributor_first_name') }},
                                                         {{ d.json_text('l.fields', 'contributor_middle_name') }},
                                                         {{ d.json_text('l.fields', 'contributor_suffix') }}), '')) END,
                    {{ d.json_text('l.fields', 'contributor_organization_name') }}) AS name,
           {{ d.json_text('l.fields', 'contributor_city') }} AS city,
           {{ d.json_text('l.fields', 'contributor_state') }} AS state,
           {{ d.json_text('l.fields', 'contributor_zip_code') }} AS zip,
           {{ d.json_text('l.fields', 'contributor_employer') }} AS employer,
           {{ d.json_text('l.fields', 'contributor_occupation') }} AS occupation,
           {{ d.date_from_digits(d.json_text('l.fields', 'contribution_date')) }} AS date,
           {{ d.to_decimal(d.json_text('l.fields', 'contribution_amount')) }} AS amount
    FROM filing_lines l JOIN f6 ON f6.filing_id = l.filing_id
    WHERE l.schedule = 'F65'
)
SELECT 'L:' || filing_id || ':' || line_number AS receipt_key, *,
       {{ d.hash64(donor_key('NULL', 'name', 'NULL', 'NULL', 'zip')) }} AS name_key,
       CAST(NULL AS VARCHAR) AS donor_id, CAST(NULL AS BIGINT) AS sub_id
FROM line
