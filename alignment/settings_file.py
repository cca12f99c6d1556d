"""alignment.toml: targets, the anonymity threshold, the assessment date and every check threshold, with comments.

Read with the standard library's tomllib; written here because the file is flat and
documented line by line (a TOML writer library would drop the comments).
"""

from __future__ import annotations

import datetime as dt
import tomllib

from .checks import checks_for
from .checks.registry import checked_thresholds
from .config import DEFAULT_MIN_GROUP_SIZE, DEFAULT_TARGET, MAX_ALLOWED_GROUP_SIZE, MIN_ALLOWED_GROUP_SIZE, Settings
from .errors import InputError
from .tactics import TACTICS
from .textfile import KB, check_nesting, decoded, too_deep

MAX_SETTINGS_BYTES = 64 * KB  # the file with every threshold documented is about 18 KB

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
        f"# Groups with fewer respondents than this are never shown ({MIN_ALLOWED_GROUP_SIZE} to {MAX_ALLOWED_GROUP_SIZE}).",
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


def settings_from_toml(text: str | bytes, source: str = "alignment.toml") -> Settings:
    """Settings from an alignment.toml (its text, or its bytes as uploaded), every value checked; else an InputError
    naming the file and the key."""
    fix = "Fix the line named, or download a fresh file from Settings."
    text = decoded(text, source, MAX_SETTINGS_BYTES, "a settings file", fix)
    check_nesting(text, source, "toml", fix)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{source} is not valid TOML: {exc}.", fix) from None
    except RecursionError:
        raise too_deep(source, fix) from None
    for section in ("targets", "privacy", "assessment", "checks"):
        if not isinstance(data.get(section, {}), dict):
            raise InputError(f"{source}: '{section}' must be a table such as [{section}].", "See the documented alignment.toml.")
    unknown = set(data) - {"targets", "privacy", "assessment", "checks"}
    if unknown:
        raise InputError(
            f"{source} has unknown section(s): {', '.join(sorted(unknown))}.",
            "Use [targets], [privacy], [assessment] and [checks.ID].",
        )
    privacy, assessment = data.get("privacy", {}), data.get("assessment", {})
    if set(privacy) - {"min_group_size"}:
        raise InputError(f"{source}: [privacy] only takes min_group_size.", "Remove the other keys.")
    if set(assessment) - {"as_of"}:
        raise InputError(f"{source}: [assessment] only takes as_of.", "Remove the other keys.")
    as_of = assessment.get("as_of")
    if isinstance(as_of, dt.time) or (as_of is not None and not isinstance(as_of, (str, dt.date))):
        raise InputError(
            f"{source}: assessment.as_of must be a date, not {as_of!r}.", 'Write it as YYYY-MM-DD, e.g. as_of = "2026-03-31".'
        )
    try:
        return Settings(
            targets=data.get("targets", {}),
            min_group_size=privacy.get("min_group_size", DEFAULT_MIN_GROUP_SIZE),
            thresholds=checked_thresholds(data.get("checks", {})),
            as_of=as_of,
        )
    except InputError as exc:
        raise InputError(f"{source}: {exc.message}", exc.hint) from None
