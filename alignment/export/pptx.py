"""The report as a PowerPoint deck (python-pptx, 16:9): a title slide, a summary, the department heatmap, the
trend of the alignment index, one slide per tactic with its chart as an image, and the action plan. Text is 16 pt
or more, for a projector, in the charts too: each is drawn at the size it is placed."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from .. import charts
from ..charts.images import PX_PER_INCH, placed_png, png_size
from ..gap_levels import distance_words
from ..tables import hidden_departments
from .content import ReportContent, TacticView

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_ONLY_LAYOUT = 5
TITLE_SIZE, BODY_SIZE, SMALL_SIZE = Pt(32), Pt(20), Pt(16)
DARK = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x44, 0x44, 0x44)
HEADER_FILL = RGBColor(0x1F, 0x3B, 0x57)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
ACTIONS_PER_SLIDE = 8
FINDINGS_PER_TACTIC = 2
FINDINGS_CHARACTERS = 600  # about what 16 pt text fills beside the chart
SUMMARY_FINDINGS = 3
LEFT_WIDTH = Inches(5.3)  # the findings, beside the chart


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _slide(deck, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, Inches(0.3), SLIDE_WIDTH - 2 * MARGIN, Inches(1.0)
    shape.text = title
    paragraph = shape.text_frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    paragraph.runs[0].font.size = TITLE_SIZE
    paragraph.runs[0].font.bold = True
    paragraph.runs[0].font.color.rgb = DARK
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    return slide


def _text_box(slide, left, top, width, height, lines: list, size=BODY_SIZE):
    """A box of paragraphs; a line is text, or (text, colour, bold) runs joined in one paragraph."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(6)
        runs = [(line, None, False)] if isinstance(line, str) else line
        for text, colour, bold in runs:
            run = paragraph.add_run()
            run.text = text
            run.font.size = size
            run.font.bold = bold
            run.font.color.rgb = colour or DARK
    return box


def _chart_picture(slide, chart, left, top, width, height) -> None:
    """The chart drawn at the size of its box and placed at that size: one pixel per 1/96 inch."""
    png = placed_png(chart, width / Inches(1), height / Inches(1))
    pixels_wide, pixels_high = png_size(png)
    emu_per_pixel = Inches(1) / PX_PER_INCH
    slide.shapes.add_picture(
        io.BytesIO(png), left, top, Emu(round(pixels_wide * emu_per_pixel)), Emu(round(pixels_high * emu_per_pixel))
    )


def _gap_runs(view: TacticView) -> list:
    result = view.result
    level = view.level
    colour = _rgb(level.colour) if level else DARK
    label = f" ({level.label})" if level else ""
    return [(f"{distance_words(result.gap)}{label}", colour, True)]


def _title_slide(deck, content: ReportContent) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = content.title
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(40)
    subtitle = slide.placeholders[1]
    subtitle.text = f"{content.data_label}\n{content.selection}\n{content.created.isoformat()}"
    for paragraph in subtitle.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = BODY_SIZE
            run.font.color.rgb = MUTED
    for shape in (slide.shapes.title, subtitle):
        shape.left, shape.width = MARGIN, SLIDE_WIDTH - 2 * MARGIN
    slide.shapes.title.top, slide.shapes.title.height = Inches(2.0), Inches(1.6)
    subtitle.top, subtitle.height = Inches(3.8), Inches(2.0)


def _summary_slide(deck, content: ReportContent) -> None:
    slide = _slide(deck, "Summary")
    headline = [content.headline.sentence] if content.headline else []
    _speaker_notes(slide, [*headline, content.selection, *content.notes, *_finding_notes(content.top)])
    _text_box(
        slide,
        MARGIN,
        Inches(1.4),
        Inches(4.2),
        Inches(2.4),
        [
            [("Alignment index ", None, False), (content.index_text, None, True)],
            [("Maturity ", None, False), (content.maturity_text, None, True)],
            [("Respondents ", None, False), (content.respondents_text, None, True)],
            [(content.selection, MUTED, False)],
        ],
    )
    if content.headline is not None:  # the answer, under the numbers, across the slide
        _text_box(slide, MARGIN, Inches(4.9), Inches(12.3), Inches(2.2), [[(content.headline.sentence, DARK, True)]])
    rows = len(content.tactics) + 1
    table = slide.shapes.add_table(rows, 4, Inches(5.0), Inches(1.4), Inches(7.8), Inches(0.45) * rows).table
    for column, (header, width) in enumerate((("Tactic", 3.9), ("Score", 1.0), ("Target", 1.0), ("Distance", 1.9))):
        table.columns[column].width = Inches(width)
        _cell(table.cell(0, column), header, SMALL_SIZE, bold=True, colour=WHITE, fill=HEADER_FILL)
    for row, view in enumerate(content.tactics, start=1):
        result = view.result
        _cell(table.cell(row, 0), f"{result.code} · {result.name}", SMALL_SIZE)
        if view.shown:
            _cell(table.cell(row, 1), f"{result.score:.2f}", SMALL_SIZE)
            _cell(table.cell(row, 2), f"{result.target:.2f}", SMALL_SIZE)
            level = view.level
            _cell(table.cell(row, 3), distance_words(result.gap), SMALL_SIZE, bold=True, fill=_rgb(level.fill) if level else None)
        else:
            _cell(table.cell(row, 1), view.hidden_reason, SMALL_SIZE)
            table.cell(row, 1).merge(table.cell(row, 3))
    lines: list = [[("Top findings", None, True)]]
    for line in content.top[:SUMMARY_FINDINGS]:
        lines.append([(f"{line.status_label}: {line.title}. ", None, True), (line.message, None, False)])
    if len(lines) == 1:
        lines.append("No check failed or warned for this selection.")
    _text_box(slide, MARGIN, Inches(4.9), SLIDE_WIDTH - 2 * MARGIN, Inches(2.4), lines, SMALL_SIZE)


def _cell(cell, text: str, size, bold: bool = False, colour=None, fill=None) -> None:
    cell.text = text
    paragraph = cell.text_frame.paragraphs[0]
    run = paragraph.runs[0] if paragraph.runs else paragraph.add_run()
    run.font.size, run.font.bold = size, bold
    run.font.color.rgb = colour or DARK
    if fill is not None:
        cell.fill.solid()
        cell.fill.fore_color.rgb = fill
    elif colour is None:
        cell.fill.solid()
        cell.fill.fore_color.rgb = WHITE


def _speaker_notes(slide, lines: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n\n".join(lines)


def _finding_notes(findings) -> list[str]:
    return [f"{f.status_label}: {f.title} ({f.check}). {f.message} How to fix: {f.fix}" for f in findings]


def _tactic_slide(deck, content: ReportContent, view: TacticView) -> None:
    result = view.result
    slide = _slide(deck, f"{result.code} · {result.name}")
    statements = [] if view.items is None else [f"{row.item}: {row.text}" for row in view.items.itertuples()]
    _speaker_notes(slide, [f"What good looks like: {view.good_looks_like}", *statements, *_finding_notes(view.findings)])
    if not view.shown:
        _text_box(
            slide,
            MARGIN,
            Inches(1.5),
            SLIDE_WIDTH - 2 * MARGIN,
            Inches(2),
            [view.missing_sentence, [(f"What good looks like: {view.good_looks_like}", MUTED, False)]],
        )
        return
    ci = f"95 % CI {result.ci95[0]:.2f}–{result.ci95[1]:.2f}" if result.ci95 else "interval needs 2 or more respondents"
    favourable = f"{result.favorable_pct:.0f} %" if result.favorable_pct is not None else "–"
    numbers: list = [
        [
            ("Score ", None, False),
            (f"{result.score:.2f}", None, True),
            (f"  {ci}", MUTED, False),
            ("     Favourable ", None, False),
            (favourable, None, True),
            ("     Respondents ", None, False),
            (f"{result.n:,}", None, True),
        ],
        [("Target ", None, False), (f"{result.target:.2f}", None, True), ("     ", None, False), *_gap_runs(view)],
    ]
    if view.split_shown:
        numbers.append(
            [
                ("IT ", None, False),
                (f"{result.it_score:.2f}", None, True),
                ("     Business ", None, False),
                (f"{result.business_score:.2f}", None, True),
                ("     IT − Business ", None, False),
                (f"{result.perception_gap:+.2f}", None, True),
            ]
        )
    else:
        numbers.append([(f"IT versus Business: {view.split_reason}", MUTED, False)])
    _text_box(slide, MARGIN, Inches(1.25), SLIDE_WIDTH - 2 * MARGIN, Inches(1.4), numbers)
    lines: list = []
    used, shown = 0, 0
    for line in view.findings[:FINDINGS_PER_TACTIC]:
        used += len(line.title) + len(line.message) + len(line.fix) + 30
        if shown and used > FINDINGS_CHARACTERS:
            break
        lines.append([(f"{line.status_label}: {line.title}. ", None, True), (line.message, None, False)])
        lines.append([("How to fix: ", None, True), (line.fix, MUTED, False)])
        shown += 1
    if len(view.findings) > shown:
        more = len(view.findings) - shown
        lines.append([(f"{more} more failed or warned: see the workbook or the web page.", MUTED, False)])
    if not lines:
        lines.append([("No check of this tactic failed or warned.", MUTED, False)])
    _text_box(slide, MARGIN, Inches(2.8), LEFT_WIDTH, Inches(4.5), lines, SMALL_SIZE)
    if view.items is not None:  # statement ids on the slide, their words in the speaker notes
        chart = charts.item_score_chart(view.items, result.target, short_labels=True)
        left = MARGIN + LEFT_WIDTH + Inches(0.2)
        _chart_picture(slide, chart, left, Inches(2.8), SLIDE_WIDTH - MARGIN - left, Inches(4.5))


def _heatmap_slide(deck, content: ReportContent) -> None:
    slide = _slide(deck, "Departments × tactics")
    grid = content.departments
    reasons = hidden_departments(grid) if grid is not None else {}
    note = "Grey cells are hidden, each saying why; no slide shows a group too small to show."
    if reasons:
        note = "Grey cells are hidden: " + "; ".join(f"{d}: {r}" for d, r in reasons.items()) + "."
    _speaker_notes(slide, [note])
    chart = content.heatmap
    if chart is None:
        _message(slide, "No department's scores can be shown in this selection.")
        return
    _caption(slide, note)
    _chart_picture(slide, chart, MARGIN, Inches(1.8), SLIDE_WIDTH - 2 * MARGIN, Inches(5.5))


def _message(slide, text: str, height=None) -> None:
    """A sentence across the slide, in place of what cannot be shown."""
    _text_box(slide, MARGIN, Inches(1.5), SLIDE_WIDTH - 2 * MARGIN, height or Inches(1.5), [text])


def _caption(slide, text: str) -> None:
    """A muted line under the title, over a chart."""
    _text_box(slide, MARGIN, Inches(1.2), SLIDE_WIDTH - 2 * MARGIN, Inches(0.5), [[(text, MUTED, False)]], SMALL_SIZE)


def _trend_slide(deck, content: ReportContent) -> None:
    slide = _slide(deck, "Alignment index over time")
    chart = content.trend_chart
    if chart is None:
        _message(slide, content.trend_message, Inches(3))
        return
    _caption(slide, f"Per survey period; dashed: the index at the targets ({content.target_index:.0f}).")
    _chart_picture(slide, chart, MARGIN, Inches(1.8), SLIDE_WIDTH - 2 * MARGIN, Inches(5.4))


ACTION_HEADERS = (("Action", 5.6), ("Owner", 2.2), ("Due", 1.6), ("Tactic", 1.1), ("Status", 1.8))


def _action_slides(deck, content: ReportContent) -> None:
    plan = content.actions
    pages = max(1, -(-len(plan) // ACTIONS_PER_SLIDE))
    for page in range(pages):
        title = "Action plan" if pages == 1 else f"Action plan ({page + 1} of {pages})"
        slide = _slide(deck, title)
        chunk = plan.iloc[page * ACTIONS_PER_SLIDE : (page + 1) * ACTIONS_PER_SLIDE]
        if chunk.empty:
            _message(slide, "No actions recorded yet: agree what will be done, by whom and by when.")
            continue
        table = slide.shapes.add_table(len(chunk) + 1, len(ACTION_HEADERS), MARGIN, Inches(1.4), Inches(12.3), Inches(0.5)).table
        for column, (header, width) in enumerate(ACTION_HEADERS):
            table.columns[column].width = Inches(width)
            _cell(table.cell(0, column), header, SMALL_SIZE, bold=True, colour=WHITE, fill=HEADER_FILL)
        for row, record in enumerate(chunk.to_dict("records"), start=1):
            due = "" if record["due"] is None or record["due"] != record["due"] else record["due"].date().isoformat()
            values = (record["action"], record["owner"], due, record["tactic"] or "general", record["status"])
            for column, value in enumerate(values):
                _cell(table.cell(row, column), str(value), SMALL_SIZE)


def render_pptx(content: ReportContent) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    _title_slide(deck, content)
    _summary_slide(deck, content)
    _heatmap_slide(deck, content)
    _trend_slide(deck, content)
    for view in content.tactics:
        _tactic_slide(deck, content, view)
    _action_slides(deck, content)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
