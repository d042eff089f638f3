"""``POST /v1/summaries``: an extractive summary of a stored document or of posted text."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, model_validator

from biseo.bootstrap import Services, build_summaries
from biseo.domain.drafting.summary import Style

router = APIRouter(prefix="/v1", tags=["drafting"])


class SummaryRequest(BaseModel):
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
    summaries = build_summaries(services.store)
    if body.document_id is not None:
        summary = summaries.summarize_document(body.document_id, style=body.style)
    else:
        summary = summaries.summarize_text(body.text or "", style=body.style)
    return {
        "title": summary.title,
        "mode": summary.mode,
        "text": summary.render(),
        "bullets": [
            {"text": b.text, "start": b.start, "end": b.end, "marker": b.marker} for b in summary.bullets
        ],
    }
