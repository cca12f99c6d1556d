"""The charts' one style, for a projector: colours safe for colour blindness (Okabe-Ito, PuOr), text at least
14 px and dark, long labels wrapped onto lines (never cut with "…"); every chart leaves through `readable`."""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable

import altair as alt
import pandas as pd

from ..gap_levels import GAP_LEVELS, gap_level
from ..tactics import TACTIC_CODES, TACTICS_BY_CODE

# Altair checks every piece of a chart against the Vega-Lite schema as the piece is made (its "debug mode"), which
# made the charts most of a page's first run. These charts are fixed code: the tests validate each one whole
# (tests/test_charts_readable.py, chart.to_dict()) and the report images validate what they draw.
alt.utils.schemapi.disable_debug_mode()

IT_COLOUR = "#0072B2"


BUSINESS_COLOUR = "#E69F00"


SCORE_COLOUR = "#0072B2"


TARGET_COLOUR = "#000000"


HIDDEN_COLOUR = "#D0D0D0"


TEXT_COLOUR = "#1A1A1A"


FONT_SIZE = 14  # the smallest text on any chart


TITLE_FONT_SIZE = 16


LINE_HEIGHT = 18  # one line of a wrapped label


LEVEL_NAMES = ("Strongly unfavourable", "Unfavourable", "Neutral", "Favourable", "Strongly favourable")


LEVEL_COLOURS = ("#b35806", "#f1a340", "#d9d9d9", "#998ec3", "#542788")


SCALE_DOMAIN = (1, 5)


SCALE_AXIS = alt.Axis(values=[1, 2, 3, 4, 5], format="d")


COUNT_AXIS = {"tickMinStep": 1, "format": "d"}  # counts: whole-number ticks only


TACTIC_ORDER = [TACTICS_BY_CODE[c].name for c in TACTIC_CODES]


DARK_CELL_FROM = 0.7  # share of the way from the heatmap's pale midpoint to its end where text turns white


HEATMAP_SCHEME = "blueorange"  # reversed: below target orange, above target blue, the target itself pale


WRAPPED_LABELS = "split(datum.label, '\\n')"  # an axis label holding line breaks, drawn as lines


READABLE_CONFIG = {
    "axis": {
        "labelFontSize": FONT_SIZE,
        "titleFontSize": FONT_SIZE,
        "labelColor": TEXT_COLOUR,
        "titleColor": TEXT_COLOUR,
        "titleFontWeight": "normal",
        "labelLimit": 0,  # 0 = no limit: labels are wrapped, never cut
        "labelLineHeight": LINE_HEIGHT,
    },
    "legend": {
        "labelFontSize": FONT_SIZE,
        "titleFontSize": FONT_SIZE,
        "labelColor": TEXT_COLOUR,
        "titleColor": TEXT_COLOUR,
        "labelLimit": 0,
    },
    "title": {"fontSize": TITLE_FONT_SIZE, "color": TEXT_COLOUR},
    "text": {"fontSize": FONT_SIZE, "color": TEXT_COLOUR},
    "view": {"strokeWidth": 0},
}


def readable(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """A copy of the chart with the projector text settings (READABLE_CONFIG) as its config."""
    styled = chart.copy()
    styled.config = alt.Config(**READABLE_CONFIG)
    return styled


def layered(data: pd.DataFrame, *charts: alt.Chart) -> alt.LayerChart:
    """The charts (made without data) drawn over each other from one table, given once to the layer: the spec Altair
    makes of layers that share a table, without its check that they share it (it formats the whole table as text
    once per layer, most of a heatmap's build time)."""
    return alt.layer(*charts, data=data)


def readable_chart(build: Callable[..., alt.TopLevelMixin]) -> Callable[..., alt.TopLevelMixin]:
    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        return readable(build(*args, **kwargs))

    return wrapper


def wrap(text: str, width: int) -> str:
    """A long label on lines of at most `width` characters (a word longer than that keeps its own line)."""
    return "\n".join(textwrap.wrap(str(text), width, break_long_words=False, break_on_hyphens=False)) or str(text)


def row_step(labels: pd.Series, minimum: int) -> alt.Step:
    """Row height for wrapped labels: every line of the tallest label fits."""
    lines = max((str(label).count("\n") + 1 for label in labels), default=1)
    return alt.Step(max(minimum, lines * LINE_HEIGHT + 12))


def wrapped_axis(**kwargs) -> alt.Axis:
    return alt.Axis(labelExpr=WRAPPED_LABELS, **kwargs)


OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def gap_band(key: str | None) -> str:
    """A tactic's gap level (TacticResult.gap_level, decided with the scores) as its words."""
    level = gap_level(key)
    return "no score" if level is None else level.label


def gap_colour() -> alt.Color:
    return alt.Color(
        "band:N",
        title=None,
        scale=alt.Scale(domain=[level.label for level in GAP_LEVELS], range=[level.colour for level in GAP_LEVELS]),
        legend=alt.Legend(orient="top", columns=2),
    )


def function_colour() -> alt.Color:
    return alt.Color(
        "function:N",
        title="Function",
        scale=alt.Scale(domain=["IT", "Business"], range=[IT_COLOUR, BUSINESS_COLOUR]),
        legend=alt.Legend(orient="top"),
    )
