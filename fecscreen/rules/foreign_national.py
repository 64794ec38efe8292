"""foreign-national: contributions whose address points abroad.

A foreign address is a *pertinent fact* (11 CFR 110.20(a)(5)): it requires a
reasonable inquiry into whether the contributor is a foreign national. It is not
proof; US citizens and green-card holders living abroad may give. The three
indicators are exclusive (a row gets the first that applies): state ``ZZ``;
a postal code no US ZIP code has; a country or foreign city named in the address.
Rows with a US military (AA, AE, AP) or territory/District (AS, GU, MP, PR, VI,
DC ...) state code are never flagged.
"""

from __future__ import annotations

from fecscreen.rules.model import Citation, family, fill

GROUP = "foreign-national"

CITATIONS = [
    Citation("52 U.S.C. 30121(a)(2)"),
    Citation("11 CFR 110.20(a)(5)"),
    Citation("11 CFR 110.20(g)"),
    Citation("11 CFR 103.3(b)"),
]

_SQL = """
SELECT f.receipt_key AS finding_key, f.committee_id,
       CASE WHEN f.status = 'open' THEN 'review' ELSE 'info' END AS severity,
       'contribution of ' || {{ d.money('f.amount') }} || ' with a foreign address ('
       || {{ detail }}
       || '): a foreign address is a pertinent fact that requires a reasonable inquiry into '
       || 'the contributor''s nationality (11 CFR 110.20(a)(5)); '
       || CASE f.status
            WHEN 'handled' THEN 'refunded within ' || {{ d.to_text('f.refund_days') }}
                 || ' days (on ' || {{ d.to_text('f.last_refund_date') }} || '): handled (11 CFR 103.3(b))'
            WHEN 'late' THEN 'refunded on ' || {{ d.to_text('f.last_refund_date') }} || ', '
                 || {{ d.to_text(d.days_between('f.date', 'f.last_refund_date')) }}
                 || ' days after receipt, later than the '
                 || {{ d.to_text('f.refund_days') }} || ' days of 11 CFR 103.3(b)'
            ELSE 'no refund found: where the inquiry leaves a genuine question, the '
                 || 'contribution is to be refunded within ' || {{ d.to_text('f.refund_days') }}
                 || ' days (11 CFR 103.3(b))'
          END AS message,
       f.amount, f.date, f.receipt_key AS donor_row, {{ ev('f') }},
       {{ d.json_object({'indicator': 'f.indicator', 'country': 'f.country', 'city': 'f.foreign_city'}) }} AS detail
FROM screen_questioned f
WHERE f.indicator = '{{ indicator }}'
"""

rule = family(GROUP, citations=CITATIONS, requires=("questioned",))

rule(
    code="FN001",
    name="foreign-national.zz-state",
    severity="review",
    version="1",
    summary="A contribution whose state code is ZZ, the FEC's code for a foreign country.",
    matches=(
        "Contribution rows (Schedule A lines 11a-d/17a-d; bulk TRANSACTION_TP 10, 11, 15, 15C, "
        "15E, 15J, 15Z, 19) and conduit records of earmarked gifts (24T, 24I) with a positive "
        "amount, that count toward totals, whose state is `ZZ`. Severity `review` when no refund "
        "is found, `info` when refunds of the same committee to the same donor (by donor key, or "
        "a refund line whose back reference names the receipt) cover the amount (within 30 "
        "days: handled; later: see RD001)."
    ),
    rationale=(
        "The FEC's filing software writes ZZ as the state of a foreign address. A foreign "
        "address is one of the facts the regulation lists as requiring a reasonable inquiry "
        "before a committee keeps a contribution (11 CFR 110.20(a)(5)); no person may "
        "knowingly accept a contribution from a foreign national (52 U.S.C. 30121(a)(2); "
        "11 CFR 110.20(g))."
    ),
    false_positives=(
        "US citizens and lawful permanent residents living abroad may contribute (the address "
        "alone says nothing about citizenship). In the FEC's bulk sample every ZZ row is a "
        "foreign city (Toronto, London, Goteborg, Campinas, Norlane); one, FALMOUTH ZZ, names a "
        "town that also exists in the US, but the filer chose ZZ, so it is kept."
    ),
    cannot_see=(
        "Citizenship, passports, the bank a payment came from, or what inquiry the committee "
        "made. A refund is matched by committee and donor key (or back reference), so a refund "
        "of a different gift from the same donor can mark a row handled."
    ),
    sql=fill(_SQL, detail="'state code ZZ'", indicator="zz"),
)

rule(
    code="FN002",
    name="foreign-national.foreign-postal-code",
    severity="review",
    version="1",
    summary="A contribution with a postal code that no US ZIP code has and no US state code.",
    matches=(
        "Contribution rows whose state is blank or not a US state, DC, territory or military "
        "code, and whose postal code (spaces and hyphens removed) contains a letter — Canadian "
        "(H3X9C6), British (SW1A1AA), Dutch (1012AB) and most other non-US codes."
    ),
    rationale=(
        "Some filers leave the state blank for a foreign address instead of writing ZZ; the "
        "postal code then shows the address is foreign, a pertinent fact requiring inquiry "
        "(11 CFR 110.20(a)(5))."
    ),
    false_positives=(
        "A mistyped US ZIP code containing a letter (O for 0) with a blank state. A foreign "
        "address of a US citizen or permanent resident abroad."
    ),
    cannot_see=(
        "All-digit foreign postal codes (Germany, France, Australia) with a blank state look "
        "like US ZIP codes and are not flagged unless the city or street names the country "
        "(FN003). Citizenship and the inquiry made are not in the data."
    ),
    sql=fill(_SQL, detail="'postal code ' || coalesce(f.zip, '') || ' is not a US ZIP code'", indicator="postal"),
)

rule(
    code="FN003",
    name="foreign-national.country-in-address",
    severity="review",
    version="1",
    summary="A contribution whose city or street names a foreign country or major foreign city.",
    matches=(
        "Contribution rows whose state is blank or not a US code, and whose city or street "
        "lines contain a country name as a whole word (lookups.yaml `countries`) or whose city "
        "is a listed foreign city (`foreign_cities`)."
    ),
    rationale=(
        "Vendors without a country field often write the country into the city or street line "
        "and leave the state blank; the address is then foreign, a pertinent fact requiring "
        "inquiry (11 CFR 110.20(a)(5))."
    ),
    false_positives=(
        "Street names that are country names (a blank-state row at '12 Holland Ave'). Rows with "
        "a US state code are never matched this way, because many US towns bear country names "
        "(Mexico ME, Peru IN, Lebanon PA)."
    ),
    cannot_see=(
        "A foreign address filed with a US state code (a vendor default) and a numeric postal "
        "code; foreign cities not in the list (VICTORIA with a blank state in the FEC sample is "
        "left alone because Victoria, TX exists)."
    ),
    sql=fill(
        _SQL,
        detail="'address names ' || trim(coalesce(f.city, '') || ' ' || coalesce(f.street_1, ''))",
        indicator="place",
    ),
)
