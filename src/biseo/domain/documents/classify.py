"""Decide what a parsed file is (법령·판례·보도자료…), its title, agency and dates.

Front matter wins where it exists (the law and precedent corpora carry it);
otherwise the opening of the text is read the way an official would skim it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any

from biseo.domain.documents.model import DocumentDates, DocumentKind, ParsedDocument

_LAW_TYPE_KINDS = {
    "법률": DocumentKind.STATUTE,
    "대통령령": DocumentKind.DECREE,
    "총리령": DocumentKind.RULE,
    "부령": DocumentKind.RULE,
}
_FILENAME_KINDS = {
    "법률": DocumentKind.STATUTE,
    "시행령": DocumentKind.DECREE,
    "대통령령": DocumentKind.DECREE,
    "시행규칙": DocumentKind.RULE,
}
_DOTTED_DATE = re.compile(r"(20\d{2}|19\d{2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?")
_AGENCY_SUFFIX = r"(?:부|처|청|위원회|공단|공사|재단|진흥원|연구원|본부|센터|시|군|구|도)"
_AGENCY_AT_START = re.compile(
    r"^\s*([가-힣]{2,20}" + _AGENCY_SUFFIX + r")\s*(?:\([^)]{1,30}\))?\s*(?:는|은|이|가)\s"
)


@dataclass(frozen=True, slots=True)
class Classification:
    kind: DocumentKind
    title: str
    agency: str | None
    dates: DocumentDates


def classify(parsed: ParsedDocument, source_name: str) -> Classification:
    meta = parsed.metadata
    kind = _kind(parsed, source_name)
    title = _title(parsed, source_name)
    agency = _agency(parsed, kind)
    dates = DocumentDates(
        promulgated=parse_date(meta.get("공포일자")),
        effective=parse_date(meta.get("시행일자")),
        decided=parse_date(meta.get("선고일자")),
        published=parse_date(meta.get("보도일자")) or _published_date(parsed, kind),
    )
    return Classification(kind=kind, title=title, agency=agency, dates=dates)


def _kind(parsed: ParsedDocument, source_name: str) -> DocumentKind:
    meta = parsed.metadata
    law_type = str(meta.get("법령구분") or "")
    if law_type:
        for word, kind in _LAW_TYPE_KINDS.items():
            if law_type.endswith(word):
                return kind
    if "사건번호" in meta or "판례일련번호" in meta:
        return DocumentKind.PRECEDENT
    stem = PurePath(source_name).stem
    if "법령ID" in meta or "법령MST" in meta:
        for word, kind in _FILENAME_KINDS.items():
            if stem.startswith(word):
                return kind
        return DocumentKind.STATUTE
    opening = parsed.text[:600]
    label = f"{stem} {opening}"
    if re.search(r"보도\s*(참고)?\s*자료|보도시점|엠바고|배포\s*즉시", label):
        return DocumentKind.PRESS_RELEASE
    if re.search(r"조사표|설문지|신청서|서식", label):
        return DocumentKind.FORM
    if re.search(r"업무\s*보고|보고서|계획\s*\(안\)|검토\s*보고", label):
        return DocumentKind.REPORT
    return DocumentKind.OTHER


def _title(parsed: ParsedDocument, source_name: str) -> str:
    meta = parsed.metadata
    for key in ("제목", "title", "사건명"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    if parsed.title and parsed.title.strip():
        return parsed.title.strip()
    return PurePath(source_name).stem


def _agency(parsed: ParsedDocument, kind: DocumentKind) -> str | None:
    meta = parsed.metadata
    for key in ("소관부처", "법원명", "기관", "agency"):
        value = meta.get(key)
        if isinstance(value, list) and value:
            return ", ".join(str(v) for v in value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    if kind is DocumentKind.PRESS_RELEASE:
        for line in parsed.text[:4000].splitlines():
            match = _AGENCY_AT_START.match(line)
            if match:
                return match.group(1)
    return None


def _published_date(parsed: ParsedDocument, kind: DocumentKind) -> date | None:
    if kind not in (DocumentKind.PRESS_RELEASE, DocumentKind.REPORT, DocumentKind.FORM):
        return None
    for match in _DOTTED_DATE.finditer(parsed.text[:1500]):
        found = _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if found:
            return found
    return None


def parse_date(value: Any) -> date | None:
    """Dates as the sources write them: ``2022-07-12``, ``20220712``, ``2022. 7. 12.``."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if not match:
        match = _DOTTED_DATE.fullmatch(text)
    if not match:
        return None
    return _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
