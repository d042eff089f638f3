"""NumpyVectorIndex: exact cosine search, filters, removal, persistence, and the HNSW path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from biseo.adapters.search.vector_index import NumpyVectorIndex
from biseo.services.ports import SearchFilters, VectorEntry


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def entries(doc: str, n: int, kind: str = "statute", agency: str | None = "행정안전부", day: int = 20240101):
    return [VectorEntry(f"{doc}:{i}", kind, agency, "민원처리에관한법률", day) for i in range(n)]


def test_exact_search_finds_the_nearest_and_survives_reopening(tmp_path: Path):
    rng = np.random.default_rng(1)
    a, b = unit(rng.normal(size=(5, 16))), unit(rng.normal(size=(3, 16)))
    index = NumpyVectorIndex(tmp_path)
    index.add("a", entries("a", 5), a)
    index.add("b", entries("b", 3, kind="precedent", agency=None, day=20200505), b)
    assert index.count() == 0  # nothing visible before commit
    index.commit("model-x")
    assert index.search(b[1], SearchFilters(), 1) == [("b:1", index.search(b[1], SearchFilters(), 1)[0][1])]
    assert abs(index.search(b[1], SearchFilters(), 1)[0][1] - 1.0) < 1e-5

    reopened = NumpyVectorIndex(tmp_path)
    assert reopened.model == "model-x"
    assert reopened.count() == 8
    assert reopened.indexed_documents() == {"a", "b"}
    assert reopened.search(a[2], SearchFilters(), 8)[0][0] == "a:2"
    assert len(reopened.search(a[2], SearchFilters(), 100)) == 8


def test_filters_restrict_the_candidates(tmp_path: Path):
    rng = np.random.default_rng(2)
    a, b = unit(rng.normal(size=(4, 8))), unit(rng.normal(size=(4, 8)))
    index = NumpyVectorIndex(tmp_path)
    index.add("a", entries("a", 4), a)
    index.add("b", entries("b", 4, kind="precedent", agency="대법원", day=20200505), b)
    index.commit("m")
    only_precedents = index.search(a[0], SearchFilters(kind="precedent"), 10)
    assert {k.split(":")[0] for k, _ in only_precedents} == {"b"}
    assert len(only_precedents) == 4
    assert index.search(a[0], SearchFilters(agency="없는기관"), 10) == []
    dated = index.search(a[0], SearchFilters(date_from=date(2023, 1, 1)), 10)
    assert {k.split(":")[0] for k, _ in dated} == {"a"}


def test_replacing_and_removing_documents(tmp_path: Path):
    rng = np.random.default_rng(3)
    index = NumpyVectorIndex(tmp_path)
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
    assert NumpyVectorIndex(tmp_path).count() == 0


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


def test_a_vector_of_another_dimension_finds_nothing(tmp_path: Path):
    index = NumpyVectorIndex(tmp_path)
    index.add("a", entries("a", 2), unit(np.ones((2, 8))))
    index.commit("m")
    assert index.search(np.ones(4, np.float32), SearchFilters(), 3) == []


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
