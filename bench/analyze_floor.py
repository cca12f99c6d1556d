"""The floor of a whole-process `python -m alignment analyze FILE.xlsx --json`: what the command must do before it
analyses anything. Starts Python, makes the imports the command makes for an analysis (alignment/__main__.py's
_print_analysis), checks and sizes the workbook and reads its Responses and evidence sheets as the app reads them
(alignment.ingest: one fastexcel reader, every cell as Arrow text), and nothing else: no parse into tables, no
decisions, no statistics, no comment tones, no JSON.

bench/run.py times it beside the command and bench/bare_xlsx.py, so the report can say how much of the command's
ratio to the bare script is this floor and how much is the analysis."""

import sys
from pathlib import Path

# the imports of an analysis, as the command makes them
from alignment.comment_themes import comments_json  # noqa: F401
from alignment.dataset import load_dataset  # noqa: F401
from alignment.disclosure import breakdowns  # noqa: F401
from alignment.ingest.filecheck import check_upload
from alignment.ingest.limits import check_upload_size
from alignment.ingest.load import _sheets
from alignment.ingest.read import WorkbookSheet
from alignment.priorities import priorities_json  # noqa: F401
from alignment.results import results  # noqa: F401
from alignment.trends import trends_json  # noqa: F401

path = Path(sys.argv[1])
data = path.read_bytes()
check_upload_size(path.name, data, is_csv=False)
check_upload(path.name, data)  # the safety checks and the sizing of every sheet
rows = sum(source.text.num_rows for _, _, source in _sheets(path.name, data) if isinstance(source, WorkbookSheet))
print(rows)
