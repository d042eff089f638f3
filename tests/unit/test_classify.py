from __future__ import annotations

from datetime import date

import pytest

from biseo.domain.documents.classify import classify, parse_date
from biseo.domain.documents.model import DocumentKind, ParsedDocument, SourceFormat

pytestmark = pytest.mark.unit


def _parsed(text="본문", **meta) -> ParsedDocument:
    return ParsedDocument(format=SourceFormat.MARKDOWN, text=text, metadata=meta)


@pytest.mark.parametrize(
    ("law_type", "filename", "kind"),
    [
        ("법률", "법률.md", DocumentKind.STATUTE),
        ("대통령령", "시행령.md", DocumentKind.DECREE),
        ("행정안전부령", "시행규칙.md", DocumentKind.RULE),
        ("총리령", "시행규칙.md", DocumentKind.RULE),
        ("", "시행령.md", DocumentKind.DECREE),
    ],
)
def test_legislation_kinds(law_type, filename, kind):
    facts = classify(
        _parsed(
            제목="민원 처리에 관한 법률",
            법령구분=law_type,
            법령ID="001359",
            소관부처=["행정안전부"],
            공포일자="2022-01-11",
            시행일자="2022-07-12",
        ),
        filename,
    )
    assert facts.kind is kind
    assert facts.title == "민원 처리에 관한 법률"
    assert facts.agency == "행정안전부"
    assert facts.dates.effective == date(2022, 7, 12)


def test_precedent_from_front_matter():
    facts = classify(
        _parsed(사건번호="2000두10663", 사건명="처분취소", 법원명="대법원", 선고일자="2002-06-14"), "x.md"
    )
    assert (facts.kind, facts.title, facts.agency, facts.dates.decided) == (
        DocumentKind.PRECEDENT,
        "처분취소",
        "대법원",
        date(2002, 6, 14),
    )


def test_press_release_from_its_opening_with_agency_and_date():
    text = "보도자료\n\n| 보도시점 | 2026. 4. 8.(수) |\n\n방송미디어통신위원회(위원장 김종철)는 8일 밝혔다."
    facts = classify(ParsedDocument(format=SourceFormat.HWP, text=text), "260408.hwp")
    assert facts.kind is DocumentKind.PRESS_RELEASE
    assert facts.agency == "방송미디어통신위원회"
    assert facts.dates.published == date(2026, 4, 8)
    assert facts.title == "260408"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("통일부_업무보고.hwp", DocumentKind.REPORT),
        ("(1-1. 조사표) 의식 조사.hwp", DocumentKind.FORM),
        ("메모.txt", DocumentKind.OTHER),
    ],
)
def test_other_kinds_from_name(name, kind):
    assert classify(ParsedDocument(format=SourceFormat.HWP, text="내용"), name).kind is kind


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2022-07-12", date(2022, 7, 12)),
        ("20220712", date(2022, 7, 12)),
        ("2024. 3. 29.", date(2024, 3, 29)),
        ("2024-02-30", None),
        ("", None),
        (None, None),
        ("내일", None),
        (date(2020, 1, 1), date(2020, 1, 1)),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected
