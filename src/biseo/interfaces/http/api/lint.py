"""``POST /v1/lint``: the 공문서 linter for any text (drafts, pasted documents)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import Field

from biseo.domain.drafting.lint import Severity, lint
from biseo.domain.security.access import Scope
from biseo.interfaces.http.access import client
from biseo.interfaces.http.schemas import RequestModel

router = APIRouter(prefix="/v1", tags=["drafting"])


class LintRequest(RequestModel):
    text: Annotated[str, Field(min_length=1, max_length=1_000_000)]


@router.post("/lint", dependencies=[client(Scope.READ)])
def lint_text(body: LintRequest) -> dict[str, Any]:
    issues = lint(body.text)
    errors = sum(i.severity is Severity.ERROR for i in issues)
    return {"errors": errors, "warnings": len(issues) - errors, "issues": [asdict(i) for i in issues]}
