"""reporting: 48-hour notices (Form 6) of contributions received just before an election.

The notices are the F65 lines of the Form 6 filings in the store; the receipts
they should cover are the same committee's Schedule A (or bulk) contributions of
$1,000 or more dated in a notice period: after the 20th day, and more than 48
hours, before an election of the candidate's state (law/data/elections.yaml). A
notice covers a receipt when it names the same contributor (donor name key) and
date. Only committees with at least one Form 6 in the store are screened:
without any, the store cannot tell a notice not filed from one not loaded.
"""

from __future__ import annotations

from fecscreen.rules.model import Citation, family, fill

GROUP = "reporting"

_ELECTION = ("CASE n.election WHEN 'P' THEN 'primary' WHEN 'G' THEN 'general' "
             "WHEN 'R' THEN 'runoff' END")
_RECEIVED = """'contribution of ' || {{ d.money('n.amount') }} || ' received on ' || {{ d.to_text('n.date') }}
       || ', in the 48-hour notice period of the ' || n.election_state || ' ' || """ + _ELECTION + """
       || ' election of ' || {{ d.to_text('n.election_date') }}"""
_DUTY = ("'each contribution of ' || {{ d.money(p.value('notice_48h_amount', 'n.date')) }} "
         "|| ' or more received after the 20th day, but more than 48 hours, before an election "
         "is reported within 48 hours of receipt (11 CFR 104.5(f) [U])'")
# One finding per receipt and election; its evidence is the receipt and, where
# there is one, the notice line that reported it.
_WITH_NOTICE = """
SELECT n.receipt_key || '|' || n.election AS finding_key, n.committee_id, 'review' AS severity,
       {{ message }} AS message, n.amount, n.date, n.receipt_key AS donor_row, {{ ev('x') }}
FROM screen_notice_due n
JOIN (SELECT receipt_key, date, filing_id, transaction_id, sub_id, name, city, state, zip,
             employer, occupation, donor_id FROM screen_receipts
      UNION ALL
      SELECT receipt_key, date, filing_id, transaction_id, sub_id, name, city, state, zip,
             employer, occupation, donor_id FROM screen_notices) x
  ON x.receipt_key = n.receipt_key OR x.receipt_key = n.notice_key
WHERE n.kind = 'due' AND n.held AND {{ condition }}
"""

rule = family(
    GROUP,
    requires=("notice_due",),
    citations=[Citation("11 CFR 104.5(f)", "U"), Citation("52 U.S.C. 30104(a)(6)", "U")],
)

rule(
    code="RP002",
    name="reporting.48-hour-notice-missing",
    severity="review",
    version="1",
    summary="A contribution of $1,000 or more received just before an election with no 48-hour notice.",
    matches=(
        "Contributions (as the other rules count them) of at least thresholds.yaml "
        "`notice_48h_amount` to a committee of which the store holds a Form 6, dated after the "
        "20th day and more than 2 days before an election of the candidate's state (its latest "
        "Form 6 names state and office; office P = the presidential general election only) in "
        "elections.yaml, when no F65 line of that committee names the same contributor (donor "
        "name key) and date. Elections a source lists as not held are left out. One finding "
        "per receipt and election."
    ),
    rationale=(
        "An authorized committee reports each contribution of $1,000 or more received after "
        "the 20th day, but more than 48 hours, before any election in which its candidate runs, "
        "within 48 hours of receipt, on Form 6 (11 CFR 104.5(f); 52 U.S.C. 30104(a)(6)); the "
        "FEC's Reports Analysis Division compares the notices with the later report. Neither "
        "provision is in the project's law digest: the citation and the thresholds are [U]."
    ),
    false_positives=(
        "A notice filed but not loaded (only some of the committee's Form 6 filings are in the "
        "store); a notice with the contributor's name spelt differently or the gift dated "
        "another day; a primary or runoff the candidate was not on the ballot for (the table "
        "lists the state's elections, not the candidate's); a gift received on paper earlier "
        "than the date the report gives it."
    ),
    cannot_see=(
        "Committees with no Form 6 in the store; primaries and runoffs not in the election-date "
        "table (RP005 says which); presidential primaries; special elections; the hour of "
        "receipt (the period's ends are counted in whole days); in-kind gifts and candidate "
        "loans that are not on contribution lines."
    ),
    sql=fill(_WITH_NOTICE, message=_RECEIVED + """
       || ', is in no 48-hour notice (Form 6) of this committee in the store: ' || """ + _DUTY,
             condition="n.notice_key IS NULL"),
)

rule(
    code="RP003",
    name="reporting.48-hour-notice-late",
    severity="review",
    version="1",
    summary="A 48-hour notice filed more than two days after the contribution it reports.",
    matches=(
        "Receipts RP002 would look at that an F65 line of the committee does name (same "
        "contributor and date), when the earliest such notice's Form 6 is signed more than "
        "thresholds.yaml `notice_48h_filing_days` days after the contribution's date. Evidence: "
        "the receipt and the notice line."
    ),
    rationale=(
        "The notice is due within 48 hours of receipt (11 CFR 104.5(f) [U]); a notice filed "
        "later is the fact the FEC's review of late notices looks for."
    ),
    false_positives=(
        "A notice filed on time on paper or by another route and re-filed electronically; a "
        "Form 6 signature date later than its filing; the hour of receipt (48 hours counted as "
        "two calendar days)."
    ),
    cannot_see="The time of day of receipt and of filing; notices filed but not loaded.",
    sql=fill(_WITH_NOTICE, message=_RECEIVED + """
       || ', was reported in a 48-hour notice signed on ' || {{ d.to_text('n.first_notice_date') }}
       || ', ' || {{ d.to_text(d.days_between('n.date', 'n.first_notice_date')) }}
       || ' days after receipt: ' || """ + _DUTY,
             condition="n.first_notice_date > {{ d.add_days('n.date', 'n.filing_days') }}"),
)

rule(
    code="RP004",
    name="reporting.48-hour-notice-amount-differs",
    severity="review",
    version="1",
    summary="A 48-hour notice reports another amount than the receipt in the committee's report.",
    matches=(
        "Receipts RP002 would look at whose contributor and date an F65 line of the committee "
        "names, when no such line gives the receipt's amount. Evidence: the receipt and the "
        "earliest notice line."
    ),
    rationale=(
        "The notice reports the contribution itself (11 CFR 104.5(f) [U]); a notice and a "
        "report that give different amounts for one gift leave the public record unclear until "
        "one is amended."
    ),
    false_positives=(
        "Two gifts of one contributor on one day, one noticed and one not (the notice then "
        "matches neither amount); a partial refund or reattribution recorded in the report as "
        "a lower amount."
    ),
    cannot_see="Which of the two amounts is right; amended notices not loaded.",
    sql=fill(_WITH_NOTICE, message=_RECEIVED + """
       || ', is reported in its 48-hour notice as ' || {{ d.money('n.notice_amount') }}
       || ': the notice reports the contribution received; ' || """ + _DUTY,
             condition="n.notice_key IS NOT NULL AND NOT n.same_amount"),
)

rule(
    code="RP005",
    name="reporting.48-hour-notice-election-unknown",
    severity="info",
    version="1",
    summary="Contributions not checked for 48-hour notices: the state's primary date is not in the table.",
    matches=(
        "Contributions of at least `notice_48h_amount` to a committee with a Form 6 in the "
        "store, dated in an even year before that year's general election, outside every notice "
        "period the table knows, when elections.yaml has no primary for the candidate's state "
        "in that year (or the Form 6 names no state). One finding per contribution, so that "
        "screening one contribution gives what `check` gives. Presidential committees are not "
        "included."
    ),
    rationale=(
        "Whether a 48-hour notice was due depends on the election date (11 CFR 104.5(f) [U]); "
        "the project lists only primary dates it has a source for, and says so rather than "
        "guessing a date."
    ),
    false_positives=(
        "Not a finding about the committee: it records what the screen could not check. A state "
        "whose primary is held with the general election (Louisiana) or not at all for the "
        "office still shows here until the table says so."
    ),
    cannot_see="The primary dates of the states and years the table leaves out.",
    sql="""
SELECT n.receipt_key AS finding_key, n.committee_id, 'info' AS severity,
       'contribution of ' || {{ d.money('n.amount') }} || ' received on ' || {{ d.to_text('n.date') }}
       || ' was not checked for a 48-hour notice before a primary: '
       || CASE WHEN n.election_state IS NULL THEN 'the committee''s Form 6 names no candidate state'
               ELSE 'the election-date table (law/data/elections.yaml) has no '
                    || {{ d.to_text('n.year') }} || ' primary for ' || n.election_state END
       || '; contributions of ' || {{ d.money(p.value('notice_48h_amount', 'n.date')) }}
       || ' or more received after the 20th day, but more than 48 hours, before an election are '
       || 'reported within 48 hours (11 CFR 104.5(f) [U])' AS message,
       n.amount, n.date, n.receipt_key AS donor_row, {{ ev('n') }}
FROM screen_notice_due n
WHERE n.kind = 'undated'
""",
)
