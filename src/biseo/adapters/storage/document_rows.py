"""Documents and segments as SQL rows and back (both dialects)."""

from __future__ import annotations

from typing import Any

from biseo.adapters.storage.codecs import from_json, to_date, to_json
from biseo.domain.documents.model import (
    Anchor,
    Document,
    DocumentDates,
    DocumentKind,
    Heading,
    PageSpan,
    Segment,
    SourceFormat,
)

DOCUMENT_COLUMNS = (
    "id, source, title, kind, format, agency, date_promulgated, date_effective, date_decided, "
    "date_published, metadata, headings, pages, text, size_bytes, parser"
)
SEGMENT_COLUMNS = "document_id, number, kind, label, start_offset, end_offset, page, anchors"


def document_row(d: Document) -> tuple[Any, ...]:
    dates = d.dates
    return (
        d.id,
        d.source,
        d.title,
        str(d.kind),
        str(d.format),
        d.agency,
        *(
            x.isoformat() if x else None
            for x in (dates.promulgated, dates.effective, dates.decided, dates.published)
        ),
        to_json(d.metadata),
        to_json([[h.level, h.title, h.start, h.end] for h in d.headings]),
        to_json([[p.number, p.start, p.end] for p in d.pages]),
        d.text,
        d.size_bytes,
        d.parser,
    )


def document_from(r: tuple[Any, ...]) -> Document:
    return Document(
        id=r[0],
        source=r[1],
        title=r[2],
        kind=DocumentKind(r[3]),
        format=SourceFormat(r[4]),
        agency=r[5],
        dates=DocumentDates(to_date(r[6]), to_date(r[7]), to_date(r[8]), to_date(r[9])),
        metadata=from_json(r[10]),
        headings=tuple(Heading(*h) for h in from_json(r[11])),
        pages=tuple(PageSpan(*p) for p in from_json(r[12])),
        text=r[13],
        size_bytes=int(r[14]),
        parser=r[15],
    )


def segment_row(s: Segment) -> tuple[Any, ...]:
    anchors = to_json([[a.label, a.start, a.end] for a in s.anchors])
    return (s.document_id, s.number, s.kind, s.label, s.start, s.end, s.page, anchors)


def segment_from(r: tuple[Any, ...]) -> Segment:
    return Segment(
        document_id=r[0],
        number=int(r[1]),
        kind=r[2],
        label=r[3],
        start=int(r[4]),
        end=int(r[5]),
        page=r[6],
        anchors=tuple(Anchor(*a) for a in from_json(r[7])),
    )
