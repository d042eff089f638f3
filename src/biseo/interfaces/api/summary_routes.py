"""``POST /v1/summaries``: an extractive summary of a stored document or of posted text."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import Field, model_validator

from biseo.bootstrap import Services, build_audit, build_summaries, model_settings
from biseo.domain.drafting.summary import DETERMINISTIC_LABEL, Style
from biseo.domain.errors import Unauthenticated
from biseo.interfaces.api.complaints_routes import current_staff
from biseo.interfaces.api.schemas import RequestModel
from biseo.services.prompts import load_prompt

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


@router.post("/summaries")
def summarize(body: SummaryRequest, request: Request) -> dict[str, Any]:
    services: Services = request.app.state.services
    summaries = build_summaries(services.store, services.settings)
    if body.document_id is not None:
        summary = summaries.summarize_document(body.document_id, style=body.style)
    else:
        summary = summaries.summarize_text(body.text or "", style=body.style)
    try:
        staff = current_staff(request)
        agency, actor = staff.agency, staff.id
    except Unauthenticated:
        agency, actor = ANONYMOUS, ANONYMOUS
    bullets = [
        {"text": b.text, "start": b.start, "end": b.end, "marker": b.marker, "supported": b.supported}
        for b in summary.bullets
    ]
    by_model = summaries.chat is not None and summary.mode != DETERMINISTIC_LABEL
    record_id = build_audit(services).record(
        kind="summary",
        agency=agency,
        actor=actor,
        input_text=body.text if body.text is not None else f"document:{body.document_id}",
        output_text=summary.render(),
        sources=[{"document_id": body.document_id}] if body.document_id else [],
        model=summaries.chat.model.name if by_model and summaries.chat else None,
        settings=model_settings(services),
        prompt=load_prompt("summary").fingerprint if by_model else None,
        verification={"bullets": len(bullets), "supported": sum(b.supported for b in summary.bullets)},
    )
    return {
        "title": summary.title,
        "mode": summary.mode,
        "notices": list(summary.notices),
        "text": summary.render(),
        "bullets": bullets,
        "audit_id": record_id,
    }
