"""Report exports: an Excel workbook, a PowerPoint deck and an offline HTML page of one selection.

python-pptx and vl-convert are imported only when a deck or a chart image is made.
"""

from .formats import FORMATS, REPORT_FORMATS, ReportFormat, build_report, report_filename

__all__ = ["FORMATS", "REPORT_FORMATS", "ReportFormat", "build_report", "report_filename"]
