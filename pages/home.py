import pandas as pd
import streamlit as st

import ui
from alignment.ingest.cells import MAP_FUNCTION_VALUE
from alignment.items import ITEMS
from alignment.spreadsheet_safe import csv_bytes, validation_report_xlsx
from alignment.survey_files import FORMATS, build_survey
from alignment.template import template_bytes

st.title("IT–business alignment self-assessment")
st.markdown(
    "See where IT and the business stand on six alignment tactics, how far each is from its target, "
    "and where IT and the business see things differently. Upload your survey, or explore the sample data first."
)

status = st.container()  # one line saying what every page shows, written once the upload below is read

st.subheader("1. Get the template")
left, right = st.columns(2)
left.download_button(
    "Download the template workbook (.xlsx)",
    template_bytes(),
    file_name="alignment_template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    help="Instructions, a Responses sheet with dropdowns, and optional evidence sheets.",
    on_click="ignore",
)
right.download_button(
    "Download the item bank (.csv)",
    csv_bytes(pd.DataFrame([i.as_dict() for i in ITEMS])),
    file_name="alignment_items.csv",
    mime="text/csv",
    help="The statements and open questions, to rebuild the survey in your own survey tool.",
    on_click="ignore",
)
tool_column, survey_column = st.columns(2, vertical_alignment="bottom")
tool = tool_column.selectbox(
    "Build the survey in your tool", list(FORMATS), format_func=lambda name: FORMATS[name].tool, key="survey_tool"
)
survey = FORMATS[tool]
survey_column.download_button(
    f"Download the survey for {survey.tool}",
    build_survey(tool),
    file_name=survey.filename,
    mime=survey.mime,
    help=survey.how,
    on_click="ignore",
)
st.caption(f"{survey.how} Keep the question codes (REL1 …): the answer export then loads here with no column mapping.")

st.subheader("2. Upload your answers")
uploaded = st.file_uploader(
    "Upload your survey and evidence files (.xlsx, .xlsm, .xls, .xlsb, .ods or .csv)",
    type=["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"],
    accept_multiple_files=True,
    help="The filled-in template workbook, or its Responses sheet as CSV plus any evidence sheets as separate files "
    "(Departments, KPIs, Engagements, Rotations, WorkItems, Initiatives).",
    disabled=ui.workspace_open(),  # the open workspace's closed rounds are the data; lock it to upload files alone
    key=ui.UPLOADER_KEY,  # the entry point reads it to know whether Home shows results (ui.upload_results_shown)
)
ui.workspace_panel()
if uploaded:
    ui.use_upload(uploaded)
error = ui.upload_error() if uploaded else None
data = ui.dataset()
current = ui.view() if ui.upload_results_shown() else None  # not on the sample data, nor under a failed upload
nothing = current and ui.nothing_scored(data, current.analysis.tactics)  # never a green "Loaded" on nothing
with status:
    if nothing:
        ui.show_error(nothing)
    else:
        ui.data_status(data, ui.is_sample(), error)
if not ui.is_sample():
    st.button("Back to the sample data", on_click=ui.use_sample)
if error:
    ui.upload_failure(error, data, ui.is_sample())
    st.stop()  # no report of an earlier file under the error
if current and not nothing:
    ui.headline_results(current)

if not ui.is_sample() and data.report.mapping and not ui.workspace_open():  # a workspace keeps its own mapping
    st.subheader("Guided import")
    report = data.report
    low = any(c.confidence < ui.CONFIDENT and c.is_item for c in report.mapping)
    unknown_function = any(
        MAP_FUNCTION_VALUE in str(issue.get("reason")) for issue in (*report.cell_issues, *report.dropped_rows)
    )
    fix_here = low or unknown_function or bool(report.unread_warning()) or bool(nothing)  # what the mapping fixes
    with st.expander("Which column asks which statement: check and change the mapping", expanded=fix_here):
        ui.mapping_editor(data)

st.subheader("3. Check what was read")
report = data.report
st.markdown(f"**Survey: {ui.md_text(report.summary())}**")
if data.evidence_sources:
    st.markdown("**Evidence tables read** (each switches on more checks):")
    evidence = ui.evidence_summary(data)
    st.dataframe(evidence, hide_index=True, width="stretch", height=ui.fitted_height(evidence))
else:
    st.caption("No evidence tables: the checks that need them report *not applicable* and say what to upload.")
for note in report.notes:
    st.info(ui.md_text(note))
for warning in report.warnings:
    st.warning(ui.md_text(warning))
ui.report_tables(report.frames())
st.download_button(
    "Download the validation report (.xlsx)",
    ui.memo(validation_report_xlsx, data),
    file_name="alignment_validation_report.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
)
ui.page_link("overview", "See the results: Overview")
