"""결재선 (approval line) and 전결 (delegated final approval), per agency.

The line is 담당 → 팀장 → 과장 (→ 국장 where an agency wants it). An agency's 위임전결 규정 says
who signs last for each kind of 민원: e.g. 팀장 전결 for 즉시 처리 and 제도·절차 질의, 과장 for the
rest. ``ApprovalLine`` holds that rule as data; it never decides who a person is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from biseo.domain.complaints.deadlines import ComplaintKind
from biseo.domain.errors import InvalidInput


class Role(StrEnum):
    HANDLER = "담당"
    TEAM_LEAD = "팀장"
    HEAD = "과장"
    DIRECTOR = "국장"
    COORDINATOR = "민원총괄"  # 민원 총괄 부서: receives, assigns and transfers, signs nothing


SIGNING_ORDER: tuple[Role, ...] = (Role.HANDLER, Role.TEAM_LEAD, Role.HEAD, Role.DIRECTOR)

DEFAULT_FINAL: dict[ComplaintKind, Role] = {
    ComplaintKind.OTHER: Role.TEAM_LEAD,
    ComplaintKind.QUESTION_PROCEDURE: Role.TEAM_LEAD,
    ComplaintKind.QUESTION_LAW: Role.HEAD,
    ComplaintKind.PROPOSAL: Role.HEAD,
    ComplaintKind.GRIEVANCE: Role.HEAD,
    ComplaintKind.STATUTORY: Role.HEAD,
}


@dataclass(frozen=True)
class ApprovalLine:
    """Who signs last (전결권자) for each kind; signing always follows ``SIGNING_ORDER``."""

    final: Mapping[ComplaintKind, Role] = field(default_factory=lambda: dict(DEFAULT_FINAL))

    def __post_init__(self) -> None:
        for kind, role in self.final.items():
            if role not in SIGNING_ORDER or role is Role.HANDLER:
                raise InvalidInput(
                    f"final approver for {kind} must be 팀장, 과장 or 국장, not {role}",
                    message_ko="전결권자는 팀장, 과장, 국장 중 하나여야 합니다.",
                )

    @classmethod
    def from_mapping(cls, raw: Mapping[str, str]) -> ApprovalLine:
        """``{"기타": "팀장", "고충": "과장"}`` over the defaults."""
        final = dict(DEFAULT_FINAL)
        try:
            for kind, role in raw.items():
                final[ComplaintKind(kind)] = Role(role)
        except ValueError as exc:
            raise InvalidInput(
                f"bad approval rule: {exc}", message_ko="전결 규칙이 올바르지 않습니다."
            ) from exc
        return cls(final)

    def final_role(self, kind: ComplaintKind) -> Role:
        return self.final.get(kind, Role.HEAD)

    def steps(self, kind: ComplaintKind) -> tuple[Role, ...]:
        last = SIGNING_ORDER.index(self.final_role(kind))
        return SIGNING_ORDER[: last + 1]

    def next_after(self, kind: ComplaintKind, signed: tuple[Role, ...]) -> Role | None:
        steps = self.steps(kind)
        return steps[len(signed)] if len(signed) < len(steps) else None
