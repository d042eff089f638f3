"""A drafted document as a download (Markdown, DOCX or HWPX), for the API and the pages alike."""

from __future__ import annotations

from fastapi import Response

from biseo.bootstrap import export_document, export_types
from biseo.domain.drafting.report import OfficialDocument


def export_response(document: OfficialDocument, fmt: str) -> Response:
    data = export_document(document, fmt)
    return Response(
        data,
        media_type=export_types()[fmt],
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''draft.{fmt}"},
    )
