"""Altair charts as static images for the reports, rendered by vl-convert (no browser, nothing fetched),
with text large and dark enough for a projector."""

from __future__ import annotations

import struct

TEXT_COLOUR = "#1A1A1A"
REPORT_FONT_SIZE = 16
CHART_WIDTH = 560


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


def chart_png(chart, scale: float = 2, font_size: int = REPORT_FONT_SIZE, width: int = CHART_WIDTH) -> bytes:
    import vl_convert

    return vl_convert.vegalite_to_png(report_spec(chart, font_size, width), scale=scale)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG header."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height
