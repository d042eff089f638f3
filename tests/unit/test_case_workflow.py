"""민원 case workflow, 결재선 with 전결, access rules, contact masking, duplicates and statistics."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biseo.domain.calendar import BusinessCalendar
from biseo.domain.complaints import cases as wf
from biseo.domain.complaints.access import Staff, can_see, can_see_contact, may
from biseo.domain.complaints.analytics import overview, rising_terms
from biseo.domain.complaints.approval import ApprovalLine, Role
from biseo.domain.complaints.cases import Action, Case, CaseState
from biseo.domain.complaints.contacts import (
    Contact,
    complainant_key,
    mask_address,
    mask_name,
    mask_phone,
    masked,
)
from biseo.domain.complaints.deadlines import ComplaintKind, Extension, ExtensionReason, Period
from biseo.domain.complaints.duplicates import Candidate, cosine, find_duplicates
from biseo.domain.errors import Conflict, InvalidInput

pytestmark = pytest.mark.unit

CAL = BusinessCalendar.of([date(2026, 3, 2)])  # 삼일절 대체공휴일
T0 = datetime(2026, 3, 9, 10, 0)  # a Monday
LINE = ApprovalLine()
HANDLER = Staff("h1", "담당자", "중구", "건축과", Role.HANDLER)
OTHER_HANDLER = Staff("h2", "다른 담당", "중구", "건축과", Role.HANDLER)
LEAD = Staff("t1", "팀장", "중구", "건축과", Role.TEAM_LEAD)
HEAD = Staff("k1", "과장", "중구", "건축과", Role.HEAD)
DIRECTOR = Staff("d1", "국장", "중구", None, Role.DIRECTOR, units=("건축과", "건설과"))
COORD = Staff("c1", "총괄", "중구", None, Role.COORDINATOR)
ELSEWHERE = Staff("x1", "타부서", "중구", "교통과", Role.HEAD)
OTHER_AGENCY = Staff("y1", "타기관", "동구", None, Role.COORDINATOR)


def _case(kind: ComplaintKind = ComplaintKind.GRIEVANCE) -> Case:
    period = Period.immediate() if kind is ComplaintKind.OTHER else Period.days(7)
    case, _ = wf.receive(Case("c-1", "중구", "제목", "내용", kind, T0, period), "system", CAL)
    return case


def _to_approval(kind: ComplaintKind = ComplaintKind.GRIEVANCE) -> Case:
    case, _ = wf.assign(_case(kind), "c1", T0, "건축과", "h1")
    case, _ = wf.start(case, "h1", T0)
    case, _ = wf.draft(case, "h1", T0, "답변")
    case, _ = wf.submit(case, "h1", T0)
    return case


def test_the_full_path_with_approval_line_and_audit_events():
    case = _case()
    assert case.state is CaseState.RECEIVED and case.due_at == datetime(2026, 3, 17, 18, 0)
    case, event = wf.assign(case, "c1", T0, "건축과", "h1")
    assert (event.from_state, event.to_state, event.actor) == (CaseState.RECEIVED, CaseState.ASSIGNED, "c1")
    case, _ = wf.start(case, "h1", T0)
    case, _ = wf.draft(case, "h1", T0, "검토 결과 …")
    case, _ = wf.submit(case, "h1", T0)
    assert wf.next_approver(case, LINE) is Role.TEAM_LEAD
    case, _ = wf.approve(case, "t1", Role.TEAM_LEAD, T0, LINE)
    assert case.state is CaseState.APPROVAL and wf.next_approver(case, LINE) is Role.HEAD
    case, event = wf.approve(case, "k1", Role.HEAD, T0 + timedelta(hours=1), LINE)
    assert case.state is CaseState.CLOSED and case.closed_at == T0 + timedelta(hours=1)
    assert event.detail["final"] is True
    assert case.version == 7  # 접수 is version 1, then one per change


def test_team_lead_signs_last_under_delegation_and_agencies_configure_it():
    case = _to_approval(ComplaintKind.OTHER)
    case, _ = wf.approve(case, "t1", Role.TEAM_LEAD, T0, LINE)
    assert case.state is CaseState.CLOSED  # 기타 민원: 팀장 전결
    strict = ApprovalLine.from_mapping({"기타": "국장"})
    assert strict.steps(ComplaintKind.OTHER) == (Role.HANDLER, Role.TEAM_LEAD, Role.HEAD, Role.DIRECTOR)
    with pytest.raises(InvalidInput):
        ApprovalLine.from_mapping({"기타": "담당"})


def test_signatures_follow_the_line_and_a_rejection_returns_to_drafting():
    case = _to_approval()
    with pytest.raises(Conflict):
        wf.approve(case, "k1", Role.HEAD, T0, LINE)  # 팀장 first
    case, _ = wf.reject(case, "t1", Role.TEAM_LEAD, T0, "근거 조문 보완")
    assert case.state is CaseState.DRAFTING and case.approvals == ()
    with pytest.raises(InvalidInput):
        wf.reject(_to_approval(), "t1", Role.TEAM_LEAD, T0, " ")


@pytest.mark.parametrize(
    ("step", "state"),
    [
        (lambda c: wf.start(c, "h1", T0), CaseState.RECEIVED),
        (lambda c: wf.submit(c, "h1", T0), CaseState.RECEIVED),
        (lambda c: wf.draft(c, "h1", T0, "x"), CaseState.ASSIGNED),
        (lambda c: wf.request_supplement(c, "h1", T0, "서류"), CaseState.DRAFTING),
    ],
)
def test_transitions_outside_the_workflow_are_refused(step, state):
    case = _case()
    if state is not CaseState.RECEIVED:
        case, _ = wf.assign(case, "c1", T0, "건축과", "h1")
    if state is CaseState.DRAFTING:
        case, _ = wf.start(case, "h1", T0)
        case, _ = wf.draft(case, "h1", T0, "답변")
    with pytest.raises(Conflict) as caught:
        step(case)
    assert "상태에서는" in caught.value.message_ko


def test_a_closed_case_accepts_nothing():
    case = _to_approval()
    case, _ = wf.approve(case, "t1", Role.TEAM_LEAD, T0, LINE)
    case, _ = wf.approve(case, "k1", Role.HEAD, T0, LINE)
    assert not any(wf.allowed(case, a) for a in Action)


def test_supplement_stops_the_clock_and_extension_moves_the_due_date():
    case, _ = wf.assign(_case(), "c1", T0, "건축과", "h1")
    case, _ = wf.start(case, "h1", T0)
    before = case.due_at
    case, _ = wf.request_supplement(case, "h1", T0 + timedelta(days=1), "도면 사본")
    case, event = wf.supplement_received(case, "h1", T0 + timedelta(days=3), CAL)
    assert case.state is CaseState.IN_PROGRESS and case.due_at > before
    assert event.detail["due_at"] == case.due_at.isoformat()
    longer, _ = wf.extend(case, "h1", T0, Extension(5, ExtensionReason.SITE_CHECK), CAL)
    assert longer.due_at > case.due_at
    with pytest.raises(InvalidInput):
        wf.extend(longer, "h1", T0, Extension(2, ExtensionReason.SITE_CHECK), CAL)  # second needs consent


def test_transfer_hands_the_case_to_the_other_agency_as_received():
    case, _ = wf.assign(_case(), "c1", T0, "건축과", "h1")
    moved, event = wf.transfer(case, "c1", T0, "인천광역시", "소관 아님")
    assert (moved.agency, moved.department, moved.handler, moved.state) == (
        "인천광역시",
        None,
        None,
        CaseState.RECEIVED,
    )
    assert moved.transferred_from == ("중구",) and event.detail["to_agency"] == "인천광역시"
    with pytest.raises(InvalidInput):
        wf.transfer(case, "c1", T0, "중구", "")


def test_visibility_by_agency_department_and_role():
    case, _ = wf.assign(_case(), "c1", T0, "건축과", "h1")
    assert [can_see(s, case) for s in (HANDLER, OTHER_HANDLER, LEAD, HEAD, DIRECTOR, COORD)] == [True] * 6
    assert not can_see(ELSEWHERE, case) and not can_see(OTHER_AGENCY, case)
    assert not can_see(HANDLER, _case())  # not yet assigned: only the coordinator
    assert can_see_contact(HANDLER, case) and not can_see_contact(OTHER_HANDLER, case)
    assert not can_see_contact(COORD, case) and not can_see_contact(HEAD, case)


def test_who_may_do_what():
    case, _ = wf.assign(_case(), "c1", T0, "건축과", "h1")
    assert may(HANDLER, Action.START, case, LINE) and not may(OTHER_HANDLER, Action.START, case, LINE)
    assert not may(LEAD, Action.START, case, LINE) and may(LEAD, Action.ASSIGN, case, LINE)
    assert may(COORD, Action.TRANSFER, case, LINE) and not may(HANDLER, Action.TRANSFER, case, LINE)
    assert not may(ELSEWHERE, Action.ASSIGN, case, LINE) and not may(OTHER_AGENCY, Action.ASSIGN, case, LINE)
    waiting = _to_approval()
    assert may(LEAD, Action.APPROVE, waiting, LINE) and not may(HEAD, Action.APPROVE, waiting, LINE)
    assert not may(HANDLER, Action.APPROVE, waiting, LINE)


def test_contacts_are_masked_and_keyed_without_readable_data():
    contact = Contact("홍길동", "010-1234-5678", "hong@example.go.kr", "인천광역시 중구 신포로 27 101호")
    shown = masked(contact)
    assert shown == Contact("홍*동", "010-****-5678", "ho***@example.go.kr", "인천광역시 중구 ***")
    assert mask_name("남궁민수") == "남**수" and mask_phone("02-760-7577")[-4:] == "7577"
    assert mask_address("") == ""
    key = complainant_key(contact, b"k")
    assert key == complainant_key(Contact(phone="010 1234 5678"), b"k")  # formatting does not matter
    assert key != complainant_key(contact, b"other-installation")
    assert "5678" not in key and complainant_key(Contact(name="홍길동"), b"k") is None


def test_repeats_need_the_same_complainant_and_near_duplicates_high_overlap():
    words = ["공영", "주차장", "조명", "설치", "요청", "야간", "어둡다"]
    rephrased = ["공영", "주차장", "조명", "설치", "부탁", "밤", "어둡다", "위험"]
    candidates = [
        Candidate("a", rephrased, "me", answered=True),
        Candidate("b", rephrased, "someone", answered=False),
        Candidate("c", words, "someone", answered=True),
        Candidate("d", ["쓰레기", "무단", "투기", "단속"], "me", answered=True),
    ]
    report = find_duplicates(words, "me", candidates)
    assert [(m.case_id, m.relation) for m in report.matches] == [("a", "repeat"), ("c", "duplicate")]
    assert report.answered_repeats == 1 and not report.may_close_as_repeat
    twice = find_duplicates(words, "me", [*candidates, Candidate("e", words, "me", answered=True)])
    assert twice.may_close_as_repeat  # 법 §23①: answered twice, the third may be closed


@given(
    st.lists(st.sampled_from("가나다라마바사"), max_size=12),
    st.lists(st.sampled_from("가나다라마바사"), max_size=12),
)
def test_cosine_is_symmetric_and_bounded(a, b):
    assert cosine(a, b) == pytest.approx(cosine(b, a))
    assert 0.0 <= cosine(a, b) <= 1.0 + 1e-9


def test_statistics_count_overdue_and_processing_time():
    now = datetime(2026, 3, 20, 12, 0)
    open_late = _case()  # due 3/17, still open on 3/20
    done = _to_approval(ComplaintKind.OTHER)
    done, _ = wf.approve(done, "t1", Role.TEAM_LEAD, T0 + timedelta(hours=2), LINE)
    stats = overview([open_late, done], now)
    assert stats.total == 2 and stats.open_overdue == 1
    assert stats.overdue_rate == 0.5  # 기타 즉시(3 근무시간): closed within 2 hours, on time
    assert stats.average_processing_hours == 2.0
    assert stats.by_state == {"접수": 1, "완료": 1}


def test_rising_terms_compare_this_week_with_last_week():
    now = datetime(2026, 3, 20)
    dated = [(now - timedelta(days=1), ["주차", "소음"])] * 4 + [(now - timedelta(days=9), ["소음"])] * 4
    rising = rising_terms(dated, now)
    assert [r.term for r in rising] == ["주차"]
    assert (rising[0].this_week, rising[0].last_week) == (4, 0)
