"""A citation of the law: its text, how sure we are of it, and a link to the official text.

One type serves the rules, the report and the assessment. A citation is read once
into its structure (:class:`Ref`: the code, its title, the part, section and
paragraph, or the number of an advisory opinion or enforcement matter), and the
link is built from that structure:

* 11 CFR sections and parts: the eCFR (``www.ecfr.gov``), to the paragraph where
  one is given;
* United States Code sections: the Office of the Law Revision Counsel
  (``uscode.house.gov``);
* FEC advisory opinions (``AO 2016-10``) and enforcement matters (``MUR 7035``):
  the FEC's legal resources pages (``www.fec.gov/data/legal``).

A citation of none of these forms ("FEC contribution limits 2023-2024") has no
structure and no link, and is shown as text.

Confidence tags, as in the project's law digest: ``V`` read in the primary text,
``S`` from an FEC page or a reliable secondary report, ``U`` unverified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fecscreen.errors import ConfigError

ECFR_SECTION = "https://www.ecfr.gov/current/title-{title}/section-{section}"
ECFR_PART = "https://www.ecfr.gov/current/title-{title}/part-{part}"
USC_SECTION = "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title{title}-section{section}"
FEC_AO = "https://www.fec.gov/data/legal/advisory-opinions/{number}/"
FEC_MUR = "https://www.fec.gov/data/legal/matter-under-review/{number}/"
CONFIDENCES = ("V", "S", "U")

_SIGN = r"(?:§+\s*)?"
_PARAS = r"(?P<para>(?:\([0-9A-Za-z]+\))*)"
_FORMS = {
    "CFR": re.compile(r"^(?P<title>\d+)\s*C\.?\s*F\.?\s*R\.?\s*(?:Part\s+)?" + _SIGN
                      + r"(?P<part>\d+)(?:\.(?P<sec>\d+[a-z]?))?" + _PARAS, re.IGNORECASE),
    "USC": re.compile(r"^(?P<title>\d+)\s*U\.?\s*S\.?\s*C\.?\s*(?:A\.?\s*)?" + _SIGN
                      + r"(?P<sec>\d+[a-z]?)" + _PARAS, re.IGNORECASE),
    "AO": re.compile(r"^(?:AO|Advisory\s+Opinion)\s+(?P<year>\d{4})-(?P<num>\d{1,2})\b", re.IGNORECASE),
    "MUR": re.compile(r"^MUR\s+(?P<num>\d+)\b", re.IGNORECASE),
}
_BARE_SECTION = re.compile(r"^" + _SIGN + r"(?P<part>\d+)\.(?P<sec>\d+[a-z]?)" + _PARAS)
_TAG = re.compile(r"\s*\[(?P<tag>[VSU])\]$")


@dataclass(frozen=True)
class Ref:
    """Where a citation points: ``code`` CFR or USC (title, part, section, paragraph), AO or MUR."""

    code: str
    title: int | None = None
    part: str | None = None       # CFR: the part (``110`` of 110.20)
    section: str | None = None    # CFR: the section within the part (``20``); USC: the section
    paragraph: str = ""           # ``(a)(5)``
    number: str | None = None     # AO ``2016-10``, MUR ``7035``

    @property
    def url(self) -> str:
        if self.code == "CFR":
            if self.section is None:
                return ECFR_PART.format(title=self.title, part=self.part)
            section = f"{self.part}.{self.section}"
            url = ECFR_SECTION.format(title=self.title, section=section)
            return f"{url}#p-{section}{self.paragraph}" if self.paragraph else url
        if self.code == "USC":
            return USC_SECTION.format(title=self.title, section=self.section)
        return (FEC_AO if self.code == "AO" else FEC_MUR).format(number=self.number)


def read_ref(text: str) -> Ref | None:
    """The structure of one citation as written, or None when it is of no known form.

    >>> read_ref("11 CFR 110.20(g)")
    Ref(code='CFR', title=11, part='110', section='20', paragraph='(g)', number=None)
    """
    s = " ".join(text.strip().split())
    for code, form in _FORMS.items():
        if m := form.match(s):
            break
    else:
        return None
    if code == "CFR":
        return Ref("CFR", int(m["title"]), m["part"], m["sec"], m["para"])
    if code == "USC":
        return Ref("USC", int(m["title"]), section=m["sec"], paragraph=m["para"])
    if code == "AO":
        return Ref("AO", number=f"{m['year']}-{int(m['num']):02d}")
    return Ref("MUR", number=m["num"])


@dataclass(frozen=True)
class Citation:
    """One provision cited: its text as written, its confidence tag, and its structure.

    ``Citation("11 CFR 110.1(b)(2)", "U")``: the structure is read from the text
    unless given (a bare section after a semicolon takes its title from the one
    before it: see :func:`parse_citations`).
    """

    text: str
    confidence: str = "V"
    ref: Ref | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.confidence not in CONFIDENCES:
            raise ConfigError(f"confidence {self.confidence!r} is not one of {', '.join(CONFIDENCES)}",
                              where=self.text, hint="tag a citation V, S or U as the law digest does")
        if self.ref is None:
            object.__setattr__(self, "ref", read_ref(self.text))

    @classmethod
    def cfr(cls, title: int, part: int, section: int | None = None, paragraph: str = "",
            confidence: str = "V") -> Citation:
        """``Citation.cfr(11, 110, 20, "(g)")`` is ``11 CFR 110.20(g)``."""
        where = f"{part}" if section is None else f"{part}.{section}{paragraph}"
        return cls(f"{title} CFR {where}", confidence,
                   Ref("CFR", title, str(part), None if section is None else str(section), paragraph))

    @classmethod
    def usc(cls, title: int, section: int, paragraph: str = "", confidence: str = "V") -> Citation:
        """``Citation.usc(52, 30121, "(a)(2)")`` is ``52 U.S.C. 30121(a)(2)``."""
        return cls(f"{title} U.S.C. {section}{paragraph}", confidence,
                   Ref("USC", title, section=str(section), paragraph=paragraph))

    @property
    def url(self) -> str | None:
        """The address of the official text, or None for a citation of no known form."""
        return self.ref.url if self.ref else None

    def render(self) -> str:
        """The text with its tag where it is not ``V``: ``11 CFR 110.1(b)(2) [U]``."""
        return self.text if self.confidence == "V" else f"{self.text} [{self.confidence}]"

    def __str__(self) -> str:
        return self.text


def citation_url(text: str) -> str | None:
    """The official-text address for one citation string, or None when unknown.

    >>> citation_url("52 U.S.C. 30121(a)(2)")
    'https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title52-section30121'
    """
    ref = read_ref(text)
    return ref.url if ref else None


def split_citations(text: str) -> list[str]:
    """``"52 U.S.C. 30118; 11 CFR 114.2"`` -> the two citations it holds.

    A comma splits too where a bare section follows (``"11 CFR 110.1(b), 110.17"``).
    """
    parts = re.split(r"\s*;\s*|,\s*(?=§*\s*\d+\.\d+)", text or "")
    return [part.strip() for part in parts if part.strip()]


def parse_citations(values) -> list[Citation]:
    """Every citation in a list of citation strings (each may hold several, ';'-separated).

    A trailing tag (``"11 CFR 110.20(g) [U]"``) is the citation's confidence; a bare
    section (``"11 CFR 104.3(a)(4); 100.12"``) keeps the title of the CFR cited before it.
    """
    if isinstance(values, str):
        values = [values]
    out: list[Citation] = []
    for value in values or []:
        title = None
        for written in split_citations(str(value)):
            text, confidence = written, "V"
            if m := _TAG.search(written):
                text, confidence = written[: m.start()], m["tag"]
            bare = _BARE_SECTION.match(text)
            if title is not None and bare:
                ref = Ref("CFR", title, bare["part"], bare["sec"], bare["para"])
            else:
                ref = read_ref(text)
                title = ref.title if ref and ref.code == "CFR" else None
            out.append(Citation(text, confidence, ref))
    return out


__all__ = ["Citation", "Ref", "read_ref", "citation_url", "parse_citations", "split_citations",
           "CONFIDENCES"]
