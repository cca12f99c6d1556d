"""Importance-performance matrices (priorities): which tactics, and which statements of a tactic, to work on
first. Importance is stated (the optional importance questions) or derived by driver analysis (alignment.drivers)
from the disclosure layer's published selections only; a point whose importance interval straddles the
crosshair is "not distinguishable" rather than put in a quadrant."""

from __future__ import annotations

import pandas as pd

from .analysis import interval, scores
from .config import Settings
from .dataset import Dataset
from .disclosure import disclosure
from .drivers import DRIVER_MIN_N, NOT_DISTINGUISHABLE, Drivers
from .drivers import METHOD as DRIVER_METHOD
from .items import OVERALL_ITEM_ID
from .offered import STATED_IMPORTANCE_MIN_N, stated_importance
from .selection import EVERYONE, Selection
from .selection_stats import derived_importance, derived_tactic_importance
from .tables import item_scores

QUADRANTS = {
    (True, False): "Concentrate here",  # important, performing below the crosshair
    (True, True): "Keep up the good work",
    (False, False): "Low priority",
    (False, True): "Possible overkill",
}
SCALE_MIDPOINT = 3.0
_MATRIX_COLUMNS = ["item", "text", "item_mean", "item_n", "importance", "importance_low", "importance_high"]


def priorities(
    dataset: Dataset, tactic: str, settings: Settings, selection: Selection = EVERYONE, crosshairs: str = "mean"
) -> dict:
    """An importance-performance matrix for a tactic's statements: performance = the statement's mean, importance
    = its relative weight in the overall statement (driver analysis, alignment.drivers: Johnson's relative weights
    with simultaneous bootstrap intervals). The importance crosshair is the equal share of what the statements
    explain; the performance crosshair the data mean ("mean") or the scale midpoint ("midpoint"). A statement
    whose importance interval straddles the crosshair is "not distinguishable", not put in a quadrant."""
    items = item_scores(dataset, tactic, settings, selection)
    items = items[~items["hidden"]][["item", "text", "item_mean", "item_n"]]
    drivers = derived_importance(disclosure(dataset, settings.min_group_size), dataset, tactic, OVERALL_ITEM_ID, selection)
    return _derived_matrix(items, drivers, crosshairs)


def _derived_matrix(items: pd.DataFrame, drivers: Drivers | None, crosshairs: str) -> dict:
    if drivers is None:
        empty = pd.DataFrame(columns=[*_MATRIX_COLUMNS, "quadrant"])
        return {"frame": empty, "importance_cross": None, "performance_cross": None, "method": "derived", "n": None}
    weights = pd.DataFrame(
        {"item": drivers.names, "importance": drivers.weights, "importance_low": drivers.low, "importance_high": drivers.high}
    )
    frame = items.merge(weights, on="item", how="inner").reset_index(drop=True)[_MATRIX_COLUMNS]
    result = _matrix(frame, "derived", crosshairs, drivers.cross)
    # no count of the respondents who answered them all: it counts who skipped, also in groups the gate hides
    return {**result, "n": None, "r_squared": drivers.r_squared}


def _matrix(frame: pd.DataFrame, method: str, crosshairs: str, importance_cross: float | None = None) -> dict:
    """An importance-performance matrix of `frame` (importance with its interval, item_mean): its crosshairs
    (importance: the given one, else the data mean or the scale midpoint 3; performance: the data mean or 3), and
    each point's quadrant, or NOT_DISTINGUISHABLE when its importance interval straddles the importance crosshair."""
    if frame.empty:
        return {"frame": frame, "importance_cross": None, "performance_cross": None, "method": method}
    if crosshairs == "midpoint":
        performance_cross = SCALE_MIDPOINT
        importance_cross = SCALE_MIDPOINT if importance_cross is None else importance_cross
    else:
        performance_cross = float(frame["item_mean"].mean())
        importance_cross = float(frame["importance"].mean()) if importance_cross is None else importance_cross
    frame["quadrant"] = [
        NOT_DISTINGUISHABLE if low <= importance_cross <= high else QUADRANTS[(low > importance_cross, p >= performance_cross)]
        for low, high, p in zip(frame["importance_low"], frame["importance_high"], frame["item_mean"], strict=True)
    ]
    return {"frame": frame, "importance_cross": importance_cross, "performance_cross": performance_cross, "method": method}


def tactic_priorities(dataset: Dataset, settings: Settings, selection: Selection = EVERYONE, crosshairs: str = "mean") -> dict:
    """The six tactics in an importance-performance matrix: performance = the tactic's score; importance =
    stated (the mean answer to the tactic's optional importance question, 1-5, with its 95 % interval) when every
    scored tactic has at least STATED_IMPORTANCE_MIN_N published answers to it, otherwise derived (driver
    analysis of the overall statement on the tactic scores, as `priorities`). A tactic whose importance interval
    straddles the importance crosshair is "not distinguishable"."""
    published = disclosure(dataset, settings.min_group_size)
    analysis = scores(dataset, settings, selection)
    scored = [t for t in analysis.tactics if t.score is not None]
    items = pd.DataFrame(
        [{"item": t.code, "text": t.name, "item_mean": t.score, "item_n": t.n} for t in scored],
        columns=["item", "text", "item_mean", "item_n"],
    )
    stated = stated_importance(published, selection)  # the rule the audit list follows too
    if stated is not None:
        intervals = {code: interval(f) for code, f in stated.items()}
        frame = items.assign(  # to 2 decimals, as the chart shows them: only shown values leave the library
            importance=[round(stated[c].mean, 2) for c in items["item"]],
            importance_low=[round(intervals[c][0], 2) for c in items["item"]],
            importance_high=[round(intervals[c][1], 2) for c in items["item"]],
        )[_MATRIX_COLUMNS]
        return {**_matrix(frame, "stated", crosshairs), "n": min(f.n for f in stated.values())}
    drivers = derived_tactic_importance(published, dataset, OVERALL_ITEM_ID, selection)
    return _derived_matrix(items, drivers, crosshairs)


def priorities_json(matrix: dict) -> dict:
    """The tactics' priorities as `analyze --json` gives them: where importance comes from, the crosshairs, and
    per tactic its importance, interval, performance (score) and quadrant (or "not distinguishable")."""
    frame = matrix["frame"]
    source = {"stated": "stated: the mean answer to the tactic's importance question", "derived": DRIVER_METHOD}
    return {
        "source": matrix["method"] if len(frame) else None,
        "method": source[matrix["method"]] if len(frame) else None,
        "n": matrix.get("n"),
        "min_n": DRIVER_MIN_N if matrix["method"] == "derived" else STATED_IMPORTANCE_MIN_N,
        "importance_cross": None if matrix["importance_cross"] is None else round(matrix["importance_cross"], 3),
        "performance_cross": None if matrix["performance_cross"] is None else round(matrix["performance_cross"], 2),
        "tactics": [
            {
                "tactic": row.item,
                "importance": round(float(row.importance), 3),
                "interval": [round(float(row.importance_low), 3), round(float(row.importance_high), 3)],
                "performance": round(float(row.item_mean), 2),
                "quadrant": row.quadrant,
            }
            for row in frame.itertuples(index=False)
        ],
    }
