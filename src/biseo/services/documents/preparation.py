"""Turn one file's bytes into a classified, segmented document (runs in worker processes)."""

from __future__ import annotations

import dataclasses
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from biseo.domain.documents.classify import classify
from biseo.domain.documents.model import Document, DocumentKind, Segment
from biseo.domain.documents.segmentation import segment_document
from biseo.domain.errors import BiseoError, DocumentRejected, ErrorCode
from biseo.domain.identity import content_id
from biseo.services.ports import DocumentParser

log = logging.getLogger("biseo.ingest")


@dataclass(frozen=True, slots=True)
class Prepared:
    document: Document
    segments: list[Segment]
    seconds: float


@dataclass(frozen=True, slots=True)
class Rejected:
    source: str
    content_hash: str | None
    error: BiseoError
    seconds: float


def read_limited(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentRejected(ErrorCode.TOO_LARGE, f"{size} bytes > limit {max_bytes}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentRejected(ErrorCode.UNREADABLE, f"{type(exc).__name__}: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # grew while we read it
        raise DocumentRejected(ErrorCode.TOO_LARGE, f"more than {max_bytes} bytes")
    return data


def prepare_bytes(data: bytes, source: str, parser: DocumentParser, budget: int) -> Prepared:
    started = time.perf_counter()
    parsed = parser.parse(data, source)
    facts = classify(parsed, Path(source).name)
    document = Document(
        id=content_id(data),
        title=facts.title,
        kind=facts.kind,
        format=parsed.format,
        text=parsed.text,
        source=source,
        agency=facts.agency,
        dates=facts.dates,
        metadata=parsed.metadata,
        headings=parsed.headings,
        pages=parsed.pages,
        size_bytes=len(data),
        parser=parser.version,
    )
    segments = segment_document(document, budget)
    if document.kind is DocumentKind.PRESS_RELEASE and not parsed.title:
        headline = next((s for s in segments if s.kind == "headline"), None)
        if headline is not None and 4 <= headline.end - headline.start <= 200:
            document = dataclasses.replace(document, title=headline.text_in(document.text))
    return Prepared(document, segments, time.perf_counter() - started)


def prepare_file(path: str, parser: DocumentParser, max_bytes: int, budget: int) -> Prepared | Rejected:
    """Never raises for bad input: every failure becomes a ``Rejected`` with a code and English detail."""
    started = time.perf_counter()
    content_hash: str | None = None
    try:
        data = read_limited(Path(path), max_bytes)
        content_hash = content_id(data)
        return prepare_bytes(data, path, parser, budget)
    except BiseoError as exc:
        return Rejected(path, content_hash, exc, time.perf_counter() - started)
    except MemoryError:
        error = DocumentRejected(ErrorCode.TOO_LARGE, "ran out of memory while parsing")
        return Rejected(path, content_hash, error, time.perf_counter() - started)
    except Exception as exc:  # a parser bug must not take the batch down
        log.exception("unexpected parser failure (%s)", type(exc).__name__)
        error = DocumentRejected(ErrorCode.CORRUPT, f"unexpected {type(exc).__name__}: {exc}")
        return Rejected(path, content_hash, error, time.perf_counter() - started)
