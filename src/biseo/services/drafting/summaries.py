"""문서요약: extractive summaries of stored documents, files or pasted text (no model needed).

Only the lines ``domain.drafting.source_lines`` keeps are read (no furniture, no headline, nothing
after 붙임), each line split into sentences by Kiwi on its own, so a headline never runs into the
first sentence. In 개조식 each chosen sentence becomes a noun-ending line (``domain.drafting.outline``);
3줄 keeps the sentences as written (three lines are read as prose). The title is the caller's, else
the document's own (its first heading), never a file name.

Centrality is each sentence's mean TF-IDF cosine to the others, computed in O(sentences × vocabulary)
as x_i · Σ_j x_j, so a 100-page document stays fast; cues and selection are in ``domain.drafting.summary``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePath
from typing import Protocol

import numpy as np

from biseo.domain.drafting.outline import polish, to_outline
from biseo.domain.drafting.source_lines import Level, SourceLine, read_lines
from biseo.domain.drafting.summary import Bullet, Style, Summary, candidates, clean, score, select
from biseo.domain.errors import InvalidInput, NotFound
from biseo.services.ai.llm import GuardedChat, LlmUnavailable
from biseo.services.ports import DocumentParser, DocumentStore

MARKERS = {Style.OUTLINE: "○", Style.THREE_LINES: "-"}


class TextTools(Protocol):
    def sentences(self, text: str) -> list[tuple[int, int]]: ...

    def morphemes(self, text: str) -> list[str]: ...

    def analyzed_sentences(self, text: str) -> list[tuple[int, int, list[str]]]: ...

    def tokens(self, text: str) -> list[tuple[str, str, int, int]]: ...

    def join(self, morphemes: Sequence[tuple[str, str]]) -> str: ...


def budget_for(text: str) -> int:
    """Summary length grows with the square root of the document, as a court's 판결요지 does with
    its 판례내용: a log-log least-squares fit over the 1,511 shared precedents gives
    5.0 × chars^0.56 (2,000 characters → ~360; 100 pages → capped at 3,000)."""
    return int(min(3000, max(200, 5.0 * len(text) ** 0.56)))


class SummaryService:
    def __init__(
        self,
        tools: TextTools,
        store: DocumentStore | None = None,
        parser: DocumentParser | None = None,
        chat: GuardedChat | None = None,
    ) -> None:
        self.tools, self.store, self.parser, self.chat = tools, store, parser, chat

    def summarize_text(
        self, text: str, *, title: str = "", style: Style = Style.OUTLINE, budget: int | None = None
    ) -> Summary:
        """With a model configured: map-reduce abstractive bullets, each tied to a supporting source
        sentence; without one (or if it fails): the extractive summary, labelled as such."""
        if not text.strip():
            raise InvalidInput("empty text", message_ko="요약할 내용이 없습니다.")
        if self.chat is not None:
            from biseo.services.drafting.model_summaries import model_summary

            try:
                summary = model_summary(self.chat, self.tools, text, title, style)
                if style is Style.OUTLINE:
                    bullets = tuple(replace(b, text=self.outline(b.text)) for b in summary.bullets)
                    summary = replace(summary, bullets=bullets)
                return summary
            except LlmUnavailable as exc:
                extractive = self.extractive(text, title=title, style=style, budget=budget)
                notice = f"LLM을 쓸 수 없어 추출 요약으로 만들었습니다: {exc}"
                return Summary(extractive.title, extractive.bullets, extractive.mode, (notice,))
        return self.extractive(text, title=title, style=style, budget=budget)

    def extractive(
        self, text: str, *, title: str = "", style: Style = Style.OUTLINE, budget: int | None = None
    ) -> Summary:
        if not text.strip():
            raise InvalidInput("empty text", message_ko="요약할 내용이 없습니다.")
        heading, lines = read_lines(text, self._unfinished)
        title = title or heading
        analyzed = self._sentences(text, lines)
        morphemes = {(start, end): forms for start, end, forms, _ in analyzed}
        owner = {(start, end): line for start, end, _, line in analyzed}
        spans = [
            span
            for span in candidates(text, [(start, end) for start, end, _, _ in analyzed])
            if clean(text[span[0] : span[1]]) != title
        ]
        if not spans:  # nothing sentence-like: the first line kept (or the text) stands for itself
            start, end = (lines[0].start, lines[0].end) if lines else (0, len(text))
            start += len(text[start:end]) - len(text[start:end].lstrip())
            line = clean(text[start:end])[:300]
            line = self.outline(line) if style is Style.OUTLINE else line
            return Summary(title, (Bullet(line, start, len(text[:end].rstrip()), MARKERS[style]),))
        sentences = [text[s:e].strip() for s, e in spans]
        vectors = self._vectors([morphemes[span] for span in spans])
        total = vectors.sum(axis=0)
        n = len(sentences)
        centrality = ((vectors @ total) - 1.0) / max(1, n - 1) if n > 1 else np.zeros(1)
        scores = score(sentences, centrality.tolist())
        limit = 3 if style is Style.THREE_LINES else None
        chosen = select(
            scores,
            [len(s) for s in sentences],
            budget or (10**9 if limit else budget_for(text)),
            lambda i, j: float(vectors[i] @ vectors[j]),
            limit=limit,
        )
        picked = [(spans[i], owner[spans[i]]) for i in chosen]
        return Summary(title, tuple(self._bullets(text, picked, lines, style)))

    def outline(self, sentence: str) -> str:
        """One 개조식 line from a sentence (Kiwi's tags find and convert its final predicate)."""
        text = polish(sentence)
        return to_outline(text, self.tools.tokens(text), self.tools.join)

    def _unfinished(self, line: str) -> bool:
        """A title line that goes on: Kiwi tags its last morpheme a particle, a connective ending,
        a modifier ending or a noun-deriving suffix (…을 위한, …넘어, …으로, …가동하여)."""
        tokens = [(form, tag) for form, tag, _, _ in self.tools.tokens(line) if not tag.startswith("S")]
        if not tokens:
            return False
        form, tag = tokens[-1]
        cut_short = tag == "EF" and not form.endswith(("다", "요"))  # 넘어, 나서: Kiwi ends it there
        return tag.startswith("J") or tag in ("EC", "ETM") or cut_short

    def _sentences(self, text: str, lines: Sequence[SourceLine]) -> list[tuple[int, int, list[str], int]]:
        """Kiwi's sentences line by line, with offsets into ``text`` and the index of their line."""
        out = []
        for index, line in enumerate(lines):
            for start, end, forms in self.tools.analyzed_sentences(text[line.start : line.end]):
                out.append((line.start + start, line.start + end, forms, index))
        return out

    def _bullets(
        self,
        text: str,
        picked: Sequence[tuple[tuple[int, int], int]],
        lines: Sequence[SourceLine],
        style: Style,
    ) -> list[Bullet]:
        """Bullets in document order; in 개조식 a detail keeps its - only under its own parent line."""
        out: list[Bullet] = []
        previous = -1
        for (start, end), index in picked:
            sentence = text[start:end]
            offset = len(sentence) - len(sentence.lstrip())
            body = clean(sentence)
            if style is Style.THREE_LINES:
                line, marker, level = body, "-", 1
            else:
                line = self.outline(body)
                marker, level = _marker(lines, index, previous)
            previous = index
            if line.strip(" .,-"):
                out.append(
                    Bullet(line, start + offset, start + offset + len(sentence.strip()), marker, level=level)
                )
        return out

    def summarize_document(self, document_id: str, *, style: Style = Style.OUTLINE) -> Summary:
        if self.store is None:
            raise NotFound(f"document {document_id}")
        document = self.store.get(document_id)
        if document is None:
            raise NotFound(f"document {document_id}")
        named = document.title if document.title != PurePath(document.source).stem else ""
        return self.summarize_text(document.text, title=named, style=style)  # never the file name

    def summarize_file(self, data: bytes, filename: str, *, style: Style = Style.OUTLINE) -> Summary:
        if self.parser is None:
            raise InvalidInput("no parser", message_ko="파일을 읽을 수 없습니다.")
        parsed = self.parser.parse(data, filename)
        return self.summarize_text(parsed.text, title=parsed.title or "", style=style)  # never the file name

    def _vectors(self, tokens: Sequence[list[str]]) -> np.ndarray:
        sentences = tokens
        vocabulary: dict[str, int] = {}
        for row in tokens:
            for token in row:
                vocabulary.setdefault(token, len(vocabulary))
        matrix = np.zeros((len(sentences), max(1, len(vocabulary))), dtype=np.float32)
        document_frequency = Counter(t for row in tokens for t in set(row))
        n = len(sentences)
        for i, row in enumerate(tokens):
            for token, count in Counter(row).items():
                matrix[i, vocabulary[token]] = count * np.log(1 + n / document_frequency[token])
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        normalized: np.ndarray = matrix / np.maximum(norms, 1e-12)
        return normalized


def _marker(lines: Sequence[SourceLine], index: int, previous: int) -> tuple[str, int]:
    """○ for a point; - for a detail whose parent line (or a sibling) is the bullet just above;
    ※ for a note; a detail whose parent was not chosen stands as a point."""
    line = lines[index]
    if line.level is Level.NOTE and previous >= 0:
        return "※", 2
    if line.level is Level.DETAIL and previous >= 0 and lines[previous].parent == line.parent:
        return "-", 2
    return "○", 1
