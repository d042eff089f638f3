"""What a model is sent and what a template draft says, kept as reviewed text: a change to a prompt
file, to the way sources are laid out, or to the wording of a draft shows up as a diff here."""

from __future__ import annotations

import re
from datetime import date

import pytest

from biseo.bootstrap import build_privacy, build_summaries
from biseo.bootstrap.adapters import text_tools
from biseo.domain.drafting.summary import Style
from biseo.services.ai.llm import GuardedChat, TokenBudget
from biseo.services.drafting.model_summaries import model_summary
from biseo.services.drafting.past_answers import PastAnswer, PastAnswerIndex
from biseo.services.drafting.replies import ReplyService
from biseo.services.drafting.reports import ReportKind, ReportService
from tests.support import search_corpus
from tests.support.fake_chat import FakeChat
from tests.support.snapshots import assert_snapshot

pytestmark = pytest.mark.integration

TITLE = "민원 처리기간 문의"
CONTENT = (
    "지난달 신청한 민원의 처리기간이 언제까지인지 알고 싶습니다. 민원처리법 제19조에 따라 계산해 주세요."
)
PAST = [
    PastAnswer(
        "p-1",
        "민원 처리기간 계산 문의",
        "처리기간이 어떻게 계산되는지 궁금합니다.",
        "민원의 처리기간은 「민원 처리에 관한 법률」 제19조에 따라 접수한 날부터 계산하며, "
        "공휴일과 토요일은 산입하지 않습니다. 기타 궁금하신 사항은 민원과로 문의하여 주시기 바랍니다.",
        "민원과",
    )
]


@pytest.fixture(scope="module")
def services(tmp_path_factory, shared_token_cache):
    s = search_corpus.indexed_services(tmp_path_factory, shared_token_cache)
    yield s
    s.close()


def _messages(chat: FakeChat) -> str:
    return "\n\n".join(f"<{m.role}>\n{m.content}" for sent in chat.payloads for m in sent)


def test_the_reply_prompt_as_the_model_receives_it(services):
    fake = FakeChat("답변 초안입니다.")
    chat = GuardedChat(fake, build_privacy(), TokenBudget(100_000))
    index = PastAnswerIndex(services.search.analyzer, PAST)
    ReplyService(services.search, services.citations, lambda: index, chat).draft(TITLE, CONTENT)
    assert_snapshot("prompt_reply", _messages(fake))


def test_the_summary_prompt_as_the_model_receives_it():
    fake = FakeChat("○ 처리기간 계산 기준 안내")
    chat = GuardedChat(fake, build_privacy(), TokenBudget(100_000))
    model_summary(chat, text_tools(), CONTENT + "\n" + PAST[0].answer, TITLE, Style.OUTLINE)
    assert_snapshot("prompt_summary", _messages(fake))


def test_a_template_reply_draft(services):
    index = PastAnswerIndex(services.search.analyzer, PAST)
    draft = ReplyService(services.search, services.citations, lambda: index, None).draft(
        TITLE, CONTENT, department="민원과"
    )
    assert_snapshot("draft_reply_template", draft.text)


def test_a_report_draft(services):
    sources = [d.id for d in services.store.summaries(limit=50) if d.kind == "press_release"][:2]
    reports = ReportService(
        services.store, build_summaries(services.store), lambda: date(2026, 3, 29), services.citations
    )
    document, _ = reports.draft(
        "민원 처리기간 안내", sources, ReportKind.REPORT, agency="행정안전부", department="민원제도과"
    )
    quoted = [line for line in document.lines() if line.startswith(" ○") and line.rstrip().endswith("]")]
    assert quoted and all(re.search(r"(함|됨|임|음|필요|추진|예정)\s*\[\d+\]$", line) for line in quoted), (
        quoted
    )
    assert_snapshot("draft_report", "\n".join(document.lines()))
