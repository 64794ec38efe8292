-- Individual contributions per donor and day: the straw-donor frequency rules
-- count from here instead of scanning every receipt twice.
-- needs: receipts
CREATE OR REPLACE TEMP TABLE screen_donor_days AS
WITH busy AS (
    -- only donors with enough contributions in all can reach a daily or monthly count
    SELECT donor_key FROM screen_receipts
    WHERE is_contribution AND is_individual
    GROUP BY donor_key
    HAVING count(*) >= least({{ p.lowest('daily_contribution_count') }},
                             {{ p.lowest('monthly_contribution_count') }})
)
SELECT r.donor_key, r.date, {{ d.year('r.date') }} * 100 + {{ d.month('r.date') }} AS month,
       count(*) AS n, sum(r.amount) AS total
FROM screen_receipts r JOIN busy b ON b.donor_key = r.donor_key
WHERE r.is_contribution AND r.is_individual
GROUP BY r.donor_key, r.date
