"""The operational evidence tables: their columns, meaning and an example row each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceTable:
    name: str
    purpose: str
    columns: tuple[str, ...]
    example: tuple


EVIDENCE_TABLES: tuple[EvidenceTable, ...] = (
    EvidenceTable(
        "Departments",
        "Every department, its function, headcount and business relationship manager (blank brm = none).",
        ("department", "function", "headcount", "brm"),
        ("Sales", "Business", 120, "Dana Whitfield"),
    ),
    EvidenceTable(
        "KPIs",
        "Metrics, who owns them, which business objective they serve and who can see them.",
        (
            "kpi",
            "owner_function",
            "business_objective",
            "kind",
            "unit",
            "target",
            "actual",
            "higher_is_better",
            "visible_to_business",
            "visible_to_it",
            "period",
        ),
        (
            "Order-to-cash cycle time",
            "Business",
            "Faster cash collection",
            "business_outcome",
            "days",
            30,
            34,
            "no",
            "yes",
            "yes",
            "2026-Q3",
        ),
    ),
    EvidenceTable(
        "Engagements",
        "Meetings between IT and a business unit (steering, planning, one-to-one, workshop, other).",
        ("date", "department", "kind", "it_attendee", "business_attendee"),
        (dt.date(2026, 9, 14), "Sales", "planning", "Head of Applications", "Sales Director"),
    ),
    EvidenceTable(
        "Rotations",
        "Shadowing, mentoring and rotations across IT and the business.",
        ("person", "home_function", "home_department", "host_department", "start_date", "end_date", "kind"),
        ("P-0001", "IT", "IT Applications", "Sales", dt.date(2026, 4, 1), dt.date(2026, 4, 30), "shadowing"),
    ),
    EvidenceTable(
        "WorkItems",
        "IT work by kind (incident, request, problem, change, improvement, project); blank proactive = from kind.",
        ("id", "opened", "department", "kind", "proactive"),
        ("WI-000001", dt.date(2026, 7, 2), "Finance", "incident", "no"),
    ),
    EvidenceTable(
        "Initiatives",
        "IT initiatives with plan, cost, confirmed value and risk (low, medium, high).",
        (
            "initiative",
            "sponsor_department",
            "status",
            "planned_end",
            "actual_end",
            "budget",
            "actual_cost",
            "value_confirmed",
            "risk",
        ),
        ("CRM replacement", "Sales", "done", dt.date(2026, 6, 30), dt.date(2026, 7, 21), 450000, 470000, "yes", "high"),
    ),
)
