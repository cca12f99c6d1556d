"""Report exports: an Excel workbook, a PowerPoint deck and an offline HTML page of one selection.

python-pptx and vl-convert are imported only when a deck or a chart image is made.
"""

from .report import FORMATS, MEDIA_TYPES, build_report, report_filename

__all__ = ["FORMATS", "MEDIA_TYPES", "build_report", "report_filename"]
