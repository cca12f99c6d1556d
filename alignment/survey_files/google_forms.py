"""The survey as a Google Apps Script (.gs) that builds it as a Google Form with FormApp.

The survey is one JSON object at the top of the script (SURVEY), so the script has no other text to keep in step.
Each tactic's statements are a multiple-choice grid whose rows start with the statements' codes ("REL1. IT and
business …"); the responses' CSV (or linked sheet) heads a grid row's column 'Grid title [REL1. …]', and the open,
function and department questions' columns by their titles, which start with their codes too. Run it once: in Google
Drive, New > More > Google Apps Script, paste the file over Code.gs, choose buildSurvey and Run, allow access; the
execution log shows the form's edit and answer links.
"""

from __future__ import annotations

import json

from .content import INTRO, TITLE, Grid, sections

SCRIPT = """/**
 * {title}: builds the survey as a Google Form.
 *
 * In Google Drive: New > More > Google Apps Script. Paste this file over Code.gs, choose buildSurvey and Run, allow
 * access. The execution log shows the form's edit link and the link to send to respondents.
 *
 * Keep the code at the start of each question and grid row (REL1., RELO., Function:, Department: ...): the responses'
 * CSV is then read back by the dashboard with no column mapping. You may reword the texts after the codes.
 */
var SURVEY = {survey};

function buildSurvey() {{
  var form = FormApp.create(SURVEY.title);
  form.setDescription(SURVEY.description);
  form.setCollectEmail(false);
  form.setProgressBar(true);
  SURVEY.sections.forEach(function (section, index) {{
    if (index === 0) {{
      form.addSectionHeaderItem().setTitle(section.title).setHelpText(section.description);
    }} else {{
      form.addPageBreakItem().setTitle(section.title).setHelpText(section.description);
    }}
    section.items.forEach(function (item) {{
      if (item.type === 'grid') {{
        form.addGridItem().setTitle(item.title).setHelpText(item.help).setRows(item.rows).setColumns(item.columns)
          .setRequired(item.required);
      }} else if (item.type === 'choice') {{
        form.addMultipleChoiceItem().setTitle(item.title).setChoiceValues(item.choices).setRequired(item.required);
      }} else if (item.type === 'text') {{
        form.addTextItem().setTitle(item.title).setRequired(item.required);
      }} else {{
        form.addParagraphTextItem().setTitle(item.title).setRequired(item.required);
      }}
    }});
  }});
  Logger.log('Edit the form: ' + form.getEditUrl());
  Logger.log('Send this link to respondents: ' + form.getPublishedUrl());
}}
"""


def survey_object() -> dict:
    """The form as the script builds it: sections of items, every title and grid row carrying its code."""
    found = []
    for section in sections():
        items = []
        for question in section.questions:
            if isinstance(question, Grid):
                items.append(
                    {
                        "type": "grid",
                        "title": section.title,
                        "help": question.title,
                        "rows": [row.label for row in question.rows],
                        "columns": list(question.columns),
                        "required": question.required,
                    }
                )
            else:
                item = {"type": question.kind, "title": question.label, "required": question.required}
                if question.choices:
                    item["choices"] = list(question.choices)
                items.append(item)
        found.append({"title": section.title, "description": section.description, "items": items})
    return {"title": TITLE, "description": INTRO, "sections": found}


def build() -> bytes:
    survey = json.dumps(survey_object(), indent=2, ensure_ascii=False)
    return SCRIPT.format(title=TITLE, survey=survey).encode("utf-8")
