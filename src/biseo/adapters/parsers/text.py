"""Plain text and Markdown: encoding detection (UTF-8, CP949/EUC-KR, then charset-normalizer) and YAML front matter."""

from __future__ import annotations

import re
from typing import Any

from biseo.adapters.parsers.builder import TextBuilder
from biseo.domain.documents.model import ParsedDocument, SourceFormat
from biseo.domain.errors import DocumentRejected, ErrorCode

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def decode(data: bytes) -> str:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentRejected(ErrorCode.UNKNOWN_ENCODING, f"invalid {encoding} after BOM") from exc
    for encoding in ("utf-8", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None or best.chaos > 0.2:
        raise DocumentRejected(ErrorCode.UNKNOWN_ENCODING, "no encoding decodes the text cleanly")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DocumentRejected(
            ErrorCode.UNKNOWN_ENCODING, f"detected {best.encoding} but decoding failed"
        ) from exc


def parse_text(data: bytes) -> ParsedDocument:
    builder = TextBuilder()
    for block in re.split(r"\n[ \t\u3000]*\n", decode(data).replace("\r\n", "\n").replace("\r", "\n")):
        builder.block(block)
    text, _, _ = builder.build()
    return ParsedDocument(format=SourceFormat.TEXT, text=text)


def parse_markdown(data: bytes) -> ParsedDocument:
    raw = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    metadata: dict[str, Any] = {}
    match = _FRONT_MATTER.match(raw)
    if match:
        metadata = _front_matter(match.group(1))
        raw = raw[match.end() :]
    builder = TextBuilder()
    title: str | None = None
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            builder.block("\n".join(paragraph))
            paragraph.clear()

    for line in raw.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            flush()
            text = _plain(heading.group(2))
            if title is None and len(heading.group(1)) == 1:
                title = text
            builder.heading(len(heading.group(1)), text)
        elif line.strip():
            paragraph.append(_plain(line) if not line.lstrip().startswith("|") else line.strip())
        else:
            flush()
    flush()
    text, headings, _ = builder.build()
    return ParsedDocument(
        format=SourceFormat.MARKDOWN, text=text, title=title, metadata=metadata, headings=headings
    )


def _plain(line: str) -> str:
    return _BOLD.sub(r"\1", _MD_ESCAPE.sub(r"\1", line))


def _front_matter(block: str) -> dict[str, Any]:
    import yaml

    try:
        loaded = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {str(k): _jsonable(v) for k, v in loaded.items()}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)  # dates and other YAML scalars become ISO strings
