"""The app's UI helpers, split by concern; pages use them as `ui.<name>`.

- navigation: page set-up and the navigation (app.py runs `run_app`); page_links: links between pages;
- state: the session's dataset, settings and mapping, its caches (shared parse and decisions, results) and `decide`;
- view: what a results page shows (dataset, settings, sidebar filter, analysis, findings);
- text: data text shown as text (never a link, an image, maths or HTML) in Markdown and HTML;
- formatting, findings, priorities, tactic_page, mapping_editor, validation_view, home_summary: renderers;
- workspace (where it lives, this session's role), workspace_session (the owner's data and meeting),
  workspace_home (Home's open / create / contribute) and workspace_rounds (the Rounds page).
"""

from .comment_list import comment_list
from .filters import pick_from_chart
from .findings import finding_title, render_findings, threshold
from .formatting import STATUS_ICONS, STATUS_LABELS, fitted_height, fmt, gap_badge
from .headline import render_headline
from .home_summary import data_status, headline_results, tactic_scorecard, tactic_scorecards, upload_failure
from .mapping_editor import mapping_editor
from .navigation import route_through_entry_point, run_app
from .page_links import page_link
from .priorities import priorities_matrix, tactic_priorities_matrix
from .report_downloads import report_downloads
from .state import (
    CONFIDENT,
    MAX_COMMENTS_SHOWN,
    SAMPLE_LABEL,
    SAMPLE_PATH,
    UPLOADER_KEY,
    apply_settings,
    chart,
    dataset,
    is_sample,
    memo,
    settings,
    upload_error,
    upload_results_shown,
    use_mapping,
    use_sample,
    use_upload,
)
from .tactic_page import has_tables, render_tactic_page, tactic_metrics
from .text import html_text, md_text
from .validation_view import data_notes, evidence_summary, nothing_scored, report_tables, show_error
from .view import View, data_banner, view
from .workspace import owner as workspace_owner
from .workspace import workspace_open
from .workspace_home import workspace_panel
from .workspace_session import keep_settings as keep_workspace_settings

__all__ = [
    "CONFIDENT",
    "MAX_COMMENTS_SHOWN",
    "SAMPLE_LABEL",
    "SAMPLE_PATH",
    "STATUS_ICONS",
    "STATUS_LABELS",
    "UPLOADER_KEY",
    "View",
    "apply_settings",
    "chart",
    "comment_list",
    "data_banner",
    "data_notes",
    "data_status",
    "dataset",
    "evidence_summary",
    "finding_title",
    "fitted_height",
    "fmt",
    "gap_badge",
    "has_tables",
    "headline_results",
    "html_text",
    "is_sample",
    "keep_workspace_settings",
    "mapping_editor",
    "md_text",
    "memo",
    "nothing_scored",
    "page_link",
    "pick_from_chart",
    "priorities_matrix",
    "render_findings",
    "render_headline",
    "render_tactic_page",
    "report_downloads",
    "report_tables",
    "route_through_entry_point",
    "run_app",
    "settings",
    "show_error",
    "tactic_metrics",
    "tactic_priorities_matrix",
    "tactic_scorecard",
    "tactic_scorecards",
    "threshold",
    "upload_error",
    "upload_failure",
    "upload_results_shown",
    "use_mapping",
    "use_sample",
    "use_upload",
    "view",
    "workspace_open",
    "workspace_owner",
    "workspace_panel",
]

route_through_entry_point()  # before any page draws: see its docstring
