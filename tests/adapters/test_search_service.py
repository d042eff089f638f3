"""Search over a small real corpus: exact references first, Korean morphology, filters, odd queries, updates."""

from __future__ import annotations

from datetime import date

import pytest

from biseo.domain.errors import InvalidInput
from biseo.domain.search.query import SearchFilters, SearchQuery
from tests.support import search_corpus

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def services(tmp_path_factory, shared_token_cache):
    s = search_corpus.indexed_services(tmp_path_factory, shared_token_cache)
    yield s
    s.close()


def top(services, text, **kw):
    return services.search.search(SearchQuery(text, **kw)).hits


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("민원처리법 제19조", "민원 처리에 관한 법률 제19조(처리기간의 계산)"),
        ("민원 처리에 관한 법률 시행령 14조", "민원 처리에 관한 법률 시행령 제14조(질의민원의 처리기간 등)"),
        ("행정절차법 21조 1항", "행정절차법 제21조(처분의 사전 통지)"),
        ("정보공개법 제9조 제1항 제5호", "공공기관의 정보공개에 관한 법률 제9조(비공개 대상 정보)"),
        ("민원처리에관한법률 제19조", "민원 처리에 관한 법률 제19조(처리기간의 계산)"),
    ],
)
def test_explicit_references_rank_first(services, query, label):
    hits = top(services, query)
    assert hits[0].label == label and hits[0].exact


def test_ordinary_korean_question_finds_the_article(services):
    hits = top(services, "민원을 처리하는 기간은 공휴일을 빼고 어떻게 계산하나요", limit=5)
    assert any("제19조(처리기간의 계산)" in h.label for h in hits[:3])
    assert all(not h.exact for h in hits)


def test_compound_word_matches_its_parts(services):
    hits = top(services, "소득인정액 기준", limit=5)
    assert hits and any("소득인정액" in h.snippet for h in hits)


def test_snippet_marks_matches(services):
    hit = top(services, "처리기간 계산")[0]
    assert "«처리기간»" in hit.snippet or "«처리»" in hit.snippet


def test_filters(services):
    precedents = top(services, "재량행위 사업계획 승인", filters=SearchFilters(kind="precedent"))
    assert precedents and {h.kind for h in precedents} == {"precedent"}
    press = top(services, "노동절 공휴일", filters=SearchFilters(kind="press_release"))
    assert press and press[0].kind == "press_release"
    old = top(services, "재량행위", filters=SearchFilters(date_to=date(2005, 1, 1)))
    assert old and all(h.date is not None and h.date <= date(2005, 1, 1) for h in old)
    law = top(services, "처리기간", filters=SearchFilters(law="민원처리에관한법률"))
    assert law and all(h.title == "민원 처리에 관한 법률" for h in law)


@pytest.mark.parametrize("query", ["🙂🙂🙂", "!!! ??? ...", "「」 · ‥ ㆍ"])
def test_queries_with_nothing_to_search_get_a_notice(services, query):
    response = services.search.search(SearchQuery(query))
    assert response.hits == []
    assert "검색할 수 있는 낱말" in response.notice


def test_empty_query_is_a_clear_error(services):
    with pytest.raises(InvalidInput) as caught:
        services.search.search(SearchQuery("   "))
    assert "검색어" in caught.value.message_ko


def test_ten_kilobyte_query_is_truncated_not_refused(services):
    response = services.search.search(SearchQuery("민원 처리기간 " * 1500))
    assert response.truncated and response.hits


@pytest.mark.parametrize(
    "query", ["' OR 1=1 --", "<script>alert(1)</script> 민원", "body:민원 AND kind:statute", "제*조"]
)
def test_injection_looking_queries_are_plain_text(services, query):
    response = services.search.search(SearchQuery(query))
    for hit in response.hits:
        assert "<script>" not in hit.snippet


def test_index_follows_replacements_and_deletions(services, tmp_path):
    path = tmp_path / "공지.md"
    path.write_text("# 공지\n\n백두산호랑이 안내입니다.", encoding="utf-8")
    services.ingest.ingest([str(path)])
    services.indexing.sync()
    first = top(services, "백두산호랑이")
    assert first and first[0].title == "공지"
    path.write_text("# 공지\n\n한라산노루 안내입니다.", encoding="utf-8")
    services.ingest.ingest([str(path)])
    report = services.indexing.sync()
    assert report.added == 1 and report.removed == 1
    assert top(services, "백두산호랑이") == []
    assert top(services, "한라산노루")[0].title == "공지"
    services.store.delete(top(services, "한라산노루")[0].document_id)
    services.indexing.sync()
    assert top(services, "한라산노루") == []


def test_rebuild_gives_the_same_results(services):
    before = [h.key for h in top(services, "처분의 사전 통지 의견제출", limit=5)]
    report = services.indexing.rebuild()
    assert report.analysed == 0  # everything came from the token cache
    assert [h.key for h in top(services, "처분의 사전 통지 의견제출", limit=5)] == before
