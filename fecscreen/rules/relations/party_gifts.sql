-- Every contribution to a party committee or a PAC with what decides its limit:
-- the recipient's class, the group the limit is counted over, the national party
-- account, the giver and the giver's kind, and each limit that could apply.
-- needs: receipts, limits, latest_committees
CREATE OR REPLACE TEMP TABLE screen_party_gifts AS
WITH national AS (
    SELECT * FROM (VALUES {% for id in p.lookup('national_party_committees') -%}
        ({{ sql_str(id) }}){{ ", " if not loop.last }}{% endfor %}) AS t(cmte_id)
),
recipient AS (
    SELECT r.committee_id,
           CASE WHEN n.cmte_id IS NOT NULL THEN 'national'
                WHEN coalesce(m.cmte_dsgn, '') = 'J' THEN NULL
                WHEN m.cmte_tp IN {{ p.in_list('party_committee_types') }}
                     AND {{ d.icontains('m.cmte_nm', 'NATIONAL') }} THEN 'party-unknown'
                WHEN m.cmte_tp IN {{ p.in_list('party_committee_types') }} THEN 'state'
                WHEN m.cmte_tp IN {{ p.in_list('pac_committee_types') }} THEN 'pac'
           END AS recipient_class,
           CASE WHEN n.cmte_id IS NULL AND m.cmte_tp IN {{ p.in_list('party_committee_types') }}
                     AND NOT {{ d.icontains('m.cmte_nm', 'NATIONAL') }}
                     AND nullif(trim(m.cmte_st), '') IS NOT NULL
                     AND nullif(trim(m.cmte_pty_affiliation), '') IS NOT NULL
                THEN upper(trim(m.cmte_pty_affiliation)) || ' party committees of ' || upper(trim(m.cmte_st))
                ELSE r.committee_id END AS limit_group
    FROM (SELECT DISTINCT committee_id FROM screen_receipts) r
    LEFT JOIN national n ON n.cmte_id = r.committee_id
    LEFT JOIN screen_latest_committees m ON m.cmte_id = r.committee_id
),
gift AS (
    SELECT r.receipt_key, r.filing_id, r.transaction_id, r.sub_id, r.committee_id, r.date,
           r.amount, r.name, r.city, r.state, r.zip, r.employer, r.occupation, r.donor_id,
           r.donor_key, r.name_key, r.entity_type, nullif(trim(r.other_id), '') AS other_id,
           rc.recipient_class, rc.limit_group, {{ d.year('r.date') }} AS year,
           -- only a national party has separate accounts (a party whose standing is not known may)
           CASE WHEN rc.recipient_class NOT IN ('national', 'party-unknown') THEN 'general'
                {% for account, how in p.lookup('party_accounts').items() -%}
                WHEN r.form_type IN ({% for t in how['transaction_types'] %}{{ sql_str(t) }}{{ ", " if not loop.last }}{% endfor %})
                     {% for w in how['words'] -%}
                     OR {{ d.icontains("coalesce(r.memo_text, '') || ' ' || coalesce(r.purpose, '')", w) }}
                     {% endfor -%}
                THEN {{ sql_str(account) }}
                {% endfor -%}
                ELSE 'general' END AS account,
           CASE WHEN r.is_individual THEN 'individual' ELSE 'committee' END AS giver_class,
           CASE WHEN r.is_individual THEN {{ d.to_text('r.donor_key') }}
                ELSE coalesce(nullif(trim(r.other_id), ''), {{ d.to_text('r.name_key') }}) END AS giver_key,
           CASE WHEN r.is_individual THEN NULL
                ELSE coalesce(g.giver_kind, CASE WHEN r.entity_type = 'CCM' THEN 'authorized' END) END AS giver_kind
    FROM screen_receipts r
    JOIN recipient rc ON rc.committee_id = r.committee_id AND rc.recipient_class IS NOT NULL
    LEFT JOIN screen_latest_committees g ON g.cmte_id = nullif(trim(r.other_id), '')
    WHERE r.amount > 0 AND NOT r.is_refund AND coalesce(r.counts_toward_totals, TRUE)
      AND (r.is_contribution
           {% for how in p.lookup('party_accounts').values() -%}
           OR r.form_type IN ({% for t in how['transaction_types'] %}{{ sql_str(t) }}{{ ", " if not loop.last }}{% endfor %})
           {% endfor -%})
      AND ((r.is_individual AND r.entity_type <> 'CAN' AND rc.recipient_class <> 'pac')
           OR r.entity_type IN {{ p.in_list('committee_entity_types') }})
),
lim AS (
    SELECT match_year,
           {% for key in ('individual-national-party', 'individual-party-account',
                          'individual-state-party', 'multicandidate-national-party',
                          'multicandidate-state-party', 'multicandidate-pac',
                          'committee-national-party', 'committee-state-party', 'committee-pac') -%}
           max(CASE WHEN limit_key = {{ sql_str(key) }} THEN amount END) AS {{ key.replace('-', '_') }}{{ "," if not loop.last }}
           {% endfor %}
    FROM screen_limits WHERE period = 'calendar-year' GROUP BY match_year
)
SELECT x.*,
       CASE x.recipient_class WHEN 'national' THEN l.individual_national_party
            WHEN 'state' THEN l.individual_state_party
            ELSE least(l.individual_national_party, l.individual_state_party) END AS lim_individual,
       l.individual_party_account AS lim_account,
       l.individual_national_party AS lim_national, l.individual_state_party AS lim_state,
       CASE x.recipient_class WHEN 'national' THEN l.multicandidate_national_party
            WHEN 'state' THEN l.multicandidate_state_party WHEN 'pac' THEN l.multicandidate_pac
            ELSE least(l.multicandidate_national_party, l.multicandidate_state_party) END AS lim_multicandidate,
       CASE x.recipient_class WHEN 'national' THEN l.committee_national_party
            WHEN 'state' THEN l.committee_state_party WHEN 'pac' THEN l.committee_pac
            ELSE least(l.committee_national_party, l.committee_state_party) END AS lim_other
FROM gift x JOIN lim l ON l.match_year = x.year
