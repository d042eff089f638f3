"""Another case's specifics never reach a reply; the 요지 says what this citizen asks; a past answer
to the opposite request is not used. The sentences here were written for these tests (not taken from
the shared complaints the rules were looked at on)."""

from __future__ import annotations

import pytest

from biseo.domain.drafting.polarity import opposite
from biseo.domain.drafting.reply_text import answer_sentences, gist_of, items
from biseo.domain.drafting.specifics import OwnValues, SpecificKind, pattern_specifics, rewrite

pytestmark = pytest.mark.unit


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind.value, s.text) for s in pattern_specifics(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021. 11. 3. 현장을 확인하였습니다", ("date", "2021. 11. 3.")),
        ("지난주 15일부터 계도기간을 두었습니다", ("date", "지난주 15일")),
        ("오후 2시 30분에 방문하였습니다", ("time", "오후 2시 30분")),
        ("담당(032-440-1234)에게", ("phone", "032-440-1234")),
        ("☎ 440-5678로 연락", ("phone", "☎ 440-5678")),
        ("34나5678 차량을 견인", ("plate", "34나5678")),
        ("접수번호 2AA-2105-123456 건은", ("case_number", "접수번호 2AA-2105-123456")),
        ("과태료 금40,000원을 부과", ("amount", "금40,000원")),
        ("참외로 118 일원의 보도", ("address", "참외로 118")),
        ("석남동 233-4번지 앞", ("address", "석남동 233-4번지")),
        ("한빛마트 옆 골목", ("place", "한빛마트")),
        ("새솔초등학교 앞 횡단보도", ("place", "새솔초등학교")),
        ("김누리님께서 말씀하신", ("name", "김누리")),
        ("민원인 박하늘 씨가", ("name", "박하늘")),
    ],
)
def test_patterns_find_each_kind(text, expected):
    assert expected in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "14일 이내에 처리합니다",
        "7일간 공고합니다",
        "관내 초등학교와 근린공원",
        "고객님께 안내드립니다",
        "제21조제1항",
    ],
)
def test_patterns_leave_statutory_periods_generic_places_and_titles(text):
    assert kinds(text) == []


def test_a_value_the_complaint_states_stays_and_its_own_lone_value_replaces_the_past_one():
    sentence = "한빛마트 앞 참외로 118 일원에 단속을 실시하겠습니다."
    own = OwnValues("한빛마트 앞 수박로 7 에 차가 서 있어요", pattern_specifics("수박로 7"))
    result = rewrite(sentence, pattern_specifics(sentence), own)
    assert result.text == "한빛마트 앞 수박로 7 일원에 단속을 실시하겠습니다."
    assert [s.kind for s in result.replaced] == [SpecificKind.ADDRESS]


def test_neutral_wording_takes_the_right_particle():
    sentence = "새솔초등학교는 2021. 11. 3.에 점검을 마쳤습니다."
    result = rewrite(sentence, pattern_specifics(sentence), OwnValues("학교 앞이 위험해요"))
    assert result.text == "해당 장소는 해당 일자에 점검을 마쳤습니다."
    plate = "34나5678을 견인하였습니다."
    assert rewrite(plate, pattern_specifics(plate), OwnValues("")).text == "해당 차량을 견인하였습니다."


def test_names_phones_case_numbers_and_crowded_sentences_are_dropped():
    own = OwnValues("주차 문제")
    for sentence in (
        "담당 주무관 최솔에게 전화(032-440-1234) 주십시오.",
        "접수번호 2AA-2105-123456 건은 종결하였습니다.",
        "한빛마트 앞 참외로 118 일원을 2021. 11. 3. 점검하였습니다.",
    ):
        assert rewrite(sentence, pattern_specifics(sentence), own).text is None, sentence


def test_a_greeting_with_another_persons_name_addresses_this_complainant():
    sentence = "김누리님 안녕하십니까."
    assert rewrite(sentence, pattern_specifics(sentence), OwnValues("")).text == "귀하 안녕하십니까."
    named = rewrite(sentence, pattern_specifics(sentence), OwnValues("", name="이도윤"))
    assert named.text == "이도윤님 안녕하십니까."


def test_items_are_cut_at_markers_but_never_inside_a_date():
    text = "1. 무단투기 쓰레기는 2021. 7. 22. 수거하였습니다. 2. 순찰을 강화하겠습니다."
    assert items(text) == ["무단투기 쓰레기는 2021. 7. 22. 수거하였습니다.", "순찰을 강화하겠습니다."]


def test_answer_sentences_drop_attachment_lines_signatures_and_questions():
    answer = (
        "1. 평소 구정에 관심을 가져 주셔서 감사합니다. 2. 요청하신 가로등은 이달 중 교체하겠습니다. "
        "3. 이런 경우가 또 있을까요? 4. 붙임 현장사진 1부. 5. 인천광역시 중구청장"
    )
    assert answer_sentences(answer) == ["요청하신 가로등은 이달 중 교체하겠습니다."]


@pytest.mark.parametrize(
    ("content", "gist"),
    [
        (
            "수고하십니다. 버스정류장 의자가 부서졌습니다. 고쳐 주세요.",
            "버스정류장 의자가 부서졌습니다. 고쳐 주세요.",
        ),
        (
            "안녕하세요. 저는 송림동에 사는 주민입니다. 공원 화장실 개방시간을 늘려 주시기 바랍니다.",
            "공원 화장실 개방시간을 늘려 주시기 바랍니다.",
        ),
        ("답변 잘 받았습니다. 그러면 신청은 언제까지 해야 하나요?", "그러면 신청은 언제까지 해야 하나요?"),
    ],
)
def test_the_gist_is_what_the_citizen_asks_never_a_pleasantry(content, gist):
    assert gist_of("제목", content) == gist


@pytest.mark.parametrize(
    ("request_text", "other", "expected"),
    [
        ("상가 앞 불법주정차 단속을 강화해 주세요", "영업 중이니 상가 앞 주정차 단속을 유예해 주세요", True),
        ("주정차 단속을 자제해 주세요", "주정차 단속을 해 주세요", True),
        ("횡단보도 앞 그늘막을 설치해 주세요", "횡단보도 그늘막을 철거해 주세요", True),
        ("호텔 영업허가 취소해주세요", "호텔 영업허가 절차를 알려 주세요", True),
        ("불법주정차 단속 요청", "불법주정차 단속 요청합니다", False),
        ("가로등 설치 요청", "보도 포장 요청", False),
    ],
)
def test_opposite_requests(request_text, other, expected):
    assert opposite(request_text, other) is expected


def test_a_greeting_that_quotes_the_past_case_is_not_the_offices_greeting():
    from biseo.domain.drafting.reply_text import greeting_of

    assert (
        greeting_of("1. 구정에 관심을 가져 주셔서 감사드립니다.「송림동 은행 부근」. 2. 단속하겠습니다.")
        is None
    )
    assert greeting_of("1. 구정에 관심을 가져 주셔서 감사드립니다. 2. 단속하겠습니다.") is not None


def test_fragments_cut_from_their_sentence_are_not_findings():
    answer = "1. 에 불법 주정차 단속을 요청하신 사항입니다. 2. 현장을 확인한 결과를 알려드리며,. 3. 단속반을 배치하겠습니다."
    assert answer_sentences(answer) == ["단속반을 배치하겠습니다."]
