import streamlit as st

import ui
from alignment.checks import REGISTRY, checks_for
from alignment.checks.registry import checked_thresholds
from alignment.config import MAX_ALLOWED_GROUP_SIZE, MIN_ALLOWED_GROUP_SIZE, TARGET, Settings
from alignment.errors import InputError
from alignment.settings_file import settings_from_toml, settings_to_toml
from alignment.tactics import TACTICS


def settings_form(current: Settings) -> None:
    """Targets, the anonymity threshold and every check threshold, each input bounded by its range; Apply."""
    with st.form("settings_form"):
        st.subheader("Targets per tactic")
        columns = st.columns(3)
        targets = {
            t.code: columns[i % 3].number_input(
                f"{t.code} · {t.name}", float(TARGET.low), float(TARGET.high), current.targets[t.code], 0.1, format="%.1f"
            )
            for i, t in enumerate(TACTICS)
        }
        st.subheader("Privacy")
        min_group_size = st.number_input(
            "Smallest group shown (anonymity threshold)",
            min_value=MIN_ALLOWED_GROUP_SIZE,
            max_value=MAX_ALLOWED_GROUP_SIZE,
            value=current.min_group_size,
            help="Departments, functions, periods and comments from groups smaller than this are hidden.",
        )
        st.subheader("Check thresholds")
        thresholds: dict[str, dict[str, float]] = {}
        for tactic in TACTICS:
            with st.expander(f"{tactic.code} · {tactic.name}"):
                for check in checks_for(tactic.code):
                    st.markdown(f"**{check.id}** `{check.name}`: {check.what}")
                    chosen = current.thresholds.get(check.id, {})
                    cells = st.columns(max(2, len(check.thresholds)))
                    thresholds[check.id] = {
                        t.name: float(
                            cells[i].number_input(
                                t.name,
                                min_value=float(t.allowed.low),
                                max_value=float(t.allowed.high),
                                value=float(chosen.get(t.name, t.default)),
                                step=1.0 if t.allowed.whole else None,
                                help=f"{t.description}; {t.allowed.text}",
                                key=f"threshold_{check.id}_{t.name}",
                                format="%g",
                            )
                        )
                        for i, t in enumerate(check.thresholds)
                    }
        applied = st.form_submit_button("Apply", type="primary")
    if applied:
        try:
            changed = {
                check_id: {
                    name: value for name, value in values.items() if value != REGISTRY[check_id].threshold_defaults()[name]
                }
                for check_id, values in thresholds.items()
            }
            kept = {k: v for k, v in changed.items() if v}
            ui.apply_settings(Settings(targets=targets, min_group_size=int(min_group_size), thresholds=kept, as_of=current.as_of))
            st.success("Settings applied to every page.")
        except InputError as exc:
            ui.show_error(exc)


st.title("Settings")
st.markdown(
    "Targets, the anonymity threshold and every check threshold. They apply to every page in this session. "
    "Download them as `alignment.toml` to keep them, or to use them on the command line with `--config`."
)
current = ui.settings()
try:  # settings kept in a session from before a range existed may be out of range: say which, and offer Reset
    current.checked()
    checked_thresholds(current.thresholds)
    problem = None
except InputError as exc:
    problem = exc
if problem is None:
    settings_form(current)
else:
    ui.show_error(problem)
    st.info("The form returns once the settings are valid: reset them to the defaults, or load an alignment.toml below.")
if st.button("Reset to defaults"):  # outside the form, so it works whatever the settings hold
    ui.apply_settings(Settings(), reset_form=True)
    st.rerun()

st.subheader("Keep or load settings")
left, right = st.columns(2)
if problem is None:
    left.download_button(
        "Download alignment.toml",
        settings_to_toml(ui.settings()),
        file_name="alignment.toml",
        mime="application/toml",
        on_click="ignore",  # a download never reruns the page
    )
uploaded = right.file_uploader("Load an alignment.toml", type=["toml"])
if uploaded is not None and st.session_state.get("alignment.settings_digest") != uploaded.file_id:
    try:
        ui.apply_settings(settings_from_toml(uploaded.getvalue(), uploaded.name), reset_form=True)
        st.session_state["alignment.settings_digest"] = uploaded.file_id
        st.rerun()
    except InputError as exc:
        ui.show_error(exc)

ui.keep_workspace_settings()  # with a workspace open
