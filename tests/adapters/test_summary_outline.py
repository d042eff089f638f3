"""개조식 endings from Kiwi's tags, on real sentences the rules were not written from: official 민원
answers of 인천 중구청, a 고용노동부 release and 판결요지 of the shared precedents."""

from __future__ import annotations

import pytest

from biseo.domain.drafting.outline import ends_as_sentence, polish, to_outline

pytestmark = pytest.mark.integration

REAL = [
    # 민원 answers (complaints/incheon_junggu_dev.csv)
    (
        "2019.11.25.착공신고 접수에 따라 구조심의 최종확인 및 관계법령 등을 검토하여 2019.12.2.착공신고를 처리하였습니다.",
        "2019.11.25.착공신고 접수에 따라 구조심의 최종확인 및 관계법령 등을 검토하여 2019.12.2.착공신고 처리",
    ),
    (
        "경계석 설치와 관련하여 건축관계자에게 권고 요청할 예정입니다.",
        "경계석 설치와 관련하여 건축관계자에게 권고 요청할 예정임",
    ),
    (
        "기타 문의사항은 중구청 건설과로 연락주시기 바랍니다.",
        "기타 문의사항은 중구청 건설과로 연락주시기 바람",
    ),
    (
        "소무의도는 생활폐기물 수집·운반차량의 진입 불가로 서측 마을에 임시적환장을 운영하고 있습니다.",
        "소무의도는 생활폐기물 수집·운반차량의 진입 불가로 서측 마을에 임시적환장을 운영하고 있음",
    ),
    (
        "귀하께서 원하시는 건의사항을 수용할 수 없는 점 양해해 주시면 감사하겠습니다.",
        "귀하께서 원하시는 건의사항을 수용할 수 없는 점 양해해 주시면 감사함",
    ),
    # a press release (공시자료/260331_보도자료_2025년 유족급여 승인 기준 사고사망 재해현황.hwpx)
    (
        "고용노동부는 산재보상 통계에 기반한 ‘2025년 유족급여 승인 기준 사고사망 재해 현황’을 발표했다.",
        "고용노동부는 산재보상 통계에 기반한 ‘2025년 유족급여 승인 기준 사고사망 재해 현황’ 발표",
    ),
    (
        "사고사망만인율은 가입자 수가 증가함에 따라 0.38‱로 전년(0.386‱)과 비슷한 수준이었다.",
        "사고사망만인율은 가입자 수가 증가함에 따라 0.38‱로 전년(0.386‱)과 비슷한 수준임",
    ),
    (
        "유형별로는 사업장 외 교통사고 사망자가 96명(70.1%, +34명)으로 가장 많았다.",
        "유형별로는 사업장 외 교통사고 사망자가 96명(70.1%, +34명)으로 가장 많음",
    ),
    # 판결요지
    (
        "주택건설 사업계획의 승인은 수익적 행정처분으로서 행정청의 재량행위에 속한다.",
        "주택건설 사업계획의 승인은 수익적 행정처분으로서 행정청의 재량행위에 속함",
    ),
    (
        "그 처분의 취소를 구할 법률상 이익이 있다고 보아야 한다.",
        "그 처분의 취소를 구할 법률상 이익이 있다고 보아야 함",
    ),
    ("재량권의 일탈·남용이 있다고 할 수 없다.", "재량권의 일탈·남용이 있다고 할 수 없음"),
]

RULES = [
    ("예산 확대를 추진한다.", "예산 확대 추진"),  # object + 하다 verb: the noun alone
    ("안전점검을 적극 추진했다.", "안전점검을 적극 추진함"),  # object not next to the verb: 함
    ("대규모 시설을 대상으로 집중 점검을 실시합니다.", "대규모 시설을 대상으로 집중 점검 실시"),
    ("지원 대상 114개 사가 최종 평가됐다.", "지원 대상 114개 사가 최종 평가됨"),  # 되다 → 됨
    ("이번 점검은 선제적 예방 활동이다.", "이번 점검은 선제적 예방 활동임"),  # 이다 → 임
    ("다음 달부터 시행할 계획입니다.", "다음 달부터 시행할 계획임"),
    ("사업 추진을 위한 예산 확보가 필요하다.", "사업 추진을 위한 예산 확보가 필요함"),
    ("그 위법이 없다.", "그 위법이 없음"),
    ("쓰레기봉투를 만든다.", "쓰레기봉투를 만듦"),  # ㄹ stem: Kiwi's join, not a string rule
    ("위원회는 114개 사를 선정했다고 8일 밝혔다.", "위원회는 114개 사 선정"),  # reporting frame dropped
    ("시행할 예정이라고 설명했다.", "시행할 예정임"),
    ("무엇이 문제인가?", "무엇이 문제인가?"),  # a question keeps its wording
    ("소상공인 114개 사, 방송광고 제작 지원 받아", "소상공인 114개 사, 방송광고 제작 지원 받아"),
]


@pytest.fixture(scope="module")
def kiwi():
    from biseo.adapters.text.kiwi_text import KiwiText

    return KiwiText()


@pytest.mark.parametrize(("sentence", "line"), REAL + RULES)
def test_the_final_predicate_becomes_a_noun_ending(kiwi, sentence, line):
    converted = to_outline(sentence, kiwi.tokens(sentence), kiwi.join)
    assert converted == line
    assert not ends_as_sentence(converted) or converted.endswith("?")


def test_only_the_final_predicate_changes(kiwi):
    sentence = "원심판결을 파기하고, 사건을 원심법원에 환송한다."
    assert (
        to_outline(sentence, kiwi.tokens(sentence), kiwi.join)
        == "원심판결을 파기하고, 사건을 원심법원에 환송함"
    )


def test_polish_leaves_out_who_heads_the_body_and_opening_connectives():
    assert (
        polish("방송미디어통신위원회(위원장 김종철)는 지원 대상을 선정했다.")
        == "방송미디어통신위원회는 지원 대상을 선정했다."
    )
    assert polish("해양경찰청(청장 직무대행 장인식 차장)은 점검한다.") == "해양경찰청은 점검한다."
    assert polish("한편 2025년도 조사 결과가 나왔다.") == "2025년도 조사 결과가 나왔다."
    assert polish("주택법(2020. 1. 1. 개정)은 정한다.") == "주택법(2020. 1. 1. 개정)은 정한다."


def test_sentence_endings_are_recognised():
    assert (
        ends_as_sentence("지원을 받는다.")
        and ends_as_sentence("안내해 드립니다.")
        and ends_as_sentence("했어요")
    )
    assert ends_as_sentence("“최선을 다하겠다”")
    assert not ends_as_sentence("예산 확대 추진") and not ends_as_sentence("효과가 있음")
