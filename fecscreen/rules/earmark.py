"""earmark: conduit records of earmarked contributions.

The citations of this group are not in the project's law digest and are marked
unverified [U]: 52 U.S.C. 30116(a)(8) and 11 CFR 110.6 (earmarked contributions
and the conduit's duty to report the original contributor).
"""

from __future__ import annotations

from fecscreen.rules.model import Citation, family

GROUP = "earmark"

CITATIONS = [Citation("52 U.S.C. 30116(a)(8)", "U"), Citation("11 CFR 110.6", "U")]

rule = family(GROUP, citations=CITATIONS)

rule(
    code="EM001",
    name="earmark.conduit-record-missing-donor",
    severity="review",
    version="1",
    summary="An earmarked contribution recorded without the contributor's name or address.",
    matches=(
        "Individual rows with a positive amount that are earmark records (bulk TRANSACTION_TP "
        "15E, 24T, 24I; or a conduit name; or memo text containing EARMARK) whose name is "
        "blank, whose city is blank, or whose state and postal code are both blank."
    ),
    rationale=(
        "A contribution earmarked through a conduit is the original contributor's; the conduit "
        "and the recipient must report who that contributor is, with name and address "
        "(52 U.S.C. 30116(a)(8); 11 CFR 110.6 — not in the law digest, unverified). Missing "
        "contributor information also hides who gave, which matters for every other rule."
    ),
    false_positives=(
        "A foreign address entered with the country in the city line and no state or postal "
        "code (MONTREAL in the FEC sample) is flagged here as well as by FN003."
    ),
    cannot_see="The conduit's own records; street addresses (not in the bulk file).",
    sql="""
WITH e AS (
    SELECT r.*,
           coalesce(r.name, '') IN ('', ' ') AS no_name,
           coalesce(r.city, '') IN ('', ' ') AS no_city,
           r.state_norm = '' AND coalesce(r.zip, '') IN ('', ' ') AS no_place
    FROM screen_receipts r
    WHERE r.amount > 0 AND r.is_individual
      AND (coalesce(r.name, '') IN ('', ' ') OR coalesce(r.city, '') IN ('', ' ')
           OR (r.state_norm = '' AND coalesce(r.zip, '') IN ('', ' ')))
      AND (r.form_type IN {{ p.in_list('earmark_transaction_types') }}
           OR coalesce(r.conduit_name, '') NOT IN ('', ' ')
           OR {{ d.icontains('r.memo_text', 'EARMARK') }})
),
c AS (
    SELECT e.*,
           concat_ws(', ', CASE WHEN no_name THEN 'name' END, CASE WHEN no_city THEN 'city' END,
                     CASE WHEN no_place THEN 'state and postal code' END) AS missing
    FROM e
)
SELECT c.receipt_key AS finding_key, c.committee_id, 'review' AS severity,
       'earmarked contribution of ' || {{ d.money('c.amount') }} || ' recorded without the '
       || 'contributor''s ' || c.missing || ': the original contributor''s name and address are '
       || 'to be reported (52 U.S.C. 30116(a)(8); 11 CFR 110.6 [unverified])' AS message,
       c.amount, c.date, c.receipt_key AS donor_row, {{ ev('c') }}
FROM c WHERE c.missing <> ''
""",
)

rule(
    code="EM002",
    name="earmark.pair-does-not-reconcile",
    severity="review",
    version="1",
    summary="The conduit's and the recipient's records of one earmarked gift disagree on the amount.",
    matches=(
        "Two records of one earmarked gift whose amounts differ: rows sharing an "
        "`earmark_pair_id` (set by the bulk loader), or — since the loader pairs only rows "
        "that agree — an unpaired conduit row (24T, 24I) and an unpaired recipient row (15E) "
        "whose committee ids point at each other, with the same donor key, dated within "
        "`earmark_match_window_days` (10) of each other."
    ),
    rationale=(
        "The conduit forwards the earmarked contribution as made and both sides report it "
        "(52 U.S.C. 30116(a)(8); 11 CFR 110.6 — unverified); records that do not agree mean "
        "money was kept back, split, or misreported, which requires review."
    ),
    false_positives=(
        "Two different gifts of one donor whose other records are not loaded: in the FEC's "
        "bulk sample a $5 ActBlue record (24T, 2017-04-11) and a $15 recipient record (15E, "
        "2017-04-15) of one donor are matched although they may be separate gifts, because "
        "the sample holds neither counterpart. Also a pair matched wrongly by the loader, and "
        "processing fees the conduit deducted and reported separately."
    ),
    cannot_see=(
        "Filed (.fec) earmark memo lines, which carry no pair id; a pair split across "
        "`--committee`; gifts whose other record is missing entirely; a donor written "
        "differently by the conduit and the recipient."
    ),
    sql="""
WITH pairs AS (
    SELECT {{ d.to_text('earmark_pair_id') }} AS pair_key,
           min(abs(amount)) AS low, max(abs(amount)) AS high,
           min(CASE WHEN counts_toward_totals THEN committee_id END) AS recipient,
           min(CASE WHEN counts_toward_totals THEN receipt_key END) AS donor_row,
           min(date) AS first_date
    FROM screen_receipts
    WHERE earmark_pair_id IS NOT NULL
    GROUP BY earmark_pair_id
    HAVING count(*) >= 2 AND min(abs(amount)) <> max(abs(amount))
),
paired_rows AS (
    SELECT p.pair_key, r.* FROM pairs p
    JOIN screen_receipts r ON {{ d.to_text('r.earmark_pair_id') }} = p.pair_key
),
conduit AS (
    SELECT * FROM screen_receipts
    WHERE form_type IN {{ p.in_list('conduit_record_types') }} AND earmark_pair_id IS NULL AND amount > 0
),
recipient AS (
    SELECT * FROM screen_receipts
    WHERE form_type IN {{ p.in_list('earmarked_receipt_types') }} AND earmark_pair_id IS NULL AND amount > 0
),
matched AS (
    -- unpaired records of one gift: ids pointing across, same donor, dates close, amounts not equal
    SELECT c.receipt_key || '~' || r.receipt_key AS pair_key,
           CASE WHEN c.amount < r.amount THEN c.amount ELSE r.amount END AS low,
           CASE WHEN c.amount < r.amount THEN r.amount ELSE c.amount END AS high,
           r.committee_id AS recipient, r.receipt_key AS donor_row,
           CASE WHEN c.date < r.date THEN c.date ELSE r.date END AS first_date,
           c.receipt_key AS conduit_key, r.receipt_key AS recipient_key
    FROM conduit c
    JOIN recipient r
      ON r.committee_id = c.other_id AND r.other_id = c.committee_id AND r.donor_key = c.donor_key
     AND r.amount <> c.amount
     AND r.date >= {{ d.add_days('c.date', '-' ~ p.value('earmark_match_window_days', 'c.date')) }}
     AND r.date <= {{ d.add_days('c.date', p.value('earmark_match_window_days', 'c.date')) }}
),
all_pairs AS (
    SELECT pair_key, low, high, recipient, donor_row, first_date FROM pairs
    UNION ALL
    SELECT pair_key, low, high, recipient, donor_row, first_date FROM matched
),
evidence AS (
    SELECT pair_key, receipt_key, date, filing_id, transaction_id, sub_id, name, city, state, zip,
           employer, occupation, donor_id
    FROM paired_rows
    UNION ALL
    SELECT m.pair_key, r.receipt_key, r.date, r.filing_id, r.transaction_id, r.sub_id, r.name,
           r.city, r.state, r.zip, r.employer, r.occupation, r.donor_id
    FROM matched m JOIN screen_receipts r ON r.receipt_key IN (m.conduit_key, m.recipient_key)
)
SELECT a.pair_key AS finding_key, a.recipient AS committee_id, 'review' AS severity,
       'the conduit''s and the recipient''s records of one earmarked contribution disagree: '
       || {{ d.money('a.low') }} || ' and ' || {{ d.money('a.high') }}
       || '; an earmarked contribution is forwarded and reported as made '
       || '(52 U.S.C. 30116(a)(8); 11 CFR 110.6 [unverified])' AS message,
       a.high - a.low AS amount, a.first_date AS date, a.donor_row AS donor_row,
       {{ ev('e') }}
FROM all_pairs a JOIN evidence e ON e.pair_key = a.pair_key
""",
)
