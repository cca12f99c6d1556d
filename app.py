"""Entry point: the page set-up and navigation live in ui.run_app(), so that a page opened directly can use them too."""

import ui

ui.run_app()
