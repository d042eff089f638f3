"""Reading the CSV and JSONL files officials bring: UTF-8 (with or without BOM) or CP949.

Files exported from Excel or downloaded from 공공데이터포털 are often CP949; files written by
programs are UTF-8. Both are read the same way (control characters dropped, as ``clean_text``), and a file that is neither gets a Korean error
instead of a traceback. Fields may be long (a complaint with its answer runs to many pages).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from biseo.domain.errors import InvalidInput
from biseo.domain.plain_text import clean_text

_ENCODINGS = ("utf-8-sig", "cp949")
_LONGEST_FIELD = 1 << 27  # characters; csv's default (131,072) is smaller than some answers


def decode_korean(data: bytes, name: str = "file") -> str:
    for encoding in _ENCODINGS:
        try:
            return clean_text(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise InvalidInput(
        f"{name} is neither UTF-8 nor CP949",
        message_ko="파일을 UTF-8 또는 CP949(EUC-KR)로 저장해 주세요.",
    )


def read_korean_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path.name}: {exc}", message_ko="파일을 읽을 수 없습니다.") from exc
    return decode_korean(data, path.name)


def csv_dicts(text: str, name: str = "CSV") -> list[dict[str, str]]:
    """Rows of a CSV with a header, as dicts; quoted fields may hold line breaks, an unclosed quote is an error."""
    csv.field_size_limit(_LONGEST_FIELD)
    try:
        return [dict(row) for row in csv.DictReader(io.StringIO(text, newline=""), strict=True)]
    except csv.Error as exc:
        raise InvalidInput(
            f"{name}: {exc}", message_ko="CSV 형식이 잘못되었습니다 (따옴표·열 구분을 확인해 주세요)."
        ) from exc


def csv_lists(text: str, name: str = "CSV") -> list[list[str]]:
    """Rows of a CSV without assuming a header."""
    csv.field_size_limit(_LONGEST_FIELD)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise InvalidInput(
            f"{name}: {exc}", message_ko="CSV 형식이 잘못되었습니다 (따옴표·열 구분을 확인해 주세요)."
        ) from exc
