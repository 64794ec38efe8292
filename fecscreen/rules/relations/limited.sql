-- Individual contributions to candidates and PACs with the dated limit they count
-- against and the election they count toward (election_key P2024, G2024 ...
-- for candidate committees, Y2024 for a PAC's calendar year): what the limit
-- rules and the service's per-donor aggregates add up.
-- An undesignated gift to a candidate counts toward the next election after its
-- date (11 CFR 110.1(b)(2)): the primary up to the state's primary day, then the
-- general, then the next cycle's primary; taken as the primary where the table has
-- no primary date for the candidate's state, and for presidential candidates (the
-- year's presidential primaries are one election, 110.1(j)).
-- needs: receipts, limits, elections, candidate_places
CREATE OR REPLACE TEMP TABLE screen_limited AS
WITH days AS (
    SELECT state, year, min(CASE WHEN election = 'P' AND held THEN election_date END) AS primary_date,
           min(CASE WHEN election = 'G' THEN election_date END) AS general_date
    FROM screen_elections GROUP BY state, year
),
base AS (
    SELECT r0.*, (r0.recipient_type = 'candidate' AND r0.election_type IS NULL) AS undesignated,
           c.office AS cand_office, c.state AS cand_state, e.primary_date, e.general_date
    FROM screen_receipts r0
    LEFT JOIN screen_candidate_places c ON c.committee_id = r0.committee_id
                                       AND r0.recipient_type = 'candidate' AND r0.election_type IS NULL
    LEFT JOIN days e ON e.state = c.state AND e.year = r0.election_year
    WHERE r0.is_contribution AND r0.is_individual AND r0.recipient_type IN ('candidate', 'pac')
      AND r0.entity_type <> 'CAN' AND r0.form_type <> '15C'
),
dated AS (
    SELECT b.*,
           CASE WHEN NOT b.undesignated THEN b.election_type
                WHEN coalesce(b.cand_office, '') = 'P' OR b.primary_date IS NULL OR b.date <= b.primary_date THEN NULL
                WHEN b.general_date IS NOT NULL AND b.date > b.general_date THEN 'P'
                ELSE 'G' END AS counted_type,
           CASE WHEN b.undesignated AND coalesce(b.cand_office, '') <> 'P' AND b.general_date IS NOT NULL
                     AND b.date > b.general_date THEN b.election_year + 2
                ELSE b.election_year END AS counted_year,
           CASE WHEN NOT b.undesignated THEN NULL
                WHEN coalesce(b.cand_office, '') = 'P'
                THEN 'taken as the primary: the year''s presidential primaries are one election (11 CFR 110.1(j))'
                WHEN b.primary_date IS NULL
                THEN 'taken as the primary: the election table has no primary date for '
                     || coalesce('state ' || b.cand_state, 'the candidate''s state')
                ELSE 'dated by the ' || b.cand_state || ' primary of ' || {{ d.to_text('b.primary_date') }}
                     || CASE WHEN b.general_date IS NOT NULL
                             THEN ' and general of ' || {{ d.to_text('b.general_date') }} ELSE '' END
           END AS undesignated_note
    FROM base b
),
indiv AS (
    SELECT r.*,
           CASE r.recipient_type WHEN 'candidate' THEN 'individual-candidate'
                                 WHEN 'pac' THEN 'individual-pac' END AS want_limit,
           -- the year the limit is looked up by: the election's cycle, or the calendar year
           CASE WHEN r.recipient_type = 'candidate' THEN r.counted_year + r.counted_year % 2
                ELSE {{ d.year('r.date') }} END AS want_year,
           -- election as a number for grouping (year * 10 + kind); its label is election_key
           CASE WHEN r.recipient_type = 'candidate'
                THEN r.counted_year * 10 + CASE coalesce(r.counted_type, 'P')
                     WHEN 'P' THEN 1 WHEN 'G' THEN 2 WHEN 'R' THEN 3 WHEN 'S' THEN 4
                     WHEN 'C' THEN 5 WHEN 'E' THEN 6 ELSE 7 END
                ELSE {{ d.year('r.date') }} * 10 + 9 END AS ekey
    FROM dated r
)
SELECT i.*, l.amount AS limit_amount, l.limit_key,
       CASE WHEN l.period = 'election' THEN l.cycle ELSE i.want_year END AS limit_cycle,
       CASE WHEN i.ekey % 10 = 9 THEN 'Y' || CAST(CAST((i.ekey - i.ekey % 10) / 10 AS INTEGER) AS VARCHAR)
            ELSE coalesce(i.counted_type, 'P') || CAST(i.counted_year AS VARCHAR) END AS election_key
FROM indiv i
JOIN screen_limits l ON l.limit_key = i.want_limit AND l.match_year = i.want_year
