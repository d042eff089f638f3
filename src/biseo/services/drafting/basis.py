"""초안 근거 안내: which past answers and statute articles a 민원 reply draft used, or why none —
so an official who did not configure anything learns what to set instead of getting a bare draft."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from biseo.domain.drafting.reply import Source, SourceKind

_LISTED = 3  # sources named in a line; the rest are counted


@dataclass(frozen=True, slots=True)
class AnswerPool:
    """Where the past answers a draft could draw on came from."""

    files: int  # answer files configured (BISEO_PAST_ANSWERS)
    file_answers: int  # answers read from those files
    agency: str | None  # the agency drafted as; None: none configured or given
    case_answers: int  # that agency's answered cases in the database
    agencies_with_cases: Sequence[str] = ()  # agencies that have cases (to name when none was given)

    @property
    def total(self) -> int:
        return self.file_answers + self.case_answers


def basis_lines(pool: AnswerPool, sources: Sequence[Source], statutes: int) -> list[str]:
    """Korean lines for the official: the past answers and articles used, or why there were none.
    ``statutes``: statutes, decrees and rules stored."""
    return _answer_lines(pool, [s for s in sources if s.kind is SourceKind.ANSWER]) + _article_lines(
        [s for s in sources if s.kind is SourceKind.ARTICLE], statutes
    )


def _answer_lines(pool: AnswerPool, used: list[Source]) -> list[str]:
    lines = []
    where = _pool_text(pool)
    if used:
        named = ", ".join(s.reference or s.label for s in used[:_LISTED])
        lines.append(f"유사 답변 {len(used)}건을 참고했습니다 ({named}; {where}).")
    elif pool.total == 0:
        lines.append("참고할 과거 답변이 없어 검토 결과는 비워 두었습니다.")
        if not pool.files:
            lines.append(
                "과거 답변 파일이 지정되지 않았습니다. BISEO_PAST_ANSWERS 에 민원 CSV 파일을 지정하세요."
            )
    else:
        lines.append(f"과거 답변 {pool.total:,}건({where}) 중 이 민원과 비슷한 답변을 찾지 못했습니다.")
    known = f" (처리한 민원이 있는 기관: {', '.join(pool.agencies_with_cases[:_LISTED])})"
    known = known if pool.agencies_with_cases else ""
    if pool.agency is None:
        lines.append(
            "기관이 지정되지 않아 처리한 민원의 답변은 쓰지 않았습니다. "
            f"BISEO_AGENCY 또는 --agency 로 지정하세요{known}."
        )
    elif pool.case_answers == 0 and pool.agency not in pool.agencies_with_cases:
        lines.append(f"기관 '{pool.agency}'의 처리한 민원이 없습니다{known}.")
    return lines


def _pool_text(pool: AnswerPool) -> str:
    parts = []
    if pool.files:
        parts.append(f"답변 파일 {pool.files}개 {pool.file_answers:,}건")
    if pool.agency is not None:
        parts.append(f"{pool.agency} 처리 민원 {pool.case_answers:,}건")
    return ", ".join(parts) or "과거 답변 없음"


def _article_lines(used: list[Source], statutes: int) -> list[str]:
    if used:
        named = ", ".join(s.label for s in used[:_LISTED])
        return [f"법령 조문 {len(used)}건을 근거로 들었습니다: {named}."]
    if statutes == 0:
        return ["저장된 법령이 없어 조문을 인용하지 못했습니다. biseo ingest 로 법령을 넣으세요."]
    return [
        f"저장된 법령 {statutes:,}건에서 이 민원에 맞는 조문을 찾지 못했습니다. 근거는 직접 적어 주십시오."
    ]
