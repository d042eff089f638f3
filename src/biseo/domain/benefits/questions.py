"""The next question to ask (다음 질문): the unanswered profile field that would settle the most 가능성 있음 services."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from biseo.domain.benefits.conditions import Truth
from biseo.domain.benefits.evaluation import Decision, Status

QUESTION_TEXT: dict[str, str] = {
    "birth_date": "생년월일을 알려 주세요.",
    "sido": "주민등록상 사는 시·도는 어디인가요?",
    "sigungu": "사는 시·군·구는 어디인가요?",
    "residence_since": "지금 사는 시·군·구에 전입한 날은 언제인가요?",
    "household_size": "함께 사는 가구원은 모두 몇 명인가요?",
    "monthly_income": "가구의 한 달 소득(소득인정액)은 얼마인가요?",
    "annual_income": "본인의 연소득은 얼마인가요(만원)?",
    "children": "자녀가 있다면 생년월일을 알려 주세요(없으면 없음).",
    "disability": "등록 장애인이신가요?",
    "veteran": "국가보훈대상자이신가요?",
    "pregnant": "지금 임신 중이신가요?",
    "single_parent": "한부모·조손가족이신가요?",
    "multicultural": "다문화가족이신가요?",
    "defector": "북한이탈주민이신가요?",
    "no_house": "세대원 모두 집이 없는 무주택 세대인가요?",
    "employment": "지금 취업 상태는 어떤가요?",
    "school": "학력 또는 재학 상태는 어떤가요?",
    "marital": "혼인 상태는 어떤가요?",
    "sex": "성별은 무엇인가요?",
    "receives": "기초생활수급자·차상위계층 등 받고 있는 자격이 있나요?",
}
# Fields asked together: a region is one question, income needs the household size.
ASKED_WITH = {"sigungu": "sido", "household_size": "monthly_income"}


@dataclass(frozen=True, slots=True)
class Question:
    field: str
    text: str
    settles: int  # 가능성 있음 services whose only missing answers this question gives
    touches: int  # 가능성 있음 services that need it at all
    weight: float


def rank_questions(decisions: Iterable[Decision], weights: dict[str, float] | None = None) -> list[Question]:
    """Questions ordered by how many 가능성 있음 services they would decide (then by how many they touch)."""
    settles: dict[str, float] = defaultdict(float)
    touches: dict[str, int] = defaultdict(int)
    settle_count: dict[str, int] = defaultdict(int)
    for decision in decisions:
        if decision.status is not Status.LIKELY:
            continue
        missing = {
            ASKED_WITH.get(q, q)
            for r in decision.results
            if r.truth is Truth.UNKNOWN
            for q in r.condition.questions
        }
        weight = (weights or {}).get(decision.service_id, 1.0)
        for field in missing:
            touches[field] += 1
        if len(missing) == 1:
            (field,) = missing
            settles[field] += weight
            settle_count[field] += 1
    fields = set(touches)
    ranked = sorted(fields, key=lambda f: (-settles[f], -touches[f], f))
    return [
        Question(f, QUESTION_TEXT.get(f, f), settle_count[f], touches[f], round(settles[f], 3))
        for f in ranked
    ]
