-- Contributions that need a 48-hour notice: $1,000 or more (dated threshold)
-- received by an authorized committee whose Form 6 notices are in the store, dated
-- after the 20th day and more than 48 hours before an election of the candidate's
-- state in the election-date table (the presidential general election for office
-- P), with the notices naming the same contributor and date. `kind` marks the
-- rows the rules read: 'due' (in a notice period) or 'undated' (a $1,000+ gift in
-- an even year whose primary date the table does not hold).
-- needs: receipts, elections, notices
CREATE OR REPLACE TEMP TABLE screen_notice_due AS
WITH filer AS (
    SELECT committee_id, arg_max(cand_state, notice_date) AS cand_state,
           arg_max(cand_office, notice_date) AS cand_office
    FROM screen_notice_pages GROUP BY committee_id
),
big AS {{ d.materialized }} (
    SELECT r.receipt_key, r.filing_id, r.transaction_id, r.sub_id, r.committee_id, r.date,
           r.amount, r.name, r.city, r.state, r.zip, r.employer, r.occupation, r.donor_id,
           r.name_key, f.cand_state, f.cand_office, {{ d.year('r.date') }} AS year,
           CASE WHEN f.cand_office = 'P' THEN 'US' ELSE f.cand_state END AS election_state
    FROM screen_receipts r JOIN filer f ON f.committee_id = r.committee_id
    WHERE r.is_contribution AND r.amount >= {{ p.value('notice_48h_amount', 'r.date') }}
),
due AS {{ d.materialized }} (
    SELECT b.*, e.election, e.election_date, e.held, 'due' AS kind
    FROM big b JOIN screen_elections e
      ON e.state = b.election_state AND e.year = b.year AND (b.cand_office <> 'P' OR e.election = 'G')
     AND b.date > {{ d.add_days('e.election_date', '-' ~ p.value('notice_48h_period_start_days', 'e.election_date')) }}
     AND b.date < {{ d.add_days('e.election_date', '-' ~ p.value('notice_48h_period_end_days', 'e.election_date')) }}
),
known AS (
    -- per state and year: whether the table has its primary, and its general's date
    SELECT state, year, bool_or(election = 'P') AS has_primary,
           min(CASE WHEN election = 'G' THEN election_date END) AS general_date
    FROM screen_elections GROUP BY state, year
),
undated AS (
    SELECT b.*, 'P' AS election, CAST(NULL AS DATE) AS election_date, CAST(NULL AS BOOLEAN) AS held,
           'undated' AS kind
    FROM big b LEFT JOIN known k ON k.state = b.election_state AND k.year = b.year
    WHERE coalesce(b.cand_office, '') <> 'P' AND b.year % 2 = 0
      AND NOT coalesce(k.has_primary, FALSE)
      -- gifts dated after the general election cannot be before this year's primary
      AND (k.general_date IS NULL OR b.date < k.general_date)
      AND b.receipt_key NOT IN (SELECT receipt_key FROM due)
),
rows AS (SELECT * FROM due UNION ALL SELECT * FROM undated),
matched AS (
    SELECT r.receipt_key, r.election, min(n.notice_date) AS first_notice_date,
           arg_min(n.receipt_key, n.notice_date) AS notice_key,
           bool_or(n.amount = r.amount) AS same_amount,
           arg_min(n.amount, n.notice_date) AS notice_amount
    FROM rows r JOIN screen_notices n
      ON n.committee_id = r.committee_id AND n.name_key = r.name_key AND n.date = r.date
    GROUP BY r.receipt_key, r.election
)
SELECT r.*, m.first_notice_date, m.notice_key, m.same_amount, m.notice_amount,
       {{ p.value('notice_48h_filing_days', 'r.date') }} AS filing_days
FROM rows r LEFT JOIN matched m ON m.receipt_key = r.receipt_key AND m.election = r.election
