"""Exports survive text that XML cannot hold (NUL, vertical tabs from a word processor, a lone
surrogate): the file is written, re-opens with biseo's parser, and only those characters are gone."""

from __future__ import annotations

import pytest

from biseo.adapters.export.writers import write_document
from biseo.adapters.parsers import ContentParser
from biseo.domain.drafting.report import OfficialDocument, Table

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("fmt", ["docx", "hwpx"])
def test_characters_xml_cannot_hold_are_dropped_and_the_rest_kept(fmt):
    document = OfficialDocument(
        "민원\x00 답변서",
        ["1. 처리기간은\x0b 7일입니다.", Table((("부서", "담당\ud800자"), ("건축과", "김\x0c담당"))), "끝."],
    )
    parsed = ContentParser().parse(write_document(document, fmt), f"draft.{fmt}")
    lines = [line for line in parsed.text.splitlines() if line.strip()]
    assert lines == [
        "민원 답변서",
        "1. 처리기간은 7일입니다.",
        "| 부서 | 담당자 |",
        "| --- | --- |",
        "| 건축과 | 김담당 |",
        "끝.",
    ]
