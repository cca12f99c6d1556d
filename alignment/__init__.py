"""IT-business alignment self-assessment: ingest, disclosure control, scoring, checks and charts, without Streamlit.

Import the modules you need (alignment.dataset, alignment.analysis, ...): the package itself imports nothing,
so that `python -m alignment items` starts without loading pandas, DuckDB or SciPy.
"""
