"""The one user-facing error type: what is wrong, and how to fix it."""


class InputError(ValueError):
    """Bad input the user can fix. Pages show it with st.error; the CLI prints `error: ...`."""

    report = None  # when mapping the columns by hand is the fix: the survey's validation report, with its columns

    def __init__(self, message: str, hint: str = "", command_line: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.command_line = command_line  # the fix on the command line (a flag), printed by the CLI, never on a page

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()
