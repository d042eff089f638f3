"""``/v1/documents``: list, get, segments, upload."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from biseo.bootstrap import Services
from biseo.domain.documents.model import DocumentKind
from biseo.domain.errors import DocumentRejected, ErrorCode
from biseo.domain.security.access import Scope
from biseo.domain.security.limits import UPLOAD
from biseo.interfaces.http.access import client
from biseo.interfaces.http.schemas import (
    MAX_OFFSET,
    DocumentList,
    DocumentOut,
    DocumentSummaryOut,
    IngestOut,
    SegmentOut,
)

router = APIRouter(prefix="/v1/documents", tags=["documents"])


def _services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


@router.get("", dependencies=[client(Scope.READ)], response_model=DocumentList)
def list_documents(
    request: Request,
    kind: DocumentKind | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> DocumentList:
    docs = _services(request).documents
    rows = docs.summaries(kind=kind, limit=limit, offset=offset)
    return DocumentList(total=docs.count(kind=kind), documents=[DocumentSummaryOut.of(r) for r in rows])


@router.get(
    "/{document_id}",
    dependencies=[client(Scope.READ)],
    response_model=DocumentOut,
    response_model_exclude_none=True,
)
def get_document(request: Request, document_id: str, text: bool = False) -> DocumentOut:
    return DocumentOut.of(_services(request).documents.get(document_id), with_text=text)


@router.get("/{document_id}/segments", dependencies=[client(Scope.READ)], response_model=list[SegmentOut])
def list_segments(request: Request, document_id: str) -> list[SegmentOut]:
    return [SegmentOut.of(v) for v in _services(request).documents.segments(document_id)]


@router.get("/{document_id}/segments/{number}", dependencies=[client(Scope.READ)], response_model=SegmentOut)
def get_segment(
    request: Request, document_id: str, number: Annotated[int, Path(ge=0, le=MAX_OFFSET)]
) -> SegmentOut:
    return SegmentOut.of(_services(request).documents.segment(document_id, number))


@router.post("", dependencies=[client(Scope.INGEST, UPLOAD)], response_model=IngestOut, status_code=201)
async def upload_document(request: Request, file: UploadFile) -> JSONResponse:
    services = _services(request)
    limit = services.settings.max_file_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise DocumentRejected(ErrorCode.TOO_LARGE, f"upload larger than {limit} bytes")
    result = services.ingest.ingest_bytes(data, file.filename or "upload")
    # searchable at once; only uploads: a running ingest indexes its own documents
    searchable = services.indexing.index_uploads([result.document_id] if result.document_id else [])
    body = IngestOut(
        status=result.status,
        document_id=result.document_id,
        segments=result.segments,
        source=result.source,
        searchable=searchable,
    )
    return JSONResponse(status_code=201 if result.status == "added" else 200, content=body.model_dump())
