"""The engine: selection, dated parameters, the donor key, findings shape and docs."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from fecscreen.errors import ConfigError
from fecscreen.findings import FINDING_KEYS, Finding, format_text, render
from fecscreen.law.params import Params
from fecscreen.rules import GROUPS, load_params, registry, select_rules
from fecscreen.rules.docs import render_rules_md
from fecscreen.rules.prepare import render as render_sql
from fecscreen.sql.keys import donor_key_sql

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def codes(rules):
    return [r.code for r in rules]


def test_select_by_code_name_group_and_prefix():
    assert codes(select_rules(["FN001"])) == ["FN001"]
    assert codes(select_rules("excessive.individual-to-pac")) == ["EX002"]
    assert codes(select_rules(["refund-deadline"])) == ["RD001", "RD002", "RD003", "RD004"]
    assert codes(select_rules("foreign-national,EX001", ignore="FN003")) == ["FN001", "FN002", "EX001"]
    assert codes(select_rules("SD00", ignore="SD001")) == ["SD002", "SD003"]
    assert codes(select_rules(["CA"])) == ["CA001", "CA002"]
    assert len(select_rules()) == len(registry())


def test_select_unknown_is_a_config_error():
    with pytest.raises(ConfigError) as err:
        select_rules(ignore=["nope"])
    assert err.value.where == "--ignore"


def test_every_group_has_a_rule_and_names_are_unique():
    assert {r.group for r in registry()} == set(GROUPS)
    assert len({r.name for r in registry()}) == len(registry())


def test_dated_threshold_renders_a_case_over_dates():
    p = Params({}, {"x": {"values": [
        {"from": "2000-01-01", "to": "2009-12-31", "value": 1, "reference": "r", "confidence": "V"},
        {"from": "2010-01-01", "value": 2, "reference": "r", "confidence": "V"}]}}, {})
    sql = p.value("x", "d")
    con = duckdb.connect()
    got = [con.execute(f"SELECT {sql} FROM (SELECT DATE '{day}' AS d)").fetchone()[0]
           for day in ("1999-06-01", "2005-06-01", "2024-06-01")]
    assert got == [None, 1, 2]


def test_params_need_a_reference_and_known_confidence():
    with pytest.raises(ConfigError, match="missing reference"):
        Params({}, {"x": {"values": [{"from": "2000-01-01", "value": 1, "confidence": "V"}]}}, {})
    with pytest.raises(ConfigError, match="confidence must be one of"):
        Params({"values": [{"key": "k", "contributor": "i", "recipient": "c", "period": "e",
                            "from": "2020-01-01", "amount": 1, "reference": "r",
                            "confidence": "maybe"}]}, {}, {})


def test_limits_table_has_the_law_digest_values():
    p = load_params()
    cand = {lim.cycle: lim.amount for lim in p.limits if lim.key == "individual-candidate"}
    assert cand == {2016: 2700, 2018: 2700, 2020: 2800, 2022: 2900, 2024: 3300, 2026: 3500}
    # the digest's values are [S]; limits the digest does not give are [U] and say so
    digest = {"individual-candidate", "individual-pac", "multicandidate-candidate",
              "individual-national-party", "individual-party-account", "individual-state-party",
              "multicandidate-national-party"}
    assert all(lim.confidence == ("S" if lim.key in digest else "U") and lim.reference
               for lim in p.limits)
    by_key = {}
    for lim in p.limits:
        by_key.setdefault(lim.key, {})[lim.cycle] = lim.amount
    assert set(by_key["multicandidate-candidate"].values()) == {5000}
    assert set(by_key["authorized-candidate"].values()) == {2000}
    assert by_key["committee-candidate"] == cand  # any other committee gives as a person does
    national = {2016: 33400, 2018: 33900, 2020: 35500, 2022: 36500, 2024: 41300, 2026: 44300}
    assert by_key["individual-national-party"] == national
    assert by_key["individual-party-account"] == {c: 3 * v for c, v in national.items()}
    assert by_key["committee-national-party"] == national
    assert by_key["individual-state-party"] == {None: 10000} == by_key["committee-state-party"]
    assert by_key["multicandidate-national-party"] == {None: 15000}
    assert by_key["multicandidate-state-party"] == by_key["multicandidate-pac"] == {None: 5000}


def test_rule_sql_holds_no_dollar_literals():
    # thresholds come from params: no rule's SQL template spells a limit
    for rule in registry():
        for literal in ("3300", "2700", "5000", " 200", " 100 ", " 50 "):
            assert literal not in rule.sql, (rule.code, literal)


@pytest.mark.parametrize("name,zip_code,expected", [
    ("ROE, ANN", "M5V2T6", "N:ROE|ANN||M5V2T"),
    ("Roe,  Ann Mrs.", "m5v 2t6", "N:ROE|ANN||M5V2T"),
    ("DE LA CRUZ, JOHN N JR", "112010581", "N:DE LA CRUZ|JOHN|JR|11201"),
    ("O'BRIEN, DR. KATE", "02134-1234", "N:O BRIEN|KATE||02134"),
])
def test_donor_key_normalisation(name, zip_code, expected):
    sql = donor_key_sql("NULL", "n", "NULL", "NULL", "z")
    got = duckdb.connect().execute(f"SELECT {sql} FROM (SELECT ? AS n, ? AS z)",
                                   [name, zip_code]).fetchone()[0]
    assert got == expected


def test_donor_id_wins_over_the_name_key():
    sql = donor_key_sql("'D42'", "'ROE, ANN'", "NULL", "NULL", "'1'")
    assert duckdb.connect().execute(f"SELECT {sql}").fetchone()[0] == "D42"


def test_words_regex_is_rendered_from_data():
    sql = render_sql("{{ p.words_regex('cash_words') }}")
    assert sql == "'(^| )(CASH|CURRENCY)( |$)'"


def test_finding_to_dict_has_exactly_the_issue_keys():
    f = Finding(rule="FN001", name="foreign-national.zz-state", group="foreign-national",
                severity="review", committee_id="C1", message="m", citations=["c"],
                amount=Decimal("12.50"), date=dt.date(2024, 1, 2), donor={"name": "X"},
                transactions=[{"filing_id": None, "transaction_id": "T", "sub_id": 9, "extra": 1}])
    d = f.to_dict()
    assert tuple(d) == FINDING_KEYS
    assert d["amount"] == 12.5 and d["date"] == "2024-01-02"
    assert d["transactions"] == [{"filing_id": None, "transaction_id": "T", "sub_id": 9}]
    assert json.loads(render([f], "json"))[0] == d
    assert format_text([f]).splitlines()[0] == "C1 | FN001 review | m"


def test_unknown_output_format():
    with pytest.raises(ConfigError, match="unknown format"):
        render([], "xml")


def test_docs_rules_md_is_up_to_date():
    assert DOCS.read_text(encoding="utf-8") == render_rules_md(), (
        "docs/rules.md is out of date: run `fecscreen rules --markdown > docs/rules.md`"
    )
