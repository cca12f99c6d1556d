"""A deep link opened first on a freshly started server (before anyone has opened the app's root) is served by the
app: its page set-up (wide layout), its list of pages in the sidebar and the page asked for. Without the entry
point's routing, Streamlit runs that page's script on its own in its folder-of-pages mode."""

from __future__ import annotations

from browser_stack import CHROMIUM, CHROMIUM_ARGS
from test_browser import UI_TIMEOUT_MS, Server, _wait_script_idle, streamlit_server  # noqa: F401 (a fixture)

from ui.page_list import PAGES

VIEWPORT = {"width": 1280, "height": 720}


def test_a_deep_link_on_a_fresh_server_opens_that_page_inside_the_app(streamlit_server: Server) -> None:  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            page.set_default_timeout(UI_TIMEOUT_MS)
            page.goto(streamlit_server.url + "/checks", wait_until="domcontentloaded")  # the server's first request
            expect(page.locator("h1").first).to_have_text("Checks")
            _wait_script_idle(page)
            navigation = page.locator('[data-testid="stSidebarNav"]')
            for spec in PAGES:  # the app's names for its pages, not the scripts' file names
                expect(navigation.get_by_text(spec.title, exact=True)).to_be_visible()
            expect(navigation.get_by_text("app", exact=True)).to_have_count(0)
            main = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
            assert main is not None and main["width"] > 850, main  # the app's wide layout, not the narrow default
        finally:
            browser.close()
