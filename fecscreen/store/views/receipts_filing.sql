-- Schedule A lines of loaded filings, in the shape of the `receipts` relation.
SELECT
    'filing'                                   AS source,
    'F:' || r.filing_id || ':' || r.line_number AS receipt_key,
    r.filing_id                                AS filing_id,
    r.line_number                              AS line_number,
    CAST(NULL AS BIGINT)                       AS sub_id,
    coalesce(r.filer_committee_id_number, f.committee_id) AS committee_id,
    r.form_type                                AS form_type,
    r.transaction_id                           AS transaction_id,
    r.back_reference_tran_id_number            AS back_reference_tran_id,
    r.entity_type                              AS entity_type,
    nullif(CASE
        WHEN r.contributor_name IS NULL THEN
            CASE WHEN r.entity_type IN ('IND', 'CAN') AND r.contributor_last_name IS NOT NULL
                 THEN concat_ws(', ', r.contributor_last_name,
                        nullif(concat_ws(' ', r.contributor_first_name, r.contributor_middle_name,
                                         r.contributor_suffix), ''))
                 ELSE coalesce(r.contributor_organization_name,
                        concat_ws(', ', r.contributor_last_name,
                            nullif(concat_ws(' ', r.contributor_first_name, r.contributor_middle_name,
                                             r.contributor_suffix), '')))
            END
        -- formats before 5.x/6.x: one name field, parts split by '^' (LAST^FIRST MIDDLE^PREFIX^SUFFIX)
        WHEN contains(r.contributor_name, '^') AND coalesce(r.entity_type, 'IND') IN ('IND', 'CAN') THEN
            concat_ws(', ', trim(split_part(r.contributor_name, '^', 1)),
                nullif(trim(concat_ws(' ', nullif(trim(split_part(r.contributor_name, '^', 2)), ''),
                                      nullif(trim(split_part(r.contributor_name, '^', 4)), ''))), ''))
        ELSE r.contributor_name
    END, '')                                   AS name,
    coalesce(r.contributor_organization_name,
        CASE WHEN coalesce(r.entity_type, 'IND') NOT IN ('IND', 'CAN') THEN r.contributor_name END)
                                               AS organization_name,
    coalesce(r.contributor_last_name, CASE WHEN contains(r.contributor_name, '^')
        AND coalesce(r.entity_type, 'IND') IN ('IND', 'CAN')
        THEN nullif(trim(split_part(r.contributor_name, '^', 1)), '') END) AS last_name,
    coalesce(r.contributor_first_name, CASE WHEN contains(r.contributor_name, '^')
        AND coalesce(r.entity_type, 'IND') IN ('IND', 'CAN')
        THEN nullif(trim(split_part(r.contributor_name, '^', 2)), '') END) AS first_name,
    r.contributor_middle_name                  AS middle_name,
    coalesce(r.contributor_prefix, CASE WHEN contains(r.contributor_name, '^')
        THEN nullif(trim(split_part(r.contributor_name, '^', 3)), '') END) AS prefix,
    coalesce(r.contributor_suffix, CASE WHEN contains(r.contributor_name, '^')
        THEN nullif(trim(split_part(r.contributor_name, '^', 4)), '') END) AS suffix,
    r.contributor_street_1                     AS street_1,
    r.contributor_street_2                     AS street_2,
    r.contributor_city                         AS city,
    r.contributor_state                        AS state,
    r.contributor_zip_code                     AS zip,
    r.contributor_employer                     AS employer,
    r.contributor_occupation                   AS occupation,
    r.election_code                            AS election_code,
    r.election_other_description               AS election_other_description,
    r.contribution_date                        AS date,
    r.contribution_amount                      AS amount,
    r.contribution_aggregate                   AS aggregate,
    r.contribution_purpose_descrip             AS purpose,
    r.memo_code                                AS memo_code,
    r.memo_text_description                    AS memo_text,
    r.donor_committee_fec_id                   AS other_id,
    r.conduit_name                             AS conduit_name,
    r.conduit_city                             AS conduit_city,
    r.conduit_state                            AS conduit_state,
    r.conduit_zip_code                         AS conduit_zip,
    CAST(NULL AS VARCHAR)                      AS amendment_indicator,
    f.report_type                              AS report_type,
    CAST(NULL AS BIGINT)                       AS earmark_pair_id,
    TRUE                                       AS counts_toward_totals,
    coalesce(f.superseded, FALSE)              AS superseded
FROM filing_receipts r
LEFT JOIN filings f USING (filing_id)
