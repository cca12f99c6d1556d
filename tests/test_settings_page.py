"""The Settings page with settings that are out of range: a message naming the bad value, no exception, and a
Reset (outside the form) that restores the defaults."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from alignment.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_KEY = "alignment.settings"


def settings_page(settings: Settings | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if settings is not None:
        at.session_state[SETTINGS_KEY] = settings
    at.switch_page("pages/settings.py").run()
    return at


def broken(**changes: object) -> Settings:
    """Settings changed after they were checked, as a session kept from before a range existed would hold them."""
    settings = Settings()
    for name, value in changes.items():
        setattr(settings, name, value)
    return settings


def reset(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Reset to defaults").click().run()


def test_out_of_range_settings_show_a_message_and_reset_restores_the_defaults() -> None:
    at = settings_page(broken(min_group_size=51))
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "privacy.min_group_size is 51" in errors and "from 3 to 50" in errors
    reset(at)
    assert not at.exception
    assert at.session_state[SETTINGS_KEY] == Settings()
    assert not at.error
    assert next(n for n in at.number_input if n.label.startswith("Smallest group")).value == 5


def test_a_threshold_out_of_range_in_the_session_is_named_and_reset() -> None:
    at = settings_page(broken(thresholds={"ROT003": {"window_days": 1e20}}))
    assert not at.exception
    assert "checks.ROT003.window_days is 1e+20" in " ".join(e.value for e in at.error)
    reset(at)
    assert not at.exception and at.session_state[SETTINGS_KEY] == Settings()


def test_reset_is_outside_the_form_and_restores_changed_settings() -> None:
    at = settings_page(Settings(min_group_size=9, thresholds={"REL004": {"max_days": 45}}))
    assert not at.exception
    assert next(n for n in at.number_input if n.label.startswith("Smallest group")).value == 9
    reset(at)
    assert not at.exception and at.session_state[SETTINGS_KEY] == Settings()
    assert next(n for n in at.number_input if n.key == "threshold_REL004_max_days").value == 90


def test_threshold_inputs_carry_their_ranges() -> None:
    at = settings_page()
    window = next(n for n in at.number_input if n.key == "threshold_ROT003_window_days")
    assert (window.min, window.max) == (1, 3650)
    share = next(n for n in at.number_input if n.key == "threshold_REL003_warn_below")
    assert (share.min, share.max) == (0, 1)
