"""What a summary may quote: furniture dropped, the document's own title, levels, and 개조식 output
with consecutive markers and offsets that still point at the source sentence."""

from __future__ import annotations

import pytest

from biseo.domain.drafting.outline import ends_as_sentence
from biseo.domain.drafting.source_lines import Level, is_furniture, level_of, read_lines, strip_marker
from biseo.domain.drafting.summary import Style, clean

pytestmark = pytest.mark.integration

RELEASE = """보도자료

| 보도시점 | 2026. 4. 8.(수) 배포시점 | 배포 | 2026. 4. 8.(수) 10:00 |
| --- | --- | --- | --- |

“사고 위험 미리 막는다”
해양경찰청, 해양시설 집중 안전 점검

- 4월 19일부터 두 달간 대규모 기름 저장시설 등 292개소 합동점검 -

□ 해양경찰청(청장 직무대행 장인식 차장)은 대규모 해양오염사고 예방을 위해 해양시설을 대상으로 집중안전점검을 실시한다고 8일 밝혔다.

ㅇ 이번 점검은 정부·지자체, 민간전문가뿐만 아니라 지역주민 등 일반 국민이 함께 참여하는 선제적 예방 활동이다.

- 점검 대상은 총 292개소로, 300㎘ 이상의 기름·유해물질 저장시설과 석탄·시멘트 등의 하역시설이다.

<사진 설명> 지난해 점검 모습

[그림 1] 점검 대상 시설 분포

〈 2025년 점검 결과 현황 〉

- 1 -

-

※ 점검 결과는 해양경찰청 누리집에 공개할 예정이다.

③ 해양경찰청은 위험도가 높은 곳부터 우선 조치할 수 있도록 유도할 방침이다.

| 담당 부서 | 해양오염예방과 | 책임자 | 과 장 | 홍길동 | (032-835-2000) |
| --- | --- | --- | --- | --- | --- |

붙임 1. 점검 대상 시설 목록 1부.

□ 붙임에 실린 목록의 설명 문장은 요약되지 않아야 한다고 본다.
"""


@pytest.mark.parametrize(
    "line",
    [
        "| 보도시점 | 배포 즉시 |",
        "- 1 -",
        "3 / 12",
        "-",
        "○",
        "보도자료",
        "보도 참고자료",
        "<사진 설명> 지난해 점검 모습",
        "[그림 1] 점검 대상 시설 분포",
        "〈 2025년 지원대상 소상공인 매출액 증감 〉",
        "※ 사진: 현장 점검 모습",
        "담당 부서 해양오염예방과 책임자 과장 (032-835-2000)",
        "문의: 해양오염예방과 ☎ 032-835-2000",
        "대법원 1988. 3. 22. 선고 87다카570 판결(공1988, 673), 대법원 1993. 12. 24. 선고 91다36192 판결",
        "[1] 주택건설촉진법 제33조 제1항, 행정소송법 제27조 / [2] 행정소송법 제27조",
        "구 산업재해보상보험법(1994. 12. 22. 법률 제4826호로 전문 개정되기 전의 것) 제3조 제2항(현행 제4조 제2호 참조)",
        "【원심판결】 서울고법 1995. 10. 19. 선고 95구10695 판결",
    ],
)
def test_furniture_is_recognised(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "□ 해양경찰청은 대규모 해양오염사고 예방을 위해 집중안전점검을 실시한다.",
        "- 점검 대상은 총 292개소로 저장시설과 하역시설이다.",
        "(교통안전) 초등학교 주변 보도 설치(44개소)",
        "2026. 4. 8.부터 시행한다.",
        "주택건설촉진법 제33조 제1항이 정하는 승인은 재량행위에 속한다(대법원 1999. 5. 25. 선고 99두1052 판결 참조).",
        "※ 자살예방 상담 전화 ☏109, 청소년 상담 전화 ☏1388을 통해 24시간 언제든 도움을 받을 수 있습니다.",
        "교육부 · 한국보육진흥원, 공공보육 확충 관련 지자체 담당자 공동연수(워크숍) 개최",
    ],
)
def test_content_is_not_furniture(line):
    assert not is_furniture(line)


def test_levels_and_markers():
    assert [level_of(x) for x in ("□ 개요", "ㅇ 내용", "o 내용", "- 세부", "※ 참고", "➃ 넷째", "본문")] == [
        Level.TOP,
        Level.POINT,
        Level.POINT,
        Level.DETAIL,
        Level.NOTE,
        Level.POINT,
        Level.PLAIN,
    ]
    assert strip_marker("- 4월 19일부터 두 달간 합동점검 -") == "4월 19일부터 두 달간 합동점검"
    assert strip_marker("2026. 4. 8.부터 시행") == "2026. 4. 8.부터 시행"  # a date is no item number
    assert clean("③ 해양경찰청은 유도할 방침이다.") == "해양경찰청은 유도할 방침이다."


def test_the_title_is_the_headline_and_nothing_after_the_attachment_is_read():
    title, lines = read_lines(RELEASE)
    assert title == "“사고 위험 미리 막는다” 해양경찰청, 해양시설 집중 안전 점검"
    quoted = [RELEASE[line.start : line.end] for line in lines]
    assert quoted[0].startswith("□ 해양경찰청") and len(quoted) == 5  # 부제, captions, tables, page no. gone
    assert not any("붙임" in q or "사진" in q or "그림" in q or q == "-" for q in quoted)
    details = [line for line in lines if line.level is Level.DETAIL]
    assert len(details) == 1 and lines[details[0].parent].level is Level.POINT


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("2026년\n재외동포청 업무추진계획\n2025. 12. 19.\nⅠ. 평가", "2026년 재외동포청 업무추진계획"),
        (
            "대한민국 청년, 공군 입대준비 쉬워진다.\n- 점수제 폐지\n병무청은 청년 부담을 줄이는 선발 방식을 도입한다고 밝혔다.",
            "대한민국 청년, 공군 입대준비 쉬워진다.",
        ),
        ("민원 처리기간은 접수한 날부터 계산한다고 할 것이다. 처리기간에는 공휴일을 빼고 계산한다.", ""),
        ("【원고, 상고인】 주식회사 갑\n【주    문】\n상고를 기각한다.", ""),
    ],
)
def test_title_from_the_first_heading(text, title):
    assert read_lines(text)[0] == title


@pytest.fixture(scope="module")
def service():
    from biseo.bootstrap import build_summaries

    return build_summaries()


def test_an_outline_summary_reads_like_a_report(service):
    summary = service.summarize_text(RELEASE, budget=5000)  # every sentence, so the detail is chosen too
    rendered = summary.render()
    assert rendered.startswith("□ “사고 위험 미리 막는다” 해양경찰청")
    assert summary.bullets and not any(ends_as_sentence(b.text) for b in summary.bullets)
    assert not any(b.text.startswith(("③", "□", "ㅇ", "-")) for b in summary.bullets)  # no ① → ③ skip
    assert not any(
        "위원장" in b.text or "(청장" in b.text or summary.title in b.text for b in summary.bullets
    )
    for bullet in summary.bullets:  # offsets still point at the source sentence
        assert service.outline(clean(RELEASE[bullet.start : bullet.end])) == bullet.text
    markers = {b.text: (b.marker, b.level) for b in summary.bullets}
    assert markers[
        "점검 대상은 총 292개소로, 300㎘ 이상의 기름·유해물질 저장시설과 석탄·시멘트 등의 하역시설임"
    ] == ("-", 2)
    assert markers["점검 결과는 해양경찰청 누리집에 공개할 예정임"] == ("※", 2)
    assert "\n   - 점검 대상은" in rendered and "\n ○ 이번 점검은" in rendered
    assert len(summary.bullets) == 5


def test_a_detail_whose_parent_was_not_chosen_stands_as_a_point(service):
    from biseo.services.drafting.summaries import _marker

    _, lines = read_lines(RELEASE)
    detail = next(i for i, line in enumerate(lines) if line.level is Level.DETAIL)
    assert _marker(lines, detail, lines[detail].parent) == ("-", 2)
    assert _marker(lines, detail, -1) == ("○", 1)
    assert _marker(lines, detail, 0) == ("○", 1)  # the bullet above is not its parent


def test_model_bullets_get_the_same_endings_and_keep_their_support(service):
    from biseo.bootstrap import build_privacy
    from biseo.services.ai.llm import GuardedChat, TokenBudget
    from biseo.services.drafting.summaries import SummaryService
    from tests.support.fake_chat import FakeChat

    sentence = "이번 점검은 정부·지자체, 민간전문가뿐만 아니라 지역주민 등 일반 국민이 함께 참여하는 선제적 예방 활동이다."
    fake = FakeChat(f"○ {sentence}\n○ 해양경찰청은 점검 결과를 누리집에 공개한다.")
    chat = GuardedChat(fake, build_privacy(), TokenBudget(10_000_000), max_prompt_tokens=4000)
    summary = SummaryService(service.tools, chat=chat).summarize_text(RELEASE, style=Style.OUTLINE)
    first, second = summary.bullets
    assert first.text.endswith("예방 활동임") and first.supported
    assert second.text == "해양경찰청은 점검 결과를 누리집에 공개함"
    three = SummaryService(service.tools, chat=chat).summarize_text(RELEASE, style=Style.THREE_LINES)
    assert three.bullets[0].text == sentence  # 3줄 keeps the model's sentences


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "스마트 해썹, 제조·가공 넘어\n도축·집유 단계까지 확대",
            "스마트 해썹, 제조·가공 넘어 도축·집유 단계까지 확대",
        ),
        (
            "농식품부, 여름철 재해예방을 위한\n취약분야 사전점검 실시",
            "농식품부, 여름철 재해예방을 위한 취약분야 사전점검 실시",
        ),
        (
            "원안위, 고리 2호기 계속운전 허가에 따른 재가동 승인\n계속운전 허가 안전조치 사항 이행 완료",
            "원안위, 고리 2호기 계속운전 허가에 따른 재가동 승인",
        ),
        (
            "“더 나은 보육 정책을 위해”\n전국 지자체 공무원 모여 보육 정책 방향 논의\n"
            "2026년 보육사업 주요 변경 사항을 공유하고, 보육 관련 규제혁신 과제 발굴을 위한 현장 중심 정책 논의의 장 마련",
            "“더 나은 보육 정책을 위해” 전국 지자체 공무원 모여 보육 정책 방향 논의",
        ),
    ],
)
def test_a_title_goes_on_to_the_next_line_only_when_kiwi_says_it_is_unfinished(service, head, title):
    text = f"보도자료\n\n{head}\n\n정부는 관련 사업을 올해 하반기부터 전국으로 확대하여 추진한다고 밝혔다."
    assert service.summarize_text(text).title == title
