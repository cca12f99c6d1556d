"""The app's pages, in one list: the navigation draws it and the smoke test runs every entry."""

from __future__ import annotations

from dataclasses import dataclass

from alignment.tactics import TACTICS

ALWAYS, NEVER, WITH_UPLOAD = "always", "never", "with an upload"  # when a page has the sidebar filters (PageSpec.filters)

# the tactics' names in the sidebar, short enough not to be cut (each page's title has the full name)
NAV_NAMES = {"REL": "Relationships", "TRU": "Trust", "MET": "Metrics", "ROT": "Rotation", "ASM": "Assessment", "SRV": "Surveys"}


@dataclass(frozen=True)
class PageSpec:
    """One page: its script under pages/, its name in the sidebar, its section there, its address and when the
        entry point draws the sidebar filters above it (ALWAYS, NEVER, or WITH_UPLOAD: when it shows an upload's results,
    as Home does)."""

    path: str
    title: str
    section: str
    url_path: str | None = None  # None: the default page, at the app's root
    icon: str | None = None
    default: bool = False
    filters: str = ALWAYS


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/home.py", "Home: your data", "Start", icon=":material/upload_file:", default=True, filters=WITH_UPLOAD),
    PageSpec("pages/rounds.py", "Rounds", "Start", "rounds", ":material/event_repeat:", filters=NEVER),
    PageSpec("pages/overview.py", "Overview", "Results", "overview", ":material/dashboard:"),
    PageSpec("pages/trends.py", "Trends", "Results", "trends", ":material/timeline:"),
    PageSpec("pages/comments.py", "Comments", "Results", "comments", ":material/forum:"),
    PageSpec("pages/checks.py", "Checks", "Results", "checks", ":material/checklist:"),
    PageSpec("pages/meeting.py", "Meeting", "Results", "meeting", ":material/co_present:"),
    *(PageSpec(f"pages/{t.code.lower()}.py", f"{t.code} · {NAV_NAMES[t.code]}", "Tactics", t.code.lower()) for t in TACTICS),
    PageSpec("pages/settings.py", "Settings", "Configure", "settings", ":material/tune:", filters=NEVER),
)


def sections() -> dict[str, list[PageSpec]]:
    """The pages grouped by section, sections in the order they first appear."""
    grouped: dict[str, list[PageSpec]] = {}
    for spec in PAGES:
        grouped.setdefault(spec.section, []).append(spec)
    return grouped


def page(name: str) -> PageSpec:
    """A page by its script's name ("overview" for pages/overview.py): links name pages this way, so a renamed or
    removed page fails where it is named, not as a dead link."""
    return next(spec for spec in PAGES if spec.path == f"pages/{name}.py")
