"""earmark: conduit records of earmarked contributions.

The citations of this group are not in the project's law digest and are marked
unverified [U]: 52 U.S.C. 30116(a)(8) and 11 CFR 110.6 (earmarked contributions
and the conduit's duty to report the original contributor).
"""

from __future__ import annotations

from fecscreen.rules.model import Citation, Rule, register

CITATIONS = [Citation("52 U.S.C. 30116(a)(8)", "U"), Citation("11 CFR 110.6", "U")]

register(Rule(
    code="EM001",
    name="earmark.conduit-record-missing-donor",
    group="earmark",
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
    citations=CITATIONS,
    sql="""
WITH c AS (
    SELECT r.*,
           concat_ws(', ',
             CASE WHEN trim(coalesce(r.name, '')) = '' THEN 'name' END,
             CASE WHEN trim(coalesce(r.city, '')) = '' THEN 'city' END,
             CASE WHEN r.state_norm = '' AND trim(coalesce(r.zip, '')) = '' THEN 'state and postal code' END
           ) AS missing
    FROM screen_receipts r
    WHERE r.amount > 0 AND r.is_individual
      AND (r.form_type IN {{ p.in_list('earmark_transaction_types') }}
           OR trim(coalesce(r.conduit_name, '')) <> ''
           OR {{ d.regex_match(d.norm('r.memo_text'), "'EARMARK'") }})
)
SELECT c.receipt_key AS finding_key, c.committee_id, 'review' AS severity,
       'earmarked contribution of ' || {{ d.money('c.amount') }} || ' recorded without the '
       || 'contributor''s ' || c.missing || ': the original contributor''s name and address are '
       || 'to be reported (52 U.S.C. 30116(a)(8); 11 CFR 110.6 [unverified])' AS message,
       c.amount, c.date, c.receipt_key AS donor_key, {{ ev('c') }}
FROM c WHERE c.missing <> ''
""",
))

register(Rule(
    code="EM002",
    name="earmark.pair-does-not-reconcile",
    group="earmark",
    severity="review",
    version="1",
    summary="The conduit's and the recipient's records of one earmarked gift disagree on the amount.",
    matches=(
        "Rows sharing an `earmark_pair_id` (set by the bulk loader for the conduit's 24T row "
        "and the recipient's 15E row of one gift) whose absolute amounts differ."
    ),
    rationale=(
        "The conduit forwards the earmarked contribution as made and both sides report it "
        "(52 U.S.C. 30116(a)(8); 11 CFR 110.6 — unverified); records that do not agree mean "
        "money was kept back, split, or misreported, which requires review."
    ),
    false_positives=(
        "A pair matched wrongly by the loader; processing fees the conduit deducted and "
        "reported separately."
    ),
    cannot_see=(
        "Earmarked gifts whose two records were not paired (filings carry no pair id; a pair "
        "split across `--committee` is not seen); pairs where one side is missing entirely."
    ),
    citations=CITATIONS,
    sql="""
WITH pairs AS (
    SELECT earmark_pair_id, min(abs(amount)) AS low, max(abs(amount)) AS high,
           min(CASE WHEN counts_toward_totals THEN committee_id END) AS recipient,
           min(CASE WHEN counts_toward_totals THEN receipt_key END) AS donor_row,
           min(date) AS first_date
    FROM screen_receipts
    WHERE earmark_pair_id IS NOT NULL
    GROUP BY earmark_pair_id
    HAVING count(*) >= 2 AND min(abs(amount)) <> max(abs(amount))
)
SELECT {{ d.to_text('p.earmark_pair_id') }} AS finding_key, p.recipient AS committee_id,
       'review' AS severity,
       'the records of one earmarked contribution disagree: ' || {{ d.money('p.low') }} || ' and '
       || {{ d.money('p.high') }} || '; an earmarked contribution is forwarded and reported as '
       || 'made (52 U.S.C. 30116(a)(8); 11 CFR 110.6 [unverified])' AS message,
       p.high - p.low AS amount, p.first_date AS date, p.donor_row AS donor_key, {{ ev('r') }}
FROM pairs p JOIN screen_receipts r ON r.earmark_pair_id = p.earmark_pair_id
""",
))
