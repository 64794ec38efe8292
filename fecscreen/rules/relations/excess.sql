-- Individual contributions aggregated per donor and recipient against the dated
-- limit: per election for candidate committees (key P2024, G2024 ...), per
-- calendar year for PACs (key Y2024). One row per contribution of a group over
-- the limit, from the one that crosses it on, with the group's totals and how
-- much was refunded, redesignated or reattributed (and when).
-- needs: limited, refunds
CREATE OR REPLACE TEMP TABLE screen_excess AS
WITH contrib AS (SELECT * FROM screen_limited),
totals AS (
    -- only groups over the limit in total need the running sum (a cheap first pass)
    SELECT donor_key, committee_id, ekey
    FROM contrib GROUP BY donor_key, committee_id, ekey
    HAVING sum(amount) > min(limit_amount)
),
run AS (
    SELECT c.*,
           sum(c.amount) OVER (PARTITION BY c.donor_key, c.committee_id, c.ekey
                               ORDER BY c.date, c.receipt_key
                               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
    FROM contrib c JOIN totals t USING (donor_key, committee_id, ekey)
),
over AS {{ d.materialized }} (
    SELECT run.* FROM run WHERE running > limit_amount
),
grp AS (
    SELECT donor_key, committee_id, election_key,
           max(running) AS total, min(limit_amount) AS limit_amount, min(limit_cycle) AS limit_cycle,
           min(limit_key) AS limit_key,
           max(running) - min(limit_amount) AS excess,
           min(date) AS crossing_date,
           min(receipt_key) FILTER (WHERE running - amount <= limit_amount) AS crossing_key,
           bool_or(undesignated) AS any_undesignated, max(undesignated_note) AS undesignated_note, min(name_key) AS name_key,
           count(*) AS n_over
    FROM over GROUP BY donor_key, committee_id, election_key
),
remedy AS (
    SELECT g.donor_key, g.committee_id, g.election_key,
           sum(CASE WHEN f.date <= {{ d.add_days('g.crossing_date', p.value('excessive_remedy_days', 'g.crossing_date')) }}
                    THEN f.amount ELSE 0 END) AS remedied_in_time,
           sum(f.amount) AS remedied_total,
           max(f.date) AS last_remedy_date
    FROM grp g
    JOIN screen_refunds f ON f.committee_id = g.committee_id AND f.date >= g.crossing_date
                          AND (f.donor_key = g.donor_key OR f.name_key = g.name_key)
    GROUP BY g.donor_key, g.committee_id, g.election_key
)
SELECT o.receipt_key, o.filing_id, o.transaction_id, o.sub_id, o.date, o.amount,
       o.name, o.city, o.state, o.zip, o.employer, o.occupation, o.donor_id,
       g.*,
       {{ p.value('excessive_remedy_days', 'g.crossing_date') }} AS remedy_days,
       coalesce(m.remedied_in_time, 0) AS remedied_in_time,
       coalesce(m.remedied_total, 0) AS remedied_total,
       m.last_remedy_date,
       CASE WHEN coalesce(m.remedied_in_time, 0) >= g.excess THEN 'resolved'
            WHEN coalesce(m.remedied_total, 0) >= g.excess THEN 'late'
            ELSE 'open' END AS status
FROM over o
JOIN grp g USING (donor_key, committee_id, election_key)
LEFT JOIN remedy m USING (donor_key, committee_id, election_key)
