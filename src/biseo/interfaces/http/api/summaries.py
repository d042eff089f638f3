"""``POST /v1/summaries``: an extractive summary of a stored document or of posted text."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import Field, model_validator

from biseo.bootstrap import Services, SummaryInput
from biseo.domain.drafting.summary import Style
from biseo.domain.security.limits import EXPENSIVE
from biseo.interfaces.http.access import staff
from biseo.interfaces.http.auth import current_staff
from biseo.interfaces.http.schemas import RequestModel
from biseo.services.drafting.records import Caller

ANONYMOUS = "-"  # summaries asked without a staff key: recorded, readable by no agency through the API

router = APIRouter(prefix="/v1", tags=["drafting"])


class SummaryRequest(RequestModel):
    text: Annotated[str, Field(max_length=2_000_000)] | None = None
    document_id: Annotated[str, Field(max_length=200)] | None = None
    style: Style = Style.OUTLINE

    @model_validator(mode="after")
    def _one_source(self) -> SummaryRequest:
        if (self.text is None) == (self.document_id is None):
            raise ValueError("give exactly one of text and document_id")
        return self


@router.post("/summaries", dependencies=[staff(EXPENSIVE)])
def summarize(body: SummaryRequest, request: Request) -> dict[str, Any]:
    services: Services = request.app.state.services
    staff = current_staff(request)
    caller = Caller(staff.agency, staff.id)
    given = SummaryInput(text=body.text, document_id=body.document_id)
    summary, record_id = services.drafting.summarize(caller, given, body.style)
    bullets = [
        {"text": b.text, "start": b.start, "end": b.end, "marker": b.marker, "supported": b.supported}
        for b in summary.bullets
    ]
    return {
        "title": summary.title,
        "mode": summary.mode,
        "notices": list(summary.notices),
        "text": summary.render(),
        "bullets": bullets,
        "audit_id": record_id,
    }
