"""HTML: visible text only (scripts, styles, forms' hidden parts dropped), headings and tables kept."""

from __future__ import annotations

from typing import Any

from biseo.adapters.parsers.builder import TextBuilder, markdown_table
from biseo.adapters.parsers.text import decode
from biseo.domain.documents.model import ParsedDocument, SourceFormat
from biseo.domain.errors import DocumentRejected, ErrorCode

_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "head",
    "button",
    "select",
    "input",
    "textarea",
    "nav",
    "form",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "address",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "caption",
    "ul",
    "ol",
    "dl",
    "br",
    "hr",
    "body",
}


def parse_html(data: bytes) -> ParsedDocument:
    import lxml.etree
    import lxml.html

    text = decode(data)
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DocumentRejected(ErrorCode.CORRUPT, f"HTML parser: {exc}") from exc
    title_el = root.find(".//title")
    title = title_el.text_content().strip() if title_el is not None else None
    builder = TextBuilder()
    buffer: list[str] = []
    body = root.find("body")
    _walk(body if body is not None else root, builder, buffer)
    _flush(builder, buffer)
    out, headings, _ = builder.build()
    if not title:
        first = next((h for h in headings if h.level == 1), None)
        title = first.title if first else None
    return ParsedDocument(format=SourceFormat.HTML, text=out, title=title or None, headings=headings)


def _flush(builder: TextBuilder, buffer: list[str]) -> None:
    if buffer:
        builder.block("".join(buffer))
        buffer.clear()


def _walk(element: Any, builder: TextBuilder, buffer: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    if tag in _DROP or not isinstance(element.tag, str):
        return
    if element.get("hidden") is not None or "display:none" in (element.get("style") or "").replace(" ", ""):
        return
    if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        _flush(builder, buffer)
        builder.heading(int(tag[1]), element.text_content())
        return
    if tag == "table":
        _flush(builder, buffer)
        rows = [
            [cell.text_content() for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
            for row in element.iter("tr")
        ]
        rows = [r for r in rows if any(c.strip() for c in r)]
        if rows:
            builder.block(markdown_table(rows), keep_lines=True)
        return
    if tag in _BLOCK:
        _flush(builder, buffer)
    if element.text:
        buffer.append(element.text)
    for child in element:
        _walk(child, builder, buffer)
        if child.tail:
            buffer.append(child.tail)
    if tag in _BLOCK:
        _flush(builder, buffer)
