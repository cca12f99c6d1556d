"""What the browser tests need: Debian's Chromium (never a Playwright download) and Playwright, or a skip
locally and a failure in CI, where .ci/run installs both."""

from __future__ import annotations

import importlib
import os

import pytest

from bench.load import CHROMIUM, CHROMIUM_ARGS

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "require_browser_stack"]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but the browser test cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def require_browser_stack(playwright_api: str = "playwright.sync_api") -> None:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found (install the Debian 'chromium' package)")
    try:
        importlib.import_module(playwright_api)
    except ImportError as exc:
        _unavailable(f"playwright is not importable ({exc}); pip install -r requirements-dev.txt")
