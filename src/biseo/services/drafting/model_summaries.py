"""문서요약 with a language model: map-reduce over chunks that fit the model's context, then every
bullet tied back to the source sentence that supports it (two-syllable shingle overlap). A bullet
no sentence supports is kept but flagged, never silently presented as grounded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from biseo.domain.drafting.overlap import coverage, shingles
from biseo.domain.drafting.summary import Bullet, Style, Summary
from biseo.services.ai.llm import GuardedChat, Message
from biseo.services.ai.prompts import load_prompt

MODEL_LABEL = "LLM 요약: 모델이 쓴 문장입니다. 줄마다 표시된 근거 문장(원문 위치)을 확인하십시오."
SUPPORT_THRESHOLD = 0.5
_LINE_MARKER = re.compile(r"^\s*(?:[○●□■◦•·\-*]|\d{1,2}[.)]|[가-하][.)])\s*")


class Sentences(Protocol):
    def sentences(self, text: str) -> list[tuple[int, int]]: ...


def chunks(text: str, spans: Sequence[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Consecutive sentences packed into pieces of at most ``limit`` characters; a piece still
    longer (one huge sentence) is cut at the limit."""
    packed: list[tuple[int, int]] = []
    for s, e in spans:
        if packed and e - packed[-1][0] <= limit:
            packed[-1] = (packed[-1][0], e)
        else:
            packed.append((s, e))
    out = []
    for s, e in packed:
        while e - s > limit:
            out.append((s, s + limit))
            s += limit
        out.append((s, e))
    return out or [(0, min(len(text), limit))]


def bullets_of(answer: str, limit: int) -> list[str]:
    lines = [_LINE_MARKER.sub("", line).strip() for line in answer.splitlines()]
    return [line for line in lines if len(line) >= 4][:limit]


def support(text: str, spans: Sequence[tuple[int, int]], bullet: str) -> tuple[int, int, float]:
    """The source sentence that best supports a bullet, and how much of the bullet it covers."""
    wanted = shingles(bullet)
    best = (0, 0, 0.0)
    for s, e in spans:
        covered = coverage(wanted, shingles(text[s:e]))
        if covered > best[2]:
            best = (s, e, covered)
    return best


def model_summary(chat: GuardedChat, tools: Sentences, text: str, title: str, style: Style) -> Summary:
    prompt = load_prompt("summary")
    limit = 3 if style is Style.THREE_LINES else 5
    request = "3줄 요약" if style is Style.THREE_LINES else "개조식 요약 (5줄 이내)"
    spans = tools.sentences(text)
    piece = max(1000, int(chat.max_prompt_tokens * 0.7) - len(prompt.text))
    parts = chunks(text, spans, piece)
    partial: list[str] = []
    for start, end in parts:  # map
        answer = chat.complete(
            [
                Message("system", prompt.text),
                Message("user", f"[문서]\n{text[start:end]}\n\n[요청] {request}"),
            ]
        ).text
        partial += bullets_of(answer, limit)
    if len(parts) > 1:  # reduce
        joined = "\n".join(f"○ {b}" for b in partial)
        answer = chat.complete(
            [
                Message("system", prompt.text),
                Message(
                    "user", f"[문서]\n{joined}\n\n[요청] 위 부분 요약들을 하나의 {request}으로 합치십시오."
                ),
            ]
        ).text
        partial = bullets_of(answer, limit)
    marker = "-" if style is Style.THREE_LINES else "○"
    bullets = []
    for line in partial[:limit]:
        start, end, covered = support(text, spans, line)
        bullets.append(Bullet(line, start, end, marker, covered >= SUPPORT_THRESHOLD))
    return Summary(title, tuple(bullets), MODEL_LABEL)
