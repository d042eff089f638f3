from __future__ import annotations

import pytest

from biseo.adapters.parsers.sniff import sniff
from biseo.domain.documents.model import SourceFormat
from biseo.domain.errors import DocumentRejected, ErrorCode
from tests.support.documents import zip_bytes

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("data", "name", "fmt"),
    [
        (b"%PDF-1.7\n...", "a.hwp", SourceFormat.PDF),
        (
            zip_bytes({"mimetype": b"application/hwp+zip", "Contents/section0.xml": b"<x/>"}),
            "a.pdf",
            SourceFormat.HWPX,
        ),
        (zip_bytes({"word/document.xml": b"<x/>"}), "a.hwpx", SourceFormat.DOCX),
        (b"<!DOCTYPE html><html><body>hi</body></html>", "a.txt", SourceFormat.HTML),
        (b"  <!-- note --><p>hi</p>", "a", SourceFormat.HTML),
        (b"---\ntitle: x\n---\nbody", "a.txt", SourceFormat.MARKDOWN),
        ("# 제목\n본문".encode(), "a.md", SourceFormat.MARKDOWN),
        ("그냥 글".encode(), "a.hwp", SourceFormat.TEXT),
    ],
)
def test_sniff_by_content(data, name, fmt):
    assert sniff(data, name) is fmt


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", ErrorCode.EMPTY_FILE),
        (b"\x89PNG\r\n\x1a\n....", ErrorCode.UNSUPPORTED_FORMAT),
        (b"MZ\x90\x00", ErrorCode.UNSUPPORTED_FORMAT),
        (b"PK\x03\x04garbage", ErrorCode.CORRUPT),
        (b"abc\x00\x01\x02", ErrorCode.UNSUPPORTED_FORMAT),
    ],
)
def test_sniff_refuses(data, code):
    with pytest.raises(DocumentRejected) as caught:
        sniff(data, "file.hwp" if data.startswith(b"PK") else "file.bin")
    assert caught.value.code is code
