"""prohibited-source: organisations giving to candidates and party federal accounts."""

from __future__ import annotations

from fecscreen.rules.model import Citation, family

GROUP = "prohibited-source"

rule = family(GROUP)

rule(
    code="PS001",
    name="prohibited-source.organization-to-candidate-or-party",
    severity="review",
    version="1",
    summary="A contribution from an organisation (entity ORG) to a candidate or party committee.",
    matches=(
        "Contribution rows with entity type ORG (not a committee, candidate or individual) to "
        "committees of type H, S, P, X or Y (committee master) or filing Form 3/3P, except "
        "bulk TRANSACTION_TP 10 (non-contribution accounts) and 11 (tribal contributions). "
        "The message notes what the name suggests: LLC/LLP/LP, corporation (INC, CORP, CO, "
        "LTD), labor organisation (UNION, LOCAL, AFL CIO), or unknown. Severity `info` when "
        "refunds to the same donor (by donor key or a refund line's back reference) cover the "
        "amount (within 30 days: handled; later: see RD003)."
    ),
    rationale=(
        "Corporations and labor organisations may not contribute to federal candidates or to "
        "party federal accounts, and a committee may not knowingly accept such a contribution "
        "(52 U.S.C. 30118; 11 CFR 114.2). An LLC treated as a partnership may contribute, the "
        "contribution being attributed to its members; one treated as a corporation may not; "
        "the LLC must tell the recipient which it is (11 CFR 110.1(g)). Whether an organisation "
        "may give therefore requires review."
    ),
    false_positives=(
        "Partnership-type LLCs and partnerships whose contributions are attributed to members; "
        "sole proprietorships filed as ORG; Indian tribes reported on an ordinary contribution "
        "line; an individual's gift entered with entity ORG by mistake."
    ),
    cannot_see=(
        "The organisation's legal form and tax treatment, the LLC's statement to the recipient, "
        "and whether the money came from a federal (non-corporate) account. Committees known "
        "only from a Form 3X (PAC or party) are not screened."
    ),
    citations=[
        Citation("52 U.S.C. 30118"),
        Citation("11 CFR 114.2"),
        Citation("11 CFR 110.1(g)"),
    ],
    requires=("questioned",),
    sql="""
WITH c AS (
    SELECT q.*, {{ d.norm("coalesce(q.organization_name, q.name)") }} AS org_norm
    FROM screen_questioned q WHERE q.indicator = 'organization'
)
SELECT c.receipt_key AS finding_key, c.committee_id,
       CASE WHEN c.status = 'open' THEN 'review' ELSE 'info' END AS severity,
       'contribution of ' || {{ d.money('c.amount') }} || ' from an organisation ('
       || CASE
            WHEN {{ d.regex_match('c.org_norm', p.words_regex('llc_words')) }}
              THEN 'the name suggests an LLC or partnership: permitted only if treated as a '
                   || 'partnership and attributed to its members, 11 CFR 110.1(g)'
            WHEN {{ d.regex_match('c.org_norm', p.words_regex('union_words')) }}
              THEN 'the name suggests a labor organisation'
            WHEN {{ d.regex_match('c.org_norm', p.words_regex('corporate_words')) }}
              THEN 'the name suggests a corporation'
            ELSE 'legal form unknown'
          END
       || ') to a ' || c.recipient_type || ' committee: corporations and labor organisations '
       || 'may not contribute to candidates or party federal accounts (52 U.S.C. 30118; '
       || '11 CFR 114.2); '
       || CASE c.status
            WHEN 'handled' THEN 'refunded within ' || {{ d.to_text('c.refund_days') }}
                 || ' days (on ' || {{ d.to_text('c.last_refund_date') }} || '): handled (11 CFR 103.3(b))'
            WHEN 'late' THEN 'refunded on ' || {{ d.to_text('c.last_refund_date') }}
                 || ', later than ' || {{ d.to_text('c.refund_days') }} || ' days (see RD003)'
            ELSE 'requires review; no refund found'
          END AS message,
       c.amount, c.date, c.receipt_key AS donor_row, {{ ev('c') }}
FROM c
""",
)
