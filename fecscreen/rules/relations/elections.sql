-- Federal election dates by state (law/data/elections.yaml): general elections
-- computed from the statute, primaries and runoffs where a source lists them.
-- needs: nothing
CREATE OR REPLACE TEMP TABLE screen_elections AS {{ p.elections_values_sql() }}
