"""Citation strings to links to the official text.

Rules cite the law as short strings (``"52 U.S.C. 30121(a)(2)"``,
``"11 CFR 110.20(g)"``, ``"11 CFR 103.3(b); AO 2016-10"``). The report links each
one to its official source, so a reader can check the requirement for themselves:

* 11 CFR sections and parts: the eCFR (``www.ecfr.gov``), to the paragraph where
  one is given;
* United States Code sections: the Office of the Law Revision Counsel
  (``uscode.house.gov``);
* FEC advisory opinions (``AO 2016-10``) and enforcement matters (``MUR 7035``):
  the FEC's legal resources pages (``www.fec.gov/data/legal``).

A citation that matches none of these is shown as text, unlinked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ECFR_SECTION = "https://www.ecfr.gov/current/title-{title}/section-{section}"
ECFR_PART = "https://www.ecfr.gov/current/title-{title}/part-{part}"
USC_SECTION = "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title{title}-section{section}"
FEC_AO = "https://www.fec.gov/data/legal/advisory-opinions/{number}/"
FEC_MUR = "https://www.fec.gov/data/legal/matter-under-review/{number}/"

_SECTION_SIGN = r"(?:§+\s*)?"
_CFR = re.compile(
    r"^(?P<title>\d+)\s*C\.?\s*F\.?\s*R\.?\s*(?:Part\s+)?" + _SECTION_SIGN
    + r"(?P<part>\d+)(?:\.(?P<sec>\d+[a-z]?))?(?P<para>(?:\([0-9A-Za-z]+\))*)",
    re.IGNORECASE,
)
_USC = re.compile(
    r"^(?P<title>\d+)\s*U\.?\s*S\.?\s*C\.?\s*(?:A\.?\s*)?" + _SECTION_SIGN
    + r"(?P<section>\d+[a-z]?)(?P<para>(?:\([0-9A-Za-z]+\))*)",
    re.IGNORECASE,
)
_AO = re.compile(r"^(?:AO|Advisory\s+Opinion)\s+(?P<number>\d{4}-\d{1,2})\b", re.IGNORECASE)
_BARE_SECTION = re.compile(r"^§*\s*\d+\.\d+")
_MUR = re.compile(r"^MUR\s+(?P<number>\d+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    """One citation as written, with the address of its official text (or None)."""

    text: str
    url: str | None


def citation_url(text: str) -> str | None:
    """The official-text address for one citation string, or None when unknown.

    >>> citation_url("11 CFR 110.20(g)")
    'https://www.ecfr.gov/current/title-11/section-110.20#p-110.20(g)'
    >>> citation_url("52 U.S.C. 30121(a)(2)")
    'https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title52-section30121'
    """
    s = " ".join(text.strip().split())
    if m := _CFR.match(s):
        title, part, sec, para = m["title"], m["part"], m["sec"], m["para"]
        if sec is None:
            return ECFR_PART.format(title=title, part=part)
        section = f"{part}.{sec}"
        url = ECFR_SECTION.format(title=title, section=section)
        return f"{url}#p-{section}{para}" if para else url
    if m := _USC.match(s):
        return USC_SECTION.format(title=m["title"], section=m["section"])
    if m := _AO.match(s):
        year, num = m["number"].split("-")
        return FEC_AO.format(number=f"{year}-{int(num):02d}")
    if m := _MUR.match(s):
        return FEC_MUR.format(number=m["number"])
    return None


def split_citations(text: str) -> list[str]:
    """``"52 U.S.C. 30118; 11 CFR 114.2"`` -> the two citations it holds.

    A comma splits too where a bare section follows (``"11 CFR 110.1(b), 110.17"``).
    """
    parts = re.split(r"\s*;\s*|,\s*(?=§*\s*\d+\.\d+)", text or "")
    return [part.strip() for part in parts if part.strip()]


def parse_citations(values) -> list[Citation]:
    """Every citation in a list of citation strings (each may hold several, ';'-separated)."""
    if isinstance(values, str):
        values = [values]
    out: list[Citation] = []
    for value in values or []:
        prefix = ""
        for text in split_citations(str(value)):
            # "11 CFR 104.3(a)(4); 100.12": the second section keeps the title
            if prefix and _BARE_SECTION.match(text):
                url = citation_url(f"{prefix} {text.lstrip('§ ')}")
            else:
                url = citation_url(text)
                m = _CFR.match(text)
                prefix = f"{m['title']} CFR" if m else ""
            out.append(Citation(text, url))
    return out


__all__ = ["Citation", "citation_url", "parse_citations", "split_citations"]
