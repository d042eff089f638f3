"""Extractive summaries: legal cues, redundancy control, offsets back into the source, ROUGE."""

from __future__ import annotations

import pytest

from biseo.domain.drafting.rouge import rouge
from biseo.domain.drafting.summary import Style, clean, score, select
from biseo.domain.errors import InvalidInput
from biseo.services.drafting.summaries import SummaryService

DECISION = (
    "【원고, 상고인】 주식회사 갑 (소송대리인 변호사 을)\n"
    "【주    문】\n  상고를 기각한다.  상고비용은 원고의 부담으로 한다.\n"
    "【이    유】  상고이유를 본다.\n"
    "원심은 원고가 1998. 12. 22. 사업계획 승인신청을 하자 피고가 이를 반려한 사실을 인정하였다. "
    "주택건설 사업계획의 승인은 수익적 행정처분으로서 법령에 요건이 일의적으로 규정되어 있지 아니한 이상 "
    "행정청의 재량행위에 속한다(대법원 1999. 5. 25. 선고 99두1052 판결 참조). "
    "재량행위에 대한 사법심사는 재량권의 일탈·남용이 있는지 여부만을 대상으로 하고, 그 판단 기준은 사실오인, "
    "비례·평등의 원칙 위배 등이 된다고 할 것이다. "
    "기록에 의하면 이 사건 임야는 고속도로에 인접한 임야로서 산림이 보존되어 있다. "
    "그러므로 상고를 기각하기로 하여 관여 대법관의 일치된 의견으로 주문과 같이 판결한다."
)


@pytest.fixture(scope="module")
def service():
    from biseo.bootstrap import build_summaries

    return build_summaries()


def test_holdings_are_chosen_and_point_back_to_their_source(service):
    summary = service.summarize_text(DECISION, title="판례")
    texts = [b.text for b in summary.bullets]
    assert any(t.startswith("주택건설 사업계획의 승인은") and t.endswith("재량행위에 속함") for t in texts)
    assert not any("상고를 기각" in t or "【" in t for t in texts)  # procedure is never a bullet
    for bullet in summary.bullets:  # 개조식 lines are their source sentence with a noun ending
        assert service.outline(clean(DECISION[bullet.start : bullet.end])) == bullet.text
    assert summary.render().startswith("□ 판례\n ○ ") and "LLM 미사용" in summary.mode


def test_three_lines_and_empty_input(service):
    three = service.summarize_text(DECISION, style=Style.THREE_LINES)
    assert 1 <= len(three.bullets) <= 3 and all(b.marker == "-" for b in three.bullets)
    for bullet in three.bullets:  # 3줄 keeps the sentences as written
        assert clean(DECISION[bullet.start : bullet.end]) == bullet.text and bullet.text.endswith("다.")
    with pytest.raises(InvalidInput):
        service.summarize_text("   ")


def test_cues_and_redundancy_control():
    sentences = ["원심은 원고의 청구를 기각하였다.", "이 사건 처분은 재량권을 일탈한 것이라고 할 것이다."]
    assert score(sentences, [0.2, 0.2])[1] > score(sentences, [0.2, 0.2])[0]
    chosen = select([0.9, 0.8, 0.1], [100, 100, 100], 1000, lambda i, j: 0.9 if {i, j} == {0, 1} else 0.0)
    assert chosen == [0, 2]  # the near-duplicate of the best sentence is skipped


def test_rouge_values():
    assert rouge(list("가나다"), list("가나다")) == {"rouge1": 1.0, "rouge2": 1.0, "rougeL": 1.0}
    scores = rouge(["a", "b", "c", "d"], ["a", "c", "x"])
    assert scores["rouge1"] == pytest.approx(2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3))
    assert scores["rouge2"] == 0.0 and rouge([], ["a"])["rougeL"] == 0.0


def test_a_long_document_is_summarized_within_its_budget(service):
    text = "\n".join(
        f"{i}번째 문단에서 민원 처리기간과 재량행위의 한계를 설명한다고 할 것이다." for i in range(400)
    )
    summary = service.summarize_text(text)
    assert 0 < sum(len(b.text) for b in summary.bullets) <= 1500 + 60


def test_service_without_store_refuses_document_ids():
    from biseo.adapters.text.kiwi_text import KiwiText

    with pytest.raises(Exception, match="not_found"):
        SummaryService(KiwiText()).summarize_document("doc-1")


def test_a_conclusion_or_this_cases_application_scores_below_the_rule():
    rule = (
        "행정청의 재량행위에 대한 사법심사는 재량권의 일탈·남용이 있는지 여부만을 대상으로 한다고 할 것이다."
    )
    closing = "같은 취지의 원심판결은 정당하고, 거기에 재량행위에 관한 법리를 오해한 위법이 없다."
    applied = "이 사건 처분은 재량행위에 대한 사법심사의 대상이 된다고 할 것이다."
    rule_score, closing_score, applied_score = score([rule, closing, applied], [0.2, 0.2, 0.2])
    assert rule_score > applied_score > closing_score
