"""Plain-language check titles: the finding line leads with words, the id and slug are a detail."""

from __future__ import annotations

import pytest

from alignment.checks import REGISTRY, Finding
from ui.findings import finding_title


@pytest.mark.parametrize(
    ("check_id", "title"),
    [
        ("MET004", "KPI visibility"),
        ("MET003", "KPIs tied to objectives"),
        ("REL003", "BRM coverage"),
        ("ROT001", "Rotate IT and business employees: score against its target"),
        ("TRU002", "Get trust: IT and the business see it differently"),
        ("MET006", "Metric visibility: what people say against what happens"),
        ("TRU006", "High-risk decisions stalled"),
        ("TRU007", "Trust versus delivery"),
    ],
)
def test_titles_are_declared_in_words(check_id, title):
    assert REGISTRY[check_id].title == title


def test_every_check_declares_a_title_without_its_slug():
    for check in REGISTRY.values():
        title = check.title  # declared once with the check; findings, the catalogue and the JSON read it
        assert title[0].isupper(), check.id
        assert check.name not in title and check.id not in title, check.id
        assert "-" not in title.lower().replace("high-risk", "").replace("on-time", "").replace("on-budget", ""), title
    assert len({check.title for check in REGISTRY.values()}) == len(REGISTRY)  # no two checks read alike


def test_finding_line_leads_with_the_title_not_the_id():
    finding = Finding("MET004", "kpi-visibility", "MET", "evidence", "high", "fail", "2 of 9 KPIs are visible to the business.")
    line = finding_title(finding)
    assert line == "**FAIL** · **KPI visibility** — 2 of 9 KPIs are visible to the business."
    assert "`" not in line and "MET004" not in line
    assert finding.to_json()["title"] == "KPI visibility"
