"""IT-business alignment self-assessment: ingest, scoring and charts, without Streamlit."""

from .analysis import Analysis, analyze
from .config import Settings
from .dataset import Dataset
from .errors import InputError

__all__ = ["Analysis", "Dataset", "InputError", "Settings", "analyze"]
