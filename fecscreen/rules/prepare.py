"""Shared relations the rules read, built once per run as temporary tables.

``screen_receipts`` is ``receipts_current`` with what every rule needs worked
out once: the donor key, the recipient type, whether a row is a contribution or
a refund, and the election it counts toward. Rules that need refunds, the
foreign-address screen or the per-election aggregates name them in
``Rule.requires`` and the runner builds them before the first rule that needs
them. All SQL here is rendered with the dialect helpers and the dated params.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2

from fecscreen.law.params import load_params, sql_str
from fecscreen.sql.dialect import get_dialect
from fecscreen.sql.keys import donor_key_sql, election_type_sql, election_year_sql

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


def render(template: str, **extra) -> str:
    """Render rule or preparation SQL with ``p`` (params), ``d`` (dialect) and macros."""
    d = get_dialect()
    ctx = {"p": load_params(), "d": d, "donor_key": donor_key_sql, "sql_str": sql_str,
           "ev": evidence_columns, "election_type": election_type_sql,
           "election_year": election_year_sql}
    ctx.update(extra)
    return _ENV.from_string(template).render(**ctx)


def evidence_columns(alias: str) -> str:
    """The evidence columns of a ``screen_receipts``-shaped row ``alias``."""
    a = alias
    return (f"{a}.receipt_key AS ev_key, {a}.date AS ev_date, {a}.filing_id, "
            f"{a}.transaction_id, {a}.sub_id, {a}.name AS ev_name, {a}.city AS ev_city, "
            f"{a}.state AS ev_state, {a}.zip AS ev_zip, {a}.employer AS ev_employer, "
            f"{a}.occupation AS ev_occupation, {a}.donor_id AS ev_donor_id")


RECIPIENTS_SQL = """
CREATE OR REPLACE TEMP TABLE screen_recipients AS
WITH from_master AS (
    SELECT committee_id, recipient_type, 'committee master' AS recipient_source FROM (
        SELECT cmte_id AS committee_id,
               CASE
                 {% for dsgn, kind in p.lookup('committee_designations').items() -%}
                 WHEN cmte_dsgn = {{ sql_str(dsgn) }} THEN {{ sql_str(kind) }}
                 {% endfor -%}
                 {% for tp, kind in p.lookup('committee_types').items() -%}
                 WHEN cmte_tp = {{ sql_str(tp) }} THEN {{ sql_str(kind) }}
                 {% endfor -%}
                 ELSE 'other' END AS recipient_type,
               row_number() OVER (PARTITION BY cmte_id ORDER BY {{ cycle_col }} DESC) AS rn
        FROM {{ committees }}
    ) m WHERE rn = 1
),
from_forms AS (
    SELECT committee_id, recipient_type, 'form ' || form AS recipient_source FROM (
        SELECT committee_id,
               upper(left(form_type, CASE WHEN upper(form_type) LIKE 'F3X%' OR upper(form_type) LIKE 'F3P%'
                                              OR upper(form_type) LIKE 'F3L%' THEN 3 ELSE 2 END)) AS form,
               row_number() OVER (PARTITION BY committee_id ORDER BY coverage_through DESC NULLS LAST) AS rn
        FROM filings WHERE upper(form_type) LIKE 'F3%' AND committee_id IS NOT NULL
    ) f
    JOIN (VALUES {% for form, kind in p.lookup('filing_forms').items() -%}
          ({{ sql_str(form) }}, {{ sql_str(kind) }}){{ ", " if not loop.last }}{% endfor %}) AS t(form_code, recipient_type)
      ON t.form_code = f.form
    WHERE rn = 1
)
SELECT * FROM from_master
UNION ALL
SELECT * FROM from_forms WHERE committee_id NOT IN (SELECT committee_id FROM from_master)
"""

# `screen_receipts` is worked out once per run (a temporary table), so the rules
# that scan all of it scan plain columns. The costly step, normalising names into
# donor keys, runs once per distinct (donor_id, name, postal code) in
# `screen_donors`, joined by a hash.
# `donor_key` is a 64-bit hash of coalesce(donor_id, name key); `name_key` the
# hash of the name key alone (refund lines have no donor_id, so refunds are
# matched on either).
RAW_DONOR = "{{ d.hash64(\"coalesce(b.donor_id, '')\", 'b.name', 'b.zip') }}"

DONORS_SQL = """
CREATE OR REPLACE TEMP TABLE screen_donors AS
SELECT raw_h,
       {{ d.hash64('nk') }} AS name_key,
       {{ d.hash64('coalesce(donor_id, nk)') }} AS donor_key
FROM (
    SELECT raw_h, donor_id, {{ donor_key('NULL', 'name', 'NULL', 'NULL', 'zip') }} AS nk
    FROM (
        SELECT raw_h, min(donor_id) AS donor_id, min(name) AS name, min(zip) AS zip
        FROM (SELECT """ + RAW_DONOR + """ AS raw_h, b.donor_id, b.name, b.zip
              FROM receipts_current b
              {% if committee %}WHERE b.committee_id = {{ sql_str(committee) }}{% endif %}) x
        GROUP BY raw_h
    ) y
) z
"""

RECEIPTS_SQL = """
CREATE OR REPLACE TEMP TABLE screen_receipts AS
WITH base AS (
    SELECT b.*,
           upper(trim(coalesce(b.election_code, ''))) AS ecode,
           upper(coalesce(b.state, '')) AS state_norm,
           upper(coalesce(b.form_type, '')) AS ftype,
           """ + RAW_DONOR + """ AS raw_h
    FROM receipts_current b
    {% if committee %}WHERE b.committee_id = {{ sql_str(committee) }}{% endif %}
)
SELECT
    b.receipt_key, b.filing_id, b.transaction_id, b.sub_id, b.committee_id,
    b.ftype AS form_type, upper(coalesce(b.entity_type, '')) AS entity_type,
    b.name, b.organization_name, b.street_1, b.street_2, b.city, b.state, b.zip,
    b.employer, b.occupation, b.date, b.amount, b.aggregate, b.purpose,
    b.memo_text, b.conduit_name, b.other_id, b.earmark_pair_id, b.counts_toward_totals,
    b.donor_id, b.state_norm, b.back_reference_tran_id,
    b.raw_h, dk.donor_key, dk.name_key,
    coalesce(rc.recipient_type, 'unknown') AS recipient_type,
    (b.ftype IN {{ p.in_list('refund_transaction_types') }} OR b.amount < 0) AS is_refund,
    (b.amount > 0
     AND NOT (b.ftype IN {{ p.in_list('refund_transaction_types') }})
     AND coalesce(b.counts_toward_totals, TRUE)
     AND (coalesce(upper(b.memo_code), '') <> 'X' OR b.ftype IN {{ p.in_list('memo_counted_types') }})
     AND (b.ftype IN {{ p.in_list('contribution_transaction_types') }}
          {% for prefix in p.lookup('contribution_form_prefixes') -%}
          OR b.ftype LIKE {{ sql_str(prefix ~ '%') }}
          {% endfor -%}
     )) AS is_contribution,
    (coalesce(nullif(upper(b.entity_type), ''), 'IND') = 'IND') AS is_individual,
    {{ election_type('b.ecode') }} AS election_type,
    {{ election_year('b.ecode', 'b.date') }} AS election_year
FROM base b
LEFT JOIN screen_recipients rc ON rc.committee_id = b.committee_id
LEFT JOIN screen_donors dk ON dk.raw_h = b.raw_h
"""

LIMITS_SQL = "CREATE OR REPLACE TEMP TABLE screen_limits AS {{ p.limits_values_sql() }}"

REFUNDS_SQL = """
CREATE OR REPLACE TEMP TABLE screen_refunds AS
SELECT receipt_key AS ev_key, filing_id, transaction_id, sub_id, committee_id, donor_key,
       name_key, date, abs(amount) AS amount, 'refund' AS kind, back_reference_tran_id AS back_ref
FROM screen_receipts WHERE is_refund AND amount <> 0
UNION ALL
SELECT 'D:' || x.filing_id || ':' || x.line_number AS ev_key, x.filing_id, x.transaction_id,
       CAST(NULL AS BIGINT) AS sub_id,
       coalesce(x.filer_committee_id_number, f.committee_id) AS committee_id,
       {{ d.hash64(donor_key('CAST(NULL AS VARCHAR)', "coalesce(x.payee_organization_name, '')",
                             'x.payee_last_name', 'x.payee_first_name', 'x.payee_zip_code',
                             'x.payee_suffix')) }} AS donor_key,
       {{ d.hash64(donor_key('CAST(NULL AS VARCHAR)', "coalesce(x.payee_organization_name, '')",
                             'x.payee_last_name', 'x.payee_first_name', 'x.payee_zip_code',
                             'x.payee_suffix')) }} AS name_key,
       x.expenditure_date AS date, abs(x.expenditure_amount) AS amount, 'refund' AS kind,
       x.back_reference_tran_id_number AS back_ref
FROM disbursements_current x LEFT JOIN filings f ON f.filing_id = x.filing_id
WHERE upper(x.form_type) IN {{ p.in_list('refund_disbursement_forms') }}
  {% if committee %}AND coalesce(x.filer_committee_id_number, f.committee_id) = {{ sql_str(committee) }}{% endif %}
UNION ALL
SELECT receipt_key, filing_id, transaction_id, sub_id, committee_id, donor_key, name_key, date,
       abs(amount), 'redesignation or reattribution' AS kind, back_reference_tran_id AS back_ref
FROM screen_receipts
WHERE NOT is_refund AND memo_text IS NOT NULL
  AND ({% for w in p.lookup('remedy_words') -%}
       {{ d.icontains('memo_text', w) }}{{ " OR " if not loop.last }}
       {%- endfor %})
  AND {{ d.regex_match(d.norm('memo_text'), p.words_regex('remedy_words', prefix=True)) }}
"""

# Receipts that raise a question of a prohibited source, one row per receipt and
# indicator, with their refund status (11 CFR 103.3(b): refund within 30 days).
# Foreign-address indicators are exclusive, in order: ZZ state; foreign postal
# code; country or foreign city in the address. A conduit's record of an
# earmarked gift (24T, 24I) is screened for them too: it may be the only record
# of the gift that was loaded. `organization` marks a gift from an organisation
# (entity ORG) to a candidate or party committee.
QUESTIONED_COLUMNS = (
    "receipt_key, filing_id, transaction_id, sub_id, committee_id, donor_key, name_key, date, "
    "amount, name, organization_name, city, street_1, zip, state, state_norm, employer, "
    "occupation, donor_id, recipient_type, indicator"
)
QUESTIONED_SQL = """
CREATE OR REPLACE TEMP TABLE screen_questioned AS
WITH us AS (
    SELECT state_code FROM (VALUES {% for s in p.lookup('us_states') + p.lookup('us_other') -%}
        ({{ sql_str(s) }}){{ ", " if not loop.last }}{% endfor %}) AS t(state_code)
),
pool AS {{ d.materialized }} (
    -- the few rows either screen can flag, found in one pass
    SELECT r.* FROM screen_receipts r
    WHERE (r.state_norm NOT IN (SELECT state_code FROM us)
           AND (r.is_contribution
                OR (r.amount > 0 AND NOT r.is_refund AND coalesce(r.counts_toward_totals, TRUE)
                    AND r.form_type IN {{ p.in_list('earmark_transaction_types') }})))
       OR (r.is_contribution AND r.entity_type = 'ORG'
           AND r.recipient_type IN ('candidate', 'party')
           AND r.form_type NOT IN {{ p.in_list('organization_allowed_types') }})
),
cand AS (
    SELECT r.*,
           {{ d.compact('r.zip') }} AS zip_compact,
           {{ d.norm('r.city') }} AS city_norm,
           trim({{ d.norm('r.city') }} || ' ' || {{ d.norm('r.street_1') }} || ' ' || {{ d.norm('r.street_2') }}) AS place_norm
    FROM pool r
    WHERE (r.is_contribution
           OR (r.amount > 0 AND NOT r.is_refund AND coalesce(r.counts_toward_totals, TRUE)
               AND r.form_type IN {{ p.in_list('earmark_transaction_types') }}))
      AND r.state_norm NOT IN (SELECT state_code FROM us)
),
flagged AS (
    SELECT c.*,
           CASE
             WHEN c.state_norm = {{ sql_str(p.lookup('foreign_state')) }} THEN 'zz'
             WHEN (
                  {% for pat in p.lookup('foreign_postal_patterns') -%}
                  {{ d.regex_match('c.zip_compact', sql_str(pat)) }}{{ " OR " if not loop.last }}
                  {%- endfor %}) THEN 'postal'
             WHEN (
                  {{ d.regex_match('c.place_norm', p.words_regex('countries')) }}
                  OR {{ d.regex_match('c.city_norm', p.words_regex('foreign_cities', whole=True)) }}) THEN 'place'
           END AS indicator
    FROM cand c
),
hits AS {{ d.materialized }} (
    SELECT {{ columns }} FROM flagged WHERE indicator IS NOT NULL
    UNION ALL
    SELECT {{ columns }} FROM (
        SELECT r.*, 'organization' AS indicator FROM pool r
        WHERE r.is_contribution AND r.entity_type = 'ORG'
          AND r.recipient_type IN ('candidate', 'party')
          AND r.form_type NOT IN {{ p.in_list('organization_allowed_types') }}
    ) o
),
refunded AS (
    SELECT h.receipt_key, h.indicator,
           sum(CASE WHEN f.date <= {{ d.add_days('h.date', p.value('foreign_refund_days', 'h.date')) }}
                    THEN f.amount ELSE 0 END) AS refunded_in_time,
           sum(f.amount) AS refunded_total,
           min(f.date) AS first_refund_date,
           max(f.date) AS last_refund_date
    FROM hits h
    JOIN screen_refunds f
      ON f.committee_id = h.committee_id AND f.date >= h.date AND f.kind = 'refund'
     AND (f.donor_key = h.donor_key OR f.name_key = h.name_key OR f.back_ref = h.transaction_id)
    GROUP BY h.receipt_key, h.indicator
)
SELECT h.*,
       {{ p.value('foreign_refund_days', 'h.date') }} AS refund_days,
       coalesce(x.refunded_in_time, 0) AS refunded_in_time,
       coalesce(x.refunded_total, 0) AS refunded_total,
       x.first_refund_date, x.last_refund_date,
       CASE WHEN coalesce(x.refunded_in_time, 0) >= h.amount THEN 'handled'
            WHEN coalesce(x.refunded_total, 0) >= h.amount THEN 'late'
            ELSE 'open' END AS status
FROM hits h LEFT JOIN refunded x ON x.receipt_key = h.receipt_key AND x.indicator = h.indicator
"""

# Individual contributions to candidates and PACs with the dated limit they count
# against and the election they count toward (election_key P2024, G2024 ...
# for candidate committees, Y2024 for a PAC's calendar year): what the limit
# rules and the service's per-donor aggregates add up.
LIMITED_SQL = """
CREATE OR REPLACE TEMP TABLE screen_limited AS
WITH indiv AS (
    SELECT r.*,
           CASE r.recipient_type WHEN 'candidate' THEN 'individual-candidate'
                                 WHEN 'pac' THEN 'individual-pac' END AS want_limit,
           -- the year the limit is looked up by: the election's cycle, or the calendar year
           CASE WHEN r.recipient_type = 'candidate' THEN r.election_year + r.election_year % 2
                ELSE {{ d.year('r.date') }} END AS want_year,
           -- election as a number for grouping (year * 10 + kind); its label is election_key
           CASE WHEN r.recipient_type = 'candidate'
                THEN r.election_year * 10 + CASE coalesce(r.election_type, 'P')
                     WHEN 'P' THEN 1 WHEN 'G' THEN 2 WHEN 'R' THEN 3 WHEN 'S' THEN 4
                     WHEN 'C' THEN 5 WHEN 'E' THEN 6 ELSE 7 END
                ELSE {{ d.year('r.date') }} * 10 + 9 END AS ekey,
           (r.recipient_type = 'candidate' AND r.election_type IS NULL) AS undesignated
    FROM screen_receipts r
    WHERE r.is_contribution AND r.is_individual AND r.recipient_type IN ('candidate', 'pac')
      AND r.entity_type <> 'CAN' AND r.form_type <> '15C'
)
SELECT i.*, l.amount AS limit_amount, l.limit_key,
       CASE WHEN l.period = 'election' THEN l.cycle ELSE i.want_year END AS limit_cycle,
       CASE WHEN i.ekey % 10 = 9 THEN 'Y' || CAST(CAST((i.ekey - i.ekey % 10) / 10 AS INTEGER) AS VARCHAR)
            ELSE coalesce(i.election_type, 'P') || CAST(i.election_year AS VARCHAR) END AS election_key
FROM indiv i
JOIN screen_limits l ON l.limit_key = i.want_limit AND l.match_year = i.want_year
"""

# Individual contributions aggregated per donor and recipient against the dated
# limit: per election for candidate committees (key P2024, G2024 ...), per
# calendar year for PACs (key Y2024). One row per contribution of a group over
# the limit, from the one that crosses it on, with the group's totals and how
# much was refunded, redesignated or reattributed (and when).
EXCESS_SQL = """
CREATE OR REPLACE TEMP TABLE screen_excess AS
WITH contrib AS (SELECT * FROM screen_limited),
totals AS (
    -- only groups over the limit in total need the running sum (a cheap first pass)
    SELECT donor_key, committee_id, ekey
    FROM contrib GROUP BY donor_key, committee_id, ekey
    HAVING sum(amount) > min(limit_amount)
),
run AS (
    SELECT c.*,
           sum(c.amount) OVER (PARTITION BY c.donor_key, c.committee_id, c.ekey
                               ORDER BY c.date, c.receipt_key
                               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running
    FROM contrib c JOIN totals t USING (donor_key, committee_id, ekey)
),
over AS {{ d.materialized }} (
    SELECT run.* FROM run WHERE running > limit_amount
),
grp AS (
    SELECT donor_key, committee_id, election_key,
           max(running) AS total, min(limit_amount) AS limit_amount, min(limit_cycle) AS limit_cycle,
           min(limit_key) AS limit_key,
           max(running) - min(limit_amount) AS excess,
           min(date) AS crossing_date,
           min(receipt_key) FILTER (WHERE running - amount <= limit_amount) AS crossing_key,
           bool_or(undesignated) AS any_undesignated, min(name_key) AS name_key,
           count(*) AS n_over
    FROM over GROUP BY donor_key, committee_id, election_key
),
remedy AS (
    SELECT g.donor_key, g.committee_id, g.election_key,
           sum(CASE WHEN f.date <= {{ d.add_days('g.crossing_date', p.value('excessive_remedy_days', 'g.crossing_date')) }}
                    THEN f.amount ELSE 0 END) AS remedied_in_time,
           sum(f.amount) AS remedied_total,
           max(f.date) AS last_remedy_date
    FROM grp g
    JOIN screen_refunds f ON f.committee_id = g.committee_id AND f.date >= g.crossing_date
                          AND (f.donor_key = g.donor_key OR f.name_key = g.name_key)
    GROUP BY g.donor_key, g.committee_id, g.election_key
)
SELECT o.receipt_key, o.filing_id, o.transaction_id, o.sub_id, o.date, o.amount,
       o.name, o.city, o.state, o.zip, o.employer, o.occupation, o.donor_id,
       g.*,
       {{ p.value('excessive_remedy_days', 'g.crossing_date') }} AS remedy_days,
       coalesce(m.remedied_in_time, 0) AS remedied_in_time,
       coalesce(m.remedied_total, 0) AS remedied_total,
       m.last_remedy_date,
       CASE WHEN coalesce(m.remedied_in_time, 0) >= g.excess THEN 'resolved'
            WHEN coalesce(m.remedied_total, 0) >= g.excess THEN 'late'
            ELSE 'open' END AS status
FROM over o
JOIN grp g USING (donor_key, committee_id, election_key)
LEFT JOIN remedy m USING (donor_key, committee_id, election_key)
"""

# Individual contributions per donor and day: the straw-donor frequency rules
# count from here instead of scanning every receipt twice.
DONOR_DAYS_SQL = """
CREATE OR REPLACE TEMP TABLE screen_donor_days AS
WITH busy AS (
    -- only donors with enough contributions in all can reach a daily or monthly count
    SELECT donor_key FROM screen_receipts
    WHERE is_contribution AND is_individual
    GROUP BY donor_key
    HAVING count(*) >= least({{ p.lowest('daily_contribution_count') }},
                             {{ p.lowest('monthly_contribution_count') }})
)
SELECT r.donor_key, r.date, {{ d.year('r.date') }} * 100 + {{ d.month('r.date') }} AS month,
       count(*) AS n, sum(r.amount) AS total
FROM screen_receipts r JOIN busy b ON b.donor_key = r.donor_key
WHERE r.is_contribution AND r.is_individual
GROUP BY r.donor_key, r.date
"""

# Federal election dates by state (law/data/elections.yaml): general elections
# computed from the statute, primaries and runoffs where a source lists them.
ELECTIONS_SQL = "CREATE OR REPLACE TEMP TABLE screen_elections AS {{ p.elections_values_sql() }}"

# Form 6 (48-hour notice) pages: the notice's date and the candidate's office and
# state, and the committees with at least one notice in the store.
NOTICE_PAGES_SQL = """
CREATE OR REPLACE TEMP TABLE screen_notice_pages AS
SELECT f.filing_id, f.committee_id, f.date_signed AS notice_date,
       upper({{ d.json_text('l.fields', 'candidate_state') }}) AS cand_state,
       upper({{ d.json_text('l.fields', 'candidate_office') }}) AS cand_office
FROM filings f JOIN filing_lines l ON l.filing_id = f.filing_id AND l.schedule = 'F6'
WHERE upper(f.form_type) LIKE 'F6%'
  {% if committee %}AND f.committee_id = {{ sql_str(committee) }}{% endif %}
"""

# Their contribution lines, F65. `name_key` is the rules' donor name key of the
# filed contributor, built as for receipts.
NOTICES_SQL = """
CREATE OR REPLACE TEMP TABLE screen_notices AS
WITH f6 AS (SELECT * FROM screen_notice_pages),
line AS (
    SELECT l.filing_id, l.line_number, f6.notice_date, f6.cand_state, f6.cand_office,
           coalesce({{ d.json_text('l.fields', 'filer_committee_id_number') }}, f6.committee_id) AS committee_id,
           {{ d.json_text('l.fields', 'transaction_id') }} AS transaction_id,
           upper(coalesce({{ d.json_text('l.fields', 'entity_type') }}, 'IND')) AS entity_type,
           coalesce({{ d.json_text('l.fields', 'contributor_name') }},
                    CASE WHEN upper(coalesce({{ d.json_text('l.fields', 'entity_type') }}, 'IND')) IN ('IND', 'CAN')
                         THEN concat_ws(', ', {{ d.json_text('l.fields', 'contributor_last_name') }},
                                        nullif(concat_ws(' ', {{ d.json_text('l.fields', 'contributor_first_name') }},
                                                         {{ d.json_text('l.fields', 'contributor_middle_name') }},
                                                         {{ d.json_text('l.fields', 'contributor_suffix') }}), '')) END,
                    {{ d.json_text('l.fields', 'contributor_organization_name') }}) AS name,
           {{ d.json_text('l.fields', 'contributor_city') }} AS city,
           {{ d.json_text('l.fields', 'contributor_state') }} AS state,
           {{ d.json_text('l.fields', 'contributor_zip_code') }} AS zip,
           {{ d.json_text('l.fields', 'contributor_employer') }} AS employer,
           {{ d.json_text('l.fields', 'contributor_occupation') }} AS occupation,
           {{ d.date_from_digits(d.json_text('l.fields', 'contribution_date')) }} AS date,
           {{ d.to_decimal(d.json_text('l.fields', 'contribution_amount')) }} AS amount
    FROM filing_lines l JOIN f6 ON f6.filing_id = l.filing_id
    WHERE l.schedule = 'F65'
)
SELECT 'L:' || filing_id || ':' || line_number AS receipt_key, *,
       {{ d.hash64(donor_key('NULL', 'name', 'NULL', 'NULL', 'zip')) }} AS name_key,
       CAST(NULL AS VARCHAR) AS donor_id, CAST(NULL AS BIGINT) AS sub_id
FROM line
"""

# Contributions that need a 48-hour notice: $1,000 or more (dated threshold)
# received by an authorized committee whose Form 6 notices are in the store, dated
# after the 20th day and more than 48 hours before an election of the candidate's
# state in the election-date table (the presidential general election for office
# P), with the notices naming the same contributor and date. `kind` marks the
# rows the rules read: 'due' (in a notice period) or 'undated' (a $1,000+ gift in
# an even year whose primary date the table does not hold).
NOTICE_DUE_SQL = """
CREATE OR REPLACE TEMP TABLE screen_notice_due AS
WITH filer AS (
    SELECT committee_id, arg_max(cand_state, notice_date) AS cand_state,
           arg_max(cand_office, notice_date) AS cand_office
    FROM screen_notice_pages GROUP BY committee_id
),
big AS {{ d.materialized }} (
    SELECT r.receipt_key, r.filing_id, r.transaction_id, r.sub_id, r.committee_id, r.date,
           r.amount, r.name, r.city, r.state, r.zip, r.employer, r.occupation, r.donor_id,
           r.name_key, f.cand_state, f.cand_office, {{ d.year('r.date') }} AS year,
           CASE WHEN f.cand_office = 'P' THEN 'US' ELSE f.cand_state END AS election_state
    FROM screen_receipts r JOIN filer f ON f.committee_id = r.committee_id
    WHERE r.is_contribution AND r.amount >= {{ p.value('notice_48h_amount', 'r.date') }}
),
due AS {{ d.materialized }} (
    SELECT b.*, e.election, e.election_date, e.held, 'due' AS kind
    FROM big b JOIN screen_elections e
      ON e.state = b.election_state AND e.year = b.year AND (b.cand_office <> 'P' OR e.election = 'G')
     AND b.date > {{ d.add_days('e.election_date', '-' ~ p.value('notice_48h_period_start_days', 'e.election_date')) }}
     AND b.date < {{ d.add_days('e.election_date', '-' ~ p.value('notice_48h_period_end_days', 'e.election_date')) }}
),
known AS (
    -- per state and year: whether the table has its primary, and its general's date
    SELECT state, year, bool_or(election = 'P') AS has_primary,
           min(CASE WHEN election = 'G' THEN election_date END) AS general_date
    FROM screen_elections GROUP BY state, year
),
undated AS (
    SELECT b.*, 'P' AS election, CAST(NULL AS DATE) AS election_date, CAST(NULL AS BOOLEAN) AS held,
           'undated' AS kind
    FROM big b LEFT JOIN known k ON k.state = b.election_state AND k.year = b.year
    WHERE coalesce(b.cand_office, '') <> 'P' AND b.year % 2 = 0
      AND NOT coalesce(k.has_primary, FALSE)
      -- gifts dated after the general election cannot be before this year's primary
      AND (k.general_date IS NULL OR b.date < k.general_date)
      AND b.receipt_key NOT IN (SELECT receipt_key FROM due)
),
rows AS (SELECT * FROM due UNION ALL SELECT * FROM undated),
matched AS (
    SELECT r.receipt_key, r.election, min(n.notice_date) AS first_notice_date,
           arg_min(n.receipt_key, n.notice_date) AS notice_key,
           bool_or(n.amount = r.amount) AS same_amount,
           arg_min(n.amount, n.notice_date) AS notice_amount
    FROM rows r JOIN screen_notices n
      ON n.committee_id = r.committee_id AND n.name_key = r.name_key AND n.date = r.date
    GROUP BY r.receipt_key, r.election
)
SELECT r.*, m.first_notice_date, m.notice_key, m.same_amount, m.notice_amount,
       {{ p.value('notice_48h_filing_days', 'r.date') }} AS filing_days
FROM rows r LEFT JOIN matched m ON m.receipt_key = r.receipt_key AND m.election = r.election
"""

# Each current Form 3, 3X and 3P summary field of lookups.yaml `summary_line_totals`
# with the sum of the same filing's Schedule A lines of that line number (memo
# entries left out): what the report-arithmetic rule compares.
SUMMARY_TOTALS_SQL = """
CREATE OR REPLACE TEMP TABLE screen_summary_totals AS
WITH summary AS (
    {% for x in p.lookup('summary_line_totals') -%}
    SELECT l.filing_id, l.line_number, f.committee_id, f.form_type, f.coverage_through,
           {{ sql_str(x.line) }} AS line, {{ sql_str(x.schedule_a | join(', ')) }} AS sa_lines,
           {{ sql_str(x.schedule_a | join('|')) }} AS sa_key,
           {{ d.to_decimal(d.json_text('l.fields', x.field)) }} AS reported
    FROM filing_lines l JOIN filings f ON f.filing_id = l.filing_id
    WHERE l.schedule = {{ sql_str(x.form) }} AND NOT coalesce(f.superseded, FALSE)
      {% if committee %}AND f.committee_id = {{ sql_str(committee) }}{% endif %}
    {{ "UNION ALL" if not loop.last }}
    {% endfor %}
),
lines AS (
    SELECT * FROM (VALUES {% for x in p.lookup('summary_line_totals') -%}
        {% for code in x.schedule_a -%}
        ({{ sql_str(x.schedule_a | join('|')) }}, {{ sql_str(code) }}){{ ", " if not loop.last }}
        {%- endfor %}{{ ", " if not loop.last }}
    {%- endfor %}) AS t(sa_key, form_type)
),
itemized AS (
    -- the filing's own lines (its summary is current, so they are too)
    SELECT r.filing_id, t.sa_key, sum(r.contribution_amount) AS total, count(*) AS n
    FROM filing_receipts r JOIN (SELECT DISTINCT sa_key, form_type FROM lines) t
      ON upper(r.form_type) = t.form_type
    WHERE coalesce(upper(r.memo_code), '') <> 'X'
      AND r.filing_id IN (SELECT filing_id FROM summary)
    GROUP BY r.filing_id, t.sa_key
)
SELECT s.*, coalesce(i.total, 0) AS total, coalesce(i.n, 0) AS n,
       s.reported - coalesce(i.total, 0) AS difference
FROM summary s LEFT JOIN itemized i ON i.filing_id = s.filing_id AND i.sa_key = s.sa_key
WHERE s.reported IS NOT NULL
"""

# Contributions from committees (entity PAC, PTY, CCM, COM; Schedule A lines 11b,
# 11c, 17b, 17c) to candidate committees, with the giver's kind from the committee
# master (latest cycle) by the giver's FEC id: 'multicandidate' (a qualified PAC or
# party, type Q, W or Y), 'authorized' (a candidate's committee, H, S or P), 'other'
# (N, V, X); a giver not in the master filed as CCM (a candidate committee) is
# 'authorized', any other is NULL (unknown). Each row
# carries the limit of every kind it could be (the rule picks the giver's own).
COMMITTEE_GIFTS_SQL = """
CREATE OR REPLACE TEMP TABLE screen_committee_gifts AS
WITH giver AS (
    SELECT cmte_id, CASE {% for tp, kind in p.lookup('giver_kinds').items() -%}
                         WHEN cmte_tp = {{ sql_str(tp) }} THEN {{ sql_str(kind) }}
                         {% endfor -%} END AS giver_kind
    FROM (SELECT cmte_id, cmte_tp,
                 row_number() OVER (PARTITION BY cmte_id ORDER BY {{ cycle_col }} DESC) AS rn
          FROM {{ committees }}) m
    WHERE rn = 1
),
gift AS (
    SELECT r.receipt_key, r.filing_id, r.transaction_id, r.sub_id, r.committee_id, r.date,
           r.amount, r.name, r.city, r.state, r.zip, r.employer, r.occupation, r.donor_id,
           r.name_key, r.entity_type, r.other_id,
           coalesce(nullif(trim(r.other_id), ''), {{ d.to_text('r.name_key') }}) AS giver_key,
           coalesce(g.giver_kind, CASE WHEN r.entity_type = 'CCM' THEN 'authorized' END) AS giver_kind,
           r.election_year + r.election_year % 2 AS cycle,
           coalesce(r.election_type, 'P') || {{ d.to_text('r.election_year') }} AS election_key
    FROM screen_receipts r LEFT JOIN giver g ON g.cmte_id = nullif(trim(r.other_id), '')
    WHERE r.is_contribution AND r.recipient_type = 'candidate'
      AND r.entity_type IN {{ p.in_list('committee_entity_types') }}
)
SELECT x.*, lm.amount AS limit_multicandidate, la.amount AS limit_authorized,
       lo.amount AS limit_other
FROM gift x
JOIN screen_limits lm ON lm.match_year = x.cycle AND lm.limit_key = 'multicandidate-candidate'
JOIN screen_limits la ON la.match_year = x.cycle AND la.limit_key = 'authorized-candidate'
JOIN screen_limits lo ON lo.match_year = x.cycle AND lo.limit_key = 'committee-candidate'
"""

SHARED = {
    # name: (sql template, relations it needs first)
    "recipients": (RECIPIENTS_SQL, ()),
    "donors": (DONORS_SQL, ()),
    "receipts": (RECEIPTS_SQL, ("recipients", "donors")),
    "limits": (LIMITS_SQL, ()),
    "refunds": (REFUNDS_SQL, ("receipts",)),
    "questioned": (QUESTIONED_SQL, ("receipts", "refunds")),
    "limited": (LIMITED_SQL, ("receipts", "limits")),
    "excess": (EXCESS_SQL, ("limited", "refunds")),
    "donor_days": (DONOR_DAYS_SQL, ("receipts",)),
    "elections": (ELECTIONS_SQL, ()),
    "summary_totals": (SUMMARY_TOTALS_SQL, ()),
    "committee_gifts": (COMMITTEE_GIFTS_SQL, ("receipts", "limits")),
    "notice_pages": (NOTICE_PAGES_SQL, ()),
    "notices": (NOTICES_SQL, ("notice_pages",)),
    "notice_due": (NOTICE_DUE_SQL, ("receipts", "elections", "notices")),
}


def build(store, names, *, committee: str | None = None, built: set[str] | None = None) -> set[str]:
    """Create the shared relations ``names`` (and what they need) in ``store``."""
    built = set() if built is None else built
    committees = None
    for name in names:
        if name in built:
            continue
        template, needs = SHARED[name]
        build(store, needs, committee=committee, built=built)
        committees = committees or committee_master(store)
        store.con.execute(_rendered(name, committee, committees["committees"], committees["cycle_col"]))
        built.add(name)
    return built


@lru_cache(maxsize=256)
def _rendered(name: str, committee: str | None, committees: str, cycle_col: str) -> str:
    return render(SHARED[name][0], committee=committee, columns=QUESTIONED_COLUMNS,
                  committees=committees, cycle_col=cycle_col)


def _has_column(store, table: str, column: str) -> bool:
    return bool(store.scalar(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
        [table, column],
    ))


def committee_master(store) -> dict:
    """The committee master, or an empty stand-in when it is not loaded."""
    if not store.table_exists("committees"):
        empty = ("(SELECT CAST(NULL AS VARCHAR) AS cmte_id, CAST(NULL AS VARCHAR) AS cmte_tp, "
                 "CAST(NULL AS VARCHAR) AS cmte_dsgn WHERE FALSE) AS cm")
        return {"committees": empty, "cycle_col": "1"}
    cycle_col = "cycle" if _has_column(store, "committees", "cycle") else "1"
    return {"committees": "committees", "cycle_col": cycle_col}


def drop(store) -> None:
    for name in ("screen_committee_gifts", "screen_summary_totals", "screen_notice_due", "screen_notices", "screen_notice_pages", "screen_elections",
                 "screen_receipts", "screen_donor_days", "screen_excess", "screen_limited", "screen_questioned", "screen_refunds", "screen_limits",
                 "screen_donors", "screen_recipients", "screen_evidence"):
        store.con.execute(f"DROP TABLE IF EXISTS {name}")


__all__ = ["render", "build", "drop", "committee_master", "SHARED"]
