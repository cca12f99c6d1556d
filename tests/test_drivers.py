"""Driver analysis (issue 17, point 11): relative weights against an independent computation, the issue's case
(REL-2 r 0.34 against REL-4 r 0.26: not distinguishable), equally important tactics not told apart in at
least 95 % of seeded surveys, one clearly dominant driver found, the minimum n, and the JSON's priorities."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.drivers import DRIVER_MIN_N, NOT_DISTINGUISHABLE, driver_analysis, relative_weights
from alignment.items import LIKERT_ITEMS


def johnson_by_svd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Johnson's relative weights from the definition, by another route than the library's eigendecomposition:
    Z = U V' is the orthonormal matrix closest to the standardised X = U S V'; regress y on Z (beta) and X on Z
    (lambda); eps_j = sum_k lambda_kj^2 beta_k^2."""
    xs = (x - x.mean(axis=0)) / x.std(axis=0)
    ys = (y - y.mean()) / y.std()
    u, _, vt = np.linalg.svd(xs / np.sqrt(len(x)), full_matrices=False)
    z = u @ vt * np.sqrt(len(x))
    beta = np.linalg.lstsq(z, ys, rcond=None)[0]
    lam = np.linalg.lstsq(z, xs, rcond=None)[0]
    return (lam**2 * (beta**2)[:, None]).sum(axis=0)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 6), st.floats(0.0, 0.8))
def test_relative_weights_match_the_definition_and_add_up_to_r_squared(seed: int, p: int, shared: float) -> None:
    rng = np.random.default_rng(seed)
    x = np.sqrt(shared) * rng.normal(size=(80, 1)) + np.sqrt(1 - shared) * rng.normal(size=(80, p))
    y = x @ rng.uniform(0, 1, p) + rng.normal(size=80)
    weights, r2 = relative_weights(x, y)
    assert weights == pytest.approx(johnson_by_svd(x, y), abs=1e-9)
    design = np.column_stack([np.ones(80), x])
    residual = y - design @ np.linalg.lstsq(design, y, rcond=None)[0]
    assert r2 == pytest.approx(1 - residual.var() / y.var(), abs=1e-9)  # OLS R^2
    assert (weights >= -1e-12).all()


def _survey(seed: int, n: int, coefficients: list[float], shared: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """Six 1-5 scores that go together (a shared factor) and an overall 1-5 answer built from them."""
    rng = np.random.default_rng(seed)
    latent = np.sqrt(shared) * rng.normal(size=(n, 1)) + np.sqrt(1 - shared) * rng.normal(size=(n, len(coefficients)))
    x = np.clip(np.round(3 + latent), 1, 5)
    y = np.clip(np.round(3 + (x - 3) @ np.array(coefficients) + rng.normal(size=n)), 1, 5)
    return x, y


@pytest.mark.parametrize("n", [30, 60, 150])
def test_equally_important_tactics_are_not_told_apart_in_95_percent_of_surveys(n: int) -> None:
    """The issue: with all tactics equally important, six r's spread over 0.22-0.33 at n = 30 and the
    quadrants called some important, some not. Here a survey counts as a false alarm when any of the six is
    put on either side of the crosshair; 200 seeded surveys per size (3.5-5 % when this was written)."""
    alarms = 0
    for seed in range(200):
        x, y = _survey(seed, n, [0.3] * 6)
        drivers = driver_analysis(x, y, list("ABCDEF"), resamples=500)
        alarms += any(drivers.side(j) is not None for j in range(6))
    assert alarms / 200 <= 0.05


def test_one_clearly_dominant_driver_is_identified() -> None:
    found = 0
    for seed in range(40):
        x, y = _survey(seed, 150, [1.0, 0.05, 0.05, 0.05, 0.05, 0.05])
        drivers = driver_analysis(x, y, list("ABCDEF"))
        found += drivers.side(0) is True and all(drivers.side(j) is not True for j in range(1, 6))
    assert found >= 38  # 40 of 40 when this was written


def test_below_the_minimum_nothing_is_computed() -> None:
    x, y = _survey(1, DRIVER_MIN_N - 1, [0.3] * 6)
    assert driver_analysis(x, y, list("ABCDEF")) is None
    x, y = _survey(1, DRIVER_MIN_N, [0.3] * 6)
    assert driver_analysis(x, y, list("ABCDEF")) is not None


# ------------------------------------------------------------------------------------ the issue's case

REL_ITEMS = [item for item in LIKERT_ITEMS if item.tactic == "REL"]


def _issue_survey() -> bytes:
    """60 respondents; the overall statement goes with REL-2 at r 0.34 and with REL-4 at r 0.27 (seed chosen for
    the issue's correlations)."""
    rng = np.random.default_rng(19)
    n = 60
    base = rng.normal(size=(n, 5))
    overall_latent = 0.34 * base[:, 1] + 0.26 * base[:, 3] + 0.2 * base[:, [0, 2, 4]].sum(axis=1) + rng.normal(0, 0.85, n)
    answers = np.clip(np.round(3 + base), 1, 5).astype(int)
    overall = np.clip(np.round(3 + overall_latent), 1, 5).astype(int)
    frame = pd.DataFrame({"respondent_id": [f"r{i}" for i in range(n)], "function": ["IT", "Business"] * (n // 2)})
    frame["department"] = ["Ops", "Sales", "Finance"] * (n // 3)
    for j, item in enumerate(REL_ITEMS):
        frame[item.id] = answers[:, j] if not item.reverse else 6 - answers[:, j]
    frame["OVR-1"] = overall
    return frame.to_csv(index=False).encode()


@pytest.fixture(scope="module")
def issue_dataset() -> Dataset:
    return Dataset.from_file("issue.csv", _issue_survey())


def test_the_issues_case_rel2_and_rel4_are_not_distinguishable(issue_dataset: Dataset) -> None:
    from alignment.priorities import priorities

    scores = issue_dataset.query('SELECT "REL-2", "REL-4", "OVR-1" FROM scores')
    r2, r4 = scores["REL-2"].corr(scores["OVR-1"]), scores["REL-4"].corr(scores["OVR-1"])
    assert round(r2, 2) == 0.34 and round(r4, 2) == 0.27  # the issue's correlations (REL-4 0.26 there)
    result = priorities(issue_dataset, "REL", Settings())
    frame = result["frame"].set_index("item")
    for item in ("REL-2", "REL-4"):
        low, high = frame.loc[item, ["importance_low", "importance_high"]]
        assert low <= result["importance_cross"] <= high
        assert frame.loc[item, "quadrant"] == NOT_DISTINGUISHABLE
    # their intervals overlap: neither is shown to matter more than the other
    assert frame.loc["REL-2", "importance_low"] < frame.loc["REL-4", "importance_high"]
    assert result["n"] is None  # how many answered them all is not published (it counts who skipped, hidden groups too)


def test_analyze_json_carries_priorities_with_intervals(tmp_path) -> None:
    path = tmp_path / "issue.csv"
    path.write_bytes(_issue_survey())
    completed = subprocess.run(
        [sys.executable, "-m", "alignment", "analyze", str(path), "--json"], capture_output=True, text=True, check=True
    )
    priorities = json.loads(completed.stdout)["priorities"]
    assert priorities["source"] == "derived" and "relative weights" in priorities["method"]
    (rel,) = priorities["tactics"]  # only REL was asked
    assert set(rel) == {"tactic", "importance", "interval", "performance", "quadrant"}
    assert rel["tactic"] == "REL" and rel["interval"][0] <= rel["importance"] <= rel["interval"][1]
    assert rel["quadrant"] in {
        "Concentrate here",
        "Keep up the good work",
        "Low priority",
        "Possible overkill",
        NOT_DISTINGUISHABLE,
    }
