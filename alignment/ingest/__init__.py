"""Reading uploaded files into survey and evidence tables."""

from .load import LoadedFiles, load_files
from .survey import NOT_GIVEN, SurveyTables, ValidationReport, column_letter, normalise

__all__ = ["NOT_GIVEN", "LoadedFiles", "SurveyTables", "ValidationReport", "column_letter", "load_files", "normalise"]
