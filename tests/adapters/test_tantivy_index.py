from __future__ import annotations

from datetime import date

from biseo.adapters.search.tantivy_index import TantivyIndex
from biseo.domain.search.query import SearchFilters
from biseo.services.ports import IndexedSegment


def seg(key, tokens, kind="statute", agency="행정안전부", law="민원처리에관한법률", day=20220712):
    return IndexedSegment(key=key, kind=kind, agency=agency, law=law, date=day, tokens=tokens)


def fill(index):
    index.add("d1", [seg("d1:0", ["민원", "처리", "기간"]), seg("d1:1", ["민원", "접수"])])
    index.add(
        "d2", [seg("d2:0", ["처리", "기간", "연장"], kind="precedent", agency="대법원", law="", day=20020614)]
    )
    index.commit("v1")


def test_bm25_ranking_and_filters(tmp_path):
    index = TantivyIndex(tmp_path)
    fill(index)
    keys = [k for k, _ in index.search(["처리", "기간"], SearchFilters(), 10)]
    assert set(keys) == {"d1:0", "d2:0"}
    assert [k for k, _ in index.search(["처리"], SearchFilters(kind="precedent"), 10)] == ["d2:0"]
    assert [k for k, _ in index.search(["민원"], SearchFilters(agency="행정안전부"), 10)] in (
        ["d1:0", "d1:1"],
        ["d1:1", "d1:0"],
    )
    assert [k for k, _ in index.search(["처리"], SearchFilters(law="민원처리에관한법률"), 10)] == ["d1:0"]
    old = SearchFilters(date_from=date(2000, 1, 1), date_to=date(2010, 12, 31))
    assert [k for k, _ in index.search(["처리", "민원"], old, 10)] == ["d2:0"]
    assert index.search([], SearchFilters(), 10) == []


def test_repeated_query_terms_weigh_more(tmp_path):
    index = TantivyIndex(tmp_path)
    index.add("a", [seg("a:0", ["민원"] * 3 + ["기간"])])
    index.add("b", [seg("b:0", ["기간"] * 3 + ["민원"])])
    index.commit("v1")
    assert index.search(["민원", "민원", "민원", "기간"], SearchFilters(), 2)[0][0] == "a:0"
    assert index.search(["기간", "기간", "기간", "민원"], SearchFilters(), 2)[0][0] == "b:0"


def test_replace_remove_and_manifest_survive_reopening(tmp_path):
    index = TantivyIndex(tmp_path)
    fill(index)
    index.add("d1", [seg("d1:0", ["새", "내용"])])  # re-adding a document replaces all its segments
    index.remove("d2")
    index.commit("v1")
    index.close()
    again = TantivyIndex(tmp_path)
    assert again.indexed_documents() == {"d1"}
    assert again.analyzer_version == "v1"
    assert again.count() == 1
    assert again.search(["처리"], SearchFilters(), 10) == []
    assert [k for k, _ in again.search(["내용"], SearchFilters(), 10)] == ["d1:0"]
    again.clear()
    assert again.count() == 0 and again.indexed_documents() == set() and again.analyzer_version is None


def test_long_queries_keep_their_rarest_terms_and_every_reference(tmp_path):
    index = TantivyIndex(tmp_path)
    common = [f"흔한말{i}" for i in range(100)]
    for n in range(20):
        index.add(f"c{n}", [seg(f"c{n}:0", common)])
    index.add("rare", [seg("rare:0", ["희귀어", "법:민원처리에관한법률"])])
    index.commit("v1")
    query = [*common, "희귀어", "법:민원처리에관한법률"]  # 102 distinct terms, over the cap
    assert index.search(query, SearchFilters(), 1)[0][0] == "rare:0"


def test_a_second_writer_waits_then_gives_a_clear_error(tmp_path):
    """``biseo serve`` and a nightly ``biseo ingest`` share one index: one writer at a time."""
    import threading

    import pytest

    from biseo.domain.errors import BiseoError, ErrorCode

    server, nightly = TantivyIndex(tmp_path), TantivyIndex(tmp_path, lock_wait_seconds=0.3)
    server.add("d1", [seg("d1:0", ["민원", "처리", "기간"])])  # holds the writer until it commits
    with pytest.raises(BiseoError) as refused:
        nightly.add("d2", [seg("d2:0", ["처리", "기간", "연장"])])
    assert refused.value.code is ErrorCode.BUSY and "색인" in refused.value.message_ko
    nightly.lock_wait_seconds = 10
    threading.Timer(0.5, server.commit, args=("v1",)).start()
    nightly.add("d2", [seg("d2:0", ["처리", "기간", "연장"])])  # waits for the server's commit
    nightly.commit("v1")
    # each sees what the other indexed: nothing is re-indexed or forgotten
    assert nightly.indexed_documents() == server.indexed_documents() == {"d1", "d2"}
    server.add("d3", [seg("d3:0", ["보완"])])
    server.commit("v1")
    assert nightly.indexed_documents() == {"d1", "d2", "d3"}
    assert {k for k, _ in nightly.search(["처리"], SearchFilters(), 10)} == {"d1:0", "d2:0"}
