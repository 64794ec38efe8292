-- Each candidate committee's office (H, S, P) and state: from the committee master
-- and candidate master (the candidate's office and state), else from its reports
-- (a Form 3 summary page's election state; a Form 3P filer runs for president).
-- The limit rules date an undesignated gift by the state's primary.
-- needs: receipts
CREATE OR REPLACE TEMP TABLE screen_candidate_places AS
WITH mine AS (SELECT DISTINCT committee_id FROM screen_receipts WHERE recipient_type = 'candidate'),
from_master AS (
    SELECT m.cmte_id AS committee_id, max(upper(c.cand_office)) AS office,
           max(upper(trim(c.cand_office_st))) AS state
    FROM {{ committees }} m JOIN candidates c ON c.cand_id = m.cand_id
    WHERE m.cmte_id IN (SELECT committee_id FROM mine)
    GROUP BY m.cmte_id
),
from_reports AS (
    SELECT f.committee_id,
           max(CASE WHEN l.schedule = 'F3P' THEN 'P' END) AS office,
           max(upper({{ d.json_text('l.fields', 'election_state') }})) AS state
    FROM filing_lines l JOIN filings f ON f.filing_id = l.filing_id
    WHERE l.schedule IN ('F3', 'F3P') AND f.committee_id IN (SELECT committee_id FROM mine)
    GROUP BY f.committee_id
)
SELECT m.committee_id, coalesce(a.office, b.office) AS office,
       coalesce(nullif(a.state, ''), b.state) AS state
FROM mine m
LEFT JOIN from_master a ON a.committee_id = m.committee_id
LEFT JOIN from_reports b ON b.committee_id = m.committee_id
