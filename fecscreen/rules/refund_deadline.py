"""refund-deadline: refunds made, but later than 11 CFR 103.3(b) allows."""

from __future__ import annotations

from fecscreen.rules.model import Citation, family, fill

GROUP = "refund-deadline"

_LATE_SQL = """
SELECT f.receipt_key AS finding_key, f.committee_id, 'review' AS severity,
       'contribution of ' || {{ d.money('f.amount') }} || ' {{ what }} was refunded on '
       || {{ d.to_text('f.last_refund_date') }} || ', '
       || {{ d.to_text(d.days_between('f.date', 'f.last_refund_date')) }}
       || ' days after receipt: a receipt raising a genuine question of a prohibited source is to be '
       || 'refunded within ' || {{ d.to_text('f.refund_days') }} || ' days (11 CFR 103.3(b))' AS message,
       f.amount, f.date, f.receipt_key AS donor_row, {{ ev('f') }}
FROM screen_questioned f
WHERE f.status = 'late' AND f.indicator IN ({{ indicators }})
"""

rule = family(GROUP)

rule(
    code="RD001",
    name="refund-deadline.foreign-address-refund-late",
    severity="review",
    version="1",
    summary="A contribution with a foreign address refunded more than 30 days after receipt.",
    matches=(
        "Rows flagged by FN001-FN003 for which refunds of the same donor from the same "
        "committee cover the amount, but only counting refunds dated more than 30 days after "
        "the contribution (the deadline is dated data: thresholds.yaml `foreign_refund_days`)."
    ),
    rationale=(
        "Where a receipt raises a genuine question of a prohibited source the treasurer is to "
        "refund it within 30 days unless its legality is shown (11 CFR 103.3(b)); a refund "
        "made later is a fact worth reviewing even though the money went back."
    ),
    false_positives=(
        "The committee established within 30 days that the contributor was a US citizen or "
        "permanent resident and refunded later for another reason; a refund matched to a "
        "different gift of the same donor."
    ),
    cannot_see="When the committee learned of the question; the inquiry and its result.",
    citations=[Citation("11 CFR 103.3(b)"), Citation("11 CFR 110.20(a)(5)")],
    requires=("questioned",),
    sql=fill(_LATE_SQL, what="with a foreign address", indicators="'zz', 'postal', 'place'"),
)

rule(
    code="RD003",
    name="refund-deadline.prohibited-source-refund-late",
    severity="review",
    version="1",
    summary="An organisation's contribution to a candidate or party refunded more than 30 days after receipt.",
    matches=(
        "Rows flagged by PS001 for which refunds (by donor key, or a refund line whose back "
        "reference names the receipt) cover the amount only when counting those dated more "
        "than 30 days after the contribution."
    ),
    rationale=(
        "A contribution from a possibly prohibited source raises a genuine question; unless "
        "its legality is shown the treasurer is to refund it within 30 days (11 CFR 103.3(b)). "
        "A later refund is a fact worth reviewing even though the money went back."
    ),
    false_positives=(
        "A partnership-type LLC whose contribution was lawful and refunded late for another "
        "reason; a refund matched to a different gift of the same organisation."
    ),
    cannot_see="When the committee learned of the question; the organisation's legal form.",
    citations=[Citation("11 CFR 103.3(b)"), Citation("52 U.S.C. 30118"), Citation("11 CFR 114.2")],
    requires=("questioned",),
    sql=fill(_LATE_SQL, what="from an organisation", indicators="'organization'"),
)

rule(
    code="RD002",
    name="refund-deadline.excess-remedied-late",
    severity="review",
    version="1",
    summary="An excessive contribution refunded, redesignated or reattributed after 60 days.",
    matches=(
        "Groups found by EX001/EX002 whose excess is covered by refunds, redesignations or "
        "reattributions of the same donor at the same committee, but only when counting those "
        "dated more than 60 days after the contribution that crossed the limit "
        "(thresholds.yaml `excessive_remedy_days`)."
    ),
    rationale=(
        "An excessive contribution is to be refunded, redesignated or reattributed within 60 "
        "days of receipt (11 CFR 103.3(b)); a later remedy still leaves the committee holding "
        "excessive funds past the deadline."
    ),
    false_positives=(
        "A timely redesignation recorded only on paper, or filed with memo text this rule does "
        "not recognise (it looks for REDESIGNAT/REATTRIBUT)."
    ),
    cannot_see=(
        "Written redesignation or reattribution requests and their dates; presumptive "
        "redesignations the committee applied without a memo entry."
    ),
    citations=[Citation("11 CFR 103.3(b)"), Citation("11 CFR 110.1(b)")],
    requires=("excess",),
    sql="""
SELECT e.donor_key || '|' || e.committee_id || '|' || e.election_key AS finding_key,
       e.committee_id, 'review' AS severity,
       'excess of ' || {{ d.money('e.excess') }} || ' over the ' || {{ d.money('e.limit_amount') }}
       || ' limit was remedied by ' || {{ d.to_text('e.last_remedy_date') }} || ', '
       || {{ d.to_text(d.days_between('e.crossing_date', 'e.last_remedy_date')) }}
       || ' days after the contribution that crossed it: excessive contributions are to be '
       || 'refunded, redesignated or reattributed within ' || {{ d.to_text('e.remedy_days') }}
       || ' days (11 CFR 103.3(b))' AS message,
       e.excess AS amount, e.crossing_date AS date, e.crossing_key AS donor_row,
       {{ ev('e') }}
FROM screen_excess e
WHERE e.status = 'late'
""",
)

rule(
    code="RD004",
    name="refund-deadline.excess-not-remedied",
    severity="review",
    version="1",
    summary="An excessive contribution still not refunded, redesignated or reattributed when the committee's reports pass the 60-day deadline.",
    matches=(
        "Groups found by EX001/EX002 whose excess is not covered by refunds, redesignations or "
        "reattributions (memo entries with REDESIGNAT/REATTRIBUT) of the same donor at the same "
        "committee, at any date, where the store holds the committee's records past the deadline "
        "(the crossing contribution's date plus thresholds.yaml `excessive_remedy_days`): the "
        "end of its latest current Form 3, 3P or 3X, or for a committee known only from bulk "
        "files the date of its latest receipt in the store. One finding per group; its amount "
        "is the part of the excess not remedied."
    ),
    rationale=(
        "Within 60 days of receiving an excessive contribution the committee refunds the "
        "excess, or obtains a redesignation to another election or a reattribution to a joint "
        "contributor (11 CFR 103.3(b); 110.1(b)(5), 110.1(k) [U]); where it applies a "
        "presumptive redesignation or reattribution, it notifies the contributor in writing "
        "within the same 60 days and offers a refund (11 CFR 110.1(b)(5)(ii)(B), "
        "110.1(k)(3)(ii)(B) [U]). Reports that run past the deadline with no remedy show "
        "excessive funds kept; EX001 and EX002 flag the excess whatever the date."
    ),
    false_positives=(
        "A remedy reported with memo text the rule does not recognise; a refund check written "
        "but reported in a report not loaded; a bulk committee whose latest receipt in the "
        "store postdates the deadline while its report of the remedy was not loaded."
    ),
    cannot_see=(
        "The written notices of presumptive redesignations and reattributions and the "
        "contributors' signed statements (kept by the committee, not reported): a reported "
        "remedy is taken as made with its notice; the dates bulk files cover."
    ),
    citations=[Citation("11 CFR 103.3(b)"), Citation("11 CFR 110.1(b)(5)", "U"),
               Citation("11 CFR 110.1(k)", "U")],
    requires=("excess",),
    sql="""
WITH reach AS (
    SELECT committee_id, max(through) AS through, max(basis) AS basis FROM (
        SELECT committee_id, coverage_through AS through, 'reports' AS basis FROM filings
        WHERE NOT coalesce(superseded, FALSE) AND upper(form_type) LIKE 'F3%'
        UNION ALL
        SELECT r.committee_id, max(r.date), 'receipts' FROM screen_receipts r
        WHERE r.committee_id NOT IN (SELECT committee_id FROM filings WHERE committee_id IS NOT NULL
                                     AND upper(form_type) LIKE 'F3%')
        GROUP BY r.committee_id
    ) x GROUP BY committee_id
),
due AS (
    SELECT e.*, {{ d.add_days('e.crossing_date', 'e.remedy_days') }} AS deadline,
           c.through, c.basis
    FROM screen_excess e JOIN reach c ON c.committee_id = e.committee_id
    WHERE e.status = 'open'
)
SELECT e.donor_key || '|' || e.committee_id || '|' || e.election_key AS finding_key,
       e.committee_id, 'review' AS severity,
       'excess of ' || {{ d.money('e.excess') }} || ' over the ' || {{ d.money('e.limit_amount') }}
       || ' limit, from the contribution of ' || {{ d.to_text('e.crossing_date') }}
       || ', is not refunded, redesignated or reattributed in '
       || CASE WHEN e.basis = 'reports' THEN 'the committee''s reports through '
               ELSE 'the committee''s receipts in the store, the latest dated ' END
       || {{ d.to_text('e.through') }} || ', past the deadline of ' || {{ d.to_text('e.deadline') }}
       || CASE WHEN e.remedied_total > 0 THEN ' (remedies found: ' || {{ d.money('e.remedied_total') }} || ')'
               ELSE '' END
       || ': the excess is refunded, or redesignated or reattributed (a presumptive one with '
       || 'written notice to the contributor), within ' || {{ d.to_text('e.remedy_days') }}
       || ' days (11 CFR 103.3(b); 110.1(b)(5), 110.1(k) [U])' AS message,
       e.excess - e.remedied_total AS amount, e.deadline AS date, e.crossing_key AS donor_row,
       {{ ev('e') }}
FROM due e
WHERE e.through >= e.deadline
""",
)
