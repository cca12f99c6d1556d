"""alignment.toml: targets, the anonymity threshold, the assessment date and every check threshold, with comments.

Read with the standard library's tomllib; written here because the file is flat and
documented line by line (a TOML writer library would drop the comments).
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib

from .checks import checks_for
from .config import DEFAULT_TARGET, MIN_ALLOWED_GROUP_SIZE, Settings, parse_as_of
from .errors import InputError
from .tactics import TACTICS

HEADER = """# alignment.toml: settings of the IT-business alignment self-assessment.
# Use it with `python -m alignment analyze FILE --config alignment.toml`, or upload it on the Settings page.
# Every value below is the default unless you changed it; delete a line to go back to the default.
"""


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def settings_to_toml(settings: Settings) -> str:
    lines = [HEADER, "[targets]", f"# Target score (1-5) per tactic; the gap is target - score. Default {DEFAULT_TARGET}."]
    lines += [f"{t.code} = {float(settings.targets[t.code])!r}  # {t.name}" for t in TACTICS]
    lines += [
        "",
        "[privacy]",
        f"# Groups with fewer respondents than this are never shown (minimum {MIN_ALLOWED_GROUP_SIZE}).",
        f"min_group_size = {settings.min_group_size}",
        "",
        "[assessment]",
        "# The date the checks count back from ('no meeting in the last 90 days', rotation windows, the latest",
        "# quarter of work items); evidence dated after it is not counted. Default (line commented out): the",
        "# survey's latest submission date, or, when the survey has no dates, the latest date in the evidence.",
        f'as_of = "{settings.as_of.isoformat()}"' if settings.as_of else '# as_of = "2026-03-31"',
    ]
    for check in checks_for():
        if not check.thresholds:
            continue
        lines += ["", f"[checks.{check.id}]  # {check.name}: {check.what}"]
        chosen = settings.thresholds.get(check.id, {})
        for threshold in check.thresholds:
            value = chosen.get(threshold.name, threshold.default)
            lines.append(f"{threshold.name} = {_number(value)}  # {threshold.description} (default {_number(threshold.default)})")
    return "\n".join(lines) + "\n"


def settings_from_toml(text: str, source: str = "alignment.toml") -> Settings:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            f"{source} is not valid TOML: {exc}.", "Fix the line named, or download a fresh file from Settings."
        ) from None
    for section in ("targets", "privacy", "assessment", "checks"):
        if not isinstance(data.get(section, {}), dict):
            raise InputError(f"{source}: '{section}' must be a table such as [{section}].", "See the documented alignment.toml.")
    for check_id, values in data.get("checks", {}).items():
        if not isinstance(values, dict):
            raise InputError(f"{source}: checks.{check_id} must be a table [checks.{check_id}].", "Put its thresholds below it.")
    unknown = set(data) - {"targets", "privacy", "assessment", "checks"}
    if unknown:
        raise InputError(
            f"{source} has unknown section(s): {', '.join(sorted(unknown))}.",
            "Use [targets], [privacy], [assessment] and [checks.ID].",
        )
    targets = {code: _as_number(value, f"targets.{code}", source) for code, value in data.get("targets", {}).items()}
    privacy = data.get("privacy", {})
    if set(privacy) - {"min_group_size"}:
        raise InputError(f"{source}: [privacy] only takes min_group_size.", "Remove the other keys.")
    min_group_size = privacy.get("min_group_size", Settings().min_group_size)
    if not isinstance(min_group_size, int) or isinstance(min_group_size, bool):
        raise InputError(f"{source}: privacy.min_group_size must be a whole number, not {min_group_size!r}.", "Use e.g. 5.")
    as_of = _as_date(data.get("assessment", {}), source)
    known = {c.id: c for c in checks_for()}
    thresholds: dict[str, dict[str, float]] = {}
    for check_id, values in data.get("checks", {}).items():
        if check_id not in known:
            raise InputError(f"{source}: there is no check {check_id}.", "See `python -m alignment checks` for the ids.")
        names = {t.name for t in known[check_id].thresholds}
        for name, value in values.items():
            if name not in names:
                raise InputError(
                    f"{source}: check {check_id} has no threshold '{name}'.", f"Its thresholds are: {', '.join(sorted(names))}."
                )
            thresholds.setdefault(check_id, {})[name] = _as_number(value, f"checks.{check_id}.{name}", source)
    return Settings(targets=targets, min_group_size=min_group_size, thresholds=thresholds, as_of=as_of)


def _as_date(assessment: dict, source: str) -> dt.date | None:
    if set(assessment) - {"as_of"}:
        raise InputError(f"{source}: [assessment] only takes as_of.", "Remove the other keys.")
    value = assessment.get("as_of")
    if isinstance(value, dt.time) or (value is not None and not isinstance(value, (str, dt.date))):
        raise InputError(
            f"{source}: assessment.as_of must be a date, not {value!r}.", 'Write it as YYYY-MM-DD, e.g. as_of = "2026-03-31".'
        )
    try:
        return parse_as_of(value)
    except InputError as exc:
        raise InputError(f"{source}: {exc.message}", exc.hint) from None


def _as_number(value: object, key: str, source: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(float(value)):
        raise InputError(f"{source}: {key} must be a number, not {value!r}.", "Write it without quotes, e.g. 4.0.")
    return float(value)
