import streamlit as st

import ui
from alignment import charts, evidence_views


def evidence(current: ui.View) -> None:
    left, right = st.columns(2)
    with left:
        st.markdown("**Response rate by department**")
        if ui.has_tables(current, "departments"):
            k = current.settings.min_group_size
            rates = ui.memo(evidence_views.response_rate_by_department, current.dataset, current.period, k)
            chart = charts.response_rate_chart(rates[~rates["hidden"]], 100 * ui.threshold("SRV003", "warn_below"))
            ui.chart("SRV-evidence-1", lambda: chart)
            hidden = rates[rates["hidden"]]
            if len(hidden):
                st.caption(
                    "Not shown — "
                    + "; ".join(
                        f"{ui.md_text(d)}: {ui.md_text(why)}" for d, why in zip(hidden["department"], hidden["why"], strict=True)
                    )
                    + "."
                )
    with right:
        st.markdown("**Share of respondents who wrote a comment, by period**")
        frame = ui.memo(evidence_views.comment_share_by_period, current.dataset, current.settings.min_group_size)
        chart = charts.share_by_quarter_chart(
            frame.rename(columns={"period": "quarter"}),
            "commented_pct",
            None,
            "% of respondents who commented",
            threshold=100 * ui.threshold("SRV005", "warn_below"),
            count=("respondents", "Respondents"),
            x_title="Survey period",
        )
        ui.chart("SRV-evidence-2", lambda: chart)


ui.render_tactic_page("SRV", evidence)
