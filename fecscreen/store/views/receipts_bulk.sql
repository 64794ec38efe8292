-- Rows of the bulk files in the shape of the `receipts` relation: every row of the
-- individual-contributions file (itcont, keys B:<sub_id>), and the contributions
-- committees report receiving from other committees in the committee-transactions
-- file (itoth, type 18K: a contribution from a registered political committee, the
-- code's meaning not verified [U]; keys O:<sub_id>; the giver's FEC id in other_id).
SELECT
    'bulk'                                     AS source,
    b.key_prefix || b.sub_id                   AS receipt_key,
    CAST(b.file_num AS VARCHAR)                AS filing_id,
    CAST(b.line_number AS INTEGER)             AS line_number,
    b.sub_id                                   AS sub_id,
    b.cmte_id                                  AS committee_id,
    b.transaction_tp                           AS form_type,
    b.tran_id                                  AS transaction_id,
    CAST(NULL AS VARCHAR)                      AS back_reference_tran_id,
    b.entity_tp                                AS entity_type,
    b.name                                     AS name,
    CASE WHEN b.entity_tp NOT IN ('IND', 'CAN') THEN b.name END AS organization_name,
    CASE WHEN b.entity_tp IN ('IND', 'CAN') OR b.entity_tp IS NULL
         THEN trim(split_part(b.name, ',', 1)) END AS last_name,
    CASE WHEN b.entity_tp IN ('IND', 'CAN') OR b.entity_tp IS NULL
         THEN nullif(trim(split_part(b.name, ',', 2)), '') END AS first_name,
    CAST(NULL AS VARCHAR)                      AS middle_name,
    CAST(NULL AS VARCHAR)                      AS prefix,
    CAST(NULL AS VARCHAR)                      AS suffix,
    CAST(NULL AS VARCHAR)                      AS street_1,
    CAST(NULL AS VARCHAR)                      AS street_2,
    b.city                                     AS city,
    b.state                                    AS state,
    b.zip_code                                 AS zip,
    b.employer                                 AS employer,
    b.occupation                               AS occupation,
    b.transaction_pgi                          AS election_code,
    CAST(NULL AS VARCHAR)                      AS election_other_description,
    b.transaction_dt                           AS date,
    b.transaction_amt                          AS amount,
    CAST(NULL AS DECIMAL(14, 2))               AS aggregate,
    CAST(NULL AS VARCHAR)                      AS purpose,
    b.memo_cd                                  AS memo_code,
    b.memo_text                                AS memo_text,
    b.other_id                                 AS other_id,
    CAST(NULL AS VARCHAR)                      AS conduit_name,
    CAST(NULL AS VARCHAR)                      AS conduit_city,
    CAST(NULL AS VARCHAR)                      AS conduit_state,
    CAST(NULL AS VARCHAR)                      AS conduit_zip,
    b.amndt_ind                                AS amendment_indicator,
    b.rpt_tp                                   AS report_type,
    b.earmark_pair_id                          AS earmark_pair_id,
    coalesce(b.counts_toward_totals, TRUE)     AS counts_toward_totals,
    FALSE                                      AS superseded
FROM (
    SELECT *, 'B:' AS key_prefix FROM bulk_receipts
    UNION ALL BY NAME
    SELECT *, 'O:' AS key_prefix, upper(coalesce(memo_cd, '')) <> 'X' AS counts_toward_totals
    FROM committee_transactions WHERE upper(transaction_tp) = '18K'
) b
