from __future__ import annotations

import pytest

from biseo.adapters.search.kiwi_analyzer import KiwiAnalyzer

ANALYZER = KiwiAnalyzer()


def tokens(text: str) -> list[str]:
    return ANALYZER.query_tokens(text)


@pytest.mark.parametrize("compound", ["기초생활수급자", "소득인정액", "차상위본인부담경감대상자"])
def test_compounds_are_indexed_whole_and_split(compound):
    found = tokens(f"{compound}에 해당하는 경우")
    assert compound in found
    assert any(t != compound and t in compound and len(t) >= 2 for t in found)


def test_inflected_forms_share_their_content_morpheme():
    assert "민원" in tokens("민원을 접수했다") and "민원" in tokens("민원의 처리")
    assert "접수" in tokens("민원을 접수했다")


@pytest.mark.parametrize("spelling", ["제19조제1항", "제19조 제1항", "19조 1항"])
def test_article_references_normalise(spelling):
    assert {"§19", "§19.1항"} <= set(tokens(f"민원처리법 {spelling}에 따라"))


def test_one_syllable_verb_stems_and_particles_are_dropped():
    found = tokens("처리하여야 한다 있는 것이 되었다")
    assert not {"하", "있", "되", "을", "는", "것"} & set(found)


def test_foreign_words_are_lowercased_and_numbers_kept():
    found = tokens("AI 기반 TF 구성 2026년")
    assert "ai" in found and "tf" in found and "2026" in found


def test_very_long_unbroken_text_is_analysed():
    long_line = "민원처리 " * 3000  # 15,000 characters on one line
    assert tokens(long_line).count("민원") >= 2900


@pytest.mark.parametrize("text", ["", "   ", "!!! ??? ...", "🙂🙂🙂"])
def test_nothing_searchable_gives_no_tokens(text):
    assert [t for t in tokens(text) if "_" not in t] == []
