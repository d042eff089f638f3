"""SentencePiece-unigram tokenizer (XLM-RoBERTa vocabulary) for the local e5 embedder.

Same pipeline as the reference engine: per-code-point normalisation map, runs of spaces collapsed,
a leading metaspace (U+2581) and spaces turned into metaspaces, then the Viterbi segmentation that
maximises the sum of piece scores, with an unknown-character fallback.
"""

from __future__ import annotations

from .e5_model_file import Vocabulary

METASPACE = "\u2581"


class UnigramTokenizer:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.bos, self.eos, self.unk = vocabulary.bos, vocabulary.eos, vocabulary.unk
        scores = vocabulary.scores.tolist()
        self._pieces: dict[str, tuple[int, float]] = {}
        self._prefixes: set[str] = set()
        for index, piece in enumerate(vocabulary.pieces):
            if not piece or index == vocabulary.unk or piece in self._pieces:
                continue
            self._pieces[piece] = (index, scores[index])
            for end in range(1, len(piece)):
                self._prefixes.add(piece[:end])
        self._unknown_score = min(scores) - 10.0
        self._longest = max(len(piece) for piece in self._pieces)

    def normalise(self, text: str) -> str:
        text = text.translate(self.vocabulary.normalisation)
        while "  " in text:
            text = text.replace("  ", " ")
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", METASPACE)

    def encode(self, text: str, limit: int | None = None) -> list[int]:
        """Content piece ids of ``text`` (no <s>/</s>); the first ``limit`` if given."""
        chars = self.normalise(text)
        if limit is not None:
            chars = chars[: max(limit, 1) * self._longest]  # enough for `limit` pieces
        n = len(chars)
        best = [float("-inf")] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        pieces, prefixes, unknown = self._pieces, self._prefixes, self._unknown_score
        for start in range(n):
            base = best[start]
            if base == float("-inf"):
                continue
            for end in range(start + 1, n + 1):
                candidate = chars[start:end]
                found = pieces.get(candidate)
                if found is not None:
                    score = base + found[1]
                    if score > best[end]:
                        best[end] = score
                        back[end] = (found[0], start)
                if candidate not in prefixes:
                    break
            score = base + unknown
            if score > best[start + 1]:
                best[start + 1] = score
                back[start + 1] = (self.unk, start)
        ids: list[int] = []
        at = n
        while at > 0:
            piece, at = back[at]
            ids.append(piece)
        ids.reverse()
        return ids if limit is None else ids[:limit]
