"""The committed sample, scored independently with plain pandas and compared with the library.

Only data is taken from the library (which items exist, their tactic, which are reverse-coded);
the label mapping, reversal, respondent means, CI and index are recomputed here.
"""

from __future__ import annotations

import importlib.util
import io
import math
from pathlib import Path

import by_hand
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from alignment.analysis import analyze
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.items import LIKERT_ITEMS
from alignment.selection import Selection
from alignment.tables import department_scores

ROOT = Path(__file__).resolve().parents[1]
CSV_PATH = ROOT / "sample_data" / "responses.csv"
TACTICS = ["REL", "TRU", "MET", "ROT", "ASM", "SRV"]
LABELS = {"Strongly disagree": 1, "Disagree": 2, "Neither agree nor disagree": 3, "Agree": 4, "Strongly agree": 5}
NUMBERS = {str(v): v for v in range(1, 6)}
MISSING = {"N/A", ""}
REVERSED = {item.id for item in LIKERT_ITEMS if item.reverse}
TACTIC_OF = {item.id: item.tactic for item in LIKERT_ITEMS}


def _read_raw() -> pd.DataFrame:
    return pd.read_csv(CSV_PATH, dtype=str, keep_default_na=False)


def _scores(raw: pd.DataFrame) -> pd.DataFrame:
    """One column per Likert item id, values 1-5 after reversal, NaN for no answer."""
    columns = {}
    for header in raw.columns:
        item_id = header.split(" ", 1)[0]
        if item_id not in TACTIC_OF:
            continue
        values = raw[header].map(lambda v: np.nan if v in MISSING else LABELS.get(v, NUMBERS.get(v)))
        assert values.notna().sum() + raw[header].isin(MISSING).sum() == len(raw), f"unexpected value in {item_id}"
        values = values.astype(float)
        columns[item_id] = 6 - values if item_id in REVERSED else values
    return pd.DataFrame(columns)


def expected_results(raw: pd.DataFrame, rows: pd.Series | None = None) -> dict:
    """The results of the chosen rows (all by default); respondents' tactic means as by_hand.tactic_means, whose
    statement means are over the whole file."""
    scores = _scores(raw)
    tactics = {}
    for code in TACTICS:
        block = scores[[c for c in scores.columns if TACTIC_OF[c] == code]]
        means = by_hand.tactic_means(scores, list(block.columns))  # respondent tactic means
        if rows is not None:
            means, block = means[rows], block[rows]
        answered = means.notna()
        means = means[answered]
        n = len(means)
        score = means.mean()
        # the documented interval: a t-interval whose variance is at least 0.04 (m - 1)(5 - m), kept inside 1-5
        m = min(max(score, 1 + 0.5 / n), 5 - 0.5 / n)
        variance = max(means.var(ddof=1), 0.04 * (m - 1) * (5 - m))
        low, high = stats.t.interval(0.95, n - 1, loc=score, scale=math.sqrt(variance / n))
        functions = raw.loc[answered[answered].index, "function"]
        answers = block[answered].stack()  # stack drops NaN: every scored answer of those counted
        it_score = means[functions == "IT"].mean()
        business_score = means[functions == "Business"].mean()
        tactics[code] = {
            "n": n,
            "score": score,
            "ci95": [max(1.0, low), min(5.0, high)],
            "it_score": it_score,
            "business_score": business_score,
            "perception_gap": it_score - business_score,
            "favorable_pct": 100.0 * (answers >= 4).sum() / len(answers),
        }
    index = sum((t["score"] - 1) / 4 * 100 for t in tactics.values()) / len(tactics)
    return {"tactics": tactics, "alignment_index": index}


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return _read_raw()


@pytest.fixture(scope="module")
def expected(raw: pd.DataFrame) -> dict:
    return expected_results(raw)


@pytest.fixture(scope="module")
def csv_dataset(sample_csv_bytes: bytes) -> Dataset:
    return Dataset.from_file("responses.csv", sample_csv_bytes)


@pytest.fixture(scope="module")
def xlsx_dataset(sample_xlsx_bytes: bytes) -> Dataset:
    return Dataset.from_file("alignment_sample.xlsx", sample_xlsx_bytes)


@pytest.mark.parametrize("which", ["csv_dataset", "xlsx_dataset"])
def test_library_matches_independent_scoring(request: pytest.FixtureRequest, expected: dict, which: str) -> None:
    analysis = analyze(request.getfixturevalue(which))
    assert analysis.respondents == 240
    for code in TACTICS:
        got, want = analysis.tactic(code), expected["tactics"][code]
        assert got.n == want["n"], code
        assert got.score == pytest.approx(want["score"], abs=0.0051), code
        assert got.ci95 == pytest.approx(want["ci95"], abs=0.0051), code
        assert got.gap == pytest.approx(4.0 - want["score"], abs=0.0051), code
        assert got.it_score == pytest.approx(want["it_score"], abs=0.0051), code
        assert got.business_score == pytest.approx(want["business_score"], abs=0.0051), code
        assert got.perception_gap == pytest.approx(want["perception_gap"], abs=0.0051), code
        assert got.favorable_pct == pytest.approx(want["favorable_pct"], abs=0.5), code
    assert analysis.alignment_index == pytest.approx(expected["alignment_index"], abs=0.5)


def test_period_scores_match_independent_scoring(raw: pd.DataFrame, csv_dataset: Dataset) -> None:
    for period in ("2025-Q4", "2026-Q3"):
        subset = raw[raw["period"] == period]
        want = expected_results(raw, raw["period"] == period)
        got = analyze(csv_dataset, None, Selection(period=period))
        assert got.respondents == len(subset)
        for code in TACTICS:
            assert got.tactic(code).score == pytest.approx(want["tactics"][code]["score"], abs=0.0051)
            assert got.tactic(code).n == want["tactics"][code]["n"]
        assert got.alignment_index == pytest.approx(want["alignment_index"], abs=0.5)


# ----------------------------------------------------------------------------- the story


def test_business_rates_relationships_and_trust_lower(expected: dict, csv_dataset: Dataset) -> None:
    analysis = analyze(csv_dataset)
    for code in ("REL", "TRU"):
        want = expected["tactics"][code]
        assert want["it_score"] - want["business_score"] >= 0.3, code
        assert analysis.tactic(code).perception_gap >= 0.3, code


def test_rotation_is_the_weakest_tactic(expected: dict, csv_dataset: Dataset) -> None:
    assert min(TACTICS, key=lambda c: expected["tactics"][c]["score"]) == "ROT"
    analysis = analyze(csv_dataset)
    assert min(analysis.tactics, key=lambda t: t.score).code == "ROT"


def test_alignment_improves_over_the_periods(csv_dataset: Dataset) -> None:
    periods = csv_dataset.periods()
    assert periods == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    index = [analyze(csv_dataset, None, Selection(period=p)).alignment_index for p in periods]
    assert index[0] < index[-1]


def test_sample_shape(raw: pd.DataFrame, csv_dataset: Dataset) -> None:
    assert len(raw) == 240 and raw["respondent_id"].is_unique
    assert raw["department"].nunique() == 8
    assert raw["period"].nunique() == 4
    respondents = csv_dataset.query("SELECT * FROM respondents")
    assert len(respondents) == 240
    assert respondents["department"].nunique() == 8
    assert sorted(respondents["period"].unique()) == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]


def test_legal_is_too_small_and_hidden(raw: pd.DataFrame, csv_dataset: Dataset) -> None:
    assert (raw["department"] == "Legal").sum() < 5
    grid = department_scores(csv_dataset, Settings())
    legal = grid[grid["department"] == "Legal"]
    assert len(legal) == len(TACTICS)
    assert legal["department_hidden"].all()
    assert legal["score"].isna().all()
    assert (legal["label"] == "hidden: fewer than 5 responses").all()
    # large departments stay visible
    sales = grid[grid["department"] == "Sales"]
    assert not sales["hidden"].any() and sales["score"].notna().all()


def test_generator_reproduces_the_committed_csv(raw: pd.DataFrame) -> None:
    spec = importlib.util.spec_from_file_location("sample_generate", ROOT / "sample_data" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    regenerated = pd.read_csv(io.StringIO(module.generate_responses().to_csv(index=False)), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(regenerated, raw)


def test_reliability_matches_independent_alpha(raw: pd.DataFrame, csv_dataset: Dataset) -> None:
    # Cronbach's alpha from pairwise-complete covariances (pandas' cov), by its formula, with Feldt's interval
    scores = _scores(raw)
    analysis = analyze(csv_dataset)
    for code in TACTICS:
        block = scores[[c for c in scores.columns if TACTIC_OF[c] == code]]
        k = block.shape[1]
        covariance = block.cov()
        alpha = k / (k - 1) * (1 - np.trace(covariance) / covariance.to_numpy().sum())
        pairs = min((block[a].notna() & block[b].notna()).sum() for a in block for b in block)
        reliability = analysis.tactic(code).reliability
        # the interval uses the pairwise n, but n is published only when it equals the tactic's respondents (else it
        # would tell who skipped); on the sample someone skips in every tactic
        assert pairs < analysis.tactic(code).n and "n" not in reliability, code
        assert reliability["alpha"] == pytest.approx(alpha, abs=0.0051), code
        feldt = [1 - (1 - alpha) * stats.f.ppf(q, pairs - 1, (pairs - 1) * (k - 1)) for q in (0.975, 0.025)]
        assert reliability["ci95"] == pytest.approx(feldt, abs=0.0051), code
        first, rest = block.columns[0], list(block.columns[1:])
        r = covariance.loc[first, rest].sum() / np.sqrt(
            covariance.loc[first, first] * covariance.loc[rest, rest].to_numpy().sum()
        )
        assert reliability["item_total"][first] == pytest.approx(r, abs=0.0051)
        low, high = reliability["ci95"]
        note = reliability["note"] or ""
        # a note, not a hard cut: below 0.7 only when the whole interval is; unclear when it includes 0.7
        assert ("do not hang together well" in note) == (high < 0.7), code
        assert ("Reliability unclear" in note) == (low < 0.7 <= high), code


def test_the_scores_alone_are_the_analysis_without_reliability(monkeypatch) -> None:
    # trends and the checks over periods read the scores alone: the same analysis, no alpha computed for it
    from alignment import analysis
    from alignment.analysis import scores as scores_alone

    calls = []
    original = analysis.reliability_of
    monkeypatch.setattr(analysis, "reliability_of", lambda *a, **k: calls.append(a[2]) or original(*a, **k))
    fresh = Dataset.from_file(CSV_PATH.name, CSV_PATH.read_bytes())
    alone = scores_alone(fresh, Settings(), Selection("2026-Q1")).to_json()
    assert not calls and all(t["reliability"] is None for t in alone["tactics"])
    full = analyze(fresh, Settings(), Selection("2026-Q1")).to_json()
    assert calls == [Selection("2026-Q1")]
    assert all(t["reliability"]["alpha"] is not None for t in full["tactics"])
    for tactic in full["tactics"]:
        tactic["reliability"] = None
    assert full == alone


def test_reliability_is_not_computed_below_its_minimum(raw: pd.DataFrame) -> None:
    small = Dataset.from_file("small.csv", raw.head(20).to_csv(index=False).encode())
    reliability = analyze(small).tactic("REL").reliability
    assert reliability["alpha"] is None and "at least 30" in reliability["note"]


def test_statement_comparisons_match_scipy(raw: pd.DataFrame, csv_dataset: Dataset) -> None:
    # IT versus Business per REL statement: Welch's t on the answers (capped df), Holm over the five statements
    from alignment.config import Settings
    from alignment.tables import statement_comparisons

    scores = _scores(raw)
    got = statement_comparisons(csv_dataset, "REL", Settings()).set_index("item")
    items = [c for c in scores.columns if TACTIC_OF[c] == "REL"]
    p_values = []
    for item in items:
        it = scores.loc[raw["function"] == "IT", item].dropna()
        business = scores.loc[raw["function"] == "Business", item].dropna()
        p_values.append(by_hand.welch_p(it, business))
        assert got.loc[item, "p"] == pytest.approx(p_values[-1], rel=1e-6)
        assert got.loc[item, "difference"] == pytest.approx(it.mean() - business.mean(), abs=1e-9)
        assert (got.loc[item, "it_n"], got.loc[item, "business_n"]) == (len(it), len(business))
    assert list(got.loc[items, "p_adjusted"]) == pytest.approx(by_hand.holm(p_values), rel=1e-6)


def test_priorities_derive_importance_from_the_overall_statement(raw: pd.DataFrame, csv_dataset: Dataset) -> None:
    from test_drivers import johnson_by_svd

    from alignment.config import Settings
    from alignment.priorities import priorities

    scores = _scores(raw)
    overall_header = next(h for h in raw.columns if h.startswith("OVR-1"))
    overall = raw[overall_header].map(lambda v: np.nan if v in MISSING else LABELS.get(v, NUMBERS.get(v))).astype(float)
    result = priorities(csv_dataset, "REL", Settings())
    frame = result["frame"].set_index("item")
    items = [c for c in scores.columns if TACTIC_OF[c] == "REL"]
    complete = pd.concat([scores[items], overall.rename("overall")], axis=1).dropna()
    expected = dict(zip(items, johnson_by_svd(complete[items].to_numpy(), complete["overall"].to_numpy()), strict=True))
    for item in items:
        assert frame.loc[item, "importance"] == pytest.approx(expected[item], abs=1e-6)
        assert frame.loc[item, "importance_low"] <= frame.loc[item, "importance"] <= frame.loc[item, "importance_high"]
        assert frame.loc[item, "item_mean"] == pytest.approx(scores[item].mean(), abs=0.005 + 1e-9)  # as shown
    # the importance crosshair is the equal share of what the statements explain; quadrants only off it
    assert result["importance_cross"] == pytest.approx(sum(expected.values()) / len(items), abs=1e-6)
    assert result["n"] is None  # how many answered them all is not published; the weights above are of those 176
    for item in items:
        low, high = frame.loc[item, ["importance_low", "importance_high"]]
        performing = scores[item].mean() >= result["performance_cross"]
        if low <= result["importance_cross"] <= high:
            assert frame.loc[item, "quadrant"] == "not distinguishable"
        else:
            important = low > result["importance_cross"]
            quadrant = {(True, False): "Concentrate here", (True, True): "Keep up the good work"}.get(
                (important, performing), "Low priority" if not performing else "Possible overkill"
            )
            assert frame.loc[item, "quadrant"] == quadrant
    midpoint = priorities(csv_dataset, "REL", Settings(), crosshairs="midpoint")
    assert midpoint["performance_cross"] == 3.0 and midpoint["importance_cross"] == result["importance_cross"]


def test_tactic_priorities_use_stated_importance_when_asked(raw: pd.DataFrame, csv_dataset: Dataset) -> None:
    from alignment.config import Settings
    from alignment.priorities import tactic_priorities

    result = tactic_priorities(csv_dataset, Settings())
    assert result["method"] == "stated"
    frame = result["frame"].set_index("item")
    for code in TACTICS:
        header = next(h for h in raw.columns if h.startswith(f"{code}-I "))
        answers = pd.to_numeric(raw[header].replace("", np.nan))
        # the mean stated importance, to 2 decimals as the chart shows it (only shown values leave the library)
        assert frame.loc[code, "importance"] == round(answers.mean(), 2)
        assert frame.loc[code, "importance_low"] < answers.mean() < frame.loc[code, "importance_high"]
    midpoint = tactic_priorities(csv_dataset, Settings(), crosshairs="midpoint")
    assert (midpoint["importance_cross"], midpoint["performance_cross"]) == (3.0, 3.0)
    # the sample: rotation is the least important and the weakest tactic
    assert frame.loc["ROT", "quadrant"] == "Low priority"


def test_tactic_priorities_derive_importance_when_not_asked(raw: pd.DataFrame) -> None:
    from test_drivers import johnson_by_svd

    from alignment.config import Settings
    from alignment.priorities import tactic_priorities

    without = raw[[h for h in raw.columns if "-I " not in h]]
    dataset = Dataset.from_file("no_importance.csv", without.to_csv(index=False).encode())
    result = tactic_priorities(dataset, Settings())
    assert result["method"] == "derived"
    scores = _scores(raw)
    overall_header = next(h for h in raw.columns if h.startswith("OVR-1"))
    overall = raw[overall_header].map(lambda v: np.nan if v in MISSING else LABELS.get(v, NUMBERS.get(v))).astype(float)
    means = pd.DataFrame({code: scores[[c for c in scores.columns if TACTIC_OF[c] == code]].mean(axis=1) for code in TACTICS})
    complete = pd.concat([means, overall.rename("overall")], axis=1).dropna()
    expected = johnson_by_svd(complete[list(TACTICS)].to_numpy(), complete["overall"].to_numpy())
    frame = result["frame"].set_index("item")
    for code, weight in zip(TACTICS, expected, strict=True):
        assert frame.loc[code, "importance"] == pytest.approx(weight, abs=1e-4)  # scores are stored as float32


def test_the_assessment_date_is_the_latest_submission(raw: pd.DataFrame, csv_dataset: Dataset) -> None:
    from alignment.evidence_views import assessment_date

    latest = pd.to_datetime(raw["submitted"]).max().date()
    assert assessment_date(csv_dataset).date == latest
    assert assessment_date(csv_dataset).source == "survey"
