-- `screen_receipts` is worked out once per run (a temporary table), so the rules
-- that scan all of it scan plain columns. The costly step, normalising names into
-- donor keys, runs once per distinct (donor_id, name, postal code) in
-- `screen_donors`, joined by a hash.
-- `donor_key` is a 64-bit hash of coalesce(donor_id, name key); `name_key` the
-- hash of the name key alone (refund lines have no donor_id, so refunds are
-- matched on either).
-- needs: recipients, donors
CREATE OR REPLACE TEMP TABLE screen_receipts AS
WITH base AS (
    SELECT b.*,
           upper(trim(coalesce(b.election_code, ''))) AS ecode,
           upper(coalesce(b.state, '')) AS state_norm,
           upper(coalesce(b.form_type, '')) AS ftype,
           {{ raw_donor }} AS raw_h
    FROM receipts_current b
    {% if committee %}WHERE b.committee_id = {{ sql_str(committee) }}{% endif %}
)
SELECT
    b.receipt_key, b.filing_id, b.transaction_id, b.sub_id, b.committee_id,
    b.ftype AS form_type, upper(coalesce(b.entity_type, '')) AS entity_type,
    b.name, b.organization_name, b.street_1, b.street_2, b.city, b.state, b.zip,
    b.employer, b.occupation, b.date, b.amount, b.aggregate, b.purpose,
    b.memo_text, b.conduit_name, b.other_id, b.earmark_pair_id, b.counts_toward_totals,
    b.donor_id, b.state_norm, b.back_reference_tran_id,
    b.raw_h, dk.donor_key, dk.name_key,
    coalesce(rc.recipient_type, 'unknown') AS recipient_type,
    (b.ftype IN {{ p.in_list('refund_transaction_types') }} OR b.amount < 0) AS is_refund,
    (b.amount > 0
     AND NOT (b.ftype IN {{ p.in_list('refund_transaction_types') }})
     AND coalesce(b.counts_toward_totals, TRUE)
     AND (coalesce(upper(b.memo_code), '') <> 'X' OR b.ftype IN {{ p.in_list('memo_counted_types') }})
     AND (b.ftype IN {{ p.in_list('contribution_transaction_types') }}
          {% for prefix in p.lookup('contribution_form_prefixes') -%}
          OR b.ftype LIKE {{ sql_str(prefix ~ '%') }}
          {% endfor -%}
     )) AS is_contribution,
    (coalesce(nullif(upper(b.entity_type), ''), 'IND') = 'IND') AS is_individual,
    {{ election_type('b.ecode') }} AS election_type,
    {{ election_year('b.ecode', 'b.date') }} AS election_year
FROM base b
LEFT JOIN screen_recipients rc ON rc.committee_id = b.committee_id
LEFT JOIN screen_donors dk ON dk.raw_h = b.raw_h
