"""One loaded survey and its evidence tables, in a private, locked-down DuckDB connection."""

from __future__ import annotations

import uuid
import weakref

import pandas as pd

from . import db
from .cache import MB, ByteBoundedCache
from .history import PublicationLog
from .ingest import NOT_GIVEN, SurveyTables, ValidationReport, load_files
from .items import ITEMS
from .memory import release
from .paths import existing_files
from .periods import order_periods

# The results cache: everything computed from one dataset (disclosure decisions, analyses, results, tables, a page's
# chart specs), keyed by the settings and selection values; least recently used go first. With the parse cache shared
# by sessions (ui.state) it is the only cache: a dataset belongs to one session, so this is that session's.
CACHE_BYTES = 96 * MB


class Dataset:
    _not_counted = True  # a cached result that refers to its dataset is not charged the dataset's size

    def __init__(
        self,
        tables: SurveyTables,
        label: str,
        evidence: dict[str, pd.DataFrame] | None = None,
        evidence_sources: list[dict] | None = None,
        publications: PublicationLog | None = None,
    ) -> None:
        self.label = label
        self.publications = publications  # where this data's views are recorded as published (a workspace's log)
        self.history = publications.publication_history() if publications is not None else []  # published before
        self.token = uuid.uuid4().hex  # identifies this load in caches
        self.cache = ByteBoundedCache(CACHE_BYTES)  # results that depend only on this data and their arguments
        self._period_sizes: dict[str, int] | None = None
        self.report: ValidationReport = tables.report
        # what the survey asked: the tactics with a statement column, and whether any open question was asked
        self.asked_tactics, self.open_asked = _asked(tables)
        self.evidence_sources = evidence_sources or []
        self.con = db.connect()
        weakref.finalize(self, _close, self.con)  # when a session lets its dataset go, its memory goes back to the system
        db.load_table(self.con, "respondents", tables.respondents_arrow)
        db.load_table(self.con, "scores", tables.scores_arrow)
        db.load_table(self.con, "comments", tables.comments_arrow)
        db.load_table(self.con, "tactic_groups", tables.tactic_groups_arrow)
        db.load_table(self.con, "item_counts", tables.item_counts_arrow)
        items = pd.DataFrame([i.as_dict() for i in (*ITEMS, *tables.custom_items)])
        db.load_table(self.con, "items", items)
        self.tables = {"responses"}
        for key, frame in (evidence or {}).items():
            db.load_table(self.con, key, frame)
            self.tables.add(key)

    @classmethod
    def from_file(cls, filename: str, data: bytes, label: str | None = None) -> Dataset:
        return cls.from_files([(filename, data)], label or filename)

    @classmethod
    def from_files(
        cls,
        files: list[tuple[str, bytes]],
        label: str | None = None,
        mapping: dict | None = None,
        publications: PublicationLog | None = None,
    ) -> Dataset:
        loaded = load_files(files, mapping)
        label = label or ", ".join(name for name, _ in files)
        return cls(loaded.survey, label, loaded.evidence, loaded.evidence_sources, publications)

    def has_table(self, name: str) -> bool:
        return name in self.tables

    def query(self, sql: str, params: dict | None = None) -> pd.DataFrame:
        return self.con.execute(sql, params or {}).df()

    def periods(self) -> list[str]:
        return list(self.period_sizes())

    def period_sizes(self) -> dict[str, int]:
        """Respondents per period, from the earliest period to the latest (periods.order_periods; respondents
        without a period last); the data never changes, so it is read once."""
        if self._period_sizes is None:
            frame = self.query("SELECT period, count(*) AS n FROM respondents GROUP BY period")
            sizes = dict(zip(frame["period"], frame["n"].astype(int), strict=True))
            dated = order_periods(p for p in sizes if p != NOT_GIVEN)[0]
            self._period_sizes = {p: sizes[p] for p in [*dated, *([NOT_GIVEN] if NOT_GIVEN in sizes else [])]}
        return dict(self._period_sizes)

    def remember(self, key: tuple, compute):
        """compute(), once per key for this dataset (while the dataset's cache budget keeps it)."""
        return self.cache.get_or_compute(key, compute)


def _asked(tables: SurveyTables) -> tuple[frozenset[str], bool]:
    """The tactics the upload has a statement column of (an item of the bank or a custom statement), and whether it
    has an open question's column."""
    items = tables.items
    mapped = [items[entry["maps_to"]] for entry in tables.report.mapped_columns if entry["maps_to"] in items]
    return frozenset(i.tactic for i in mapped if i.kind == "likert"), any(i.kind == "open" for i in mapped)


def _close(con) -> None:
    con.close()
    release()


def load_dataset(paths: list[str], mapping: dict | None = None) -> Dataset:
    """Load a survey and any evidence files from disk (the command line's entry point)."""
    files = [(path.name, path.read_bytes()) for path in existing_files(paths)]
    return Dataset.from_files(files, mapping=mapping)
