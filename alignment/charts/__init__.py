"""Every chart of the app, the exports and the meeting, in Altair, built from aggregated frames only (never raw
answer rows), in one style (style.py: at least 14 px dark text, colours safe for colour blindness).

- scores: tactics against their targets, IT against the business, the department heatmap, the statements;
- priorities: the importance-performance matrix;
- evidence: the evidence tables' charts on the tactic pages;
- trends: scores, the alignment index and the proactive share over survey rounds;
- comments: recurring themes and the tone of the comments.
"""

from .comments import sentiment_chart, theme_chart
from .evidence import (
    engagement_month_heatmap,
    engagement_recency_chart,
    response_rate_chart,
    rotations_chart,
    share_by_quarter_chart,
    stacked_count_chart,
)
from .priorities import QUADRANT_COLOURS, importance_performance_chart
from .scores import (
    FUNCTION_PICK,
    HEATMAP_PICK,
    department_heatmap,
    item_diverging_chart,
    item_score_chart,
    percent_extent,
    percent_ticks,
    perception_chart,
    tactic_gap_chart,
)
from .style import FONT_SIZE, READABLE_CONFIG, TEXT_COLOUR, gap_band, readable, wrap
from .trends import index_trend_chart, proactive_trend_chart, score_domain, tactic_trend_chart

__all__ = [
    "FONT_SIZE",
    "FUNCTION_PICK",
    "HEATMAP_PICK",
    "QUADRANT_COLOURS",
    "READABLE_CONFIG",
    "TEXT_COLOUR",
    "department_heatmap",
    "engagement_month_heatmap",
    "engagement_recency_chart",
    "gap_band",
    "importance_performance_chart",
    "index_trend_chart",
    "item_diverging_chart",
    "item_score_chart",
    "percent_extent",
    "percent_ticks",
    "perception_chart",
    "proactive_trend_chart",
    "readable",
    "response_rate_chart",
    "rotations_chart",
    "score_domain",
    "sentiment_chart",
    "share_by_quarter_chart",
    "stacked_count_chart",
    "tactic_gap_chart",
    "tactic_trend_chart",
    "theme_chart",
    "wrap",
]
