"""The baseline the evaluation compares against: split on whitespace, nothing else (what naive BM25 does)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

VERSION = "whitespace/v1"


def whitespace_batch(texts: Sequence[str]) -> list[list[str]]:
    return [text.lower().split() for text in texts]


class WhitespaceAnalyzer:
    version = VERSION

    def analyze(self, texts: Sequence[str]) -> list[list[str]]:
        return whitespace_batch(texts)

    def query_tokens(self, text: str) -> list[str]:
        return whitespace_batch([text])[0]

    @property
    def batch_function(self) -> Any:
        return whitespace_batch
