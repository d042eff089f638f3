"""PDF via pypdf: text per page, with page spans so citations can name the page."""

from __future__ import annotations

import io

from biseo.adapters.parsers.builder import TextBuilder
from biseo.domain.documents.model import ParsedDocument, SourceFormat
from biseo.domain.errors import DocumentRejected, ErrorCode

MAX_PAGES = 5000


def parse_pdf(data: bytes) -> ParsedDocument:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentRejected(ErrorCode.ENCRYPTED, "password-protected PDF")
        pages = reader.pages
        if len(pages) > MAX_PAGES:
            raise DocumentRejected(ErrorCode.TOO_LARGE, f"{len(pages)} pages > {MAX_PAGES}")
        builder = TextBuilder()
        for number, page in enumerate(pages, start=1):
            builder.page(number, page.extract_text() or "")
        title = (reader.metadata.title if reader.metadata else None) or None
    except DocumentRejected:
        raise
    except FileNotDecryptedError as exc:
        raise DocumentRejected(ErrorCode.ENCRYPTED, "password-protected PDF") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise DocumentRejected(ErrorCode.CORRUPT, f"pypdf: {type(exc).__name__}: {exc}") from exc
    text, _, page_spans = builder.build()
    return ParsedDocument(format=SourceFormat.PDF, text=text, title=title, pages=page_spans)
