"""Citations become links to the official text, built from their structure."""

import pytest

from fecscreen.errors import ConfigError
from fecscreen.law.citations import Citation, Ref, citation_url, parse_citations

CASES = [
    ("11 CFR 110.20", "https://www.ecfr.gov/current/title-11/section-110.20"),
    ("11 CFR 110.20(g)", "https://www.ecfr.gov/current/title-11/section-110.20#p-110.20(g)"),
    ("11 C.F.R. § 103.3(b)", "https://www.ecfr.gov/current/title-11/section-103.3#p-103.3(b)"),
    ("11 CFR 110.1(b)(2)", "https://www.ecfr.gov/current/title-11/section-110.1#p-110.1(b)(2)"),
    ("11 CFR 115", "https://www.ecfr.gov/current/title-11/part-115"),
    ("11 CFR Part 111", "https://www.ecfr.gov/current/title-11/part-111"),
    ("52 U.S.C. 30121",
     "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title52-section30121"),
    ("52 U.S.C. § 30121(a)(2)",
     "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title52-section30121"),
    ("52 USC 30122", "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title52-section30122"),
    ("22 U.S.C. 611(b)", "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title22-section611"),
    ("AO 2016-10", "https://www.fec.gov/data/legal/advisory-opinions/2016-10/"),
    ("AO 2004-6", "https://www.fec.gov/data/legal/advisory-opinions/2004-06/"),
    ("MUR 7035", "https://www.fec.gov/data/legal/matter-under-review/7035/"),
    ("FEC contribution limits 2023-2024", None),
    ("", None),
]


@pytest.mark.parametrize("text, url", CASES)
def test_each_citation_links_to_its_official_text(text, url):
    assert citation_url(text) == url


def test_a_string_holding_several_citations_is_split_and_bare_sections_keep_their_title():
    cites = parse_citations(["52 U.S.C. 30118; 11 CFR 114.2", "11 CFR 104.3(a)(4); 100.12",
                             "11 CFR 110.1(b), 110.17; FEC contribution limits 2023-2024 [S]"])
    assert [c.render() for c in cites] == [
        "52 U.S.C. 30118", "11 CFR 114.2", "11 CFR 104.3(a)(4)", "100.12", "11 CFR 110.1(b)",
        "110.17", "FEC contribution limits 2023-2024 [S]",
    ]
    assert cites[3].url == "https://www.ecfr.gov/current/title-11/section-100.12"
    assert cites[5].url == "https://www.ecfr.gov/current/title-11/section-110.17"
    assert cites[6].url is None


def test_a_confidence_tag_stays_in_the_text_and_does_not_break_the_link():
    (c,) = parse_citations("11 CFR 110.20(g) [U]")
    assert (c.text, c.confidence, c.render()) == ("11 CFR 110.20(g)", "U", "11 CFR 110.20(g) [U]")
    assert c.url == "https://www.ecfr.gov/current/title-11/section-110.20#p-110.20(g)"


def test_a_cfr_section_links_to_its_section_on_the_ecfr():
    c = Citation.cfr(11, 114, 2)
    assert (c.text, c.ref) == ("11 CFR 114.2", Ref("CFR", 11, "114", "2"))
    assert c.url == "https://www.ecfr.gov/current/title-11/section-114.2"


def test_a_cfr_paragraph_links_to_the_paragraph_on_the_ecfr():
    c = Citation.cfr(11, 110, 20, "(a)(5)", confidence="U")
    assert (c.text, c.render()) == ("11 CFR 110.20(a)(5)", "11 CFR 110.20(a)(5) [U]")
    assert c.url == "https://www.ecfr.gov/current/title-11/section-110.20#p-110.20(a)(5)"
    assert Citation("11 CFR 110.20(a)(5)", "U") == c  # read from the text, the same citation


def test_a_usc_section_links_to_the_section_of_the_code():
    c = Citation.usc(52, 30121, "(a)(2)")
    assert c.ref == Ref("USC", 52, section="30121", paragraph="(a)(2)")
    assert c.url == "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title52-section30121"


def test_a_citation_of_no_known_form_has_no_link_and_a_bad_tag_is_refused():
    assert Citation("FEC contribution limits 2023-2024", "S").url is None
    with pytest.raises(ConfigError, match="confidence 'X'"):
        Citation("11 CFR 110.1(b)", "X")


def test_every_citation_of_the_rules_the_assessment_and_the_groups_links_to_its_text():
    from fecscreen.assess.provisions import PROVISIONS
    from fecscreen.law.vocabulary import GROUP_INFO
    from fecscreen.rules import registry

    cited = [c for r in registry() for c in r.citations]
    cited += [p.citation for p in PROVISIONS.values()]
    cited += [c for g in GROUP_INFO.values() for c in parse_citations(list(g.cites))]
    assert len(cited) > 50
    unlinked = [c.text for c in cited if not (c.url or "").startswith(
        ("https://www.ecfr.gov/current/title-11/", "https://uscode.house.gov/", "https://www.fec.gov/data/legal/"))]
    assert unlinked == []
