"""Which respondents a view shows: one frozen value from the sidebar (or the CLI's flags) to every result."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    """A period, a department and a function (IT or Business); None is all of them."""

    period: str | None = None
    department: str | None = None
    function: str | None = None

    @property
    def narrowed(self) -> bool:
        """Whether a department or function is chosen (the checks still read the whole organisation)."""
        return self.department is not None or self.function is not None

    @property
    def whole(self) -> Selection:
        """The whole organisation in the same period: what the checks read."""
        return Selection(self.period)

    @property
    def over_periods(self) -> Selection:
        """The same department and function in every period: what a trend follows."""
        return Selection(None, self.department, self.function)

    def labelled(self) -> list[tuple[str, str]]:
        """Each filter with its choice in words, as a report's header lists them."""
        return [
            ("Period", self.period or "all periods"),
            ("Department", self.department or "all departments"),
            ("Function", self.function or "IT and Business"),
        ]

    def scope(self) -> str:
        """The choices as the end of a sentence: ' in period 2026-Q1, department Sales, IT only' ('' for everyone)."""
        parts = [f" in period {self.period}" if self.period else "", f", department {self.department}" if self.department else ""]
        parts.append(f", {self.function} only" if self.function else "")
        return "".join(parts)

    def who(self) -> str:
        """The department and function chosen in words ('department Sales, IT respondents'; '' for everyone)."""
        parts = [
            *([f"department {self.department}"] if self.department else []),
            *([f"{self.function} respondents"] if self.function else []),
        ]
        return ", ".join(parts)

    def describe(self) -> str:
        """The whole selection in words: 'period 2026-Q1, department Sales, IT respondents', 'all periods'."""
        return ", ".join(filter(None, ["all periods" if self.period is None else f"period {self.period}", self.who()]))


EVERYONE = Selection()  # every period, department and function: the default selection
