-- Contributions from committees (entity PAC, PTY, CCM, COM; Schedule A lines 11b,
-- 11c, 17b, 17c) to candidate committees, with the giver's kind from the committee
-- master (latest cycle) by the giver's FEC id: 'multicandidate' (a qualified PAC or
-- party, type Q, W or Y), 'authorized' (a candidate's committee, H, S or P), 'other'
-- (N, V, X); a giver not in the master filed as CCM (a candidate committee) is
-- 'authorized', any other is NULL (unknown). Each row
-- carries the limit of every kind it could be (the rule picks the giver's own).
-- needs: receipts, limits, latest_committees
CREATE OR REPLACE TEMP TABLE screen_committee_gifts AS
WITH gift AS (
    SELECT r.receipt_key, r.filing_id, r.transaction_id, r.sub_id, r.committee_id, r.date,
           r.amount, r.name, r.city, r.state, r.zip, r.employer, r.occupation, r.donor_id,
           r.name_key, r.entity_type, r.other_id,
           coalesce(nullif(trim(r.other_id), ''), {{ d.to_text('r.name_key') }}) AS giver_key,
           coalesce(g.giver_kind, CASE WHEN r.entity_type = 'CCM' THEN 'authorized' END) AS giver_kind,
           r.election_year + r.election_year % 2 AS cycle,
           coalesce(r.election_type, 'P') || {{ d.to_text('r.election_year') }} AS election_key
    FROM screen_receipts r LEFT JOIN screen_latest_committees g ON g.cmte_id = nullif(trim(r.other_id), '')
    WHERE r.is_contribution AND r.recipient_type = 'candidate'
      AND r.entity_type IN {{ p.in_list('committee_entity_types') }}
)
SELECT x.*, lm.amount AS limit_multicandidate, la.amount AS limit_authorized,
       lo.amount AS limit_other
FROM gift x
JOIN screen_limits lm ON lm.match_year = x.cycle AND lm.limit_key = 'multicandidate-candidate'
JOIN screen_limits la ON la.match_year = x.cycle AND la.limit_key = 'authorized-candidate'
JOIN screen_limits lo ON lo.match_year = x.cycle AND lo.limit_key = 'committee-candidate'
