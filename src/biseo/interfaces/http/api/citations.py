"""``POST /v1/citations/verify``: the citation verifier for any text (drafts, answers)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import Field

from biseo.bootstrap import Services
from biseo.domain.security.access import Scope
from biseo.interfaces.http.access import client
from biseo.interfaces.http.schemas import RequestModel

router = APIRouter(prefix="/v1", tags=["drafting"])


class VerifyRequest(RequestModel):
    text: Annotated[str, Field(min_length=1, max_length=1_000_000)]


@router.post("/citations/verify", dependencies=[client(Scope.READ)])
def verify(body: VerifyRequest, request: Request) -> dict[str, Any]:
    services: Services = request.app.state.services
    checks = services.citations.verify(body.text)
    return {
        "verified": all(str(c.status) == "verified" for c in checks),
        "citations": [
            {
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "status": str(c.status),
                "message": c.message,
                "document_id": c.document_id,
                "segment": c.segment,
            }
            for c in checks
        ],
    }
