"""The files officials bring — Excel's CP949 CSV, UTF-8 with a BOM, JSONL — read alike by every
reader (routing evaluation, renames, past answers, case import); anything else is a Korean error."""

from __future__ import annotations

import pytest

from biseo.domain.errors import InvalidInput
from biseo.services.complaints.history_import import read_complaint_csv
from biseo.services.complaints.routing_evaluation import load_labelled
from biseo.services.complaints.unit_lineage import read_renames
from biseo.services.drafting.past_answers import read_past_answers

pytestmark = pytest.mark.integration

LONG = "가" * 200_000  # over csv's default field limit of 131,072 characters
COMPLAINTS = (
    "id,title,date,content,answer,department\n"
    '1,가로등 고장,2020-01-02,"골목 가로등이\n꺼져 있습니다",수리했습니다,도시관리국 건설과\n'
    f"2,등본 발급,2020-01-03,{LONG},발급 안내,신포동주민센터\n"
    "3,무인 발급기,2020-01-04,고장입니다,점검했습니다,신포동 행정복지센터\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949"])
def test_each_reader_takes_utf8_with_or_without_bom_and_cp949(tmp_path, encoding):
    path = tmp_path / "민원.csv"
    path.write_bytes(COMPLAINTS.encode(encoding))
    examples, field = load_labelled(path)
    assert field == "department"
    assert [e.label for e in examples] == ["건설과", "신포동", "신포동"]  # 주민센터 = 행정복지센터
    assert examples[0].text == "가로등 고장\n골목 가로등이\n꺼져 있습니다"
    assert len(examples[1].text) > len(LONG)
    assert [a.department for a in read_past_answers(path)] == [
        "도시관리국 건설과",
        "신포동주민센터",
        "신포동 행정복지센터",
    ]
    assert [row["title"] for row in read_complaint_csv(path.read_bytes())] == [
        "가로등 고장",
        "등본 발급",
        "무인 발급기",
    ]
    renames = tmp_path / "개편.csv"
    renames.write_bytes("이전 부서,현재 부서\n청소과,자원순환과\n".encode(encoding))
    assert read_renames(renames) == {"청소과": "자원순환과"}


def test_jsonl_in_cp949_is_read_too(tmp_path):
    path = tmp_path / "청원.jsonl"
    lines = '{"title": "무제", "content": "분류 없음"}\n\n{"title": "반려견", "content": "등록제", "category": "반려동물"}\n'
    path.write_bytes(lines.encode("cp949"))
    examples, field = load_labelled(path)  # the label field is found though the first row lacks it
    assert (field, [e.label for e in examples]) == ("category", ["반려동물"])


@pytest.mark.parametrize(
    ("data", "reader"),
    [
        (b"\xff\xfe\x00\xd8broken", "labelled"),  # neither UTF-8 nor CP949
        (b'title,content,department\n"unterminated,x,y\n', "labelled"),  # a quote never closed
        (b"\xff\xfe\x00\xd8broken", "renames"),
        (b"\xff\xfe\x00\xd8broken", "answers"),
        (b"\xff\xfe\x00\xd8broken", "import"),
    ],
)
def test_unreadable_files_get_a_korean_error(tmp_path, data, reader):
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    read = {
        "labelled": load_labelled,
        "renames": read_renames,
        "answers": read_past_answers,
        "import": lambda p: read_complaint_csv(p.read_bytes()),
    }[reader]
    with pytest.raises(InvalidInput) as error:
        read(path)
    assert any("가" <= ch <= "힣" for ch in error.value.message_ko)
