-- The committee master's latest row of each committee (its highest cycle), with
-- the kind of giver its type makes it (lookups.yaml giver_kinds: multicandidate,
-- authorized, other; NULL for a type that gives no contributions). Empty where
-- no committee master is loaded.
-- needs: nothing
CREATE OR REPLACE TEMP TABLE screen_latest_committees AS
SELECT cmte_id, cmte_tp, cmte_dsgn, cmte_nm, cmte_st, cmte_pty_affiliation, cand_id,
       CASE {% for tp, kind in p.lookup('giver_kinds').items() -%}
            WHEN cmte_tp = {{ sql_str(tp) }} THEN {{ sql_str(kind) }}
            {% endfor -%} END AS giver_kind
FROM (SELECT m.*, row_number() OVER (PARTITION BY cmte_id ORDER BY {{ cycle_col }} DESC) AS rn
      FROM {{ committees }} m) m
WHERE rn = 1
