"""The report's charts: Vega-Lite specifications (altair) rendered to inline SVG.

Rendering happens here, with vl-convert, so the report needs no JavaScript and
no network to open. Each function takes rows from :mod:`fecscreen.report.data`
and returns an SVG string, or None when there is nothing to draw.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fecscreen.errors import MissingExtraError
from fecscreen.law.vocabulary import GROUP_INFO, GROUPS

# One colour per rule group, shared by the charts and the page's badges.
GROUP_COLORS = {name: g.colour for name, g in GROUP_INFO.items()}
WIDTH = 640
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"


def _alt():
    try:
        import altair as alt
        import vl_convert  # noqa: F401  (checked here, used in _svg)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError(exc.name or "altair", None, "The HTML report's charts") from exc
    return alt


def _plain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with dates as ISO strings and numbers as floats (JSON-safe for Vega-Lite)."""
    out = []
    for row in rows:
        clean = {}
        for k, v in row.items():
            if isinstance(v, (date, datetime)):
                clean[k] = v.isoformat()
            elif v is not None and not isinstance(v, (str, int, float, bool)):
                clean[k] = float(v)
            else:
                clean[k] = v
        out.append(clean)
    return out


def _svg(chart) -> str:
    import vl_convert as vlc

    spec = chart.configure(font=FONT).configure_view(strokeWidth=0).to_dict(validate=False)
    svg = vlc.vegalite_to_svg(spec)
    # the page sets the size; keep the drawing's own proportions through viewBox
    return svg.replace('<rect width=', '<rect class="bg" width=', 1)


def _group_scale(alt, groups: list[str]):
    domain = [g for g in GROUPS if g in groups] + sorted(set(groups) - set(GROUPS))
    return alt.Scale(domain=domain, range=[GROUP_COLORS.get(g, "#64748b") for g in domain])


def receipts_over_time(weekly: list[dict], flagged: list[dict]) -> str | None:
    """Weekly receipt totals, and below them every flagged receipt by date and amount."""
    if not weekly:
        return None
    alt = _alt()
    top = (
        alt.Chart(alt.Data(values=_plain(weekly)))
        .mark_bar(color="#94a3b8")
        .encode(
            x=alt.X("yearweek(week):T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0)),
            y=alt.Y("amount:Q", title="Receipts per week ($)", axis=alt.Axis(format="~s")),
            tooltip=[alt.Tooltip("week:T", title="week of"), "receipts:Q", alt.Tooltip("amount:Q", format="$,.0f")],
        )
        .properties(width=WIDTH, height=160)
    )
    if not flagged:
        return _svg(top)
    groups = sorted({r["group"] for r in flagged})
    bottom = (
        alt.Chart(alt.Data(values=_plain(flagged)))
        .mark_circle(opacity=0.75, size=46)
        .encode(
            x=alt.X("date:T", title="Date of receipt", axis=alt.Axis(format="%b %Y", labelAngle=0)),
            y=alt.Y("amount:Q", title="Flagged receipt ($)", scale=alt.Scale(type="log"),
                    axis=alt.Axis(format="$~s", tickCount=5)),
            color=alt.Color("group:N", title="Rule group", scale=_group_scale(alt, groups),
                            legend=alt.Legend(orient="bottom", columns=4)),
            tooltip=["date:T", alt.Tooltip("amount:Q", format="$,.2f"), "group:N", "rule:N"],
        )
        .properties(width=WIDTH, height=170)
    )
    return _svg(alt.vconcat(top, bottom, spacing=8).resolve_scale(x="shared"))


def foreign_by_country(rows: list[dict]) -> str | None:
    """Receipts flagged by a foreign-national rule, by country named or indicator."""
    if not rows:
        return None
    alt = _alt()
    base = alt.Chart(alt.Data(values=_plain(rows))).encode(
        y=alt.Y("indicator:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
        x=alt.X("amount:Q", title="Amount received ($)", axis=alt.Axis(format="$~s")),
    )
    bars = base.mark_bar(color=GROUP_COLORS["foreign-national"]).encode(
        tooltip=["indicator:N", "receipts:Q", alt.Tooltip("amount:Q", format="$,.2f")]
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11, color="#334155").encode(
        text=alt.Text("receipts:Q", format=",d")
    )
    return _svg((bars + labels).properties(width=WIDTH - 180, height=max(60, 24 * len(rows))))


def donors_against_limit(rows: list[dict], limit: dict | None, names: dict[str, str]) -> str | None:
    """The largest per-donor, per-election totals, with the limit as a line where known."""
    if not rows:
        return None
    alt = _alt()
    values = []
    for r in _plain(rows):
        committee = names.get(r["committee_id"], r["committee_id"] or "")
        values.append({
            **r,
            "label": f"{(r['name'] or r['donor_key'])[:28]} · {r['election']}",
            "committee": committee,
            "status": "flagged by an excessive rule" if r["flagged"] else "not flagged",
        })
    bars = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
            x=alt.X("total:Q", title="Total given to one recipient for one election ($)",
                    axis=alt.Axis(format="$,.0f")),
            color=alt.Color("status:N", title=None,
                            scale=alt.Scale(domain=["flagged by an excessive rule", "not flagged"],
                                            range=[GROUP_COLORS["excessive"], "#cbd5e1"]),
                            legend=alt.Legend(orient="bottom")),
            tooltip=["name:N", "committee:N", "election:N", "receipts:Q",
                     alt.Tooltip("total:Q", format="$,.2f")],
        )
        .properties(width=WIDTH - 240, height=max(80, 18 * len(values)))
    )
    layers = [bars]
    if limit:
        rule_rows = [{"limit": limit["amount"], "text": f"limit ${limit['amount']:,.0f} ({limit['year']})"}]
        rule = alt.Chart(alt.Data(values=rule_rows)).mark_rule(color="#b91c1c", strokeDash=[4, 3],
                                                               strokeWidth=2).encode(x="limit:Q")
        text = alt.Chart(alt.Data(values=rule_rows)).mark_text(
            align="center", baseline="bottom", color="#b91c1c", fontSize=11, fontWeight="bold"
        ).encode(x="limit:Q", y=alt.value(-4), text="text:N")
        layers += [rule, text]
    return _svg(alt.layer(*layers))


def straw_donor_clusters(points: list[dict]) -> str | None:
    """Each straw-donor finding as a row: its evidence receipts by date, sized by amount."""
    if not points:
        return None
    alt = _alt()
    clusters = list(dict.fromkeys(p["cluster"] for p in points))
    chart = (
        alt.Chart(alt.Data(values=_plain(points)))
        .mark_circle(opacity=0.7, color=GROUP_COLORS["straw-donor"], stroke="#ffffff", strokeWidth=0.5)
        .encode(
            x=alt.X("yearmonthdate(date):T", title="Date of receipt",
                    axis=alt.Axis(format="%b %d, %Y", labelAngle=0, tickCount={"interval": "day", "step": 1})),
            y=alt.Y("cluster:N", title=None, sort=clusters, axis=alt.Axis(labelLimit=320, labelPadding=8)),
            size=alt.Size("amount:Q", title="Amount ($)", scale=alt.Scale(range=[30, 420]),
                          legend=alt.Legend(orient="bottom", format="$,.0f")),
            tooltip=["cluster:N", "donor:N", "employer:N", "date:T",
                     alt.Tooltip("amount:Q", format="$,.2f")],
        )
        .properties(width=WIDTH - 240, height=max(80, 26 * len(clusters)))
    )
    return _svg(chart)


__all__ = [
    "GROUP_COLORS",
    "receipts_over_time",
    "foreign_by_country",
    "donors_against_limit",
    "straw_donor_clusters",
]
