"""ComplaintService.handle against the in-memory case store: every 민원 command, refused steps
leave nothing behind, and each command type has exactly one handler."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime

import pytest

from biseo.domain.calendar import BusinessCalendar
from biseo.domain.complaints import commands as case_commands
from biseo.domain.complaints.access import Staff
from biseo.domain.complaints.approval import Role
from biseo.domain.complaints.cases import Action, CaseState
from biseo.domain.complaints.commands import (
    Approve,
    AssignCase,
    CaseCommand,
    DraftAnswer,
    LinkCase,
    ReceiveSupplement,
    Reject,
    RequestSupplement,
    StartWork,
    SubmitForApproval,
    Transfer,
    extension,
)
from biseo.domain.complaints.deadlines import ExtensionReason
from biseo.domain.complaints.routing import RouteSuggestion
from biseo.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from biseo.services.complaints.commands import handled_types
from biseo.services.complaints.service import ComplaintService, NewComplaint
from tests.support.fake_case_store import FakeCaseStore

pytestmark = pytest.mark.unit

T0 = datetime(2026, 3, 9, 10, 0)  # a Monday
COORD = Staff("c1", "총괄", "중구", None, Role.COORDINATOR)
HANDLER = Staff("h1", "담당자", "중구", "건축과", Role.HANDLER)
OTHER_HANDLER = Staff("h2", "다른 담당", "중구", "건축과", Role.HANDLER)
LEAD = Staff("t1", "팀장", "중구", "건축과", Role.TEAM_LEAD)
HEAD = Staff("k1", "과장", "중구", "건축과", Role.HEAD)
ROADS = Staff("r1", "도로 담당", "중구", "도로과", Role.HANDLER)
ELSEWHERE = Staff("y1", "타기관", "동구", None, Role.COORDINATOR)


class WordAnalyzer:
    version = "words"

    def analyze(self, texts: Sequence[str]) -> list[list[str]]:
        return [t.split() for t in texts]

    def query_tokens(self, text: str) -> list[str]:
        return text.split()

    @property
    def batch_function(self) -> Callable[[Sequence[str]], list[list[str]]]:
        return self.analyze


@pytest.fixture
def store() -> FakeCaseStore:
    fake = FakeCaseStore()
    for person in (COORD, HANDLER, OTHER_HANDLER, LEAD, HEAD, ROADS, ELSEWHERE):
        fake.add_staff(person, f"key-{person.id}")
    return fake


@pytest.fixture
def service(store: FakeCaseStore) -> ComplaintService:
    calendar = BusinessCalendar.of([date(2026, 3, 2)])
    return ComplaintService(store, WordAnalyzer(), calendar, b"secret", now=lambda: T0)  # type: ignore[arg-type]


def _new(service: ComplaintService, text: str = "주차장 조명 고장 수리 요청") -> str:
    return service.intake(NewComplaint("중구", text, text, received_at=T0)).case.id


def _assigned(service: ComplaintService) -> str:
    case_id = _new(service)
    service.handle(COORD, AssignCase(case_id, "건축과", "h1"))
    return case_id


def _in_approval(service: ComplaintService) -> str:
    case_id = _assigned(service)
    for command in (
        StartWork(case_id),
        DraftAnswer(case_id, "1. 수리하였습니다.  끝."),
        SubmitForApproval(case_id),
    ):
        service.handle(HANDLER, command)
    return case_id


def test_every_command_type_of_the_domain_has_one_handler():
    commands = {
        c
        for _, c in inspect.getmembers(case_commands, inspect.isclass)
        if issubclass(c, CaseCommand) and c is not CaseCommand
    }
    assert len(commands) == 11 and handled_types() == commands
    assert len({c.action for c in commands}) == len(commands)  # one command per workflow action


def test_the_whole_path_through_every_step_with_its_audit_event(service, store):
    case_id = _assigned(service)
    steps = [
        (HANDLER, StartWork(case_id), CaseState.IN_PROGRESS),
        (HANDLER, RequestSupplement(case_id, "현장 사진"), CaseState.SUPPLEMENT),
        (HANDLER, ReceiveSupplement(case_id), CaseState.IN_PROGRESS),
        (HANDLER, DraftAnswer(case_id, "1. 조명을 수리하였습니다.  끝."), CaseState.DRAFTING),
        (HANDLER, SubmitForApproval(case_id), CaseState.APPROVAL),
        (LEAD, Reject(case_id, "근거 법령 보완"), CaseState.DRAFTING),
        (HANDLER, SubmitForApproval(case_id), CaseState.APPROVAL),
        (LEAD, Approve(case_id), CaseState.APPROVAL),
        (HEAD, Approve(case_id), CaseState.CLOSED),
    ]
    for staff, command, state in steps:
        assert service.handle(staff, command).state is state, command
    events = store.events(case_id)
    assert [e.action for e in events] == [Action.RECEIVE, Action.ASSIGN, *(c.action for _, c, _ in steps)]
    assert [e.actor for e in events[2:]] == [s.id for s, _, _ in steps]
    assert events[3].detail == {"request": "현장 사진"} and events[7].detail["reason"] == "근거 법령 보완"
    closed = store.cases[case_id]
    assert closed.version == len(events) and closed.closed_at == T0 and closed.approvals[-1] is Role.HEAD


def test_assignment_keeps_the_department_records_a_router_override_and_checks_the_handler(service, store):
    case_id = _new(service)
    store.suggestions[case_id] = RouteSuggestion("교통과", 0.9)
    assigned = service.handle(COORD, AssignCase(case_id, "건축과"))
    assert (assigned.department, assigned.handler) == ("건축과", None)
    assert store.events(case_id)[-1].detail["route_override"] == {"suggested": "교통과"}
    handled = service.handle(LEAD, AssignCase(case_id, None, "h1"))  # None: the same department
    assert (handled.department, handled.handler, handled.state) == ("건축과", "h1", CaseState.ASSIGNED)
    with pytest.raises(InvalidInput):
        service.handle(COORD, AssignCase(case_id, "건축과", "r1"))  # r1 works in 도로과
    with pytest.raises(Forbidden):
        service.handle(LEAD, AssignCase(case_id, "도로과"))  # only 민원총괄 moves a case


def test_transfer_sends_the_case_to_the_other_agency_as_received(service, store):
    case_id = _assigned(service)
    moved = service.handle(COORD, Transfer(case_id, "동구", "동구 소관 도로"))
    assert (moved.agency, moved.state, moved.department, moved.handler) == (
        "동구",
        CaseState.RECEIVED,
        None,
        None,
    )
    assert store.events(case_id)[-1].detail == {
        "from_agency": "중구",
        "to_agency": "동구",
        "reason": "동구 소관 도로",
    }
    with pytest.raises(NotFound):
        service.handle(COORD, StartWork(case_id))  # 중구 no longer sees it
    assert service.handle(ELSEWHERE, AssignCase(case_id, "도로과")).agency == "동구"


def test_extension_moves_the_deadline_and_bad_reasons_are_refused(service, store):
    case_id = _assigned(service)
    due = store.cases[case_id].due_at
    extended = service.handle(HANDLER, extension(case_id, "3", ExtensionReason.SITE_CHECK.value))
    assert extended.due_at is not None and due is not None and extended.due_at > due
    assert store.events(case_id)[-1].detail["amount"] == 3
    with pytest.raises(InvalidInput, match="bad extension"):
        extension(case_id, 3, "아무 사유")
    with pytest.raises(InvalidInput, match="bad extension"):
        extension(case_id, "사흘", ExtensionReason.SITE_CHECK.value)
    with pytest.raises(InvalidInput):
        service.handle(HANDLER, extension(case_id, 3, ExtensionReason.WORKLOAD.value))  # 시행령 §21②


def test_links_need_an_earlier_case_the_official_can_see(service, store):
    first, second = _new(service, "놀이터 그네 파손"), _new(service, "도서관 휴관 문의")
    unchanged = service.handle(COORD, LinkCase(second, first, "repeat"))
    assert unchanged.version == store.cases[second].version  # linking changes no field of the case
    assert store.links(second) == [(first, "repeat", None)]
    elsewhere = service.intake(NewComplaint("동구", "동구 민원", "동구 민원 내용", received_at=T0)).case.id
    with pytest.raises(NotFound):
        service.handle(COORD, LinkCase(second, elsewhere))
    with pytest.raises(InvalidInput):
        service.handle(COORD, LinkCase(second, second))


@pytest.mark.parametrize(
    ("who", "command", "error"),
    [
        (OTHER_HANDLER, StartWork, Forbidden),  # not the assigned 담당자
        (HANDLER, SubmitForApproval, Conflict),  # 배정 → 결재 skips the work
        (HANDLER, ReceiveSupplement, Conflict),  # nothing was requested
        (LEAD, Approve, Forbidden),  # nothing submitted: nobody's turn
        (ELSEWHERE, StartWork, NotFound),  # another agency does not see the case
    ],
)
def test_refused_steps_write_nothing(service, store, who, command, error):
    case_id = _assigned(service)
    before, events = store.cases[case_id], len(store.history)
    with pytest.raises(error):
        service.handle(who, command(case_id))
    assert store.cases[case_id] == before and len(store.history) == events


def test_signatures_follow_the_line(service, store):
    case_id = _in_approval(service)
    with pytest.raises(Forbidden):
        service.handle(HEAD, Approve(case_id))  # 팀장 signs before 과장
    with pytest.raises(InvalidInput):
        service.handle(LEAD, Reject(case_id, " "))  # a rejection needs its reason
    assert store.cases[case_id].approvals == (Role.HANDLER,)


def test_a_step_on_a_stale_read_is_a_conflict_and_keeps_nothing(service, store, monkeypatch):
    case_id = _assigned(service)
    stale = store.cases[case_id]
    service.handle(HANDLER, StartWork(case_id))
    monkeypatch.setattr(store, "get", lambda _: replace(stale, state=CaseState.IN_PROGRESS))
    events = len(store.history)
    with pytest.raises(Conflict):
        service.handle(HANDLER, DraftAnswer(case_id, "답변"))
    assert store.cases[case_id].answer == "" and len(store.history) == events


def test_a_command_without_a_handler_is_refused(service):
    class Unknown(CaseCommand):
        action = Action.START

    case_id = _assigned(service)
    with pytest.raises(InvalidInput):
        service.handle(HANDLER, Unknown(case_id))
