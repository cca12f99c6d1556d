"""What the server ran for a page in a real browser: each script run's end as Streamlit's websocket reports it
(ForwardMsg.script_finished), so a browser test can tell a fragment's own rerun from a rerun of the whole app."""

from __future__ import annotations

import time

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

APP = "app"
FRAGMENT = "fragment"
_ENDS = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY: APP,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: FRAGMENT,
}


class ScriptRuns:
    """Listens to a Playwright page's websockets (attach before the page opens the app) and lists the runs that
    finished: "app" for the whole script, "fragment" for a fragment alone (runs stopped early for another rerun
    are not listed)."""

    def __init__(self, page) -> None:
        self.finished: list[str] = []
        page.on("websocket", lambda socket: socket.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if isinstance(payload, str):
            return
        message = ForwardMsg()
        try:
            message.ParseFromString(payload)
        except Exception:  # not a ForwardMsg (nothing else is sent today): not a run's end
            return
        if message.WhichOneof("type") == "script_finished" and message.script_finished in _ENDS:
            self.finished.append(_ENDS[message.script_finished])

    def after(self, action, page, settle_ms: int = 1500, timeout_s: float = 60) -> list[str]:
        """The runs that finish after `action()`: waits for the first, then until none has come for `settle_ms`."""
        before = len(self.finished)
        action()
        deadline = time.monotonic() + timeout_s
        while len(self.finished) == before and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        seen = -1
        while seen != len(self.finished) and time.monotonic() < deadline:
            seen = len(self.finished)
            page.wait_for_timeout(settle_ms)
        return self.finished[before:]
