"""민원 answer drafts, notation fixes, report documents and the audit diff, without I/O."""

from __future__ import annotations

from datetime import date

import pytest

from biseo.domain.ai.audit import text_diff
from biseo.domain.drafting.lint import Severity, lint
from biseo.domain.drafting.notation import normalize_notation
from biseo.domain.drafting.reply import (
    ReplyInput,
    Source,
    SourceKind,
    cited_numbers,
    compose_reply,
    sentence_before,
)
from biseo.domain.drafting.reply_text import answer_sentences, gist_of, greeting_of
from biseo.domain.drafting.report import SourceDigest, Table, press_release, report, text_document
from biseo.domain.drafting.summary import Bullet, Summary

pytestmark = pytest.mark.unit

ANSWER = (
    "1. 구정 발전에 관심을 가져주시는 귀하께 감사의 말씀을 드립니다.2. 민원 제기하신 전동 일원의 공영주차장에 "
    "대하여 현장을 확인하였으며 조명시설 설치와 기타 환경 정비를 통하여 이용에 불편함이 없도록 조치할 예정입니다."
    "3. 기타 문의사항이 있으시면 중구 교통운수과(☎760-7577)로 연락주시면 성심껏 답변 드리겠습니다.  끝."
)


def test_answer_sentences_keep_the_substance_and_drop_greeting_contact_and_end_mark():
    kept = answer_sentences(ANSWER)
    assert len(kept) == 1
    assert kept[0].startswith("민원 제기하신 전동 일원의 공영주차장")
    assert not any("☎" in s or "감사" in s or "끝" in s for s in kept)
    assert greeting_of(ANSWER) == "구정 발전에 관심을 가져주시는 귀하께 감사의 말씀을 드립니다."
    assert greeting_of("공영주차장 조명을 설치하겠습니다.") is None


def test_gist_skips_numbering_and_cuts_long_sentences():
    # the problem and what the citizen asks for it
    assert (
        gist_of("가로등", "1. 가로등이 고장 났습니다. 고쳐 주세요.") == "가로등이 고장 났습니다. 고쳐 주세요."
    )
    assert gist_of("가로등 고장", "") == "가로등 고장"
    assert gist_of("t", "가" * 500).endswith("…")


def test_composed_reply_passes_the_linter_and_its_markers_point_where_they_say():
    article = Source(2, SourceKind.ARTICLE, "「민원 처리에 관한 법률」 제19조(처리기간의 계산)", "…", "d", 3)
    parts = ReplyInput(
        "공영주차장 조명",
        "공영주차장이 너무 어둡습니다.",
        "공영주차장이 너무 어둡습니다.",
        [("조명시설을 설치할 예정입니다.", 1), ("환경 정비를 하겠습니다.", 1)],
        [article],
        "교통운수과",
        notes=["사실관계를 확인해 주십시오."],
        greeting="구정 발전에 관심을 가져주시는 귀하께 감사의 말씀을 드립니다.",
    )
    text, citations = compose_reply(parts)
    assert not [i for i in lint(text) if i.severity is Severity.ERROR]
    assert text.rstrip().endswith("  끝.")
    assert [c.number for c in citations] == [1, 1, 2]
    for c in citations:
        assert text[c.start : c.end] == f"[{c.number}]"
    assert [(n, text[s:e]) for n, s, e in cited_numbers(text)] == [(1, "[1]"), (1, "[1]"), (2, "[2]")]
    assert sentence_before(text, citations[1].start) == "환경 정비를 하겠습니다."
    assert "교통운수과" in text.splitlines()[-1]
    lines = text.splitlines()
    assert lines[0].startswith("1. 구정 발전에") and lines[1].startswith("2. 「공영주차장 조명」")


def test_sentence_before_stops_at_the_previous_sentence_or_marker():
    text = "첫 문장입니다. 둘째 문장입니다 [1] 셋째 문장 [2]"
    first = text.index("[1]")
    second = text.index("[2]")
    assert sentence_before(text, first) == "둘째 문장입니다"
    assert sentence_before(text, second) == "셋째 문장"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("2019년 3월 4일 보수 완료", "2019. 3. 4. 보수 완료"),
        ("2020.10.22. 접수", "2020. 10. 22. 접수"),
        ("2016-09-04 방문", "2016. 9. 4. 방문"),
        ("오후 2시 30분경", "14:30경"),
        ("오전 9시", "09:00"),
        ("21시40분경", "21:40경"),
        ("2020. 13. 40. 그대로", "2020. 13. 40. 그대로"),  # not a date: left alone
    ],
)
def test_notation_is_rewritten_to_official_form(raw, fixed):
    assert normalize_notation(raw) == fixed
    assert not [i for i in lint(fixed + "  끝.") if i.code.startswith(("date", "time"))] or fixed == raw


def _digest(number: int, title: str) -> SourceDigest:
    bullets = tuple(Bullet(f"{title}의 요점 {i}입니다.", 0, 1, "-") for i in range(1, 5))
    return SourceDigest(number, title, "보도자료", Summary(title, bullets))


def test_report_and_press_release_forms():
    doc = report(
        "노동절 공휴일 지정",
        [_digest(1, "노동절"), _digest(2, "공휴일")],
        date(2026, 4, 6),
        "민원과",
        "결정적",
    )
    text = doc.markdown()
    assert text.startswith("# 노동절 공휴일 지정")
    assert "2026. 4. 6.  민원과" in text
    assert "□ 노동절 [1]" in text and " ○ 노동절의 요점 1입니다. [1]" in text and "※ 출처: [2] 공휴일" in text
    press = press_release(
        "노동절 공휴일 지정", [_digest(1, "노동절")], date(2026, 4, 6), "고용노동부", None, "결정적"
    )
    assert press.title == "보도자료"
    assert press.blocks[2].startswith("- 노동절의 요점 1") and isinstance(press.blocks[-3], Table)
    assert "담당 부서" in press.lines() and "| 담당 부서 | 책임자 | 담당자 | 연락처 |" in press.markdown()
    assert text_document("", "1. 가\n2. 나  끝.").blocks == ["1. 가", "2. 나  끝."]


def test_audit_diff_shows_what_the_official_changed():
    diff = text_diff("1. 가\n2. 나  끝.", "1. 가\n2. 다  끝.")
    assert "-2. 나  끝." in diff and "+2. 다  끝." in diff
    assert text_diff("같다", "같다") == ""
