"""The report as one self-contained HTML page that opens offline: styles inline, charts as PNG images in data
URIs rendered by vl-convert, no script and nothing fetched. Every text is escaped.

PNG rather than SVG: an SVG's text is laid out again with the browser's fonts and can overflow its box."""

from __future__ import annotations

import base64
import io
from html import escape

from ..charts.images import chart_png, png_size
from ..gap_levels import LEVELS_NOTE, distance_words
from ..tables import hidden_departments
from .content import TOP_FINDINGS, FindingLine, ReportContent, TacticView

CHART_SCALE = 2  # pixels per CSS pixel, sharp on high-density screens
CHART_COLOURS = 64  # a chart's flat colours fit a small palette: the page stays under 1 MB

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a;
       max-width: 1100px; margin: 2rem auto; padding: 0 1.5rem; font-size: 18px; line-height: 1.45; }
h1 { font-size: 2rem; margin-bottom: .2rem; } h2 { font-size: 1.5rem; margin-top: 2.5rem;
     border-bottom: 2px solid #1f3b57; padding-bottom: .2rem; } h3 { font-size: 1.2rem; }
.muted { color: #444; } .big { font-size: 1.6rem; font-weight: 700; }
.headline { font-size: 1.25rem; font-weight: 600; border-left: 6px solid #0072B2; padding: .4rem .8rem; background: #EEF5FB; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0; }
th, td { border: 1px solid #ccc; padding: .35rem .55rem; text-align: left; vertical-align: top; }
th { background: #1f3b57; color: #fff; } td.date { white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.gap { font-weight: 700; } .hidden { color: #444; font-style: italic; }
.numbers { display: flex; flex-wrap: wrap; gap: .6rem 2rem; margin: .6rem 0 1rem; }
.numbers div span { display: block; font-size: .9rem; color: #444; }
.numbers div b { font-size: 1.4rem; }
img.chart { max-width: 100%; height: auto; display: block; margin: .8rem 0; }
li { margin-bottom: .5rem; } nav ol { columns: 2; } nav li { margin-bottom: .2rem; }
@media print { h2 { page-break-before: always; } }
"""


def _fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "–" if value is None else pattern.format(value)


def _gap_cell(view: TacticView) -> str:
    level = view.level
    style = f' style="background:{level.fill}"' if level else ""
    title = f' title="{escape(level.label)}"' if level else ""
    return f'<td class="num gap"{style}{title}>{escape(distance_words(view.result.gap))}</td>'


def _scores_table(content: ReportContent) -> str:
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in ("Tactic", "Score", "95 % CI", "Target", "Gap", "Favourable", "IT", "Business", "IT − Business", "Respondents")
    )
    rows = []
    for view in content.tactics:
        result = view.result
        name = f"<td>{escape(result.code)} · {escape(result.name)}</td>"
        if not view.shown:
            rows.append(f'<tr>{name}<td class="hidden" colspan="9">{escape(view.hidden_reason)}</td></tr>')
            continue
        ci = f"{result.ci95[0]:.2f}–{result.ci95[1]:.2f}" if result.ci95 else "–"
        if view.split_shown:
            split = (
                f'<td class="num">{_fmt(result.it_score)}</td><td class="num">{_fmt(result.business_score)}</td>'
                f'<td class="num">{_fmt(result.perception_gap, "{:+.2f}")}</td>'
            )
        else:
            split = f'<td class="hidden" colspan="3">{escape(view.split_reason)}</td>'
        rows.append(
            f'<tr>{name}<td class="num">{_fmt(result.score)}</td><td class="num">{ci}</td>'
            f'<td class="num">{_fmt(result.target)}</td>{_gap_cell(view)}'
            f'<td class="num">{_fmt(result.favorable_pct, "{:.0f} %")}</td>{split}'
            f'<td class="num">{_fmt(result.n, "{:,}")}</td></tr>'
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _finding_items(lines: list[FindingLine], with_fix: bool = True) -> str:
    if not lines:
        return '<p class="muted">No check failed or warned for this selection.</p>'
    items = []
    for line in lines:
        fix = f'<br><span class="muted"><b>How to fix:</b> {escape(line.fix)}</span>' if with_fix else ""
        items.append(f"<li><b>{escape(line.status_label)}: {escape(line.title)}.</b> {escape(line.message)}{fix}</li>")
    return f"<ul>{''.join(items)}</ul>"


def small_png(png: bytes) -> bytes:
    """The PNG with a palette of CHART_COLOURS colours (a chart has few): about a quarter of the bytes."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=CHART_COLOURS, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue() if buffer.tell() < len(png) else png


def _image(chart, alt: str) -> str:
    png = chart_png(chart, scale=CHART_SCALE)
    width = png_size(png)[0] // CHART_SCALE
    encoded = base64.b64encode(small_png(png)).decode("ascii")
    return f'<img class="chart" width="{width}" alt="{escape(alt)}" src="data:image/png;base64,{encoded}">'


def _chart(view: TacticView) -> str:
    if view.chart is None:
        return ""
    return _image(view.chart, f"Chart: {view.code} statements and score against the target")


def _departments_section(content: ReportContent) -> str:
    parts = ['<section id="departments"><h2>Departments × tactics</h2>']
    chart = content.heatmap
    if chart is None:
        return parts[0] + '<p class="muted">No department\'s scores can be shown in this selection.</p></section>'
    grid = content.departments
    reasons = hidden_departments(grid)
    if reasons:
        text = "; ".join(f"{department}: {reason}" for department, reason in reasons.items())
        parts.append(f'<p class="muted">Grey cells are hidden — {escape(text)}.</p>')
    parts.append(_image(chart, "Chart: mean score per department and tactic; hidden cells say why"))
    return "".join(parts) + "</section>"


def _trend_section(content: ReportContent) -> str:
    head = '<section id="trend"><h2>Alignment index over time</h2>'
    chart = content.trend_chart
    if chart is None:
        return head + f'<p class="muted">{escape(content.trend_message)}</p></section>'
    caption = f"Per survey period; dashed: the index at the targets ({content.target_index:.0f})."
    rows = "".join(
        f'<tr><td>{escape(str(r.period))}</td><td class="num">{_fmt(r.alignment_index, "{:.0f}")}</td>'
        f'<td class="num">{r.tactics_scored}</td><td class="num">{_fmt(r.respondents, "{:,}")}</td></tr>'
        for r in content.trend.index.itertuples()
    )
    table = (
        "<table><thead><tr><th>Period</th><th>Alignment index</th><th>Tactics with a score</th><th>Respondents</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    return (
        head
        + f'<p class="muted">{escape(caption)}</p>'
        + _image(chart, "Chart: alignment index per period")
        + table
        + "</section>"
    )


def _contents(content: ReportContent) -> str:
    links = [("summary", "Summary"), ("departments", "Departments × tactics"), ("trend", "Alignment index over time")]
    links += [(view.code, f"{view.code} · {view.name}") for view in content.tactics]
    links += [("actions", "Action plan"), ("findings", "All findings")]
    items = "".join(f'<li><a href="#{escape(anchor)}">{escape(text)}</a></li>' for anchor, text in links)
    return f'<nav id="contents" aria-label="Contents"><h2>Contents</h2><ol>{items}</ol></nav>'


def _tactic_section(view: TacticView) -> str:
    result = view.result
    parts = [f'<section id="{escape(result.code)}"><h2>{escape(result.code)} · {escape(result.name)}</h2>']
    parts.append(f'<p class="muted"><b>What good looks like:</b> {escape(view.good_looks_like)}</p>')
    if not view.shown:
        parts.append(f'<p class="hidden">{escape(view.missing_sentence)}</p></section>')
        return "".join(parts)
    level = view.level
    gap_style = f' style="background:{level.fill};padding:0 .3rem"' if level else ""
    numbers = [
        ("Score", _fmt(result.score)),
        ("95 % CI", f"{result.ci95[0]:.2f}–{result.ci95[1]:.2f}" if result.ci95 else "–"),
        ("Target", _fmt(result.target)),
        ("Favourable", _fmt(result.favorable_pct, "{:.0f} %")),
        ("Respondents", _fmt(result.n, "{:,}")),
    ]
    cells = "".join(f"<div><span>{escape(label)}</span><b>{escape(value)}</b></div>" for label, value in numbers)
    gap_label = escape(level.label) if level else ""
    cells += f"<div><span>Verdict: {gap_label}</span><b{gap_style}>{escape(distance_words(result.gap))}</b></div>"
    parts.append(f'<div class="numbers">{cells}</div>')
    if view.split_shown:
        parts.append(
            f"<p>IT <b>{_fmt(result.it_score)}</b> · Business <b>{_fmt(result.business_score)}</b> · "
            f"IT − Business <b>{_fmt(result.perception_gap, '{:+.2f}')}</b></p>"
        )
    else:
        parts.append(f'<p class="hidden">IT versus Business: {escape(view.split_reason)}.</p>')
    parts.append(_chart(view))
    parts.append("<h3>Top findings</h3>" + _finding_items(view.findings[:TOP_FINDINGS]))
    parts.append("</section>")
    return "".join(parts)


def _actions_table(content: ReportContent) -> str:
    plan = content.actions
    if plan.empty:
        return '<p class="muted">No actions recorded yet.</p>'
    head = "".join(f"<th>{h}</th>" for h in ("Action", "Owner", "Due", "Tactic", "Status", "Notes"))
    rows = []
    for record in plan.to_dict("records"):
        due = "" if record["due"] != record["due"] or record["due"] is None else record["due"].date().isoformat()
        values = (record["action"], record["owner"], due, record["tactic"] or "general", record["status"], record["notes"])
        cells = [
            f'<td class="date">{escape(str(v))}</td>' if i == 2 else f"<td>{escape(str(v))}</td>" for i, v in enumerate(values)
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _all_findings(content: ReportContent) -> str:
    if not content.findings:
        return '<p class="muted">No findings for this selection.</p>'
    head = "".join(f"<th>{h}</th>" for h in ("Status", "Check", "Title", "Message", "How to fix"))
    rows = [
        "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in (f.status_label, f.check, f.title, f.message, f.fix)) + "</tr>"
        for f in content.findings
    ]
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_html(content: ReportContent) -> bytes:
    notes = "".join(f'<p class="muted">{escape(n)}</p>' for n in content.notes)
    body = [
        f"<h1>{escape(content.title)}</h1>",
        f'<p class="muted">{escape(content.data_label)} · {escape(content.selection)} · {content.created.isoformat()}</p>',
        _contents(content),
        '<section id="summary"><h2>Summary</h2>',
        f'<p class="headline">{escape(content.headline.sentence)}</p>' if content.headline else "",
        f'<p><span class="big">Alignment index {escape(content.index_text)}</span> · maturity '
        f"{escape(content.maturity_text)} · {escape(content.respondents_text)} respondents</p>",
        notes,
        _scores_table(content),
        f'<p class="muted">{escape(LEVELS_NOTE)}</p>',
        "<h3>Top findings</h3>",
        _finding_items(content.top, with_fix=True),
        "</section>",
        _departments_section(content),
        _trend_section(content),
        *(_tactic_section(view) for view in content.tactics),
        '<section id="actions"><h2>Action plan</h2>',
        _actions_table(content),
        "</section>",
        '<section id="findings"><h2>All findings</h2>',
        _all_findings(content),
        "</section>",
    ]
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(content.title)}</title><style>{STYLE}</style></head><body>" + "\n".join(body) + "</body></html>\n"
    )
    return page.encode("utf-8")
