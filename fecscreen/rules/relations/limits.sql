-- The dated contribution limits (law/data/limits.yaml), one row per limit and the
-- year a receipt looks it up by (Params.limits_values_sql).
-- needs: nothing
CREATE OR REPLACE TEMP TABLE screen_limits AS {{ p.limits_values_sql() }}
