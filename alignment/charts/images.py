"""The charts as static images for the reports, rendered by vl-convert (no browser, nothing fetched), in the
charts' style (style.py) with text large enough for a projector and a slide.

A chart for a slide is drawn at the size it is placed (96 px to the inch, scale 1), its text set in pixels
so that it is at least 16 pt there: a picture is never shrunk after its text was sized."""

from __future__ import annotations

import struct

from .style import TEXT_COLOUR

REPORT_FONT_SIZE = 16
CHART_WIDTH = 560
PX_PER_INCH = 96
POINTS_PER_INCH = 72
SLIDE_TEXT_PT = 16  # the smallest text on a slide, charts included
FONT_KEYS = ("fontSize", "labelFontSize", "titleFontSize")


def px_for_pt(points: float) -> float:
    """Pixels at 96 px to the inch for a text of `points` (16 pt = 21.3 px)."""
    return points * PX_PER_INCH / POINTS_PER_INCH


SLIDE_FONT_PX = -(-px_for_pt(SLIDE_TEXT_PT) // 1)  # 22 px, the next whole pixel above 21.3


def projector_config(font_size: int) -> dict:
    text = {"labelFontSize": font_size, "titleFontSize": font_size, "labelColor": TEXT_COLOUR, "titleColor": TEXT_COLOUR}
    return {
        "axis": text,
        "legend": text,
        "title": {"fontSize": font_size + 2, "color": TEXT_COLOUR},
        "text": {"fontSize": font_size - 2, "color": TEXT_COLOUR},
        "background": "white",
    }


def report_spec(chart, font_size: int = REPORT_FONT_SIZE, width: int = CHART_WIDTH) -> dict:
    """The chart's Vega-Lite spec at a fixed width (unless it sets its own), its text at font_size and dark where
    the chart does not set them itself (its rows are spaced for its own text)."""
    spec = chart.to_dict()
    spec.setdefault("width", width)
    config = spec.setdefault("config", {})
    for part, values in projector_config(font_size).items():
        if isinstance(values, dict):
            config[part] = values | config.get(part, {})
        else:
            config.setdefault(part, values)
    return spec


def _raise_fonts(node, minimum: float) -> None:
    """Every font size in the spec (config, marks, axes, legends) raised to at least `minimum` px."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FONT_KEYS and isinstance(value, (int, float)):
                node[key] = max(value, minimum)
            elif key != "datasets":
                _raise_fonts(value, minimum)
    elif isinstance(node, list):
        for value in node:
            _raise_fonts(value, minimum)


def placed_spec(chart, width_in: float, height_in: float, font_px: float = SLIDE_FONT_PX) -> dict:
    """The chart's spec drawn whole (labels, legend and padding included) in width_in × height_in inches at
    96 px to the inch, every text at least font_px pixels."""
    spec = chart.to_dict()
    config = spec.setdefault("config", {})
    for part in ("axis", "legend"):
        config[part] = config.get(part, {}) | {"labelFontSize": font_px, "titleFontSize": font_px}
        config[part].pop("labelLineHeight", None)  # lines spaced for the larger text
    config["title"] = config.get("title", {}) | {"fontSize": font_px + 2}
    config["text"] = config.get("text", {}) | {"fontSize": font_px}
    config.setdefault("background", "white")
    _raise_fonts(spec, font_px)
    spec["width"], spec["height"] = round(width_in * PX_PER_INCH), round(height_in * PX_PER_INCH)
    spec["autosize"] = {"type": "fit", "contains": "padding"}
    return spec


def placed_png(chart, width_in: float, height_in: float, font_px: float = SLIDE_FONT_PX) -> bytes:
    """A PNG of the chart to be placed width_in × height_in inches (scale 1: one pixel per 1/96 inch)."""
    import vl_convert

    return vl_convert.vegalite_to_png(placed_spec(chart, width_in, height_in, font_px), scale=1)


def chart_png(chart, scale: float = 2, font_size: int = REPORT_FONT_SIZE, width: int = CHART_WIDTH) -> bytes:
    import vl_convert

    return vl_convert.vegalite_to_png(report_spec(chart, font_size, width), scale=scale)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG header."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height
