"""Ingest: uploaded files in, the dataset's tables and a report of everything dropped out.

A one-way pipeline; each step imports only the steps before it:

1. cells, read, filecheck, scales, validation: one cell's text; bytes to sheets; judging an upload by its content;
   answer scales; what was kept and dropped.
2. layouts, mapping, columns, columns_shown, evidence: which survey tool wrote a sheet; which column is which item,
   field or identifier; the wide answer table parsed column by column; what the guided import and the errors say of
   the columns (short labels, candidate question columns); the operational evidence tables.
3. survey: a Responses sheet to tidy survey tables.
4. load: the orchestrator, load_files(files) -> LoadedFiles (survey, evidence tables, report).
"""

from .cells import NOT_GIVEN
from .load import LoadedFiles, load_files
from .survey import SurveyTables
from .validation import ValidationReport

__all__ = ["NOT_GIVEN", "LoadedFiles", "SurveyTables", "ValidationReport", "load_files"]
