"""Reversible pseudonymization (가명처리) within one request.

Every personal-data span becomes a placeholder such as ``〔전화1〕``; the same value gets the same
placeholder, so a model can still tell two people apart. The vault lives only as long as the
request: the draft is restored for the official, and nothing leaves the process with a real value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class PiiKind(StrEnum):
    RRN = "RRN"  # 주민등록번호
    FRN = "FRN"  # 외국인등록번호
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    ACCOUNT = "ACCOUNT"  # 계좌번호
    CARD = "CARD"
    PASSPORT = "PASSPORT"
    DRIVER_LICENSE = "DRIVER_LICENSE"
    VEHICLE = "VEHICLE"  # 차량번호
    ADDRESS = "ADDRESS"  # 도로명·지번 주소
    PERSON = "PERSON"  # 사람 이름

    @property
    def word(self) -> str:
        return _WORDS[self]


_WORDS = {
    PiiKind.RRN: "주민번호",
    PiiKind.FRN: "외국인번호",
    PiiKind.PHONE: "전화",
    PiiKind.EMAIL: "이메일",
    PiiKind.ACCOUNT: "계좌",
    PiiKind.CARD: "카드",
    PiiKind.PASSPORT: "여권",
    PiiKind.DRIVER_LICENSE: "면허",
    PiiKind.VEHICLE: "차량",
    PiiKind.ADDRESS: "주소",
    PiiKind.PERSON: "이름",
}


@dataclass(frozen=True, slots=True)
class PiiSpan:
    kind: PiiKind
    start: int
    end: int
    text: str


@dataclass
class Vault:
    """Placeholder ↔ value for one request; never stored, never logged."""

    forward: dict[tuple[PiiKind, str], str] = field(default_factory=dict)
    backward: dict[str, str] = field(default_factory=dict)

    def placeholder(self, kind: PiiKind, value: str) -> str:
        key = (kind, value)
        if key not in self.forward:
            number = sum(1 for k in self.forward if k[0] is kind) + 1
            token = f"〔{kind.word}{number}〕"
            self.forward[key] = token
            self.backward[token] = value
        return self.forward[key]

    def mask_known(self, text: str) -> str:
        """Every value this vault already holds, masked wherever it still appears (a name found in
        the complaint is masked in a quoted past answer too, where no cue gives it away)."""
        for (_, value), token in sorted(self.forward.items(), key=lambda kv: -len(kv[0][1])):
            if len(value) >= 2:
                text = text.replace(value, token)
        return text

    def restore(self, text: str) -> str:
        for token, value in sorted(self.backward.items(), key=lambda kv: -len(kv[0])):
            text = text.replace(token, value)
        return text


def resolve_overlaps(spans: Iterable[PiiSpan]) -> list[PiiSpan]:
    """Keep the longest of overlapping spans (an address wins over a number inside it)."""
    chosen: list[PiiSpan] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= c.start or c.end <= span.start for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def pseudonymize(text: str, spans: Iterable[PiiSpan], vault: Vault | None = None) -> tuple[str, Vault]:
    vault = vault or Vault()
    out, last = [], 0
    for span in resolve_overlaps(spans):
        out.append(text[last : span.start])
        out.append(vault.placeholder(span.kind, span.text))
        last = span.end
    out.append(text[last:])
    return "".join(out), vault


def redact(text: str, spans: Iterable[PiiSpan]) -> str:
    """For logs: ``〔전화〕`` without numbers, nothing to restore."""
    out, last = [], 0
    for span in resolve_overlaps(spans):
        out.append(text[last : span.start])
        out.append(f"〔{span.kind.word}〕")
        last = span.end
    out.append(text[last:])
    return "".join(out)
