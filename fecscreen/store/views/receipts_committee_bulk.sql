-- Contributions received from other committees as the recipient reported them: rows of
-- the bulk committee-transactions file (itoth) of transaction type 18K (a contribution
-- from a registered political committee; the code's meaning is not verified [U]), in
-- the shape of the `receipts` relation. The giver's FEC id is `other_id`.
SELECT
    'bulk'                                     AS source,
    'O:' || b.sub_id                           AS receipt_key,
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
    CAST(NULL AS BIGINT)                       AS earmark_pair_id,
    upper(coalesce(b.memo_cd, '')) <> 'X'      AS counts_toward_totals,
    FALSE                                      AS superseded
FROM committee_transactions b
WHERE upper(b.transaction_tp) = '18K'
