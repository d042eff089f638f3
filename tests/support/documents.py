"""Small real-shaped documents built in tests (the real corpus is read from ../shared/data)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from biseo.domain.documents.model import Anchor, Document, DocumentKind, Segment, SourceFormat
from biseo.domain.identity import content_id


def make_document(
    text: str = "제1조 (목적) 이 법은 민원 처리를 정한다.", source: str = "/x/법률.md", **kw: object
) -> Document:
    fields: dict[str, object] = {
        "id": content_id(text.encode() + source.encode()),
        "title": "민원 처리에 관한 법률",
        "kind": DocumentKind.STATUTE,
        "format": SourceFormat.MARKDOWN,
        "text": text,
        "source": source,
        "agency": "행정안전부",
        "metadata": {"법령ID": "001359", "소관부처": ["행정안전부"]},
        "size_bytes": len(text.encode()),
        "parser": "test",
    }
    fields.update(kw)
    return Document(**fields)  # type: ignore[arg-type]


def make_segments(document: Document, n: int = 2) -> list[Segment]:
    step = max(len(document.text) // n, 1)
    return [
        Segment(
            document.id,
            i,
            "article",
            f"{document.title} 제{i + 1}조",
            i * step,
            min((i + 1) * step, len(document.text)),
            anchors=(Anchor(f"제{i + 1}조제1항", i * step, i * step + 1),),
        )
        for i in range(n)
    ]


def zip_bytes(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def hwp_files(shared: Path) -> list[Path]:
    return sorted(p for p in (shared / "hwp").rglob("*") if p.is_file())


def with_hwp5_flags(data: bytes, flag_bits: int) -> bytes:
    """The same HWP 5 file with extra FileHeader property bits set (e.g. 배포용 = bit 2, 암호 = bit 1)."""
    at = data.find(b"HWP Document File")
    assert at > 0, "not an HWP 5 file"
    props = at + 36
    value = int.from_bytes(data[props : props + 4], "little") | flag_bits
    return data[:props] + value.to_bytes(4, "little") + data[props + 4 :]


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """Rows of the shared complaints CSV (or any dicts with the same keys) as a UTF-8 CSV file."""
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path
