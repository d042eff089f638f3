"""Three-valued evaluation of a service rule for a profile, with reasons in plain Korean.

대상: every condition met. 가능성 있음: nothing failed, some answer missing. 확인 필요: nothing failed,
nothing missing, but a free-text requirement remains. 비대상: a condition failed. A missing answer is
never a failure: it yields UNKNOWN, and only a NOT_MET condition can make a service 비대상.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from biseo.domain.benefits.conditions import Condition, Truth
from biseo.domain.benefits.profile import Profile
from biseo.domain.benefits.rules import Group, Node, ServiceRule


class Status(StrEnum):
    ELIGIBLE = "대상"
    LIKELY = "가능성 있음"
    CHECK = "확인 필요"
    INELIGIBLE = "비대상"


STATUS_OF_TRUTH = {
    Truth.MET: Status.ELIGIBLE,
    Truth.UNKNOWN: Status.LIKELY,
    Truth.MANUAL: Status.CHECK,
    Truth.NOT_MET: Status.INELIGIBLE,
}


@dataclass(frozen=True, slots=True)
class ConditionResult:
    condition: Condition
    truth: Truth
    observed: str | None

    def sentence(self) -> str:
        """e.g. '나이: 만 19세 이상 만 39세 이하 — 충족 (만 27세)'."""
        base = f"{self.condition.describe()} — {self.truth.label}"
        if self.observed:
            return f"{base} ({self.observed})"
        if self.truth is Truth.UNKNOWN:
            return f"{base} (답하시면 확인할 수 있습니다)"
        return base


@dataclass(frozen=True, slots=True)
class Decision:
    service_id: str
    status: Status
    results: tuple[ConditionResult, ...]
    reasons: tuple[str, ...]  # ids of the conditions that decided the status

    def reason_sentences(self) -> list[str]:
        by_id = {r.condition.id: r for r in self.results}
        return [by_id[i].sentence() for i in self.reasons]


def applies(condition: Condition, day: date) -> bool:
    return condition.valid_from is None or condition.valid_from <= day


def evaluate_condition(condition: Condition, profile: Profile, day: date) -> ConditionResult:
    if not applies(condition, day):
        return ConditionResult(condition, Truth.MET, "시행 전 요건")
    truth, observed = condition.evaluate(profile, day)
    return ConditionResult(condition, truth, observed)


def evaluate(rule: ServiceRule, profile: Profile, day: date) -> Decision:
    results: dict[str, ConditionResult] = {}
    truth = _node(rule.root, profile, day, results)
    reasons = _deciding(rule.root, truth, results)
    return Decision(rule.service_id, STATUS_OF_TRUTH[truth], tuple(results.values()), tuple(reasons))


def _node(node: Node, profile: Profile, day: date, results: dict[str, ConditionResult]) -> Truth:
    if isinstance(node, Group):
        values = [_node(item, profile, day, results) for item in node.items]
        if not values:
            return Truth.MET
        return min(values) if node.mode == "all" else max(values)
    result = evaluate_condition(node, profile, day)
    results[node.id] = result
    return result.truth


def _deciding(node: Node, truth: Truth, results: dict[str, ConditionResult]) -> list[str]:
    """The conditions whose value is the group's value (for "any of" met, just the first met one)."""
    if not isinstance(node, Group):
        return [node.id] if results[node.id].truth == truth else []
    out: list[str] = []
    for item in node.items:
        value = _value(item, results)
        if value == truth:
            out.extend(_deciding(item, truth, results))
            if node.mode == "any" and truth == Truth.MET:
                break
    return out


def _value(node: Node, results: dict[str, ConditionResult]) -> Truth:
    if isinstance(node, Group):
        values = [_value(i, results) for i in node.items]
        if not values:
            return Truth.MET
        return min(values) if node.mode == "all" else max(values)
    return results[node.id].truth
