"""``/v1/complaints``: 민원 intake, queue, case view, workflow, deadlines, duplicates, routing, analytics.

Every call is made by a staff member named by ``X-Staff-Key`` (or the signed ``biseo_staff``
cookie the pages set); the domain's access rules decide what they see. Invisible cases answer 404.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, UploadFile
from pydantic import BaseModel, ConfigDict, Field, field_validator

from biseo.domain.complaints.cases import TRANSITION_STEPS, Action, Case, CaseState
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
from biseo.domain.complaints.contacts import Contact
from biseo.domain.complaints.deadlines import ComplaintKind
from biseo.domain.complaints.routing import stable_unit
from biseo.domain.errors import InvalidInput
from biseo.domain.security.limits import UPLOAD
from biseo.interfaces.http.access import staff
from biseo.interfaces.http.auth import current_staff
from biseo.interfaces.http.deps import services_of as _services
from biseo.interfaces.http.schemas import MAX_OFFSET, RequestModel
from biseo.services.complaints.history_import import import_history, read_complaint_csv
from biseo.services.complaints.service import CaseView, NewComplaint

router = APIRouter(prefix="/v1/complaints", tags=["complaints"])

_MAX_IMPORT_BYTES = 50 * 1024 * 1024


class ContactIn(RequestModel):
    name: str | None = Field(None, max_length=100)
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=200)
    address: str | None = Field(None, max_length=300)


class ComplaintIn(RequestModel):
    title: str = Field(max_length=300)
    content: str = Field(max_length=20_000)
    kind: ComplaintKind = ComplaintKind.GRIEVANCE
    statutory_days: int | None = Field(None, ge=1, le=365)
    received_at: datetime | None = None
    contact: ContactIn = ContactIn()


class CaseOut(BaseModel):
    """A case as the API shows it, read from the domain ``Case`` (``overdue`` as of ``now``)."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    agency: str
    department: str | None
    handler: str | None
    kind: str
    state: str
    title: str
    content: str
    received_at: datetime
    due_at: datetime | None
    overdue: bool = False
    closed_at: datetime | None
    answer: str
    approvals: list[str]
    extensions: int
    transferred_from: list[str]

    @field_validator("extensions", mode="before")
    @classmethod
    def _count(cls, value: object) -> object:
        return len(value) if isinstance(value, tuple) else value

    @classmethod
    def of(cls, c: Case, now: datetime) -> CaseOut:
        return cls.model_validate(c).model_copy(update={"overdue": c.is_overdue(now)})


class EventOut(BaseModel):
    at: datetime
    actor: str
    action: str
    from_state: str | None
    to_state: str
    detail: dict[str, Any]


class RouteSuggestionOut(BaseModel):
    """배정 추천: the unit to assign, how sure (0–1), units to ask for 협조, the next candidates."""

    model_config = ConfigDict(from_attributes=True)
    primary: str
    confidence: float
    cooperating: list[str]
    alternatives: list[str]


class RouteSuggestionResponse(BaseModel):
    suggestion: RouteSuggestionOut | None
    trained: bool


class CaseDetailOut(BaseModel):
    case: CaseOut
    contact: ContactIn | None
    contact_masked: bool
    events: list[EventOut]
    links: list[dict[str, Any]]
    suggestion: RouteSuggestionOut | None
    next_approver: str | None
    approval_steps: list[str]
    allowed_actions: list[str]
    attachments: list[dict[str, Any]]

    @classmethod
    def of(cls, v: CaseView, now: datetime) -> CaseDetailOut:
        contact = v.contact
        return cls(
            case=CaseOut.of(v.case, now),
            contact=ContactIn(
                name=contact.name, phone=contact.phone, email=contact.email, address=contact.address
            )
            if contact and not contact.empty
            else None,
            contact_masked=v.contact_masked,
            events=[
                EventOut(
                    at=e.at,
                    actor=e.actor,
                    action=str(e.action),
                    from_state=str(e.from_state) if e.from_state else None,
                    to_state=str(e.to_state),
                    detail=e.detail,
                )
                for e in v.events
            ],
            links=[{"earlier_id": a, "relation": b, "similarity": c} for a, b, c in v.links],
            suggestion=RouteSuggestionOut.model_validate(v.suggestion) if v.suggestion else None,
            next_approver=str(v.next_approver) if v.next_approver else None,
            approval_steps=[str(r) for r in v.steps],
            allowed_actions=[str(a) for a in v.allowed_actions],
            attachments=[
                {"number": a.number, "format": a.format, "size_bytes": a.size_bytes, "text": a.text}
                for a in v.attachments
            ],
        )


class IntakeOut(BaseModel):
    case: CaseOut
    duplicates: list[dict[str, Any]]
    may_close_as_repeat: bool
    suggestion: RouteSuggestionOut | None


class AttachmentOut(BaseModel):
    """A stored attachment: its number on the case, the format found, how much text it gave."""

    model_config = ConfigDict(from_attributes=True)

    number: int
    format: str
    characters: int = Field(validation_alias="text")

    @field_validator("characters", mode="before")
    @classmethod
    def _length(cls, value: object) -> object:
        return len(value) if isinstance(value, str) else value


class CaseList(BaseModel):
    cases: list[CaseOut]


class AssignIn(RequestModel):
    department: str | None = Field(None, max_length=100)
    handler: str | None = Field(None, max_length=100)


class TransitionIn(RequestModel):
    action: Action  # one of TRANSITION_STEPS
    request: str | None = Field(None, max_length=5000)
    answer: str | None = Field(None, max_length=50_000)
    reason: str | None = Field(None, max_length=2000)
    to_agency: str | None = Field(None, max_length=200)


class ExtendIn(RequestModel):
    amount: int = Field(ge=1, le=365)
    reason: str
    consent: bool = False


class LinkIn(RequestModel):
    earlier_id: str = Field(max_length=100)
    relation: Literal["repeat", "duplicate"] = "duplicate"


@router.post("", dependencies=[staff()], response_model=IntakeOut, status_code=201)
def create_complaint(request: Request, body: ComplaintIn) -> IntakeOut:
    staff = current_staff(request)
    services = _services(request)
    result = services.complaints.intake(
        NewComplaint(
            agency=staff.agency,
            title=body.title,
            content=body.content,
            kind=body.kind,
            contact=Contact(**body.contact.model_dump()),
            received_at=body.received_at,
            statutory_days=body.statutory_days,
        ),
        actor=staff.id,
    )
    report = result.duplicates
    return IntakeOut(
        case=CaseOut.of(result.case, services.complaints.now()),
        duplicates=[_match(m) for m in (report.matches if report else [])],
        may_close_as_repeat=bool(report and report.may_close_as_repeat),
        suggestion=RouteSuggestionOut.model_validate(result.suggestion) if result.suggestion else None,
    )


@router.get("", dependencies=[staff()], response_model=CaseList)
def list_complaints(
    request: Request,
    state: CaseState | None = None,
    kind: ComplaintKind | None = None,
    department: Annotated[str | None, Query(max_length=100)] = None,
    overdue: bool = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> CaseList:
    staff = current_staff(request)
    complaints = _services(request).complaints
    now = complaints.now()
    cases = complaints.queue(
        staff,
        state=state,
        kind=kind,
        department=department,
        due_before=now if overdue else None,
        limit=limit,
        offset=offset,
    )
    return CaseList(cases=[CaseOut.of(c, now) for c in cases])


class RisingTermOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    term: str
    this_week: int
    last_week: int
    ratio: float


class StatisticsOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    total: int
    by_state: dict[str, int]
    by_kind: dict[str, int]
    by_department: dict[str, int]
    open_overdue: int
    overdue_rate: float
    closed: int
    average_processing_hours: float | None
    rising_terms: list[RisingTermOut]
    as_of: datetime | None


@router.get("/analytics", dependencies=[staff()], response_model=StatisticsOut)
def analytics(request: Request) -> StatisticsOut:
    staff = current_staff(request)
    return StatisticsOut.model_validate(_services(request).complaints.analytics(staff))


@router.post("/import", dependencies=[staff(UPLOAD)])
async def import_csv(request: Request, file: UploadFile) -> dict[str, int]:
    """CSV with ``id,title,date,content,answer,department`` (answered rows become closed history)."""
    staff = current_staff(request)
    data = await file.read(_MAX_IMPORT_BYTES + 1)
    if len(data) > _MAX_IMPORT_BYTES:
        raise InvalidInput("import file too large", message_ko="50MB보다 큰 파일은 나누어 올려 주세요.")
    return import_history(
        _services(request).complaints,
        staff,
        read_complaint_csv(data),
        file.filename or "upload.csv",
        department_of=stable_unit,
    )


@router.get("/{case_id}", dependencies=[staff()], response_model=CaseDetailOut)
def get_complaint(request: Request, case_id: str) -> CaseDetailOut:
    staff = current_staff(request)
    complaints = _services(request).complaints
    return CaseDetailOut.of(complaints.view(staff, case_id), complaints.now())


@router.post("/{case_id}/assign", dependencies=[staff()], response_model=CaseOut)
def assign(request: Request, case_id: str, body: AssignIn) -> CaseOut:
    return _handle(request, AssignCase(case_id, body.department, body.handler))


@router.post("/{case_id}/transition", dependencies=[staff()], response_model=CaseOut)
def transition(request: Request, case_id: str, body: TransitionIn) -> CaseOut:
    step = _STEP_COMMANDS.get(body.action)
    if step is None:
        raise InvalidInput(
            f"{body.action} is not a transition step",
            message_ko="처리 단계는 " + ", ".join(a.value for a in TRANSITION_STEPS) + " 중 하나입니다.",
        )
    return _handle(request, step(case_id, body))


@router.post("/{case_id}/extend", dependencies=[staff()], response_model=CaseOut)
def extend(request: Request, case_id: str, body: ExtendIn) -> CaseOut:
    return _handle(request, extension(case_id, body.amount, body.reason, body.consent))


@router.post("/{case_id}/links", dependencies=[staff()], response_model=CaseOut)
def link(request: Request, case_id: str, body: LinkIn) -> CaseOut:
    return _handle(request, LinkCase(case_id, body.earlier_id, body.relation))


@router.post(
    "/{case_id}/attachments", dependencies=[staff(UPLOAD)], response_model=AttachmentOut, status_code=201
)
async def add_attachment(request: Request, case_id: str, file: UploadFile) -> AttachmentOut:
    staff = current_staff(request)
    complaints = _services(request).complaints
    data = await file.read(complaints.max_attachment_bytes + 1)
    return AttachmentOut.model_validate(
        complaints.attach(staff, case_id, data, file.filename or "attachment")
    )


@router.get("/{case_id}/duplicates", dependencies=[staff()])
def duplicates(request: Request, case_id: str) -> dict[str, Any]:
    staff = current_staff(request)
    report = _services(request).complaints.duplicates(staff, case_id)
    return {
        "matches": [_match(m) for m in report.matches],
        "answered_repeats": report.answered_repeats,
        "may_close_as_repeat": report.may_close_as_repeat,
    }


@router.get("/{case_id}/route-suggestion", dependencies=[staff()], response_model=RouteSuggestionResponse)
def route_suggestion(request: Request, case_id: str) -> RouteSuggestionResponse:
    staff = current_staff(request)
    suggestion = _services(request).complaints.route_suggestion(staff, case_id)
    found = RouteSuggestionOut.model_validate(suggestion) if suggestion else None
    return RouteSuggestionResponse(suggestion=found, trained=suggestion is not None)


def _match(m: Any) -> dict[str, Any]:
    return {"case_id": m.case_id, "similarity": m.similarity, "relation": m.relation, "answered": m.answered}


def _handle(request: Request, command: CaseCommand) -> CaseOut:
    staff = current_staff(request)
    complaints = _services(request).complaints
    return CaseOut.of(complaints.handle(staff, command), complaints.now())


# How the fields of ``TransitionIn`` become each step's command.
_STEP_COMMANDS: dict[Action, Callable[[str, TransitionIn], CaseCommand]] = {
    Action.START: lambda case_id, _: StartWork(case_id),
    Action.REQUEST_SUPPLEMENT: lambda case_id, b: RequestSupplement(case_id, b.request or ""),
    Action.SUPPLEMENT_RECEIVED: lambda case_id, _: ReceiveSupplement(case_id),
    Action.DRAFT: lambda case_id, b: DraftAnswer(case_id, b.answer or ""),
    Action.SUBMIT: lambda case_id, _: SubmitForApproval(case_id),
    Action.APPROVE: lambda case_id, _: Approve(case_id),
    Action.REJECT: lambda case_id, b: Reject(case_id, b.reason or ""),
    Action.TRANSFER: lambda case_id, b: Transfer(case_id, b.to_agency or "", b.reason or ""),
}
