"""Dense retrieval wired into indexing and search, with the real local embedder on a small corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from biseo.adapters.embedding.openai_embedder import OpenAIEmbedder
from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.domain.search.query import SearchFilters, SearchQuery
from biseo.services.search.service import SearchService
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.integration

LAWS = ["민원처리에관한법률", "관공서의공휴일에관한규정"]


def corpus(target: Path) -> Path:
    for law in LAWS:
        shutil.copytree(SHARED_DATA / "laws" / law, target / law)
    return target


def settings(home: Path, cache: Path, **overrides) -> Settings:
    environ = {"BISEO_HOME": str(home), "BISEO_CACHE_DIR": str(cache)}
    return Settings.load(environ, log_level="WARNING", dense="local", **overrides)


@pytest.fixture(scope="module")
def vector_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("vector-cache")


@pytest.fixture(scope="module")
def services(tmp_path_factory, vector_cache):
    s = build_services(settings(tmp_path_factory.mktemp("home"), vector_cache))
    s.ingest.ingest([str(corpus(tmp_path_factory.mktemp("laws")))])
    first = s.indexing.sync()
    s.first_report = first  # type: ignore[attr-defined]
    yield s
    s.close()


def test_sync_embeds_every_segment_once(services):
    dense = services.indexing.dense
    assert dense is not None
    segments = sum(len(services.store.segments(d)) for d in services.store.document_ids())
    assert dense.index.count() == segments > 100
    assert services.first_report.embedded == segments
    assert dense.index.model == "multilingual-e5-small-int8/128"
    again = services.indexing.sync()
    assert again.embedded == 0 and again.added == 0


def test_rebuild_reuses_the_vector_cache(tmp_path, vector_cache):
    s = build_services(settings(tmp_path / "home", vector_cache))
    try:
        s.ingest.ingest([str(corpus(tmp_path / "laws"))])
        report = s.indexing.sync()
        assert report.embedded == 0  # same texts, same model: all from the cache
        assert s.indexing.dense.index.count() > 100
        document_id = next(iter(s.store.document_ids()))
        s.store.delete(document_id)
        s.indexing.sync()
        assert document_id not in s.indexing.dense.index.indexed_documents()
    finally:
        s.close()


def test_hybrid_keeps_exact_references_first(services):
    hits = services.search.search(SearchQuery("민원처리법 제19조")).hits
    assert hits[0].exact and hits[0].label == "민원 처리에 관한 법률 제19조(처리기간의 계산)"


def test_dense_adds_articles_that_share_no_words_with_the_question(services):
    question = "일요일과 설날 연휴는 관청이 쉬나요"
    dense_only = services.indexing.dense.search(question, SearchFilters(), 3)
    labels = [services.store.passages([_key(k)])[_key(k)].segment.label for k, _ in dense_only]
    assert all(label.startswith("관공서의 공휴일에 관한 규정") for label in labels), labels
    lexical = SearchService(
        store=services.store, index=services.search.index, analyzer=services.search.analyzer
    )
    lexical_keys = {h.key for h in lexical.search(SearchQuery(question)).hits}
    hybrid = services.search.search(SearchQuery(question, limit=5)).hits
    added = [h.label for h in hybrid if h.key not in lexical_keys]
    assert any(label.startswith("관공서의 공휴일에 관한 규정") for label in added), added


def test_filters_apply_to_the_dense_list(services):
    hits = services.search.search(SearchQuery("처리기간 연장", SearchFilters(kind="decree"), limit=10)).hits
    assert hits and all(h.kind == "decree" for h in hits)


def test_an_unreachable_embedder_falls_back_to_lexical(services):
    lexical = SearchService(
        store=services.store, index=services.search.index, analyzer=services.search.analyzer
    )
    broken = services.indexing.dense
    from dataclasses import replace

    unreachable = replace(
        broken, embedder=OpenAIEmbedder("http://127.0.0.1:9/v1", "e5", retries=0, timeout=1)
    )
    fallback = SearchService(
        store=services.store,
        index=services.search.index,
        analyzer=services.search.analyzer,
        dense=unreachable,
    )
    query = SearchQuery("민원 처리기간 연장")
    assert [h.key for h in fallback.search(query).hits] == [h.key for h in lexical.search(query).hits]


def test_dense_off_means_no_vectors(tmp_path):
    s = build_services(Settings.load({"BISEO_HOME": str(tmp_path)}, log_level="WARNING"))
    try:
        assert s.indexing.dense is None and s.search.dense is None
    finally:
        s.close()


def test_an_unknown_dense_mode_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="BISEO_DENSE must be one of off, local, openai"):
        build_services(Settings.load({"BISEO_HOME": str(tmp_path), "BISEO_DENSE": "gpu"}))
    with pytest.raises(ValueError, match="needs BISEO_EMBEDDING_URL"):
        build_services(Settings.load({"BISEO_HOME": str(tmp_path), "BISEO_DENSE": "openai"}))


def _key(raw: str) -> tuple[str, int]:
    document_id, number = raw.rsplit(":", 1)
    return document_id, int(number)
