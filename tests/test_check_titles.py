"""Plain-language check titles: the finding line leads with words, the id and slug are a detail."""

from __future__ import annotations

import pytest

from alignment.checks import REGISTRY, Finding
from alignment.checks.titles import check_title
from ui.findings import finding_title


@pytest.mark.parametrize(
    ("check_id", "name", "title"),
    [
        ("MET004", "kpi-visibility", "KPI visibility"),
        ("MET003", "kpis-tied-to-objectives", "KPIs tied to objectives"),
        ("REL003", "brm-coverage", "BRM coverage"),
        ("ROT001", "rot-score-below-target", "Rotate IT and business employees: score against its target"),
        ("TRU002", "tru-perception-gap", "Get trust: IT and the business see it differently"),
        ("MET006", "metric-visibility-says-vs-does", "Metric visibility: what people say against what happens"),
        ("TRU006", "high-risk-decisions-stalled", "High-risk decisions stalled"),
        ("TRU007", "trust-versus-delivery", "Trust versus delivery"),
    ],
)
def test_titles_read_as_words(check_id, name, title):
    assert check_title(check_id, name) == title


def test_every_check_has_a_title_without_its_slug():
    for check in REGISTRY.values():
        title = check.title  # declared once in the registry; findings, the catalogue and the JSON read it
        assert title == check_title(check.id, check.name)
        assert title[0].isupper(), check.id
        assert check.name not in title and check.id not in title, check.id
        assert "-" not in title.lower().replace("high-risk", "").replace("on-time", "").replace("on-budget", ""), title


def test_finding_line_leads_with_the_title_not_the_id():
    finding = Finding("MET004", "kpi-visibility", "MET", "evidence", "high", "fail", "2 of 9 KPIs are visible to the business.")
    line = finding_title(finding)
    assert line == "**FAIL** · **KPI visibility** — 2 of 9 KPIs are visible to the business."
    assert "`" not in line and "MET004" not in line
    assert finding.to_json()["title"] == "KPI visibility"
