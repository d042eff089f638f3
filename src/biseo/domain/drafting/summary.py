"""Extractive summaries (문서요약) in 개조식 or three lines, every bullet tied to its source offsets.

Sentences are scored by their centrality in the document (the caller computes it) plus cues of legal
and administrative reasoning: a cited precedent (… 참조), a holding ending (… 할 것이다, 상당하다,
해당한다), minus narration of facts and procedure (원심은 …, 【주 문】), minus the court closing a
ground of appeal (…위법이 없다, 정당하고) and, a little, sentences about this case's parties (이 사건,
원심, 원고, 피고): a 판결요지 states the rule, not its application. The best are taken in order
of score while the summary is under its budget, skipping any too similar to one already taken, and
shown in document order. In 개조식 each line is then rewritten with a noun ending
(``domain.drafting.outline``) under the marker of its level in the source (○ point, - detail, ※ note).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from biseo.domain.drafting.source_lines import strip_marker

DETERMINISTIC_LABEL = (
    "결정적 추출 요약(LLM 미사용): 원문 문장을 골라 순서대로 보였습니다(개조식은 문장 끝만 명사형으로 바꿈)."
)

_PROCEDURE = re.compile(
    r"【|상고를 기각|상고비용|원심판결을 파기|주\s*문|이\s*유】|상고이유를 (?:본다|판단)|판결한다|관여 대법관|대법관\s"
)
_CITATION = re.compile(r"참조\)|선고\s*\S+\s*판결")
_HOLDING = re.compile(
    r"(?:할|볼|이라 할|라 할) 것이다|상당하다|아니한다|해당한다|속한다|있다고 할|없다고 할|봄이|하여야 한다|필요가 있다"
)
_NARRATION = re.compile(r"원심은|원심이|인정한 다음|사실을 인정|원고는|피고는|기록에 의하면|살펴보면")
# the court closing a ground of appeal (…위법이 없다, 정당하고, 이유 없다): a conclusion, not a holding
_CONCLUSION = re.compile(
    r"위법이 (?:없다|있다)|이유 없다|받아들이지 아니한다|받아들이지 않는다|받아들일 수 없다|정당하고|"
    r"상고이유의 주장은|상고이유 주장은|논지는|위법이 있다고 할 수 없다"
)
_THIS_CASE = re.compile(r"이 사건|원심|원고|피고|참가인")  # applying the law to this case's parties
_CITED_TAIL = re.compile(r"\s*\((?:대법원|헌법재판소)[^()]*참조\)")
WEIGHTS = {"citation": 0.3, "holding": 0.3, "narration": 0.4, "conclusion": 0.4, "case": 0.1, "position": 0.1}
MIN_CHARS = 25


class Style(StrEnum):
    OUTLINE = "개조식"
    THREE_LINES = "3줄"


@dataclass(frozen=True, slots=True)
class Bullet:
    text: str
    start: int  # offsets of the source sentence in the summarized text
    end: int
    marker: str = "○"
    supported: bool = True  # False: a model wrote it and no source sentence backs it (shown flagged)
    level: int = 1  # 1: ○ (or the 3줄 -), 2: a - detail or ※ note under the line above


@dataclass(frozen=True, slots=True)
class Summary:
    title: str
    bullets: tuple[Bullet, ...]
    mode: str = DETERMINISTIC_LABEL
    notices: tuple[str, ...] = ()

    def render(self) -> str:
        lines = [f"□ {self.title}"] if self.title else []
        lines += [
            f"{' ' * (2 * b.level - 1)}{b.marker} {b.text}" + ("" if b.supported else " (근거 확인 필요)")
            for b in self.bullets
        ]
        return "\n".join(lines)


def candidates(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences worth summarizing: long enough, not procedure (당사자, 주문, 관여 대법관)."""
    out = []
    for start, end in spans:
        sentence = text[start:end].strip()
        if len(sentence) >= MIN_CHARS and not _PROCEDURE.search(sentence[:30]):
            out.append((start, end))
    return out


def score(sentences: Sequence[str], centrality: Sequence[float]) -> list[float]:
    n = max(1, len(sentences))
    out = []
    for position, (sentence, central) in enumerate(zip(sentences, centrality, strict=True)):
        value = central
        value += WEIGHTS["citation"] * bool(_CITATION.search(sentence))
        value += WEIGHTS["holding"] * bool(_HOLDING.search(sentence[-40:]))
        value -= WEIGHTS["narration"] * bool(_NARRATION.search(sentence[:40]))
        value -= WEIGHTS["conclusion"] * bool(_CONCLUSION.search(sentence[-60:]))
        value -= WEIGHTS["case"] * bool(_THIS_CASE.search(sentence))
        value -= WEIGHTS["position"] * position / n
        out.append(value)
    return out


def select(
    scores: Sequence[float],
    lengths: Sequence[int],
    budget: int,
    similar: Callable[[int, int], float],
    *,
    limit: int | None = None,
    redundancy: float = 0.6,  # cosine above which a sentence repeats one already chosen
) -> list[int]:
    """Indices of the chosen sentences, in document order."""
    chosen: list[int] = []
    used = 0
    for index in sorted(range(len(scores)), key=lambda i: -scores[i]):
        if used >= budget or (limit is not None and len(chosen) >= limit):
            break
        if any(similar(index, j) > redundancy for j in chosen):
            continue
        chosen.append(index)
        used += lengths[index]
    return sorted(chosen)


def clean(sentence: str) -> str:
    """Drop the cited-precedent parentheses a summary does not repeat, and item markers (the
    summary's own ○ - ※ replace them, so numbering never skips: no ① → ③)."""
    text = _CITED_TAIL.sub("", sentence.strip())
    text = re.sub(r"\s*\[\d{1,2}\]\s*$", "", text)  # the next holding's number, split off with this one
    text = re.sub(r"^\[\d{1,2}\]\s*", "", text)
    return strip_marker(re.sub(r"\s+", " ", text))
