"""The drafting desk against in-memory parts: every draft is recorded once, under the right agency,
pseudonymized, with the settings that shaped it; the past-answer library follows an agency's cases."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime

import pytest

from biseo.domain.complaints.cases import Case
from biseo.domain.complaints.deadlines import ComplaintKind, Period
from biseo.domain.errors import InvalidInput
from biseo.domain.privacy.pseudonyms import PiiKind, PiiSpan
from biseo.services.ai.audit import AuditTrail
from biseo.services.drafting.answer_library import PastAnswerLibrary
from biseo.services.drafting.desk import UNSCOPED_AGENCY, DraftingDesk, SummaryInput
from biseo.services.drafting.reply_draft import ReplyDraft
from biseo.services.privacy import Privacy
from tests.support.fake_audit_store import FakeAuditStore

pytestmark = pytest.mark.unit

PHONE = re.compile(r"010-\d{4}-\d{4}")


class PhoneDetector:
    def detect(self, text: str) -> list[PiiSpan]:
        return [PiiSpan(PiiKind.PHONE, m.start(), m.end(), m.group(0)) for m in PHONE.finditer(text)]


class SplitAnalyzer:
    version = "split"

    def analyze(self, texts):  # type: ignore[no-untyped-def]
        return [t.split() for t in texts]

    def query_tokens(self, text: str) -> list[str]:
        return text.split()

    @property
    def batch_function(self):  # type: ignore[no-untyped-def]
        return self.analyze


@dataclasses.dataclass
class AnsweredCases:
    cases: dict[str, list[Case]] = dataclasses.field(default_factory=dict)

    def answered_cases(self, agency: str) -> list[Case]:
        return list(self.cases.get(agency, []))

    def answered_fingerprint(self, agency: str) -> tuple[int, int]:
        found = self.cases.get(agency, [])
        return len(found), sum(c.version for c in found)

    def agencies(self) -> list[str]:
        return sorted(self.cases)


class ModelReplies:
    """A reply drafter as the model mode returns it (the prompt fingerprint comes with the draft)."""

    def __init__(self, agency: str | None, asked: list[str | None]) -> None:
        self.agency = agency
        asked.append(agency)

    def draft(self, title: str, content: str, *, department: str | None = None) -> ReplyDraft:
        return ReplyDraft(
            "1. 답변입니다.  끝.", "model", [], [], [], department, model="served", prompt="reply.v3@x"
        )


def _desk(cases: AnsweredCases, asked: list[str | None]) -> tuple[DraftingDesk, FakeAuditStore]:
    store = FakeAuditStore()
    trail = AuditTrail(store, Privacy(PhoneDetector()), lambda: datetime(2026, 3, 29, tzinfo=UTC))
    library = PastAnswerLibrary([], lambda: cases, SplitAnalyzer)
    desk = DraftingDesk(
        replies=lambda agency: ModelReplies(agency, asked),  # type: ignore[arg-type, return-value]
        reports=lambda: pytest.fail("no report asked"),
        summaries=lambda: pytest.fail("no summary asked"),
        audit=lambda: trail,
        library=library,
        store=None,  # type: ignore[arg-type]
        record_settings={"llm": True, "dense": "off"},
    )
    return desk, store


def test_a_reply_is_recorded_once_pseudonymized_under_its_agency():
    asked: list[str | None] = []
    desk, store = _desk(AnsweredCases(), asked)
    reply = desk.draft_reply("중구", "h1", "가로등 고장", "연락처 010-1234-5678 입니다", department="도로과")
    record = store.records[reply.record_id]
    assert (record.agency, record.actor, record.kind, record.model) == ("중구", "h1", "reply", "served")
    assert "010-1234-5678" not in record.input and "가로등 고장" in record.input
    assert record.settings == {"llm": True, "dense": "off", "department": "도로과", "mode": "model"}
    assert asked == ["중구"] and len(store.records) == 1


def test_a_reply_with_no_agency_is_kept_under_the_unscoped_name():
    desk, store = _desk(AnsweredCases(), [])
    reply = desk.draft_reply(None, "cli:kim", "문의", "내용")
    assert store.records[reply.record_id].agency == UNSCOPED_AGENCY


def test_a_summary_of_nothing_is_refused():
    desk, _ = _desk(AnsweredCases(), [])
    desk._summaries = lambda: type("S", (), {"chat": None})()  # type: ignore[method-assign]
    with pytest.raises(InvalidInput):
        desk.summarize(None, SummaryInput())  # type: ignore[arg-type]


def _case(case_id: str, answer: str, version: int = 2) -> Case:
    period = Period.days(7)
    received = datetime(2026, 11, 2, 9, 0)
    return Case(
        case_id,
        "남구",
        "공원 벤치 파손",
        "벤치가 부서졌습니다",
        ComplaintKind.GRIEVANCE,
        received,
        period,
        department="공원과",
        answer=answer,
        version=version,
    )


def test_the_library_follows_an_agencys_answered_cases_without_rebuilding():
    cases = AnsweredCases({"남구": [_case("n-1", "벤치를 교체하였습니다.")]})
    library = PastAnswerLibrary([], lambda: cases, SplitAnalyzer)
    first = library.index("남구")
    assert [m.answer.answer for m in first.similar("공원 벤치 파손", "벤치가 부서졌습니다", k=3)] == [
        "벤치를 교체하였습니다."
    ]
    assert library.index("남구") is first  # nothing changed: no work
    cases.cases["남구"] = [_case("n-1", "벤치를 새것으로 교체하였습니다.", version=3)]
    again = library.index("남구")
    assert again is first and len(again) == 1  # updated in place, not rebuilt or added twice
    assert [m.answer.answer for m in again.similar("공원 벤치 파손", "벤치가 부서졌습니다", k=3)] == [
        "벤치를 새것으로 교체하였습니다."
    ]
    assert library.pool("남구").case_answers == 1 and library.pool("남구").agencies_with_cases == ("남구",)
    assert library.index(None) is not first  # another agency's cases never join
