"""Tell a file's real format from its bytes; the extension is only a tie-breaker between text kinds."""

from __future__ import annotations

import io
import re
import zipfile

from biseo.domain.documents.model import SourceFormat
from biseo.domain.errors import DocumentRejected, ErrorCode

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HWP_SIGNATURE = b"HWP Document File"
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|table|h[1-6])[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_BINARY_MAGICS = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip archive",
    b"7z\xbc\xaf": "7-zip archive",
    b"Rar!": "RAR archive",
    b"\x7fELF": "executable",
    b"MZ": "Windows executable",
}


def sniff(data: bytes, filename: str = "") -> SourceFormat:
    if not data:
        raise DocumentRejected(ErrorCode.EMPTY_FILE, "zero-byte file")
    if data.startswith(OLE_MAGIC):
        if HWP_SIGNATURE in data or filename.lower().endswith(".hwp"):  # FileHeader may sit anywhere
            return SourceFormat.HWP
        raise DocumentRejected(
            ErrorCode.UNSUPPORTED_FORMAT, "OLE compound file that is not HWP (old .doc/.xls?)"
        )
    if data.startswith(b"%PDF-") or data[:1024].lstrip().startswith(b"%PDF-"):
        return SourceFormat.PDF
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    for magic, what in _BINARY_MAGICS.items():
        if data.startswith(magic):
            raise DocumentRejected(ErrorCode.UNSUPPORTED_FORMAT, f"{what}, not a document")
    head = data[:4096]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise DocumentRejected(ErrorCode.UNSUPPORTED_FORMAT, "binary content of an unknown format")
    if _HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return SourceFormat.HTML
    lower = filename.lower()
    if lower.endswith((".md", ".markdown")) or head.lstrip(b"\xef\xbb\xbf").startswith(b"---\n"):
        return SourceFormat.MARKDOWN
    if lower.endswith((".html", ".htm")):
        return SourceFormat.HTML
    return SourceFormat.TEXT


def _sniff_zip(data: bytes) -> SourceFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if b"hwp" in mimetype.lower():
                    return SourceFormat.HWPX
            if any(n.lower().startswith("contents/section") for n in names):
                return SourceFormat.HWPX
            if "word/document.xml" in names:
                return SourceFormat.DOCX
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentRejected(ErrorCode.CORRUPT, f"broken zip container: {exc}") from exc
    raise DocumentRejected(ErrorCode.UNSUPPORTED_FORMAT, "zip archive that is neither HWPX nor DOCX")
