"""A reply draft carries no other citizen's details, answers the request this citizen made (not its
opposite), greets this complainant and names this case's unit — in template and in model mode, with
the production specifics finder (patterns, the personal-data detector and Kiwi proper nouns). The past
answers here are written for the test; none is from the shared complaints."""

from __future__ import annotations

import pytest

from biseo.bootstrap import build_privacy
from biseo.bootstrap.drafting import reply_tools
from biseo.services.ai.llm import GuardedChat, TokenBudget
from biseo.services.drafting.past_answers import PastAnswer, PastAnswerIndex
from biseo.services.drafting.replies import ReplyService
from tests.support import search_corpus
from tests.support.fake_chat import FakeChat

pytestmark = pytest.mark.integration

ENFORCE = PastAnswer(
    "p1",
    "상가 앞 불법주정차 단속 요청",
    "한빛마트 앞 도로에 불법 주정차 차량이 많아 통행이 어렵습니다. 단속해 주세요.",
    "1. 김누리님 안녕하십니까? 2. 귀하께서 요청하신 한빛마트 앞 도로 불법 주정차에 대하여 2021. 11. 3. "
    "현장을 확인하였습니다. 3. 해당 구간은 주정차 금지구역으로 단속반을 배치하여 집중 단속을 실시하겠습니다. "
    "4. 34나5678 차량에는 과태료를 부과하였습니다. 5. 기타 문의사항은 송림동 행정복지센터(☎ 032-440-1234)로 "
    "연락 주시기 바랍니다. 붙임 민원상담목록번호 59861 1부. 끝.",
    "송림동",
)
SPARE = PastAnswer(
    "p2",
    "상가 앞 불법주정차 단속 유예 요청",
    "장사가 안되니 상가 앞 도로 불법 주정차 단속을 유예해 주세요. 손님이 주차할 곳이 없습니다.",
    "1. 상가 앞 도로 주정차 단속 유예 요청에 대해 답변드립니다. 2. 단속 유예는 어려우나 점심시간에는 "
    "계도 위주로 운영하고 있습니다.  끝.",
    "교통과",
)
OTHER = PastAnswer(
    "p3", "가로등 고장", "골목 가로등이 꺼졌습니다.", "1. 가로등은 교체하였습니다.  끝.", "도로과"
)
COMPLAINT = (
    "우리 동네 불법주정차 단속 요청",
    "수고하십니다. 새솔초등학교 앞 도로에 불법 주정차 차량이 많아 통행이 어렵습니다. 단속해 주세요.",
)
FOREIGN = ("김누리", "한빛마트", "2021", "34나5678", "송림동", "440-1234", "59861")


@pytest.fixture(scope="module")
def services(tmp_path_factory, shared_token_cache):
    s = search_corpus.indexed_services(tmp_path_factory, shared_token_cache)
    yield s
    s.close()


def replies(services, answers, chat=None):
    index = PastAnswerIndex(services.search.analyzer, answers)
    return ReplyService(
        services.search, services.citations, lambda: index, chat, **reply_tools("인천광역시 중구")
    )


def test_a_template_draft_keeps_the_findings_and_none_of_the_other_cases_details(services):
    draft = replies(services, [ENFORCE, OTHER]).draft(*COMPLAINT, department="교통과")
    assert draft.findings_kept >= 1 and "집중 단속을 실시하겠습니다" in draft.text
    assert [v for v in FOREIGN if v in draft.text] == []
    assert draft.citations_valid and draft.lint_passed, (draft.citations, draft.lint)
    lines = draft.text.splitlines()
    assert "귀하" in lines[0] and "교통과" in lines[-1]
    gist = lines[2]
    assert "수고하십니다" not in gist and "단속해 주세요" in gist  # what the citizen asks


def test_the_greeting_names_this_complainant_only(services):
    draft = replies(services, [ENFORCE]).draft(*COMPLAINT, department="교통과", complainant="이도윤")
    assert "이도윤님" in draft.text.splitlines()[0] and "김누리" not in draft.text


def test_a_past_answer_to_the_opposite_request_is_never_used(services):
    draft = replies(services, [SPARE, OTHER]).draft(*COMPLAINT, department="교통과")
    assert not [s for s in draft.sources if s.reference == "p2"]
    assert "유예" not in draft.text
    assert any("반대 방향" in n for n in draft.notices)


def test_a_model_sees_no_other_case_details_and_its_output_is_checked(services):
    fake = FakeChat(
        "1. 귀하께 감사드립니다.\n2. 한빛마트 앞 도로와 같이 집중 단속을 실시하겠습니다 [1]\n"
        "3. 문의는 송림동(☎ 032-440-1234)으로 하여 주십시오.\n4. 기타 문의는 교통과로 하여 주십시오.  끝."
    )
    chat = GuardedChat(fake, build_privacy(), TokenBudget(100_000))
    draft = replies(services, [ENFORCE], chat).draft(*COMPLAINT, department="교통과")
    sent = "\n".join(m.content for payload in fake.payloads for m in payload)
    assert [v for v in FOREIGN if v in sent] == []
    assert "집중 단속을 실시하겠습니다" in sent  # the substance still reaches the model
    assert [v for v in FOREIGN if v in draft.text] == []
    assert "새솔초등학교 앞 도로" in draft.text and "교통과" in draft.text  # the complaint's own place
    assert any("모델 초안에서 뺐습니다" in n for n in draft.notices)


def test_a_place_quoted_in_brackets_is_a_specific_and_a_law_title_is_not():
    from biseo.bootstrap.adapters import build_specifics

    finder = build_specifics()
    assert any(s.kind == "place" for s in finder.find("「송림동 한빛은행 부근」에 단속을 하였습니다."))
    assert finder.find("「도로교통법」 제32조에 따라 단속합니다.") == []


def test_the_evaluation_counts_another_cases_values_but_not_office_vocabulary():
    from biseo.services.drafting.reply_evaluation import ForeignCheck
    from biseo.services.drafting.reply_findings import PatternSpecifics

    common = [PastAnswer(f"c{i}", "t", "c", "해당 구간은 한결마트 앞입니다.", "교통과") for i in range(3)]
    rows = [ENFORCE, *common]
    check = ForeignCheck(PatternSpecifics(), rows)
    complaint = PastAnswer("n", *COMPLAINT, "", "교통과")
    check.count("biseo", "한빛마트 앞 도로를 단속하겠습니다. 한결마트도 확인하겠습니다.", complaint)
    check.count("biseo", "새솔초등학교 앞 도로를 단속하겠습니다.", complaint)  # the complaint's own place
    summary = check.summary("biseo")
    assert summary["drafts_with_foreign_specifics"] == 1 and summary["foreign_specifics"] == 1
    assert "한빛마트" in summary["foreign_examples"][0] and "한결마트" not in summary["foreign_examples"][0]
