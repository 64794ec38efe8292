-- Receipts that raise a question of a prohibited source, one row per receipt and
-- indicator, with their refund status (11 CFR 103.3(b): refund within 30 days).
-- Foreign-address indicators are exclusive, in order: ZZ state; foreign postal
-- code; country or foreign city in the address. A conduit's record of an
-- earmarked gift (24T, 24I) is screened for them too: it may be the only record
-- of the gift that was loaded. `organization` marks a gift from an organisation
-- (entity ORG) to a candidate or party committee.
-- needs: receipts, refunds
CREATE OR REPLACE TEMP TABLE screen_questioned AS
WITH us AS (
    SELECT state_code FROM (VALUES {% for s in p.lookup('us_states') + p.lookup('us_other') -%}
        ({{ sql_str(s) }}){{ ", " if not loop.last }}{% endfor %}) AS t(state_code)
),
pool AS {{ d.materialized }} (
    -- the few rows either screen can flag, found in one pass
    SELECT r.* FROM screen_receipts r
    WHERE (r.state_norm NOT IN (SELECT state_code FROM us)
           AND (r.is_contribution
                OR (r.amount > 0 AND NOT r.is_refund AND coalesce(r.counts_toward_totals, TRUE)
                    AND r.form_type IN {{ p.in_list('earmark_transaction_types') }})))
       OR (r.is_contribution AND r.entity_type = 'ORG'
           AND r.recipient_type IN ('candidate', 'party')
           AND r.form_type NOT IN {{ p.in_list('organization_allowed_types') }})
),
cand AS (
    SELECT r.*,
           {{ d.compact('r.zip') }} AS zip_compact,
           {{ d.norm('r.city') }} AS city_norm,
           trim({{ d.norm('r.city') }} || ' ' || {{ d.norm('r.street_1') }} || ' ' || {{ d.norm('r.street_2') }}) AS place_norm
    FROM pool r
    WHERE (r.is_contribution
           OR (r.amount > 0 AND NOT r.is_refund AND coalesce(r.counts_toward_totals, TRUE)
               AND r.form_type IN {{ p.in_list('earmark_transaction_types') }}))
      AND r.state_norm NOT IN (SELECT state_code FROM us)
),
flagged AS (
    SELECT c.*,
           CASE
             WHEN c.state_norm = {{ sql_str(p.lookup('foreign_state')) }} THEN 'zz'
             WHEN (
                  {% for pat in p.lookup('foreign_postal_patterns') -%}
                  {{ d.regex_match('c.zip_compact', sql_str(pat)) }}{{ " OR " if not loop.last }}
                  {%- endfor %}) THEN 'postal'
             WHEN (
                  {{ d.regex_match('c.place_norm', p.words_regex('countries')) }}
                  OR {{ d.regex_match('c.city_norm', p.words_regex('foreign_cities', whole=True)) }}) THEN 'place'
           END AS indicator,
           -- what the address names, whatever the indicator: the finding's detail
           CASE WHEN trim(c.state_norm) NOT IN (SELECT state_code FROM us) THEN
             {{ p.named_sql('countries', d.norm("coalesce(c.city, '') || ' ' || coalesce(c.street_1, '') || ' ' || coalesce(c.street_2, '')")) }}
           END AS country,
           CASE WHEN trim(c.state_norm) NOT IN (SELECT state_code FROM us)
                     AND c.city_norm IN {{ p.in_list('foreign_cities') }} THEN c.city_norm
           END AS foreign_city
    FROM cand c
),
hits AS {{ d.materialized }} (
    SELECT {{ columns }} FROM flagged WHERE indicator IS NOT NULL
    UNION ALL
    SELECT {{ columns }} FROM (
        SELECT r.*, 'organization' AS indicator, CAST(NULL AS VARCHAR) AS country,
               CAST(NULL AS VARCHAR) AS foreign_city
        FROM pool r
        WHERE r.is_contribution AND r.entity_type = 'ORG'
          AND r.recipient_type IN ('candidate', 'party')
          AND r.form_type NOT IN {{ p.in_list('organization_allowed_types') }}
    ) o
),
refunded AS (
    SELECT h.receipt_key, h.indicator,
           sum(CASE WHEN f.date <= {{ d.add_days('h.date', p.value('foreign_refund_days', 'h.date')) }}
                    THEN f.amount ELSE 0 END) AS refunded_in_time,
           sum(f.amount) AS refunded_total,
           min(f.date) AS first_refund_date,
           max(f.date) AS last_refund_date
    FROM hits h
    JOIN screen_refunds f
      ON f.committee_id = h.committee_id AND f.date >= h.date AND f.kind = 'refund'
     AND (f.donor_key = h.donor_key OR f.name_key = h.name_key OR f.back_ref = h.transaction_id)
    GROUP BY h.receipt_key, h.indicator
)
SELECT h.*,
       {{ p.value('foreign_refund_days', 'h.date') }} AS refund_days,
       coalesce(x.refunded_in_time, 0) AS refunded_in_time,
       coalesce(x.refunded_total, 0) AS refunded_total,
       x.first_refund_date, x.last_refund_date,
       CASE WHEN coalesce(x.refunded_in_time, 0) >= h.amount THEN 'handled'
            WHEN coalesce(x.refunded_total, 0) >= h.amount THEN 'late'
            ELSE 'open' END AS status
FROM hits h LEFT JOIN refunded x ON x.receipt_key = h.receipt_key AND x.indicator = h.indicator
