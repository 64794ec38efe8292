-- Money given back or moved: refund receipts (negative or refund types), refund
-- disbursements (Schedule B refund forms) and redesignation or reattribution
-- memos, each with the donor key it is matched to gifts by.
-- needs: receipts
CREATE OR REPLACE TEMP TABLE screen_refunds AS
SELECT receipt_key AS ev_key, filing_id, transaction_id, sub_id, committee_id, donor_key,
       name_key, date, abs(amount) AS amount, 'refund' AS kind, back_reference_tran_id AS back_ref
FROM screen_receipts WHERE is_refund AND amount <> 0
UNION ALL
SELECT 'D:' || x.filing_id || ':' || x.line_number AS ev_key, x.filing_id, x.transaction_id,
       CAST(NULL AS BIGINT) AS sub_id,
       coalesce(x.filer_committee_id_number, f.committee_id) AS committee_id,
       {{ d.hash64(donor_key('CAST(NULL AS VARCHAR)', "coalesce(x.payee_organization_name, '')",
                             'x.payee_last_name', 'x.payee_first_name', 'x.payee_zip_code',
                             'x.payee_suffix')) }} AS donor_key,
       {{ d.hash64(donor_key('CAST(NULL AS VARCHAR)', "coalesce(x.payee_organization_name, '')",
                             'x.payee_last_name', 'x.payee_first_name', 'x.payee_zip_code',
                             'x.payee_suffix')) }} AS name_key,
       x.expenditure_date AS date, abs(x.expenditure_amount) AS amount, 'refund' AS kind,
       x.back_reference_tran_id_number AS back_ref
FROM disbursements_current x LEFT JOIN filings f ON f.filing_id = x.filing_id
WHERE upper(x.form_type) IN {{ p.in_list('refund_disbursement_forms') }}
  {% if committee %}AND coalesce(x.filer_committee_id_number, f.committee_id) = {{ sql_str(committee) }}{% endif %}
UNION ALL
SELECT receipt_key, filing_id, transaction_id, sub_id, committee_id, donor_key, name_key, date,
       abs(amount), 'redesignation or reattribution' AS kind, back_reference_tran_id AS back_ref
FROM screen_receipts
WHERE NOT is_refund AND memo_text IS NOT NULL
  AND ({% for w in p.lookup('remedy_words') -%}
       {{ d.icontains('memo_text', w) }}{{ " OR " if not loop.last }}
       {%- endfor %})
  AND {{ d.regex_match(d.norm('memo_text'), p.words_regex('remedy_words', prefix=True)) }}
