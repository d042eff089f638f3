"""The vector index contract: every implementation inherits this class and provides an
``open_index(path)`` fixture. Exact nearest neighbours, filters, replacement and removal, reopening
from disk, and vectors of another dimension."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from biseo.services.ports import SearchFilters
from tests.adapters.vector_helpers import entries, unit


class VectorIndexContract:
    def test_exact_search_finds_the_nearest_and_survives_reopening(self, open_index, tmp_path: Path):
        rng = np.random.default_rng(1)
        a, b = unit(rng.normal(size=(5, 16))), unit(rng.normal(size=(3, 16)))
        index = open_index(tmp_path)
        index.add("a", entries("a", 5), a)
        index.add("b", entries("b", 3, kind="precedent", agency=None, day=20200505), b)
        assert index.count() == 0  # nothing visible before commit
        index.commit("model-x")
        assert index.search(b[1], SearchFilters(), 1) == [
            ("b:1", index.search(b[1], SearchFilters(), 1)[0][1])
        ]
        assert abs(index.search(b[1], SearchFilters(), 1)[0][1] - 1.0) < 1e-5

        reopened = open_index(tmp_path)
        assert reopened.model == "model-x"
        assert reopened.count() == 8
        assert reopened.indexed_documents() == {"a", "b"}
        assert reopened.search(a[2], SearchFilters(), 8)[0][0] == "a:2"
        assert len(reopened.search(a[2], SearchFilters(), 100)) == 8

    def test_filters_restrict_the_candidates(self, open_index, tmp_path: Path):
        rng = np.random.default_rng(2)
        a, b = unit(rng.normal(size=(4, 8))), unit(rng.normal(size=(4, 8)))
        index = open_index(tmp_path)
        index.add("a", entries("a", 4), a)
        index.add("b", entries("b", 4, kind="precedent", agency="대법원", day=20200505), b)
        index.commit("m")
        only_precedents = index.search(a[0], SearchFilters(kind="precedent"), 10)
        assert {k.split(":")[0] for k, _ in only_precedents} == {"b"}
        assert len(only_precedents) == 4
        assert index.search(a[0], SearchFilters(agency="없는기관"), 10) == []
        dated = index.search(a[0], SearchFilters(date_from=date(2023, 1, 1)), 10)
        assert {k.split(":")[0] for k, _ in dated} == {"a"}

    def test_replacing_and_removing_documents(self, open_index, tmp_path: Path):
        rng = np.random.default_rng(3)
        index = open_index(tmp_path)
        index.add("a", entries("a", 3), unit(rng.normal(size=(3, 8))))
        index.add("b", entries("b", 2), unit(rng.normal(size=(2, 8))))
        index.commit("m")
        index.add("a", entries("a", 1), unit(rng.normal(size=(1, 8))))  # a new version of a
        index.remove("b")
        index.commit("m")
        assert index.count() == 1
        assert index.indexed_documents() == {"a"}
        assert len(list(tmp_path.glob("vectors-*.npz"))) == 1  # old generations are deleted
        index.clear()
        assert index.count() == 0 and index.model is None
        assert open_index(tmp_path).count() == 0

    def test_a_vector_of_another_dimension_finds_nothing(self, open_index, tmp_path: Path):
        index = open_index(tmp_path)
        index.add("a", entries("a", 2), unit(np.ones((2, 8))))
        index.commit("m")
        assert index.search(np.ones(4, np.float32), SearchFilters(), 3) == []
