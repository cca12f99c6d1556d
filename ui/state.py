"""Session data: the dataset, settings and column mapping this session looks at.

Data shared across pages lives in session-state keys this module owns (prefix "alignment."),
never in widget keys, so it survives page switches.

Three caches, one role each:
- the shared parse cache (`_parse_shared`, st.cache_data): small files (the sample, small uploads) parsed once
  for every session, by the files' content and the column mapping;
- the shared decisions (`_shared_decisions`, st.cache_resource): the disclosure decisions of those same small files
  at the session's k, made once for every session (the first visit on the sample skips about a second of deciding);
- the results cache (`Dataset.remember`): everything computed from this session's dataset (disclosure decisions,
  analyses, results bundles, tables, chart specs), keyed by the settings and selection values themselves and
  bounded in bytes (alignment.dataset.CACHE_BYTES). The dataset lives in this session's state, so its cache is
  the session's and goes with it, or with the dataset when another is loaded. `memo` and `chart` use it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from alignment.cache import MB
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import Disclosure, adopt_disclosure, decided, disclosure
from alignment.errors import InputError
from alignment.ingest import LoadedFiles, load_files

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "sample_data" / "alignment_sample.xlsx"
SAMPLE_LABEL = "Sample data (a fictional company, 240 respondents)"
DATASET_KEY = "alignment.dataset"
UPLOAD_KEY = "alignment.upload_digest"
SETTINGS_KEY = "alignment.settings"
PERIOD_KEY = "alignment.period"  # the sidebar filters' widget keys (ui.filters)
DEPARTMENT_KEY = "alignment.department"
FUNCTION_KEY = "alignment.function"
UPLOADER_KEY = "alignment.uploader"  # Home's file uploader (its files, while Home is on screen)
ERROR_KEY = "alignment.upload_error"
ALL_PERIODS_OPTION = "All periods"
FILES_KEY = "alignment.files"
MAPPING_KEY = "alignment.mapping"
MAPPING_FILE_KEY = "alignment.mapping_file"
CONFIDENT = 0.8
VIEW_KEY = "alignment.view_key"
SHARED_KEY = "alignment.shared_content"  # (dataset token, content key) of small files, whose decisions all sessions share
SHARED_PARSE_BYTES = 2 * MB  # files up to this size together (the sample, small uploads) are parsed once for all sessions
MAX_COMMENTS_SHOWN = 1000
DECIDING = "Checking that no one can be singled out from what the pages show…"  # the spinner while deciding


@st.cache_data(max_entries=4, ttl="10m", show_spinner="Reading the files…")
def _parse_shared(files: list[tuple[str, bytes]], mapping: tuple = ()) -> LoadedFiles:
    """Small files parsed once for every session, cached by the files' names and content hashes and the mapping: at
    most 4 entries of at most SHARED_PARSE_BYTES of files each, for 10 minutes."""
    return load_files(files, {header: tuple(choice) for header, choice in mapping} or None)


def _shared(files: list[tuple[str, bytes]]) -> bool:
    """Whether the files are small enough to be parsed and decided once for every session."""
    return sum(len(data) for _, data in files) <= SHARED_PARSE_BYTES


def _parse(files: list[tuple[str, bytes]], mapping: tuple = ()) -> LoadedFiles:
    """Parsed survey and evidence tables. Larger files are parsed for this session alone: the result lives only in the
    session's dataset, so it is freed when the session ends, and no cross-session copy outlives it."""
    if _shared(files):
        return _parse_shared(files, mapping)
    with st.spinner("Reading the files…"):
        return load_files(files, {header: tuple(choice) for header, choice in mapping} or None)


@st.cache_resource(max_entries=4, ttl="10m", show_spinner=False)
def _shared_decisions(content: str, k: int, _data: Dataset) -> Disclosure:
    """The disclosure decisions of small files, made once for every session that opens them (the sample above all),
    by the files' content and mapping (`content`) and k. Read-only once made; they hold no session's data."""
    return Disclosure(_data, k)


def _content_key(files: list[tuple[str, bytes]], mapping: tuple) -> str:
    parts = [hashlib.sha256(name.encode()).digest() + hashlib.sha256(data).digest() for name, data in files]
    return hashlib.sha256(b"".join(parts) + repr(mapping).encode()).hexdigest()


def _dataset(files: list[tuple[str, bytes]], label: str, mapping: dict | None = None) -> Dataset:
    mapping_key = tuple(sorted((mapping or {}).items()))
    loaded = _parse(files, mapping_key)
    with st.spinner("Preparing the dashboard…"):
        data = Dataset(loaded.survey, label, loaded.evidence, loaded.evidence_sources)  # cache_data hands out copies
    if _shared(files):  # parsed for all sessions: decided for all
        st.session_state[SHARED_KEY] = (data.token, _content_key(files, mapping_key))
    return data


def decide(data: Dataset, k: int) -> None:
    """The dataset's disclosure decisions at k, made before anything in the run needs them and under a spinner that
    says what a wait is for (a survey with many small groups takes seconds: the integer audit); small files' are made
    once for every session. A no-op once the dataset has them."""
    if decided(data, k):
        return
    with st.spinner(DECIDING):
        shared = st.session_state.get(SHARED_KEY)
        if shared is not None and shared[0] == data.token:
            adopt_disclosure(data, _shared_decisions(shared[1], k, data))
        else:
            disclosure(data, k)


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
    """Load the uploaded files unless they are the ones already loaded; keep errors for display. New files run the
    app again: the sidebar was drawn before Home read them (ui.filters), for the data shown until then."""
    files = [(f.name, f.getvalue()) for f in uploaded]
    digest = hashlib.sha256(b"".join(hashlib.sha256(data).digest() for _, data in files)).hexdigest()
    if st.session_state.get(UPLOAD_KEY) == digest:
        return
    st.session_state[UPLOAD_KEY] = digest
    st.session_state[FILES_KEY] = files
    _reload(new_files=True)
    st.rerun()


def _reload(new_files: bool = False) -> None:
    """Load the session's uploaded files with its column mapping; keep an error for display. When new files
    fail to load, the previous file's results go too (the session is back on the sample data): no page may
    show an old report under the error. A mapping that fails keeps the files' previous mapping, to edit."""
    files = st.session_state[FILES_KEY]
    try:
        st.session_state[DATASET_KEY] = _dataset(files, ", ".join(name for name, _ in files), st.session_state.get(MAPPING_KEY))
        st.session_state.pop(ERROR_KEY, None)
    except InputError as exc:
        st.session_state[ERROR_KEY] = exc
        if new_files:
            st.session_state.pop(DATASET_KEY, None)


def use_mapping(mapping: dict | None) -> None:
    """Apply a column mapping ({header: (target, reverse)}) to the uploaded survey, or go back to automatic."""
    st.session_state[MAPPING_KEY] = mapping
    if FILES_KEY in st.session_state:
        _reload()


def use_dataset(data: Dataset) -> None:
    """Show a dataset built elsewhere on every page (a workspace's closed rounds, a team's own contribution), as a
    fresh upload would be: memo and any upload error reset (the filters start again with the new data). The plain upload's files are forgotten, so a
    column mapping cannot reload them over it; the upload's digest stays, so the files still in Home's uploader
    do not replace it either."""
    for key in (ERROR_KEY, FILES_KEY, MAPPING_KEY):
        st.session_state.pop(key, None)
    st.session_state[DATASET_KEY] = data


def use_sample() -> None:
    for key in (DATASET_KEY, UPLOAD_KEY, ERROR_KEY, FILES_KEY):
        st.session_state.pop(key, None)


def upload_error() -> InputError | None:
    return st.session_state.get(ERROR_KEY)


def upload_results_shown() -> bool:
    """Whether Home shows the results of the data loaded (with the sidebar filters): not on the sample data, nor
    while the files in its uploader failed to load (then it shows the error, and the mapping to fix it)."""
    return not is_sample() and not (upload_error() and st.session_state.get(UPLOADER_KEY))


def memo(function: Callable, data: Dataset, *args):
    """function(data, *args), remembered in the dataset's results cache (page switches and widget clicks then only
    render); the arguments (settings, selection, ...) are the key."""
    return data.remember((function.__module__, function.__qualname__, *args), lambda: function(data, *args))


def chart(name: str, build: Callable, select: str | None = None, on_select: Callable[[dict | None, str], None] | None = None):
    """Draw an Altair chart, building and compiling its spec once per dataset, filter and settings. With
    `select` (the name of a selection parameter in the chart), a click reruns the page and the selection is
    returned; with `on_select` too, a change of the selection first calls on_select(the chart's event, select)."""
    spec = dataset().remember(("chart", name, *st.session_state[VIEW_KEY]), lambda: build().to_dict(validate=False))
    if select is None:
        st.vega_lite_chart(spec, width="stretch")
        return None
    key = f"chart-{name}"
    callback = "rerun" if on_select is None else lambda: on_select(st.session_state.get(key), select)
    return st.vega_lite_chart(spec, width="stretch", on_select=callback, selection_mode=select, key=key)
