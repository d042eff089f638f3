from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biseo.domain.search.articles import article_tokens, find_article_refs
from biseo.domain.search.fusion import reciprocal_rank_fusion
from biseo.domain.search.law_names import LawDirectory, law_aliases
from biseo.domain.search.metrics import bootstrap_ci, ndcg_at, recall_at, reciprocal_rank

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("spelling", ["제19조제1항", "제19조 제1항", "19조 1항", "제 19 조 제 1 항"])
def test_article_spellings_normalise_to_the_same_tokens(spelling):
    assert article_tokens(spelling) == ["§19", "§19.1항"]


def test_article_with_branch_paragraph_and_item():
    assert article_tokens("정보공개법 제9조 제1항 제5호") == ["§9", "§9.1항", "§9.1항.5호"]
    assert article_tokens("제7조의2") == ["§7의2"]
    assert article_tokens("제2조제1호") == ["§2", "§2.1호"]


def test_words_ending_in_jo_are_not_articles():
    assert find_article_refs("강조 구조조정 예산 3조원") == []
    assert [r.article for r in find_article_refs("제3조원칙")] == [3]  # with 제 it is an article


def test_law_aliases():
    assert "민원처리법" in law_aliases("민원 처리에 관한 법률")
    assert "정보공개법" in law_aliases("공공기관의 정보공개에 관한 법률")
    assert law_aliases("행정절차법") == {"행정절차법"}


@pytest.fixture
def directory():
    d = LawDirectory()
    d.add("민원 처리에 관한 법률", "statute", "minwon")
    d.add("민원 처리에 관한 법률 시행령", "decree", "minwon-decree")
    d.add("행정절차법", "statute", "procedure")
    d.add("공공기관의 정보공개에 관한 법률", "statute", "foi")
    d.add("주택법", "statute", "housing")
    return d


@pytest.mark.parametrize(
    ("query", "doc", "article"),
    [
        ("민원처리법 제19조", "minwon", "제19조"),
        ("민원 처리에 관한 법률 시행령 14조", "minwon-decree", "제14조"),
        ("「민원 처리에 관한 법률」 제19조제1항에 따라", "minwon", "제19조"),
        ("행정절차법 21조 1항", "procedure", "제21조"),
        ("정보공개법 제9조 제1항 제5호", "foi", "제9조"),
        ("민원처리법 시행령 제20조", "minwon-decree", "제20조"),
        ("구 주택법(2003. 5. 29. 법률 제6916호로 개정되기 전의 것) 제33조 제1항", "housing", "제33조"),
    ],
)
def test_exact_references_resolve(directory, query, doc, article):
    refs = [r for r in directory.find(query) if r.article]
    assert refs, query
    assert directory.document_for(refs[0]) == doc
    assert refs[0].article.article_label == article


def test_same_law_refers_back(directory):
    refs = directory.find("행정절차법 제21조, 같은 법 시행령 제13조")
    assert [(r.law, r.kind, r.article.article) for r in refs] == [
        ("행정절차법", "statute", 21),
        ("행정절차법", "decree", 13),
    ]


def test_law_named_without_article(directory):
    refs = directory.find("행정절차법에 따른 사전통지")
    assert len(refs) == 1 and refs[0].article is None and directory.document_for(refs[0]) == "procedure"


def test_official_title_beats_a_derived_alias():
    d = LawDirectory()
    d.add("주택법", "statute", "a")
    d.add("주택에 관한 법률", "statute", "b")  # derives the alias 주택법
    assert d.document_for(d.find("주택법 제1조")[0]) == "a"


rankings = st.lists(st.lists(st.integers(0, 30), max_size=20), min_size=1, max_size=4)


@given(rankings)
def test_fusion_never_duplicates_and_keeps_every_key(lists):
    fused = reciprocal_rank_fusion(lists)
    keys = [k for k, _ in fused]
    assert len(keys) == len(set(keys))
    assert set(keys) == {k for ranking in lists for k in ranking}
    assert [s for _, s in fused] == sorted((s for _, s in fused), reverse=True)


@given(rankings)
def test_fusion_first_of_a_single_ranking_stays_first(lists):
    single = lists[:1]
    if single[0]:
        assert reciprocal_rank_fusion(single)[0][0] == single[0][0]


unique_ranking = st.lists(st.integers(0, 30), max_size=20, unique=True)


@given(unique_ranking, unique_ranking)
def test_fusion_with_zero_weight_follows_the_other_ranking(lexical, dense):
    fused = [k for k, _ in reciprocal_rank_fusion([lexical, dense], [1.0, 0.0])]
    assert fused[: len(lexical)] == lexical  # the weighted-out list only appends its own keys
    assert set(fused[len(lexical) :]) == set(dense) - set(lexical)


@given(unique_ranking, unique_ranking, st.sampled_from([0.25, 0.5, 2.0, 8.0]))  # exact in binary
def test_fusion_order_ignores_a_common_scale_of_weights(lexical, dense, scale):
    plain = [k for k, _ in reciprocal_rank_fusion([lexical, dense], [1.0, 0.5])]
    scaled = [k for k, _ in reciprocal_rank_fusion([lexical, dense], [scale, 0.5 * scale])]
    assert plain == scaled


def test_fusion_agreement_beats_a_single_first_place():
    fused = reciprocal_rank_fusion([["a", "b"], ["b", "c"]])
    assert [k for k, _ in fused] == ["b", "a", "c"]  # second + first beats one first place
    with pytest.raises(ValueError, match="one weight per ranking"):
        reciprocal_rank_fusion([["a"]], [1.0, 2.0])


def test_metrics_on_a_worked_example():
    ranked = ["a", "x", "b", "y"]
    relevant = {"a", "b"}
    assert reciprocal_rank(ranked, relevant) == 1.0
    assert recall_at(ranked, relevant, 2) == 0.5
    assert ndcg_at(ranked, relevant, 10) == pytest.approx((1 + 1 / 2) / (1 + 1 / 1.5849625), rel=1e-6)
    assert ndcg_at(["x"], relevant, 10) == 0.0
    assert ndcg_at(["a", "a", "b"], relevant, 10) == pytest.approx(1.0)  # duplicates count once


def test_bootstrap_interval_contains_the_mean():
    values = [0.0, 1.0] * 50
    low, high = bootstrap_ci(len(values), lambda idx: sum(values[i] for i in idx) / len(idx))
    assert low < 0.5 < high
