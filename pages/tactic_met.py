import ui

ui.render_tactic_page("MET")
