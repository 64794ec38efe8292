"""The report as one self-contained HTML page: inline CSS, charts as inline SVG.

Nothing in the page is fetched when it is opened; the only links are to the
official texts of the law the findings cite.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from importlib import metadata, resources
from typing import Any

import jinja2
from markupsafe import Markup, escape

from fecscreen.law.citations import Citation, parse_citations
from fecscreen.law.vocabulary import GROUP_INFO
from fecscreen.report import charts
from fecscreen.report.data import ReportData

# One paragraph per rule group: what it looks at and the requirement behind it.
GROUP_BLURBS: dict[str, tuple[str, list[str]]] = {
    name: (g.text, list(g.cites)) for name, g in GROUP_INFO.items()
}

DATA_LIMITS = [
    "Citizenship and immigration status. FEC records have no citizenship or country field; "
    "a foreign address calls for an inquiry, and a US address does not rule out a foreign "
    "national. US citizens living abroad and lawful permanent residents may contribute.",
    "The source of funds. Whether a gift was reimbursed by someone else, paid from a foreign "
    "bank, or made by a corporation through an individual is not in the records.",
    "What the recipient knew or did. Inquiries made, passports seen, and refunds or "
    "redesignations show only if the filings that report them are loaded.",
    "The tax treatment of an LLC (partnership or corporation), and whether a company's "
    "decisions involve foreign nationals.",
    "Street addresses in FEC bulk files: the individual-contributions file has city, state "
    "and ZIP code only.",
    "Unitemised receipts (under the $200 itemisation threshold) appear only as totals, so "
    "limits and patterns are checked on itemised receipts only.",
    "Records amended or filed after the data was loaded.",
]


def _money(value: Any, places: int = 2) -> str:
    if value is None or value == "":
        return ""
    amount = Decimal(str(value))
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.{places}f}"


def _num(value: Any) -> str:
    return f"{int(value or 0):,}"


def _donor(donor: dict[str, Any]) -> str:
    parts = [donor.get("name")]
    place = ", ".join(str(p) for p in (donor.get("city"), donor.get("state"), donor.get("zip")) if p)
    parts.append(place)
    work = " / ".join(str(p) for p in (donor.get("employer"), donor.get("occupation")) if p)
    parts.append(work)
    if donor.get("donor_id"):
        parts.append(f"donor id {donor['donor_id']}")
    return " · ".join(str(p) for p in parts if p)


def _txn(t: dict[str, Any]) -> str:
    if t.get("sub_id"):
        return f"bulk sub_id {t['sub_id']}"
    text = f"filing {t.get('filing_id') or '?'}"
    return text + (f" · {t['transaction_id']}" if t.get("transaction_id") else "")


def cite(c: Citation | str) -> Markup:
    """One citation as a link to its official text (or plain text if none is known)."""
    if isinstance(c, str):
        c = parse_citations([c])[0]
    if c.url:
        return Markup('<a href="{}" rel="noopener">{}</a>').format(c.url, c.render())
    return Markup("<span>{}</span>").format(escape(c.render()))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("fecscreen.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(money=_money, money0=lambda v: _money(v or 0, 0), num=_num, donor=_donor, txn=_txn)
    env.globals["cite"] = cite
    return env


def _version() -> str:
    try:
        return metadata.version("fecscreen")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "dev"


def describe_selection(selection: Any) -> str:
    """A check run's rule selection in words."""
    if isinstance(selection, str):
        try:
            selection = json.loads(selection)
        except ValueError:
            return selection
    selection = selection or {}
    parts = []
    if selection.get("select"):
        parts.append("rules " + ", ".join(map(str, selection["select"])))
    if selection.get("ignore"):
        parts.append("leaving out " + ", ".join(map(str, selection["ignore"])))
    if selection.get("committee"):
        parts.append(f"committee {selection['committee']}")
    return "; ".join(parts) or "every rule, every committee"


def chart_figures(d: ReportData) -> list[dict[str, Any]]:
    limit = d.limit
    limit_note = (
        f"The dashed line is the limit for an individual giving to a candidate committee per "
        f"election in {limit['year']} ({limit['reference']})."
        if limit else
        "No limit line: the rules' dated limit table was not available when this report was written."
    )
    return [
        {
            "id": "receipts-over-time",
            "title": "Receipts over time",
            "svg": charts.receipts_over_time(d.weekly, d.flagged_points),
            "caption": "Top: receipts per week (earmark duplicates and superseded filings left out). "
            "Bottom: each receipt named by a finding, coloured by rule group"
            + (f" (the {len(d.flagged_points):,} largest)" if len(d.flagged_points) >= 3000 else "") + ".",
            "empty": "No dated receipts are loaded.",
        },
        {
            "id": "foreign-by-country",
            "title": "Foreign-address receipts by country or indicator",
            "svg": charts.foreign_by_country(d.foreign),
            "caption": "Receipts named by a foreign-national finding, by the country named in the "
            "address or, where none is named, by the indicator found. Labels show the number of receipts.",
            "empty": "No receipt was flagged for a foreign address.",
        },
        {
            "id": "donors-against-limit",
            "title": "Donors against the limit, per election",
            "svg": charts.donors_against_limit(d.donor_limits, limit, d.committee_names),
            "caption": "The largest totals of one individual to one recipient for one election "
            "(election letter and year from the election code), with donors an excessive "
            "rule flagged first. Gifts with no election designation are shown as "
            "\u201c<year> undesignated\u201d (the next even year from their date); the excessive "
            "rules date them to the primary or the general by the state's election days. "
            + limit_note,
            "empty": "No individual receipts are loaded.",
        },
        {
            "id": "straw-donor-clusters",
            "title": "Straw-donor review clusters",
            "svg": charts.straw_donor_clusters(d.straw_clusters),
            "caption": "Each row is one straw-donor finding; each circle one of its receipts, "
            "sized by amount. A cluster is a pattern to review, not evidence of reimbursement.",
            "empty": "No straw-donor pattern was found.",
        },
    ]


def render_html(d: ReportData, *, title: str | None = None) -> str:
    """The whole report page as a string."""
    env = _environment()
    css = (resources.files("fecscreen.report") / "templates" / "report.css").read_text(encoding="utf-8")
    if title is None:
        title = "fecscreen screening report"
        if d.committee:
            title += f" — {d.committee}"
    blurbs = {
        g: {"text": text, "citations": parse_citations(cites)} for g, (text, cites) in GROUP_BLURBS.items()
    }
    return env.get_template("report.html.j2").render(
        d=d,
        title=title,
        css=css,
        version=_version(),
        charts=chart_figures(d),
        colors=charts.GROUP_COLORS,
        blurbs=blurbs,
        limits=DATA_LIMITS,
        selection=describe_selection((d.run or {}).get("selection")),
        today=date.today(),
    )


__all__ = ["render_html", "cite", "GROUP_BLURBS", "DATA_LIMITS"]
