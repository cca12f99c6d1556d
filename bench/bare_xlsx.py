"""The yardstick for a whole-process `python -m alignment analyze FILE.xlsx`: a bare script that starts Python,
imports pandas and python-calamine, reads the Responses sheet and makes a DataFrame of it, and nothing else."""

import sys

import pandas as pd
from python_calamine import CalamineWorkbook

rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name("Responses").to_python()
frame = pd.DataFrame(rows[1:], columns=rows[0])
print(len(frame))
