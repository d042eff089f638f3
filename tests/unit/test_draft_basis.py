"""The 근거 안내 of a reply draft (which past answers and articles it used, or why none) and the
pieces of the one audit record builder that need no database."""

from __future__ import annotations

import pytest

from biseo.domain.drafting.reply import Source, SourceKind
from biseo.services.ai.llm import Completion
from biseo.services.drafting.basis import AnswerPool, basis_lines
from biseo.services.drafting.records import AnsweringModel

pytestmark = pytest.mark.unit

ANSWER = Source(1, SourceKind.ANSWER, "유사 민원 87137 「불법주차」 답변", "…", reference="87137")
ARTICLE = Source(2, SourceKind.ARTICLE, "「도로교통법」 제32조(정차 및 주차의 금지)", "…", "law", 3)
NO_AGENCY = (
    "기관이 지정되지 않아 처리한 민원의 답변은 쓰지 않았습니다. BISEO_AGENCY 또는 --agency 로 지정하세요"
)


def test_used_sources_are_named_with_where_they_came_from():
    pool = AnswerPool(1, 872, "인천광역시 중구", 40, ("인천광역시 중구",))
    lines = basis_lines(pool, [ANSWER, ARTICLE], statutes=30)
    assert lines == [
        "유사 답변 1건을 참고했습니다 (87137; 답변 파일 1개 872건, 인천광역시 중구 처리 민원 40건).",
        "법령 조문 1건을 근거로 들었습니다: 「도로교통법」 제32조(정차 및 주차의 금지).",
    ]


def test_nothing_configured_says_what_to_set():
    lines = basis_lines(AnswerPool(0, 0, None, 0, ("중구",)), [], statutes=0)
    assert "BISEO_PAST_ANSWERS 에 민원 CSV 파일을 지정하세요." in lines[1]
    assert lines[2] == NO_AGENCY + " (처리한 민원이 있는 기관: 중구)."
    assert lines[3].startswith("저장된 법령이 없어") and "biseo ingest" in lines[3]


def test_an_agency_without_cases_and_a_pool_without_a_match_are_told_apart():
    lines = basis_lines(AnswerPool(1, 120, "동구", 0, ("남구", "중구")), [], statutes=36)
    assert (
        lines[0]
        == "과거 답변 120건(답변 파일 1개 120건, 동구 처리 민원 0건) 중 이 민원과 비슷한 답변을 찾지 못했습니다."
    )
    assert lines[1] == "기관 '동구'의 처리한 민원이 없습니다 (처리한 민원이 있는 기관: 남구, 중구)."
    assert lines[2].startswith("저장된 법령 36건에서 이 민원에 맞는 조문을 찾지 못했습니다")
    assert not [line for line in lines if NO_AGENCY in line]


class _Served:
    name = "asked"

    def __init__(self, served: list[str]) -> None:
        self.served = served

    def complete(self, messages, *, max_tokens, temperature=0.0):  # type: ignore[no-untyped-def]
        return Completion("답", self.served.pop(0), 1, 1, "stop")

    def stream(self, messages, *, max_tokens, temperature=0.0):  # type: ignore[no-untyped-def]
        yield "답"


def test_the_answering_model_is_what_completions_name():
    model = AnsweringModel(_Served(["served-a", "served-a", "served-b"]))
    assert model.used is None and model.name == "asked"
    for _ in range(3):
        model.complete([], max_tokens=1)
    assert model.used == "served-a, served-b"
