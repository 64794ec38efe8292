"""excessive: a committee's contributions to a candidate over the limit for its kind.

The giver is the committee named by the receipt's FEC id (Schedule A
``donor_committee_fec_id``), else its name key; its kind comes from the committee
master (lookups.yaml ``giver_kinds``). Party coordinated expenditures (11 CFR
109.37) and the combined national-party limit for Senate candidates are other
limits and are not screened here.
"""

from __future__ import annotations

from fecscreen.rules.model import Citation, family

GROUP = "excessive"

_KIND = ("CASE g.giver_kind WHEN 'multicandidate' THEN 'multicandidate committee' "
         "WHEN 'authorized' THEN 'authorized committee of another candidate' "
         "ELSE 'political committee that is not a multicandidate committee' END")
_LAW = ("CASE g.giver_kind WHEN 'multicandidate' THEN '11 CFR 110.2(b) [U]' "
        "WHEN 'authorized' THEN '11 CFR 102.12(c)(2) [U]' "
        "ELSE '52 U.S.C. 30116(a)(1)(A) [U]' END")

rule = family(GROUP)

rule(
    code="EX003",
    name="excessive.committee-to-candidate",
    severity="review",
    version="1",
    summary="A committee's contributions to a candidate over the per-election limit for its kind.",
    matches=(
        "Contributions (entity PAC, PTY, CCM or COM) to candidate committees, summed per giver "
        "(its FEC id, else its name key), recipient and election (as for EX001). The limit is "
        "the giver's kind from the committee master: a multicandidate committee (type Q, W, Y) "
        "limits.yaml `multicandidate-candidate`; another candidate's authorized committee (H, S, "
        "P) `authorized-candidate`; any other committee (N, V, X) `committee-candidate`. A giver "
        "not in the master is held to the lowest limit it could have by its entity type (CCM, a "
        "candidate committee: the authorized-committee limit; PAC or PTY: multicandidate or "
        "not; COM: any of the three) and the finding says which limit applies in each case. Flags "
        "the contribution that crosses the limit and every later one of the election; refunds "
        "of the giver within 60 days make it info."
    ),
    rationale=(
        "A multicandidate committee may give a candidate $5,000 per election (11 CFR 110.2(b); "
        "the amount is in the law digest [S], the provision [U]); a candidate's authorized "
        "committee may give another candidate no more than $2,000 per election (11 CFR "
        "102.12(c)(2) [U]); any other political committee gives as any person does, the "
        "indexed individual limit (52 U.S.C. 30116(a)(1)(A) [U]). The recipient refunds the "
        "excess within 60 days (11 CFR 103.3(b))."
    ),
    false_positives=(
        "A committee that became multicandidate after the committee master's latest cycle; "
        "transfers between committees of one candidate or affiliated committees (no limit) "
        "filed on a contribution line; two committees sharing a name with no FEC id given; an "
        "earmarked gift passed through the committee and reported as its own."
    ),
    cannot_see=(
        "When the giver qualified as a multicandidate committee (the master gives today's type, "
        "not its history); affiliation between committees (one shared limit); the givers' own "
        "reports of their gifts (bulk pas2): the recipients' reports are screened (Schedule A "
        "lines of loaded filings and itoth rows of type 18K), and a gift in both a filing and "
        "itoth is counted twice."
    ),
    citations=[Citation("11 CFR 110.2(b)", "U"), Citation("11 CFR 102.12(c)(2)", "U"),
               Citation("52 U.S.C. 30116(a)(1)(A)", "U"), Citation("11 CFR 103.3(b)")],
    requires=("committee_gifts", "refunds"),
    sql="""
WITH g0 AS (
    SELECT c.*,
           CASE c.giver_kind WHEN 'multicandidate' THEN c.limit_multicandidate
                             WHEN 'authorized' THEN c.limit_authorized
                             WHEN 'other' THEN c.limit_other
                ELSE CASE WHEN c.entity_type = 'COM'
                          THEN least(c.limit_other, c.limit_multicandidate, c.limit_authorized)
                          ELSE least(c.limit_other, c.limit_multicandidate) END
           END AS limit_amount
    FROM screen_committee_gifts c
),
run AS (
    SELECT g0.*, sum(amount) OVER (PARTITION BY giver_key, committee_id, election_key
                                   ORDER BY date, receipt_key
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
    FROM g0
),
over AS {{ d.materialized }} (SELECT * FROM run WHERE running > limit_amount),
grp AS (
    SELECT giver_key, committee_id, election_key, max(running) AS total,
           min(limit_amount) AS limit_amount, max(running) - min(limit_amount) AS excess,
           min(date) AS crossing_date,
           min(receipt_key) FILTER (WHERE running - amount <= limit_amount) AS crossing_key,
           min(giver_kind) AS giver_kind, min(entity_type) AS entity_type,
           min(limit_multicandidate) AS lm, min(limit_authorized) AS la, min(limit_other) AS lo,
           min(name_key) AS name_key, min(other_id) AS other_id
    FROM over GROUP BY giver_key, committee_id, election_key
),
remedy AS (
    SELECT g.giver_key, g.committee_id, g.election_key,
           sum(CASE WHEN f.date <= {{ d.add_days('g.crossing_date', p.value('excessive_remedy_days', 'g.crossing_date')) }}
                    THEN f.amount ELSE 0 END) AS in_time
    FROM grp g JOIN screen_refunds f
      ON f.committee_id = g.committee_id AND f.date >= g.crossing_date AND f.kind = 'refund'
     AND f.name_key = g.name_key
    GROUP BY g.giver_key, g.committee_id, g.election_key
)
SELECT g.giver_key || '|' || g.committee_id || '|' || g.election_key AS finding_key,
       g.committee_id,
       CASE WHEN coalesce(m.in_time, 0) >= g.excess THEN 'info' ELSE 'review' END AS severity,
       'contributions from one '
       || CASE WHEN g.giver_kind IS NULL THEN 'committee' ELSE """ + _KIND + """ END
       || coalesce(' (FEC id ' || g.other_id || ')', '')
       || ' to this candidate committee for the ' || g.election_key || ' election total '
       || {{ d.money('g.total') }} || CASE WHEN g.giver_kind IS NOT NULL THEN
            ', ' || {{ d.money('g.excess') }} || ' over the ' || {{ d.money('g.limit_amount') }}
            || ' per-election limit (' || """ + _LAW + """ || ')'
          ELSE ': its kind is not in the committee master; the total is '
            || CASE WHEN g.total > g.lm THEN 'over' ELSE 'within' END || ' the '
            || {{ d.money('g.lm') }} || ' limit of a multicandidate committee (11 CFR 110.2(b) [U]), '
            || CASE WHEN g.total > g.lo THEN 'over' ELSE 'within' END || ' the '
            || {{ d.money('g.lo') }} || ' limit of a committee that is not one (52 U.S.C. 30116(a)(1)(A) [U])'
            || CASE WHEN g.entity_type <> 'COM' THEN '' ELSE ', and '
               || CASE WHEN g.total > g.la THEN 'over' ELSE 'within' END || ' the '
               || {{ d.money('g.la') }} || ' limit of another candidate''s authorized committee '
               || '(11 CFR 102.12(c)(2) [U])' END
          END
       || '; ' || CASE WHEN coalesce(m.in_time, 0) >= g.excess
            THEN 'refunds of ' || {{ d.money('m.in_time') }} || ' within 60 days resolve it (11 CFR 103.3(b))'
            ELSE 'the excess is to be refunded within 60 days (11 CFR 103.3(b)); none found in time' END
       AS message,
       g.excess AS amount, g.crossing_date AS date, g.crossing_key AS donor_row, {{ ev('o') }}
FROM grp g
JOIN over o ON o.giver_key = g.giver_key AND o.committee_id = g.committee_id
           AND o.election_key = g.election_key
LEFT JOIN remedy m ON m.giver_key = g.giver_key AND m.committee_id = g.committee_id
                  AND m.election_key = g.election_key
""",
)
