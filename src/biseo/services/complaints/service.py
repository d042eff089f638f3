"""One-stop 민원 handling: intake, routing, duplicates, workflow with 결재, deadlines, for staff.

Every call names the acting staff member; the domain's access rules decide what they may see and
do, and every change is stored with its audit event in one transaction.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from biseo.domain.calendar import BusinessCalendar
from biseo.domain.complaints import cases as workflow
from biseo.domain.complaints.access import Staff, can_see, can_see_contact, ensure_may, may, staff_key_hash
from biseo.domain.complaints.analytics import CaseStatistics, overview, rising_terms
from biseo.domain.complaints.approval import ApprovalLine, Role
from biseo.domain.complaints.cases import Action, AuditEvent, Case, CaseState
from biseo.domain.complaints.commands import CaseCommand
from biseo.domain.complaints.contacts import Contact, complainant_key, masked
from biseo.domain.complaints.deadlines import ComplaintKind, Period, period_for
from biseo.domain.complaints.duplicates import Candidate, DuplicateReport, find_duplicates
from biseo.domain.complaints.routing import RouteSuggestion
from biseo.domain.errors import DocumentRejected, ErrorCode, InvalidInput, NotFound
from biseo.domain.identity import content_id
from biseo.services.complaints.commands import Step, dispatch, visible_case
from biseo.services.complaints.ports import Attachment, CaseFilter, CaseStore
from biseo.services.ports import Analyzer, DocumentParser

log = logging.getLogger(__name__)

SYSTEM_ACTOR = "system"
MAX_TITLE = 300
MAX_CONTENT = 20_000
_DUPLICATE_CANDIDATES = 20_000  # the most recent cases of the agency (answers stay useful for years)


@dataclass(frozen=True, slots=True)
class NewComplaint:
    agency: str
    title: str
    content: str
    kind: ComplaintKind = ComplaintKind.GRIEVANCE
    contact: Contact = field(default_factory=Contact)
    received_at: datetime | None = None
    statutory_days: int | None = None  # 법정민원의 처리기간
    channel: str = "api"
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class IntakeResult:
    case: Case
    created: bool  # False: the external id was imported before (idempotent import)
    duplicates: DuplicateReport | None
    suggestion: RouteSuggestion | None


@dataclass(frozen=True, slots=True)
class CaseView:
    case: Case
    contact: Contact | None  # masked unless the viewer is the assigned 담당자
    contact_masked: bool
    events: list[AuditEvent]
    links: list[tuple[str, str, float | None]]
    suggestion: RouteSuggestion | None
    next_approver: Role | None
    allowed_actions: list[Action]
    steps: tuple[Role, ...]
    attachments: list[Attachment]


RouteSuggester = Callable[[str, str], RouteSuggestion | None]


@dataclass
class ComplaintService:
    store: CaseStore
    analyzer: Analyzer
    calendar: BusinessCalendar
    secret: bytes  # for complainant keys (§23 repeats) without storing readable contact data
    now: Callable[[], datetime]
    approval_lines: dict[str, ApprovalLine] = field(default_factory=dict)  # per agency
    suggest_route: RouteSuggester | None = None
    parser: DocumentParser | None = None  # the ingestion parsers, for attachments
    max_attachment_bytes: int = 20 * 1024 * 1024
    _tokens: dict[str, list[str]] = field(default_factory=dict, repr=False)

    # --- intake ------------------------------------------------------------------------
    def intake(self, new: NewComplaint, actor: str = SYSTEM_ACTOR, *, history: bool = False) -> IntakeResult:
        """접수. ``history``: an already answered case being imported — no routing suggestion and no
        duplicate search (new cases look for links to it when they arrive)."""
        title, content = new.title.strip(), new.content.strip()
        if not (title or content):
            raise InvalidInput(
                "complaint has no title and no content", message_ko="민원 제목이나 내용을 입력해 주세요."
            )
        if len(title) > MAX_TITLE or len(content) > MAX_CONTENT:
            raise InvalidInput(
                "complaint too long",
                message_ko=f"제목은 {MAX_TITLE}자, 내용은 {MAX_CONTENT:,}자까지 접수할 수 있습니다.",
            )
        if not new.agency.strip():
            raise InvalidInput("agency is empty", message_ko="접수 기관을 입력해 주세요.")
        period, _ = period_for(new.kind, Period.days(new.statutory_days) if new.statutory_days else None)
        received = (new.received_at or self.now()).replace(tzinfo=None, microsecond=0)
        case = Case(
            id=f"{received:%Y%m%d}-{uuid.uuid4().hex[:10]}",
            agency=new.agency.strip(),
            title=title or content[:40],
            content=content,
            kind=new.kind,
            received_at=received,
            period=period,
            channel=new.channel,
            external_id=new.external_id,
            complainant_key=complainant_key(new.contact, self.secret),
        )
        case, event = workflow.receive(case, actor, self.calendar)
        suggestion = None if history else self._suggest(case)
        created = self.store.create(case, new.contact, event, suggestion)
        if not created:
            return IntakeResult(case, False, None, None)
        report = None if history else self._link_duplicates(case)
        return IntakeResult(case, True, report, suggestion)

    def _suggest(self, case: Case) -> RouteSuggestion | None:
        if self.suggest_route is None:
            return None
        try:
            return self.suggest_route(case.title, case.content)
        except InvalidInput:  # no routing model yet: intake never depends on it
            return None

    def _link_duplicates(self, case: Case) -> DuplicateReport | None:
        report = self._duplicates_of(case)
        for match in report.matches:
            linked, event = workflow.link(case, SYSTEM_ACTOR, case.received_at, match.case_id, match.relation)
            self.store.link(
                linked,
                replace(event, detail={**event.detail, "similarity": match.similarity}),
                match.case_id,
                match.relation,
                match.similarity,
            )
        return report

    def _duplicates_of(self, case: Case) -> DuplicateReport:
        earlier = [
            c
            for c in self.store.all_cases(case.agency)
            if c.id != case.id and c.received_at <= case.received_at
        ][-_DUPLICATE_CANDIDATES:]
        missing = [c for c in [case, *earlier] if c.id not in self._tokens]
        for c, tokens in zip(missing, self.analyzer.analyze([_text(c) for c in missing]), strict=True):
            self._tokens[c.id] = tokens  # a case's title and content never change after intake
        candidates = [
            Candidate(
                c.id, self._tokens[c.id], c.complainant_key, c.state is CaseState.CLOSED and bool(c.answer)
            )
            for c in earlier
        ]
        return find_duplicates(self._tokens[case.id], case.complainant_key, candidates)

    # --- reading -----------------------------------------------------------------------
    def view(self, staff: Staff, case_id: str) -> CaseView:
        case = self._visible(staff, case_id)
        contact = self.store.contact(case.id)
        show = can_see_contact(staff, case)
        line = self.line(case.agency)
        return CaseView(
            case=case,
            contact=(contact if show else masked(contact)) if contact else None,
            contact_masked=not show,
            events=self.store.events(case.id),
            links=self.store.links(case.id),
            suggestion=self.store.suggestion(case.id),
            next_approver=workflow.next_approver(case, line),
            allowed_actions=[
                a
                for a in Action
                if a not in (Action.RECEIVE, Action.ROUTE_OVERRIDE, Action.ATTACH)
                and workflow.allowed(case, a)
                and may(staff, a, case, line)
            ],
            steps=line.steps(case.kind),
            attachments=self.store.attachments(case.id),
        )

    def queue(self, staff: Staff, **filters: Any) -> list[Case]:
        departments = None if staff.role is Role.COORDINATOR else staff.scope
        return self.store.find(CaseFilter(agency=staff.agency, departments=departments, **filters))

    def duplicates(self, staff: Staff, case_id: str) -> DuplicateReport:
        return self._duplicates_of(self._visible(staff, case_id))

    def line(self, agency: str) -> ApprovalLine:
        return self.approval_lines.get(agency) or ApprovalLine()

    def _visible(self, staff: Staff, case_id: str) -> Case:
        return visible_case(self.store, staff, case_id)

    # --- acting ------------------------------------------------------------------------
    def handle(self, staff: Staff, command: CaseCommand) -> Case:
        """One workflow step (배정, 처리 시작, 보완, 답변, 상신, 결재, 반려, 이송, 연장, 연결) by
        ``staff``: its handler applies the transition and stores the case with its audit event."""
        case = self._visible(staff, command.case_id)
        line = self.line(case.agency)
        ensure_may(staff, command.action, case, line)
        at = self.now().replace(tzinfo=None, microsecond=0)
        return dispatch(Step(staff, case, at, line, self.store, self.calendar), command)

    def attach(self, staff: Staff, case_id: str, data: bytes, filename: str) -> Attachment:
        """첨부: parse the file with the ingestion parsers (same guards: size, zip bombs, encrypted,
        corrupt, wrong extension) and keep its text with the case only."""
        case = self._visible(staff, case_id)
        ensure_may(staff, Action.ATTACH, case, self.line(case.agency))
        if self.parser is None:
            raise InvalidInput("no parser configured", message_ko="첨부 파일을 읽을 수 없는 설정입니다.")
        if len(data) > self.max_attachment_bytes:
            raise DocumentRejected(ErrorCode.TOO_LARGE, f"attachment of {len(data)} bytes")
        if not data:
            raise DocumentRejected(ErrorCode.EMPTY_FILE, "empty attachment")
        parsed = self.parser.parse(data, filename)
        number = len(self.store.attachments(case.id)) + 1
        at = self.now().replace(tzinfo=None, microsecond=0)
        changed, event = workflow.attach(case, staff.id, at, number, str(parsed.format), len(parsed.text))
        attachment = Attachment(number, content_id(data), str(parsed.format), len(data), parsed.text)
        self.store.attach(changed, event, attachment, expected_version=case.version)
        return attachment

    # --- staff directory ---------------------------------------------------------------
    def staff_for_key(self, key_hash: str) -> Staff | None:
        return self.store.staff_by_key(key_hash)

    def enrol_staff(self, staff: Staff) -> str:
        """Register ``staff`` with a new random key; the key is returned once and kept only hashed."""
        key = secrets.token_urlsafe(24)
        self.register_staff(staff, staff_key_hash(key))
        return key

    def rekey_staff(self, staff_id: str) -> str:
        """A new random key for ``staff_id`` (returned once); the old key and its sessions end."""
        key = secrets.token_urlsafe(24)
        self.replace_staff_key(staff_id, staff_key_hash(key))
        return key

    def replace_staff_key(self, staff_id: str, key_hash: str) -> None:
        """A new key for a staff member (lost, leaked, or the person left): the old key and every
        page session signed in with it stop working at once."""
        if not self.store.replace_staff_key(staff_id, key_hash):
            raise NotFound(f"no staff {staff_id}")
        log.info("staff key replaced: %s", staff_id)

    def register_staff(self, staff: Staff, key_hash: str) -> None:
        if staff.role is not Role.COORDINATOR and not staff.scope:
            raise InvalidInput(
                "staff needs a department",
                message_ko="민원총괄이 아닌 직원은 소속·관할 부서가 있어야 합니다.",
            )
        if self.store.staff(staff.id) is not None:
            raise InvalidInput(f"staff {staff.id} exists", message_ko="이미 등록된 직원 ID입니다.")
        self.store.add_staff(staff, key_hash)

    def route_suggestion(self, staff: Staff, case_id: str) -> RouteSuggestion | None:
        case = self._visible(staff, case_id)
        return self._suggest(case)

    def analytics(self, staff: Staff, now: datetime | None = None) -> CaseStatistics:
        """Counts, overdue rate, processing time and rising terms over the cases ``staff`` can see."""
        moment = (now or self.now()).replace(tzinfo=None)
        visible = [c for c in self.store.all_cases(staff.agency) if can_see(staff, c)]
        recent = [c for c in visible if timedelta(0) <= moment - c.received_at < timedelta(days=14)]
        missing = [c for c in recent if c.id not in self._tokens]
        for c, tokens in zip(missing, self.analyzer.analyze([_text(c) for c in missing]), strict=True):
            self._tokens[c.id] = tokens
        rising = rising_terms([(c.received_at, _topic_terms(self._tokens[c.id])) for c in recent], moment)
        counts = overview(visible, moment)
        return CaseStatistics(**asdict(counts), rising_terms=tuple(rising), as_of=moment)


def _topic_terms(tokens: list[str]) -> list[str]:
    """Words worth a topic: no bigrams or single syllables, no article references."""
    return [t for t in tokens if len(t) >= 2 and "_" not in t and not t.startswith("§") and not t.isdigit()]


def _text(case: Case) -> str:
    return f"{case.title}\n{case.content}"
