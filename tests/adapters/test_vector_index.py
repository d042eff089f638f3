"""NumpyVectorIndex: exact cosine search, filters, removal, persistence, and the HNSW path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from biseo.adapters.search.vector_index import NumpyVectorIndex
from biseo.services.ports import SearchFilters
from tests.adapters.vector_helpers import entries, unit
from tests.adapters.vector_index_contract import VectorIndexContract


def test_uncommitted_work_is_lost_but_the_last_generation_is_intact(tmp_path: Path):
    rng = np.random.default_rng(4)
    index = NumpyVectorIndex(tmp_path)
    index.add("a", entries("a", 2), unit(rng.normal(size=(2, 8))))
    index.commit("m")
    index.add("b", entries("b", 2), unit(rng.normal(size=(2, 8))))
    (tmp_path / "vectors-99.npz.tmp").write_bytes(b"half written")  # a crash mid-write
    reopened = NumpyVectorIndex(tmp_path)
    assert reopened.indexed_documents() == {"a"}
    assert reopened.count() == 2


def test_hnsw_above_the_threshold_agrees_with_exact_search(tmp_path: Path):
    rng = np.random.default_rng(5)
    vectors = unit(rng.normal(size=(400, 32)))
    exact = NumpyVectorIndex(tmp_path / "exact")
    approximate = NumpyVectorIndex(tmp_path / "hnsw", hnsw_threshold=100)
    for index in (exact, approximate):
        index.add("d", entries("d", 400), vectors)
        index.commit("m")
    approximate.prepare()  # what a sync does last: the graph exists before the first query
    assert list((tmp_path / "hnsw").glob("hnsw-*.bin"))
    queries = unit(vectors[:20] + rng.normal(scale=0.1, size=(20, 32)))
    agree = sum(
        exact.search(q, SearchFilters(), 1)[0][0] == approximate.search(q, SearchFilters(), 1)[0][0]
        for q in queries
    )
    assert agree >= 19
    assert list((tmp_path / "hnsw").glob("hnsw-*.bin"))  # the graph is saved for the next start
    exact.prepare()
    assert not list((tmp_path / "exact").glob("hnsw-*.bin"))  # small indexes need no graph
    reopened = NumpyVectorIndex(tmp_path / "hnsw", hnsw_threshold=100)
    assert (
        reopened.search(queries[0], SearchFilters(), 1)[0][0]
        == approximate.search(queries[0], SearchFilters(), 1)[0][0]
    )
    filtered = approximate.search(queries[0], SearchFilters(kind="precedent"), 5)
    assert filtered == []


def _commit_in_another_process(path: str, doc: str, seed: int) -> None:
    rows = unit(np.random.default_rng(seed).normal(size=(4, 16)))
    index = NumpyVectorIndex(Path(path))
    index.add(doc, entries(doc, 4), rows)
    index.commit("model-x")


def test_two_processes_writing_one_folder_keep_each_others_vectors(tmp_path: Path):
    """``biseo serve`` and a nightly ``biseo ingest`` with dense retrieval on: each commit applies to
    the newest generation on disk, so neither drops the other's documents or deletes its file."""
    import multiprocessing
    import os

    server = NumpyVectorIndex(tmp_path)
    server.add("s1", entries("s1", 2), unit(np.random.default_rng(1).normal(size=(2, 16))))
    server.commit("model-x")
    context = multiprocessing.get_context("spawn")
    nightly = context.Process(target=_commit_in_another_process, args=(str(tmp_path), "n1", 2))
    nightly.start()
    nightly.join(timeout=120)
    assert nightly.exitcode == 0
    assert server.indexed_documents() == {"s1", "n1"}  # sees the other process's commit
    server.add("s2", entries("s2", 3), unit(np.random.default_rng(3).normal(size=(3, 16))))
    server.commit("model-x")
    reopened = NumpyVectorIndex(tmp_path)
    assert reopened.indexed_documents() == {"s1", "n1", "s2"} and reopened.count() == 9
    files = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("vectors-"))
    generation = os.path.getmtime(tmp_path / files[0])
    server.commit("model-x")  # nothing new: no new generation, nothing rewritten
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("vectors-")) == files
    assert os.path.getmtime(tmp_path / files[0]) == generation


def test_a_writer_waits_for_the_folder_lock_then_gives_a_clear_error(tmp_path: Path):
    import fcntl

    import pytest

    from biseo.domain.errors import BiseoError, ErrorCode

    index = NumpyVectorIndex(tmp_path, lock_wait_seconds=0.3)
    index.add("a", entries("a", 2), unit(np.random.default_rng(1).normal(size=(2, 16))))
    with open(tmp_path / ".lock", "a+b") as held:  # another process in the middle of a commit
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(BiseoError) as refused:
            index.commit("model-x")
        fcntl.flock(held, fcntl.LOCK_UN)
    assert refused.value.code is ErrorCode.BUSY
    index.commit("model-x")  # the pending vectors were kept and go in now
    assert index.indexed_documents() == {"a"} and index.count() == 2


class TestNumpyVectorIndex(VectorIndexContract):
    @pytest.fixture
    def open_index(self):
        return NumpyVectorIndex
