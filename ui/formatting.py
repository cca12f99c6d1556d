"""How numbers and check statuses are written on every page."""

from __future__ import annotations


def fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "–" if value is None else pattern.format(value)


STATUS_ICONS = {
    "fail": ":material/cancel:",
    "warn": ":material/warning:",
    "error": ":material/bug_report:",
    "pass": ":material/check_circle:",
    "not_applicable": ":material/remove_circle_outline:",
}
STATUS_LABELS = {"fail": "FAIL", "warn": "WARN", "error": "ERROR", "pass": "PASS", "not_applicable": "N/A"}
