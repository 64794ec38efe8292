"""cash-anonymous: anonymous contributions and cash over the limits."""

from __future__ import annotations

from fecscreen.rules.model import Citation, family

GROUP = "cash-anonymous"

# both rules rest on the same provision
rule = family(GROUP, citations=[Citation("52 U.S.C. 30123"), Citation("11 CFR 110.4(c)")])

rule(
    code="CA001",
    name="cash-anonymous.anonymous-over-limit",
    severity="review",
    version="1",
    summary="An anonymous contribution of more than $50.",
    matches=(
        "Contribution rows whose name is made only of words like ANON, ANONYMOUS, UNKNOWN, "
        "UNIDENTIFIED (lookups.yaml `anonymous_names`) with an amount over the anonymous-cash "
        "threshold (thresholds.yaml `anonymous_cash_limit`)."
    ),
    rationale=(
        "A committee may keep no more than $50 of an anonymous cash contribution; the excess "
        "must be disposed of (52 U.S.C. 30123; 11 CFR 110.4(c))."
    ),
    false_positives=(
        "A contributor whose real name is on file but was reported as anonymous; a sum of "
        "several small anonymous gifts reported on one line."
    ),
    cannot_see=(
        "Whether the gift was cash, and whether the excess was already disposed of (a "
        "disbursement to charity is not linked to the receipt)."
    ),
    sql="""
SELECT r.receipt_key AS finding_key, r.committee_id, 'review' AS severity,
       'anonymous contribution of ' || {{ d.money('r.amount') }} || ': no more than '
       || {{ d.money(p.value('anonymous_cash_limit', 'r.date')) }}
       || ' of an anonymous cash contribution may be kept and the excess must be disposed of '
       || '(11 CFR 110.4(c))' AS message,
       r.amount, r.date, r.receipt_key AS donor_row, {{ ev('r') }}
FROM screen_receipts r
WHERE r.is_contribution
  AND ({% for w in p.lookup('anonymous_names') -%}
       {{ d.istarts('r.name', w.split()[0]) }}{{ " OR " if not loop.last }}
       {%- endfor %})
  AND {{ d.regex_match(d.norm_letters('r.name'), p.words_regex('anonymous_names', only=True)) }}
  AND r.amount > {{ p.value('anonymous_cash_limit', 'r.date') }}
""",
)

rule(
    code="CA002",
    name="cash-anonymous.cash-over-limit",
    severity="review",
    version="1",
    summary="Cash contributions from one person to one campaign totalling more than $100.",
    matches=(
        "Contribution rows whose purpose or memo text contains CASH or CURRENCY as a word, "
        "summed per donor key, committee and election; a finding when the sum exceeds "
        "thresholds.yaml `cash_limit`. Evidence: every such row."
    ),
    rationale=(
        "No person may contribute more than $100 in currency with respect to a campaign; a "
        "committee receiving more must return the excess (52 U.S.C. 30123; 11 CFR 110.4(c))."
    ),
    false_positives=(
        "Memo text mentioning cash for another reason (for example a cash-back offset); "
        "two contributors sharing a name and ZIP code."
    ),
    cannot_see=(
        "The payment method: Schedule A and the bulk files have no field for it, so only gifts "
        "whose description says cash are seen; most cash gifts are invisible."
    ),
    sql="""
WITH c AS (
    SELECT r.*, coalesce(r.election_type, 'P') || CAST(r.election_year AS VARCHAR) AS ekey
    FROM screen_receipts r
    WHERE r.is_contribution
      AND ({% for w in p.lookup('cash_words') -%}
           {{ d.icontains('r.memo_text', w) }} OR {{ d.icontains('r.purpose', w) }}
           {{- " OR " if not loop.last }}{% endfor %})
      AND {{ d.regex_match(d.norm("coalesce(r.purpose, '') || ' ' || coalesce(r.memo_text, '')"),
                           p.words_regex('cash_words')) }}
),
g AS (
    SELECT donor_key, committee_id, ekey, sum(amount) AS total, min(receipt_key) AS first_key,
           max(date) AS last_date
    FROM c GROUP BY donor_key, committee_id, ekey
    HAVING sum(amount) > {{ p.value('cash_limit', 'max(date)') }}
)
SELECT g.donor_key || '|' || g.committee_id || '|' || g.ekey AS finding_key, g.committee_id,
       'review' AS severity,
       'cash contributions from one person for the ' || g.ekey || ' election total '
       || {{ d.money('g.total') }} || ', over the ' || {{ d.money(p.value('cash_limit', 'g.last_date')) }}
       || ' a person may give in currency: the excess is to be returned (52 U.S.C. 30123; '
       || '11 CFR 110.4(c))' AS message,
       g.total - {{ p.value('cash_limit', 'g.last_date') }} AS amount, g.last_date AS date,
       g.first_key AS donor_row, {{ ev('c') }}
FROM g JOIN c ON c.donor_key = g.donor_key AND c.committee_id = g.committee_id AND c.ekey = g.ekey
""",
)
