-- Individual contributions to candidates and PACs with the dated limit they count
-- against and the election they count toward (election_key P2024, G2024 ...
-- for candidate committees, Y2024 for a PAC's calendar year): what the limit
-- rules and the service's per-donor aggregates add up.
-- needs: receipts, limits
CREATE OR REPLACE TEMP TABLE screen_limited AS
WITH indiv AS (
    SELECT r.*,
           CASE r.recipient_type WHEN 'candidate' THEN 'individual-candidate'
                                 WHEN 'pac' THEN 'individual-pac' END AS want_limit,
           -- the year the limit is looked up by: the election's cycle, or the calendar year
           CASE WHEN r.recipient_type = 'candidate' THEN r.election_year + r.election_year % 2
                ELSE {{ d.year('r.date') }} END AS want_year,
           -- election as a number for grouping (year * 10 + kind); its label is election_key
           CASE WHEN r.recipient_type = 'candidate'
                THEN r.election_year * 10 + CASE coalesce(r.election_type, 'P')
                     WHEN 'P' THEN 1 WHEN 'G' THEN 2 WHEN 'R' THEN 3 WHEN 'S' THEN 4
                     WHEN 'C' THEN 5 WHEN 'E' THEN 6 ELSE 7 END
                ELSE {{ d.year('r.date') }} * 10 + 9 END AS ekey,
           (r.recipient_type = 'candidate' AND r.election_type IS NULL) AS undesignated
    FROM screen_receipts r
    WHERE r.is_contribution AND r.is_individual AND r.recipient_type IN ('candidate', 'pac')
      AND r.entity_type <> 'CAN' AND r.form_type <> '15C'
)
SELECT i.*, l.amount AS limit_amount, l.limit_key,
       CASE WHEN l.period = 'election' THEN l.cycle ELSE i.want_year END AS limit_cycle,
       CASE WHEN i.ekey % 10 = 9 THEN 'Y' || CAST(CAST((i.ekey - i.ekey % 10) / 10 AS INTEGER) AS VARCHAR)
            ELSE coalesce(i.election_type, 'P') || CAST(i.election_year AS VARCHAR) END AS election_key
FROM indiv i
JOIN screen_limits l ON l.limit_key = i.want_limit AND l.match_year = i.want_year
