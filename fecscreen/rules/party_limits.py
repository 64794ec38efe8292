"""excessive: gifts to party committees and PACs over the per-year limits.

One relation, ``screen_party_gifts`` (``relations/party_gifts.sql``), holds every contribution to a party
committee or a PAC with what decides its limit: the recipient's class (a national
party committee from lookups.yaml ``national_party_committees``; a state,
district or local party from the committee master; a PAC), the group the limit
is counted over (a state party and the district and local party committees of
its state and party share one limit), the national party account, the giver and
the giver's kind, and each limit that could apply. Three rules read it:
individuals to national parties (EX004), individuals to state parties (EX005)
and committees to parties and PACs (EX006). Individuals to PACs are EX002.
"""

from __future__ import annotations

from fecscreen.rules.model import Citation, family, fill

GROUP = "excessive"

# The rules below differ in which gifts they take, the limit each is held to and
# how the message names giver, recipient and limit; the aggregation, the crossing
# and the 60-day remedy are one query.
_SQL = """
WITH g0 AS (
    SELECT p.*, {{ limit_amount }} AS limit_amount FROM screen_party_gifts p WHERE {{ where }}
),
totals AS (
    SELECT giver_key, limit_group, year, account FROM g0
    GROUP BY giver_key, limit_group, year, account HAVING sum(amount) > min(limit_amount)
),
run AS (
    SELECT g0.*, sum(g0.amount) OVER (PARTITION BY g0.giver_key, g0.limit_group, g0.year, g0.account
                                      ORDER BY g0.date, g0.receipt_key
                                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
    FROM g0 JOIN totals t ON t.giver_key = g0.giver_key AND t.limit_group = g0.limit_group
                         AND t.year = g0.year AND t.account = g0.account
),
over AS {{ d.materialized }} (SELECT * FROM run WHERE running > limit_amount),
grp AS (
    SELECT giver_key, limit_group, year, account, max(running) AS total,
           min(limit_amount) AS limit_amount, max(running) - min(limit_amount) AS excess,
           min(date) AS crossing_date,
           min(receipt_key) FILTER (WHERE running - amount <= limit_amount) AS crossing_key,
           min(committee_id) AS committee_min, max(committee_id) AS committee_max,
           min(recipient_class) AS recipient_class, min(giver_kind) AS giver_kind,
           min(entity_type) AS entity_type, min(other_id) AS other_id, min(giver_class) AS giver_class,
           min(name_key) AS name_key, min(donor_key) AS donor_key,
           min(lim_national) AS lim_national, min(lim_state) AS lim_state,
           min(lim_multicandidate) AS lim_multicandidate, min(lim_other) AS lim_other
    FROM over GROUP BY giver_key, limit_group, year, account
),
remedy AS (
    SELECT g.giver_key, g.limit_group, g.year, g.account,
           sum(CASE WHEN f.date <= {{ d.add_days('g.crossing_date', p.value('excessive_remedy_days', 'g.crossing_date')) }}
                    THEN f.amount ELSE 0 END) AS in_time
    FROM grp g
    JOIN (SELECT DISTINCT giver_key, limit_group, year, account, committee_id FROM over) oc
      ON oc.giver_key = g.giver_key AND oc.limit_group = g.limit_group AND oc.year = g.year
     AND oc.account = g.account
    JOIN screen_refunds f ON f.committee_id = oc.committee_id AND f.date >= g.crossing_date
     AND (f.name_key = g.name_key OR (g.giver_class = 'individual' AND f.donor_key = g.donor_key))
     AND (f.kind = 'refund' OR g.giver_class = 'individual')
    GROUP BY g.giver_key, g.limit_group, g.year, g.account
)
SELECT g.giver_key || '|' || g.limit_group || '|' || {{ d.to_text('g.year') }} || '|' || g.account AS finding_key,
       CASE WHEN g.committee_min = g.committee_max THEN g.committee_min END AS committee_id,
       CASE WHEN coalesce(m.in_time, 0) >= g.excess THEN 'info' ELSE 'review' END AS severity,
       {{ giver }} || ' to ' || {{ recipient }} || ' in ' || {{ d.to_text('g.year') }} || ' total '
       || {{ d.money('g.total') }} || {{ against }}
       || '; ' || CASE WHEN coalesce(m.in_time, 0) >= g.excess
            THEN {{ remedies }} || ' of ' || {{ d.money('m.in_time') }} || ' within 60 days resolve it (11 CFR 103.3(b))'
            ELSE {{ open_text }} END
       AS message,
       g.excess AS amount, g.crossing_date AS date, g.crossing_key AS donor_row, {{ ev('o') }}
FROM grp g
JOIN over o ON o.giver_key = g.giver_key AND o.limit_group = g.limit_group AND o.year = g.year
           AND o.account = g.account
LEFT JOIN remedy m ON m.giver_key = g.giver_key AND m.limit_group = g.limit_group
                  AND m.year = g.year AND m.account = g.account
"""

_INDIVIDUAL_REMEDY = dict(
    remedies="'refunds, redesignations or reattributions'",
    open_text=("'presumptively excessive unless redesignated, reattributed or refunded within 60 days "
               "(11 CFR 103.3(b)); none found in time'"))
_PARTY = ("CASE WHEN g.recipient_class = 'national' THEN 'this national party committee' "
          "WHEN g.recipient_class = 'party-unknown' THEN 'this party committee' "
          "WHEN g.recipient_class = 'pac' THEN 'this PAC' "
          "WHEN g.limit_group LIKE 'C%' THEN 'this state or local party committee' "
          "ELSE 'the ' || g.limit_group || ' (one limit, combined)' END")

rule = family(GROUP, requires=("party_gifts", "refunds"))

rule(
    code="EX004",
    name="excessive.individual-to-national-party",
    severity="review",
    version="1",
    summary="An individual's contributions to a national party committee over the calendar-year limit.",
    matches=(
        "Individual contributions to the national party committees of lookups.yaml "
        "`national_party_committees` (and to party committees, type X or Y, whose name says "
        "NATIONAL), summed per donor, committee, calendar year and account: the general "
        "account against limits.yaml `individual-national-party`; each of the three separate "
        "accounts (convention, headquarters, recount; told by the FEC's transaction types "
        "30, 31, 32 or by the words of the memo or purpose) against `individual-party-account`. "
        "A party committee not on the list is held to the lower state-party limit and the "
        "finding names both. Refunds, redesignations and reattributions within 60 days make "
        "it info."
    ),
    rationale=(
        "An individual may give a national party committee no more than the indexed yearly "
        "limit ($44,300 in 2025-2026) and, to each of its three separate accounts, three times "
        "that (52 U.S.C. 30116(a)(1)(B), (a)(9); 11 CFR 110.1(c); the amounts are the law "
        "digest's [S], the provisions [U]). The excess must be refunded, redesignated or "
        "reattributed within 60 days (11 CFR 103.3(b))."
    ),
    false_positives=(
        "A national party committee of a party not on the list (held to the state-party limit "
        "with both limits named); an account receipt on a Schedule A line whose memo does not "
        "name the account (counted toward the general account); two people sharing a name "
        "and ZIP code."
    ),
    cannot_see=(
        "Which national party committees exist beyond the list; account receipts that neither "
        "their transaction type nor their memo name; a national committee's own transfers "
        "between its accounts."
    ),
    citations=[Citation("52 U.S.C. 30116(a)(1)(B)", "U"), Citation("52 U.S.C. 30116(a)(9)", "U"),
               Citation("11 CFR 110.1(c)", "U"), Citation("11 CFR 103.3(b)")],
    sql=fill(
        _SQL,
        where="p.giver_class = 'individual' AND p.recipient_class IN ('national', 'party-unknown')",
        limit_amount="CASE WHEN p.account = 'general' THEN p.lim_individual ELSE p.lim_account END",
        giver="'contributions from one individual'",
        recipient=("CASE WHEN g.account = 'general' THEN " + _PARTY + " ELSE " + _PARTY
                   + " || '''s ' || g.account || ' account' END"),
        against=("', ' || " "{{ d.money('g.excess') }}" " || ' over the ' || " "{{ d.money('g.limit_amount') }}"
                 " || ' limit per calendar year' || CASE WHEN g.account <> 'general' "
                 "THEN ' for each separate account (52 U.S.C. 30116(a)(9) [U])' "
                 "WHEN g.recipient_class = 'party-unknown' THEN ' of a state party committee; if it is a "
                 "national party committee the limit is ' || " "{{ d.money('g.lim_national') }}"
                 " || ' (11 CFR 110.1(c) [U])' ELSE ' (11 CFR 110.1(c) [U]; FEC published figure [S])' END"),
        **_INDIVIDUAL_REMEDY,
    ),
)

rule(
    code="EX005",
    name="excessive.individual-to-state-party",
    severity="review",
    version="1",
    summary="An individual's contributions to a state party's federal account over the combined yearly limit.",
    matches=(
        "Individual contributions to party committees (committee master type X or Y) that are "
        "not national, summed per donor and calendar year over all party committees of the "
        "same state and party affiliation (the master's state and party), against limits.yaml "
        "`individual-state-party`. A committee whose state or party is not in the master is "
        "counted alone."
    ),
    rationale=(
        "An individual may give no more than $10,000 a calendar year, combined, to the federal "
        "accounts of a state party committee and the district and local party committees of "
        "that state (52 U.S.C. 30116(a)(1)(D); 11 CFR 110.1(c)(5) [U]; they share one limit as "
        "affiliated committees, 11 CFR 110.3(b)(3) [U]). The excess must be refunded, "
        "redesignated or reattributed within 60 days (11 CFR 103.3(b))."
    ),
    false_positives=(
        "Receipts of a party's non-federal or Levin accounts reported as federal receipts; a "
        "local party committee that is not affiliated with the state party; two people "
        "sharing a name and ZIP code."
    ),
    cannot_see=(
        "Party committees the committee master does not list (Form 3X filers are PACs or "
        "parties and are not screened); the party affiliation when the master leaves it blank."
    ),
    citations=[Citation("52 U.S.C. 30116(a)(1)(D)", "U"), Citation("11 CFR 110.1(c)(5)", "U"),
               Citation("11 CFR 110.3(b)(3)", "U"), Citation("11 CFR 103.3(b)")],
    sql=fill(
        _SQL,
        where="p.giver_class = 'individual' AND p.recipient_class = 'state'",
        limit_amount="p.lim_individual",
        giver="'contributions from one individual'",
        recipient=_PARTY,
        against=("', ' || " "{{ d.money('g.excess') }}" " || ' over the ' || " "{{ d.money('g.limit_amount') }}"
                 " || ' combined limit per calendar year (11 CFR 110.1(c)(5) [U])'"),
        **_INDIVIDUAL_REMEDY,
    ),
)

_KIND = ("CASE g.giver_kind WHEN 'multicandidate' THEN 'one multicandidate committee' "
         "WHEN 'authorized' THEN 'one candidate''s authorized committee' "
         "WHEN 'other' THEN 'one political committee that is not a multicandidate committee' "
         "ELSE 'one committee' END || coalesce(' (FEC id ' || g.other_id || ')', '')")
_KIND_LAW = ("CASE WHEN g.giver_kind = 'multicandidate' THEN "
             "CASE g.recipient_class WHEN 'pac' THEN '11 CFR 110.2(d) [U]' ELSE '11 CFR 110.2(c) [U]' END "
             "ELSE CASE g.recipient_class WHEN 'pac' THEN '11 CFR 110.1(d) [U]' "
             "WHEN 'national' THEN '11 CFR 110.1(c) [U]' ELSE '11 CFR 110.1(c)(5) [U]' END END")

rule(
    code="EX006",
    name="excessive.committee-to-party-or-pac",
    severity="review",
    version="1",
    summary="A committee's contributions to a party committee or a PAC over the yearly limit for its kind.",
    matches=(
        "Contributions (entity PAC, PTY, CCM or COM) to national party committees, to state "
        "party committees (combined per state and party, as EX005) and to PACs (type N or Q), "
        "summed per giver (its FEC id, else its name key), limit group and calendar year. The "
        "limit is the giver's kind from the committee master: a multicandidate committee "
        "limits.yaml `multicandidate-national-party`, `multicandidate-state-party`, "
        "`multicandidate-pac`; any other committee gives as a person does, `committee-national-"
        "party`, `committee-state-party`, `committee-pac`. A candidate's authorized committee "
        "giving to a party is not screened (no limit). A giver not in the master is held to the "
        "lower limit and the finding says which applies in each case. Refunds within 60 days "
        "make it info."
    ),
    rationale=(
        "A multicandidate committee may give a national party committee $15,000 a year, the "
        "federal accounts of a state party $5,000 a year combined, and another political "
        "committee $5,000 a year (52 U.S.C. 30116(a)(2)(B), (C); 11 CFR 110.2(c), (d) [U]; the "
        "national-party figure is the law digest's [S], the others [U]). Any other political "
        "committee gives as any person does (11 CFR 110.1(c), (d) [U]). A candidate's committee "
        "may transfer to a party committee without limit (11 CFR 113.2(c) [U]). The excess must "
        "be refunded within 60 days (11 CFR 103.3(b))."
    ),
    false_positives=(
        "Transfers between affiliated committees (no limit) reported as contributions; a "
        "committee that became multicandidate after the master's latest cycle; a committee "
        "gift to a party's separate account (not screened here, but counted in the general "
        "account if its memo does not name the account)."
    ),
    cannot_see=(
        "When the giver qualified as multicandidate; affiliation between committees; committee "
        "gifts to a national party's separate accounts (not screened); the givers' own reports "
        "of their gifts (the recipients' Schedule A lines and itoth rows of type 18K are "
        "screened; a gift in both is counted twice)."
    ),
    citations=[Citation("52 U.S.C. 30116(a)(2)(B)", "U"), Citation("52 U.S.C. 30116(a)(2)(C)", "U"),
               Citation("11 CFR 110.2(c)", "U"), Citation("11 CFR 110.2(d)", "U"),
               Citation("11 CFR 110.1(c)", "U"), Citation("11 CFR 110.1(d)", "U"),
               Citation("11 CFR 103.3(b)")],
    sql=fill(
        _SQL,
        where=("p.giver_class = 'committee' AND p.account = 'general' "
               "AND NOT (coalesce(p.giver_kind, '') = 'authorized' AND p.recipient_class <> 'pac')"),
        limit_amount=("CASE p.giver_kind WHEN 'multicandidate' THEN p.lim_multicandidate "
                      "WHEN 'other' THEN p.lim_other WHEN 'authorized' THEN p.lim_other "
                      "ELSE least(p.lim_multicandidate, p.lim_other) END"),
        giver="'contributions from ' || " + _KIND,
        recipient=_PARTY,
        against=("CASE WHEN g.giver_kind IS NOT NULL THEN ', ' || " "{{ d.money('g.excess') }}"
                 " || ' over the ' || " "{{ d.money('g.limit_amount') }}" " || ' yearly limit (' || "
                 + _KIND_LAW + " || ')' ELSE ': its kind is not in the committee master; the total is '"
                 " || CASE WHEN g.total > g.lim_multicandidate THEN 'over' ELSE 'within' END || ' the '"
                 " || " "{{ d.money('g.lim_multicandidate') }}" " || ' limit of a multicandidate committee and '"
                 " || CASE WHEN g.total > g.lim_other THEN 'over' ELSE 'within' END || ' the '"
                 " || " "{{ d.money('g.lim_other') }}" " || ' limit of a committee that is not one' END"),
        remedies="'refunds'",
        open_text="'the excess is to be refunded within 60 days (11 CFR 103.3(b)); none found in time'",
    ),
)
