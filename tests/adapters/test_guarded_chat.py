"""Every model call goes through the guard: pseudonymized payloads, restored answers, a token budget."""

from __future__ import annotations

import pytest

from biseo.bootstrap import build_privacy
from biseo.services.ai.llm import BudgetExceeded, GuardedChat, Message, TokenBudget, estimate_tokens
from tests.support.fake_chat import FakeChat

COMPLAINT = "민원인 김철수(010-2345-6789)입니다. 인천광역시 중구 신포로 27 앞 도로가 파손되었습니다."


def test_the_model_sees_placeholders_and_the_official_sees_values():
    model = FakeChat()
    chat = GuardedChat(model, build_privacy(), TokenBudget(100_000))
    answer = chat.complete([Message("system", "민원 답변을 쓰세요."), Message("user", COMPLAINT)])
    sent = " ".join(m.content for m in model.payloads[0])
    for value in ("김철수", "010-2345-6789", "신포로 27"):
        assert value not in sent
    assert "〔이름1〕" in sent and "〔전화1〕" in sent
    assert "김철수" in answer.text and "010-2345-6789" in answer.text
    assert chat.sent[0].messages == model.payloads[0]  # the audit record is exactly what left


def test_streaming_restores_placeholders_split_across_chunks():
    chat = GuardedChat(FakeChat(), build_privacy(), TokenBudget(100_000))
    text = "".join(chat.stream([Message("user", COMPLAINT)]))
    assert "김철수" in text and "〔" not in text


def test_budgets_refuse_before_sending():
    model = FakeChat()
    tight = GuardedChat(model, build_privacy(), TokenBudget(10))
    with pytest.raises(BudgetExceeded):
        tight.complete([Message("user", COMPLAINT)])
    long_prompt = GuardedChat(model, build_privacy(), TokenBudget(10**9), max_prompt_tokens=20)
    with pytest.raises(BudgetExceeded):
        long_prompt.complete([Message("user", COMPLAINT * 5)])
    assert model.payloads == []  # nothing was sent
    budget = TokenBudget(10**6)
    GuardedChat(model, build_privacy(), budget).complete([Message("user", "짧은 질문")])
    assert budget.used > 0


def test_token_estimate_is_cautious_for_korean():
    assert estimate_tokens("민원 처리") >= 4 and estimate_tokens("abcd" * 10) >= 10


def test_a_value_found_in_one_message_is_masked_in_every_message():
    from biseo.domain.privacy.pseudonyms import PiiKind, PiiSpan
    from biseo.services.privacy import Privacy

    class NamesAfterCue:
        def detect(self, text):
            at = text.find("민원인 ")
            return [PiiSpan(PiiKind.PERSON, at + 4, at + 7, text[at + 4 : at + 7])] if at >= 0 else []

    fake = FakeChat("답변")
    guarded = GuardedChat(fake, Privacy(NamesAfterCue()), TokenBudget(10_000))
    guarded.complete(
        [Message("system", "자료: 박서준 씨가 지난해에도 문의함"), Message("user", "민원인 박서준의 민원")]
    )
    sent = "\n".join(m.content for m in fake.payloads[0])
    assert "박서준" not in sent and sent.count("〔이름1〕") == 2
