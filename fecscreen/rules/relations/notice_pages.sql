-- Form 6 (48-hour notice) pages: the notice's date and the candidate's office and
-- state, and the committees with at least one notice in the store.
-- needs: nothing
CREATE OR REPLACE TEMP TABLE screen_notice_pages AS
SELECT f.filing_id, f.committee_id, f.date_signed AS notice_date,
       upper({{ d.json_text('l.fields', 'candidate_state') }}) AS cand_state,
       upper({{ d.json_text('l.fields', 'candidate_office') }}) AS cand_office
FROM filings f JOIN filing_lines l ON l.filing_id = f.filing_id AND l.schedule = 'F6'
WHERE upper(f.form_type) LIKE 'F6%'
  {% if committee %}AND f.committee_id = {{ sql_str(committee) }}{% endif %}
