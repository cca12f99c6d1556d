"""The app's one UI-helper module: session data, the sidebar filter, and shared renderers.

Data shared across pages lives in session-state keys this module owns (prefix "alignment."),
never in widget keys, so it survives page switches.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from alignment import charts
from alignment.analysis import (
    Analysis,
    analyze,
    item_distribution,
    item_scores,
    priorities,
    selectable_periods,
    statement_comparisons,
    tactic_comments,
    tactic_priorities,
)
from alignment.checks import REGISTRY, TABLE_LABELS, Finding, run_checks
from alignment.checks.perception import perception_verdict
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import PROTECTED_TEXT, hidden_label
from alignment.errors import InputError
from alignment.ingest import LoadedFiles, load_files
from alignment.ingest.cells import column_letter, normalise
from alignment.ingest.mapping import ColumnChoice, mapping_from_json, mapping_to_json, target_label, targets
from alignment.settings_file import settings_to_toml
from alignment.tactics import TACTICS, TACTICS_BY_CODE

SAMPLE_PATH = Path(__file__).resolve().parent / "sample_data" / "alignment_sample.xlsx"
SAMPLE_LABEL = "Sample data (a fictional company, 240 respondents)"
DATASET_KEY = "alignment.dataset"
UPLOAD_KEY = "alignment.upload_digest"
SETTINGS_KEY = "alignment.settings"
PERIOD_KEY = "alignment.period"
ERROR_KEY = "alignment.upload_error"
ALL_PERIODS_OPTION = "All periods"
MEMO_KEY = "alignment.memo"
FILES_KEY = "alignment.files"
MAPPING_KEY = "alignment.mapping"
MAPPING_FILE_KEY = "alignment.mapping_file"
CONFIDENT = 0.8
VIEW_KEY = "alignment.view_key"
MEMO_ENTRIES = 64
MAX_COMMENTS_SHOWN = 1000


STATUS_ICONS = {
    "fail": ":material/cancel:",
    "warn": ":material/warning:",
    "error": ":material/bug_report:",
    "pass": ":material/check_circle:",
    "not_applicable": ":material/remove_circle_outline:",
}
STATUS_LABELS = {"fail": "FAIL", "warn": "WARN", "error": "ERROR", "pass": "PASS", "not_applicable": "N/A"}


@dataclass
class View:
    dataset: Dataset
    settings: Settings
    period: str | None
    analysis: Analysis
    findings: list[Finding]


_ROUTING = threading.local()  # whether this script run is inside the app's navigation


def run_app() -> None:
    """The whole app: page set-up and navigation (app.py runs this)."""
    st.set_page_config(page_title="IT–business alignment", page_icon=":material/handshake:", layout="wide")
    home = st.Page("pages/home.py", title="Home: your data", icon=":material/upload_file:", default=True)
    overview = st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview")
    tactic_pages = [st.Page(f"pages/{t.code.lower()}.py", title=f"{t.code} · {t.name}", url_path=t.code.lower()) for t in TACTICS]
    checks = st.Page("pages/checks.py", title="Checks", icon=":material/checklist:", url_path="checks")
    comments = st.Page("pages/comments.py", title="Comments", icon=":material/forum:", url_path="comments")
    settings_page = st.Page("pages/settings.py", title="Settings", icon=":material/tune:", url_path="settings")
    navigation = st.navigation(
        {"Start": [home], "Results": [overview, comments, checks], "Tactics": tactic_pages, "Configure": [settings_page]}
    )
    _ROUTING.active = True
    try:
        navigation.run()
    finally:
        _ROUTING.active = False


def page() -> None:
    """First call of every page: make sure it runs inside the app's navigation. A deep link (say
    /overview) opened before the freshly started server has run app.py once is served from the pages/
    folder, running the page on its own (narrow layout, file names as navigation); such a run is handed
    to the app, which shows the same page, and then stopped."""
    if not getattr(_ROUTING, "active", False):
        run_app()
        st.stop()


@st.cache_data(max_entries=8, ttl="1h", show_spinner="Reading the files…")
def _parse(files: list[tuple[str, bytes]], mapping: tuple = ()) -> LoadedFiles:
    """Parsed survey and evidence tables, cached by the files' names and content hashes and the mapping."""
    return load_files(files, {header: tuple(choice) for header, choice in mapping} or None)


def _dataset(files: list[tuple[str, bytes]], label: str, mapping: dict | None = None) -> Dataset:
    loaded = _parse(files, tuple(sorted((mapping or {}).items())))
    with st.spinner("Preparing the dashboard…"):
        return Dataset(loaded.survey, label, loaded.evidence, loaded.evidence_sources)  # cache_data hands out copies


def settings() -> Settings:
    if SETTINGS_KEY not in st.session_state:
        st.session_state[SETTINGS_KEY] = Settings()
    return st.session_state[SETTINGS_KEY]


def apply_settings(new: Settings, reset_form: bool = False) -> None:
    """Replace the session's settings; with reset_form, the Settings form's widgets follow on the next run."""
    st.session_state[SETTINGS_KEY] = new
    if reset_form:
        for key in [k for k in st.session_state if str(k).startswith("threshold_")]:
            del st.session_state[key]


def dataset() -> Dataset:
    """The dataset this session is looking at: the bundled sample until the user uploads."""
    if DATASET_KEY not in st.session_state:
        st.session_state[DATASET_KEY] = _dataset([(SAMPLE_PATH.name, SAMPLE_PATH.read_bytes())], SAMPLE_LABEL)
    return st.session_state[DATASET_KEY]


def is_sample() -> bool:
    return dataset().label == SAMPLE_LABEL


def use_upload(uploaded: list) -> None:
    """Load the uploaded files unless they are the ones already loaded; keep errors for display."""
    files = [(f.name, f.getvalue()) for f in uploaded]
    digest = hashlib.sha256(b"".join(hashlib.sha256(data).digest() for _, data in files)).hexdigest()
    if st.session_state.get(UPLOAD_KEY) == digest:
        return
    st.session_state[UPLOAD_KEY] = digest
    st.session_state[FILES_KEY] = files
    _reload()


def _reload() -> None:
    """Load the session's uploaded files with its column mapping; keep an error for display."""
    files = st.session_state[FILES_KEY]
    try:
        st.session_state[DATASET_KEY] = _dataset(files, ", ".join(name for name, _ in files), st.session_state.get(MAPPING_KEY))
        st.session_state.pop(MEMO_KEY, None)
        st.session_state.pop(ERROR_KEY, None)
        st.session_state[PERIOD_KEY] = None
    except InputError as exc:
        st.session_state[ERROR_KEY] = exc


def use_mapping(mapping: dict | None) -> None:
    """Apply a column mapping ({header: (target, reverse)}) to the uploaded survey, or go back to automatic."""
    st.session_state[MAPPING_KEY] = mapping
    if FILES_KEY in st.session_state:
        _reload()


def mapping_editor(data: Dataset) -> None:
    """The column mapping of the loaded survey, editable: each column's item, field, identifier or ignore."""
    choices = data.report.mapping
    if not choices:
        return
    frame = pd.DataFrame(
        {
            "column": [column_letter(c.column) for c in choices],
            "header": [c.header for c in choices],
            "maps to": [c.target for c in choices],
            "reverse-coded": [c.reverse for c in choices],
            "confidence": [c.confidence for c in choices],
            "why": [c.reason for c in choices],
        }
    )
    unsure = sum(c.confidence < CONFIDENT and c.is_item for c in choices)
    st.caption(
        f"{len(choices)} columns; {unsure} item match{'es' if unsure != 1 else ''} below {CONFIDENT:.0%} confidence. "
        "Change 'maps to' where it is wrong (an item, a custom statement of a tactic, a field, identifier or ignore), "
        "tick 'reverse-coded' for negatively worded custom statements, then apply."
    )
    edited = st.data_editor(
        frame,
        hide_index=True,
        width="stretch",
        disabled=["column", "header", "confidence", "why"],
        column_config={
            "maps to": st.column_config.SelectboxColumn(
                options=targets(), format_func=target_label, required=True, width="large"
            ),
            "confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent", width="small"),
            "header": st.column_config.TextColumn(width="medium"),
            "column": st.column_config.TextColumn(width="small"),
        },
        key="mapping_editor_widget",
    )
    left, middle, right = st.columns(3)
    if left.button("Apply this mapping", type="primary"):
        use_mapping(
            {
                normalise(h): (t, bool(r))
                for h, t, r in zip(edited["header"], edited["maps to"], edited["reverse-coded"], strict=True)
                if h
            }
        )
        st.rerun()
    if middle.button("Back to the automatic mapping"):
        use_mapping(None)
        st.rerun()
    right.download_button(
        "Download the mapping (.json)",
        mapping_to_json(
            [
                ColumnChoice(c.column, h, t, c.confidence, c.reason, bool(r))
                for c, h, t, r in zip(choices, edited["header"], edited["maps to"], edited["reverse-coded"], strict=True)
            ]
        ),
        file_name="alignment_mapping.json",
        mime="application/json",
    )
    uploaded = st.file_uploader("Load a saved mapping (.json)", type=["json"], key="mapping_file_widget")
    if uploaded is not None and st.session_state.get(MAPPING_FILE_KEY) != uploaded.file_id:
        st.session_state[MAPPING_FILE_KEY] = uploaded.file_id
        try:
            use_mapping(mapping_from_json(uploaded.getvalue().decode("utf-8", errors="replace"), uploaded.name))
            st.rerun()
        except InputError as exc:
            show_error(exc)


def use_sample() -> None:
    for key in (DATASET_KEY, UPLOAD_KEY, ERROR_KEY, PERIOD_KEY, MEMO_KEY, FILES_KEY):
        st.session_state.pop(key, None)


def upload_error() -> InputError | None:
    return st.session_state.get(ERROR_KEY)


def show_error(exc: InputError) -> None:
    st.error(f"**{exc.message}**\n\n{exc.hint}")


def period_filter(data: Dataset, current: Settings) -> str | None:
    options = [ALL_PERIODS_OPTION, *memo(selectable_periods, data, current)]
    chosen = st.session_state.get(PERIOD_KEY) or ALL_PERIODS_OPTION
    if chosen not in options:
        chosen = ALL_PERIODS_OPTION
    value = st.sidebar.selectbox(
        "Survey period", options, index=options.index(chosen), help="Results for one survey round, or all."
    )
    st.session_state[PERIOD_KEY] = None if value == ALL_PERIODS_OPTION else value
    hidden = sorted(set(data.periods()) - set(options))
    if hidden:
        st.sidebar.caption(f"Not selectable ({hidden_label(current.min_group_size)}, or {PROTECTED_TEXT}): {', '.join(hidden)}")
    return st.session_state[PERIOD_KEY]


def _remember(key: tuple, compute: Callable):
    """A bounded, session-scoped cache: page switches and widget clicks then only render."""
    cache: OrderedDict = st.session_state.setdefault(MEMO_KEY, OrderedDict())
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    value = cache[key] = compute()
    while len(cache) > MEMO_ENTRIES:
        cache.popitem(last=False)
    return value


def memo(function: Callable, data: Dataset, *args):
    """function(data, *args), remembered for this session's dataset; Settings are keyed by their TOML text."""
    key = (
        function.__module__,
        function.__qualname__,
        data.token,
        *(settings_to_toml(a) if isinstance(a, Settings) else a for a in args),
    )
    return _remember(key, lambda: function(data, *args))


def chart(name: str, build: Callable) -> None:
    """Draw an Altair chart, building and compiling its spec once per dataset, filter and settings."""
    spec = _remember(("chart", name, *st.session_state[VIEW_KEY]), lambda: build().to_dict(validate=False))
    st.vega_lite_chart(spec, width="stretch")


def _analysis_and_findings(data: Dataset, current: Settings, period: str | None) -> tuple[Analysis, list[Finding]]:
    analysis = analyze(data, current, period)
    return analysis, run_checks(data, current, period, analysis)


def view() -> View:
    """Everything a results page needs, with the sidebar filter applied."""
    data = dataset()
    current = settings()
    period = period_filter(data, current)
    st.sidebar.caption(f"Data: **{data.label}**")
    analysis, findings = memo(_analysis_and_findings, data, current, period)
    st.session_state[VIEW_KEY] = (data.token, period, settings_to_toml(current))
    return View(data, current, period, analysis, findings)


def data_banner(current: View) -> None:
    where = "all periods" if current.period is None else f"period {current.period}"
    source = "the bundled **sample data**" if is_sample() else f"**{current.dataset.label}**"
    st.caption(f"Showing {source}: {current.analysis.respondents:,} respondents, {where}.")


def fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "–" if value is None else pattern.format(value)


def tactic_metrics(result, columns: list) -> None:
    columns[0].metric("Score", fmt(result.score), help="Mean of respondents' tactic means, 1–5.")
    columns[1].metric("Target", fmt(result.target))
    columns[2].metric("Gap to target", fmt(result.gap, "{:+.2f}"), help="Target − score; positive = shortfall.")
    columns[3].metric("Favourable", fmt(result.favorable_pct, "{:.0f} %"), help="Share of answers 4 or 5 after reverse-coding.")
    columns[4].metric("IT − Business", fmt(result.perception_gap, "{:+.2f}"), help="Mean of IT respondents − mean of Business.")
    columns[5].metric("Respondents", fmt(result.n, "{:,}"))


def statement_differences(current: View, code: str, items: pd.DataFrame) -> None:
    """Which statements IT and the business really see differently: Welch's t on the answers, adjusted across
    the tactic's statements, flagged with the tactic's own perception-gap thresholds."""
    tests = memo(statement_comparisons, current.dataset, code, current.settings, current.period)
    if tests.empty:
        return
    check = f"{code}002"
    limits = [threshold(check, name) for name in ("warn_gap", "fail_gap", "alpha", "min_per_side")]
    means = items.set_index("item")
    flagged, unclear = [], 0
    for row in tests.itertuples():
        status, phrase = perception_verdict(row.difference, row.p_adjusted, row.it_n, row.business_n, *limits)
        if status in {"warn", "fail"}:
            effect = f", d = {row.effect_size:.1f}" if row.effect_size is not None else ""
            flagged.append(
                f"**{row.item}**: IT {means.loc[row.item, 'it_mean']:.2f} (n = {row.it_n:,}) vs Business "
                f"{means.loc[row.item, 'business_mean']:.2f} (n = {row.business_n:,}), {row.difference:+.2f}{effect} — {phrase}"
            )
        else:
            unclear += 1
    intro = "IT and the business see these statements differently (Welch's t-test, adjusted across the statements):"
    if flagged:
        st.markdown(intro + "\n" + "\n".join(f"- {line}" for line in flagged))
    st.caption(
        f"{unclear} statement{'s' if unclear != 1 else ''} without a difference that is both larger than "
        f"{limits[0]:.2f} and unlikely to be noise."
        if unclear
        else "Every statement differs between IT and the business."
    )


def crosshair_choice(key: str) -> str:
    """Where an importance-performance matrix draws its crosshairs: "mean" or "midpoint"."""
    crosshairs = st.radio(
        "Crosshairs",
        ["Data means", "Scale midpoints"],
        horizontal=True,
        key=key,
        help="Where the lines that split the points into quadrants are drawn: at the means of the points shown, or at "
        "the middle of the scales (3 for scores and stated importance, r = 0.5 for derived importance).",
    )
    return "mean" if crosshairs == "Data means" else "midpoint"


def tactic_priorities_matrix(current: View) -> None:
    """The six tactics by importance and score: which to work on first."""
    st.subheader("Priorities: which tactics to work on first")
    choice = crosshair_choice("crosshairs_overview")
    result = memo(tactic_priorities, current.dataset, current.settings, current.period, choice)
    if result["frame"].empty:
        st.info("Not enough answers in this selection to say how important each tactic is.")
        return
    if result["method"] == "stated":
        title = "Importance: stated, mean answer (1 = not at all, 5 = extremely important)"
        st.caption(
            "Importance as people stated it (the optional “how important is …” questions); performance is the tactic's "
            "score. Tactics in *Concentrate here* matter most and score lowest."
        )
    else:
        title = "Importance: correlation with the overall statement (r)"
        st.caption(
            "Importance is derived (the survey did not ask it): how strongly each tactic's score goes with the overall "
            "statement “IT and the business work as one team”. Tactics in *Concentrate here* matter most and score lowest."
        )
    frame = result["frame"]
    chart(
        f"overview-priorities-{choice}",
        lambda: charts.importance_performance_chart(frame, result["importance_cross"], result["performance_cross"], title),
    )


def priorities_matrix(current: View, code: str) -> None:
    """The importance-performance matrix of a tactic's statements, with a choice of crosshairs."""
    st.subheader("Priorities: importance against performance")
    choice = crosshair_choice(f"crosshairs_{code}")
    result = memo(priorities, current.dataset, code, current.settings, current.period, choice)
    if result["frame"].empty:
        st.info(
            "Not enough answers to the overall statement (OVR-1) and this tactic's statements in this selection to "
            "derive how important each statement is."
        )
        return
    st.caption(
        "Importance is derived: how strongly each statement goes with the overall statement “IT and the business "
        "work as one team” (Pearson's r over the respondents who answered both). Statements in *Concentrate here* "
        "matter most and score lowest."
    )
    frame = result["frame"]
    chart(
        f"{code}-priorities-{choice}",
        lambda: charts.importance_performance_chart(frame, result["importance_cross"], result["performance_cross"]),
    )


def reliability_caption(reliability: dict | None) -> None:
    """Cronbach's alpha under a tactic's score, with the plain-language note when there is one."""
    if reliability is None:
        return
    if reliability["alpha"] is None:
        st.caption(f"Reliability (Cronbach's alpha): {reliability['note']}.")
        return
    text = f"Reliability: Cronbach's alpha {reliability['alpha']:.2f} (n = {reliability['n']:,} who answered every statement)."
    if reliability["note"]:
        st.warning(f"{text} {reliability['note']}", icon=":material/info:")
    else:
        st.caption(f"{text} The statements hang together well.")


def has_tables(current: View, *tables: str) -> bool:
    """True when the evidence tables are loaded; otherwise says which sheets to upload."""
    missing = [TABLE_LABELS[t] for t in tables if not current.dataset.has_table(t)]
    if missing:
        st.info(
            f"Upload the {' and '.join(missing)} sheet{'s' if len(missing) > 1 else ''} (template workbook or CSV) to see this evidence."
        )
    return not missing


def threshold(check_id: str, name: str) -> float:
    chosen = settings().thresholds.get(check_id, {})
    return chosen.get(name, REGISTRY[check_id].threshold_defaults()[name])


def finding_title(finding: Finding) -> str:
    return f"**{STATUS_LABELS[finding.status]}** · {finding.check} `{finding.name}` — {finding.message}"


def render_findings(findings: list[Finding], expanded: bool = False) -> None:
    """Each finding as an expander: status and message, then what / why / fix and the evidence rows."""
    for finding in findings:
        check = REGISTRY[finding.check]
        with st.expander(finding_title(finding), icon=STATUS_ICONS[finding.status], expanded=expanded):
            st.markdown(f"**What it checks.** {check.what}\n\n**Why it matters.** {check.why}\n\n**How to fix it.** {check.fix}")
            details = [f"{check.kind}, severity {check.severity}"]
            if finding.value is not None:
                details.append(f"value {finding.value:g}")
            if finding.threshold is not None:
                details.append(f"threshold {finding.threshold:g}")
            st.caption(" · ".join(details))
            if finding.evidence:
                more = (
                    f" (first {len(finding.evidence)} of {finding.evidence_total})"
                    if finding.evidence_total > len(finding.evidence)
                    else ""
                )
                st.caption(f"Evidence behind this finding{more}:")
                st.dataframe(pd.DataFrame(finding.evidence), hide_index=True, width="stretch")


def render_tactic_page(code: str, evidence: Callable[[View], None] | None = None) -> None:
    tactic = TACTICS_BY_CODE[code]
    current = view()
    result = current.analysis.tactic(code)
    st.title(f"{tactic.code} · {tactic.name}")
    data_banner(current)
    st.markdown(f"**What good looks like:** {tactic.good_looks_like}")
    if result.score is None:
        st.info(
            f"This tactic's score is {result.hidden_reason}."
            if result.hidden_reason
            else "No answers for this tactic in this selection."
        )
        return
    tactic_metrics(result, st.columns(6))
    ci = f"95 % CI {result.ci95[0]:.2f}–{result.ci95[1]:.2f}" if result.ci95 else "CI needs at least 2 respondents"
    split = (
        f"IT versus Business {result.split_reason}"
        if result.split_reason
        else (f"IT {fmt(result.it_score)} · Business {fmt(result.business_score)}")
    )
    st.caption(f"{ci} ({current.analysis.ci_method}). {split}. Maturity level {result.maturity_level}.")
    reliability_caption(result.reliability)

    st.subheader("Checks")
    findings = [f for f in current.findings if f.tactic == code]
    counts = {status: sum(f.status == status for f in findings) for status in STATUS_LABELS}
    st.caption(
        " · ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in counts.items() if n) + ". Open a check for why and how to fix."
    )
    render_findings(findings)
    if evidence is not None:
        st.subheader("What the evidence shows")
        evidence(current)

    distribution = memo(item_distribution, current.dataset, code, current.settings, current.period)
    st.subheader("How people answered each statement")
    st.caption("Reverse-coded statements (R) are flipped, so the right-hand side is always the favourable answer.")
    if distribution.empty:
        st.info("No statement of this tactic can be shown in this selection.")
    else:
        chart(f"{code}-answers", lambda: charts.item_diverging_chart(distribution))

    st.subheader("Each statement against the target, IT versus Business")
    items = memo(item_scores, current.dataset, code, current.settings, current.period)
    for item, reason in zip(items.loc[items["hidden"], "item"], items.loc[items["hidden"], "reason"], strict=True):
        st.caption(f"{item} is {reason}.")
    items = items[~items["hidden"]]
    split_shown = items["it_mean"].notna().all()
    st.caption(
        "Grey bar: mean of all answers; black tick: target; dots: IT and Business means."
        if split_shown
        else f"Grey bar: mean of all answers; black tick: target. {current.analysis.split_note or 'No IT/Business split in this data.'}"
    )
    if not items.empty:
        chart(f"{code}-statements", lambda: charts.item_score_chart(items, result.target))
    if split_shown and not items.empty:
        statement_differences(current, code, items)

    priorities_matrix(current, code)

    st.subheader("What people wrote")
    comments, hidden = memo(tactic_comments, current.dataset, code, current.settings, current.period)
    if hidden:
        st.caption(
            f"Comments from groups (period × function × department) with fewer than {current.settings.min_group_size} "
            "respondents are not shown."
        )
    if comments.empty:
        st.info("No comments on this tactic's open question in this selection.")
    else:
        if len(comments) > MAX_COMMENTS_SHOWN:
            st.caption(
                f"Showing the first {MAX_COMMENTS_SHOWN:,} of {len(comments):,} comments; pick a period to narrow them down."
            )
            comments = comments.head(MAX_COMMENTS_SHOWN)
        st.dataframe(
            comments.rename(columns=str.capitalize).rename(columns={"Text": "Comment"}),
            hide_index=True,
            width="stretch",
            column_config={"Comment": st.column_config.TextColumn(width="large")},
        )


def evidence_summary(data: Dataset) -> pd.DataFrame:
    frame = pd.DataFrame(data.evidence_sources).rename(columns={"rows": "rows used"})
    return frame[["table", "file", "sheet", "rows used"]]


def report_tables(frames: dict[str, pd.DataFrame]) -> None:
    for title, frame in frames.items():
        with st.expander(
            f"{title.capitalize()} ({len(frame)})",
            expanded=bool(len(frame)) and title not in {"recognised columns", "column scales"},
        ):
            if frame.empty:
                st.caption("None.")
            else:
                st.dataframe(frame, hide_index=True, width="stretch")
