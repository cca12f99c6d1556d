"""The disclosure decisions hand SciPy sparse constraints only.

For a dense matrix, scipy.optimize.LinearConstraint sets a process-wide filter that turns every warning into an
error while it checks the matrix: a warning raised in that moment by another session's thread (the app runs each
session in its own) would fail that session. alignment/integer_programme.py makes every constraint sparse."""

from __future__ import annotations

import scipy.optimize
from conftest import SAMPLE_CSV
from scipy.sparse import issparse

from alignment.dataset import Dataset
from alignment.disclosure import Disclosure


def test_deciding_the_sample_data_builds_no_dense_constraint(monkeypatch):
    built = []
    original = scipy.optimize.LinearConstraint.__init__

    def recording(self, A, *args, **kwargs):
        built.append(issparse(A))
        original(self, A, *args, **kwargs)

    monkeypatch.setattr(scipy.optimize.LinearConstraint, "__init__", recording)
    dataset = Dataset.from_files([(SAMPLE_CSV.name, SAMPLE_CSV.read_bytes())])
    for k in (3, 5, 10):  # the sample's small groups go to the linear guard's programme and the integer audit's
        Disclosure(dataset, k)
    assert built and all(built), f"{built.count(False)} of {len(built)} constraints dense"
