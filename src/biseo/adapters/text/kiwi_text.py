"""Kiwi sentence splits and morphemes, for summaries and their evaluation; tagged morphemes with
positions and ``join`` for the 개조식 ending conversion (``domain.drafting.outline``)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cached_property
from typing import Any

_SYMBOLS = ("S",)  # Kiwi tags for punctuation, foreign letters, numbers … (SF, SP, SN, SL …)


class KiwiText:
    def __init__(self) -> None:
        self._lock = threading.Lock()

    @cached_property
    def _kiwi(self) -> Any:
        from kiwipiepy import Kiwi

        return Kiwi()

    def sentences(self, text: str) -> list[tuple[int, int]]:
        """Character spans of the sentences, in order."""
        with self._lock:
            return [(s.start, s.end) for s in self._kiwi.split_into_sents(text)]

    def analyzed_sentences(self, text: str) -> list[tuple[int, int, list[str]]]:
        """Sentences with their morphemes, in one pass of Kiwi."""
        with self._lock:
            return [
                (s.start, s.end, [t.form for t in s.tokens if not t.tag.startswith(_SYMBOLS)])
                for s in self._kiwi.split_into_sents(text, return_tokens=True)
            ]

    def morphemes(self, text: str) -> list[str]:
        """Surface forms of the morphemes, symbols and punctuation left out (ROUGE and similarity units)."""
        with self._lock:
            return [t.form for t in self._kiwi.tokenize(text) if not t.tag.startswith(_SYMBOLS)]

    def tokens(self, text: str) -> list[tuple[str, str, int, int]]:
        """Every morpheme as (form, tag, start, end), offsets into ``text``."""
        with self._lock:
            return [(t.form, t.tag, t.start, t.end) for t in self._kiwi.tokenize(text)]

    def join(self, morphemes: Sequence[tuple[str, str]]) -> str:
        """Morphemes joined back into surface text (하 + ㅁ → 함, 만들 + ㅁ → 만듦)."""
        with self._lock:
            return str(self._kiwi.join(list(morphemes)))
