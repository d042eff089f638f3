"""What a reply may take from past answers: only answers to the same matter asked the same way
(관련성·요청 방향), and only with the other case's specifics taken out (사안별 특정 정보 제거).

``Scrubber`` rewrites each reused sentence with ``domain.drafting.specifics``; the specifics are found
by the ``SpecificsFinder`` port (patterns, the personal-data detector and Kiwi proper nouns together).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from biseo.domain.drafting.polarity import opposite
from biseo.domain.drafting.reply_text import Split, complaint_body, split_sentences
from biseo.domain.drafting.specifics import OwnValues, Rewrite, Specific, pattern_specifics, rewrite
from biseo.services.drafting.past_answers import PastMatch

# A past answer's findings are offered only when its complaint shares at least this much of this
# complaint's key-term weight (IDF). On the 872 dev complaints, the nearest past case came from the
# unit that answered in 15-26% of matches below 0.10, about half at 0.14-0.16 and 72-88% above 0.18;
# the gate sits where a match is more often the same matter than not (docs/drafting.md).
RELEVANCE_GATE = 0.15
# ... and the past complaint must share at least this much of its own weight with this one: a long
# complaint about another matter shares a word or two with a short one (수거) but little of itself.
# On the same dev matches the gate alone passes 24.6% at 0.70 same-unit precision; with this, 21.0% at 0.77.
REVERSE_GATE = 0.05
MIN_SHARED_TERMS = 2  # one shared word is no matter, however rare it is
WEAK_MATCH = RELEVANCE_GATE  # below it a past answer is another matter and is not used


class SpecificsFinder(Protocol):
    def find(self, text: str, exempt: Iterable[str] = ()) -> list[Specific]: ...


class PatternSpecifics:
    """Patterns only (no Kiwi, no detector): for tools and tests that run without the models."""

    def find(self, text: str, exempt: Iterable[str] = ()) -> list[Specific]:
        return pattern_specifics(text)


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """The current complaint's own values, and the words that are never specifics (the agency)."""

    own: OwnValues
    exempt: tuple[str, ...]


class Scrubber:
    def __init__(self, finder: SpecificsFinder, split: Split | None = None) -> None:
        self.finder, self.split = finder, split

    def facts(
        self, title: str, content: str, complainant: str | None, exempt: Sequence[str | None]
    ) -> CaseFacts:
        words = tuple(w for w in exempt if w)
        text = f"{title}\n{complaint_body(content)}"
        return CaseFacts(OwnValues(text, tuple(self.finder.find(text, words)), complainant), words)

    def sentence(self, sentence: str, facts: CaseFacts) -> Rewrite:
        return rewrite(sentence, self.finder.find(sentence, facts.exempt), facts.own)

    def answer(self, answer: str, facts: CaseFacts) -> str:
        """A whole past answer with every sentence scrubbed (what a model may see of it)."""
        kept = [
            r.text
            for s in split_sentences(" ".join(answer.split()), self.split)
            if (r := self.sentence(s, facts)).text
        ]
        return " ".join(kept)

    def output(self, text: str, facts: CaseFacts, others: Sequence[str]) -> tuple[str, int]:
        """A model's draft with any specific of the past answers ``others`` that the complaint does not
        state taken out: the value replaced, or its line dropped. Returns the text and lines dropped."""
        corpus = _compact(" ".join(others))
        lines, dropped = [], 0
        for line in text.splitlines():
            foreign = [
                s
                for s in self.finder.find(line, facts.exempt)
                if not facts.own.states(s.text) and _compact(s.text) in corpus
            ]
            result = rewrite(line, foreign, facts.own) if foreign else Rewrite(line, ())
            if result.text is None:
                dropped += 1
                continue
            lines.append(_keep_indent(line, result.text))
        return "\n".join(lines), dropped


def relevant(matches: Sequence[PastMatch], title: str, content: str) -> tuple[list[PastMatch], int, int]:
    """The matches a draft may use: about the same matter (key-term share at the gate or above) and
    not asking the opposite way. Returns them, and how many fell below the gate / were opposite."""
    request = f"{title}\n{complaint_body(content)}"
    kept, weak, reversed_ = [], 0, 0
    for match in matches:
        if (
            match.coverage < RELEVANCE_GATE
            or match.reverse < REVERSE_GATE
            or match.shared_terms < MIN_SHARED_TERMS
        ):
            weak += 1
        elif opposite(request, f"{match.answer.title}\n{complaint_body(match.answer.content)}"):
            reversed_ += 1
        else:
            kept.append(match)
    return kept, weak, reversed_


def _keep_indent(original: str, rewritten: str) -> str:
    indent = original[: len(original) - len(original.lstrip())]
    return indent + rewritten


def _compact(text: str) -> str:
    return re.sub(r"[\s.,·\-()]", "", text)


def match_notices(nearest: int, weak: int, reversed_: int) -> list[str]:
    """Why past answers were left out: another matter (below the gate), or the opposite request."""
    out = []
    if nearest and weak == nearest:
        out.append(
            f"가장 비슷한 과거 민원도 핵심어가 {round(RELEVANCE_GATE * 100)}% 미만으로 겹쳐 다른 사안으로 보고 "
            "쓰지 않았습니다. 검토 결과는 직접 작성해 주십시오."
        )
    elif weak:
        out.append(
            f"핵심어가 {round(RELEVANCE_GATE * 100)}% 미만으로 겹치는 과거 민원 {weak}건은 쓰지 않았습니다."
        )
    if reversed_:
        out.append(
            f"반대 방향의 요청(예: 단속 요청과 단속 유예 요청)에 대한 과거 답변 {reversed_}건은 쓰지 않았습니다."
        )
    return out


@dataclass
class FindingStats:
    """What became of the past answer's sentences considered for the findings."""

    considered: int = 0
    specific: int = 0  # dropped: another case's name, phone, case number or too many specifics
    citation: int = 0  # dropped: a law citation that does not verify
    rewritten: int = 0  # kept with another case's specifics replaced

    def notices(self) -> list[str]:
        out = []
        if self.rewritten:
            out.append(f"다른 민원의 장소·일자 등을 지우고 옮긴 문장이 {self.rewritten}개 있습니다.")
        if self.specific:
            out.append(
                f"다른 민원의 이름·연락처·접수번호 등이 든 문장 {self.specific}개는 옮기지 않았습니다."
            )
        if self.citation:
            out.append(f"확인할 수 없는 법령 인용이 있는 문장 {self.citation}개는 초안에서 뺐습니다.")
        return out
