"""Korean analysis with Kiwi: content morphemes, compounds both whole and split, article references.

Indexed: nouns (NNG, NNP, NR), verb/adjective stems, roots, foreign words, numbers and 한자;
consecutive nouns written together are also indexed joined (기초생활수급자 and 기초/생활/수급자).
Long texts are fed to Kiwi paragraph by paragraph; the spacing model is never used.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from biseo.domain.search.articles import article_tokens

VERSION = "kiwi-0.24/content-morphemes+compounds/v3-bigrams"
_KEEP = ("NNG", "NNP", "NR", "SL", "SH", "SN", "XR", "VV", "VA")
_NOUNS = ("NNG", "NNP", "XR", "SH")
_MAX_PARAGRAPH = 2000

_kiwi: Any = None


def _get_kiwi() -> Any:
    global _kiwi
    if _kiwi is None:
        from kiwipiepy import Kiwi

        _kiwi = Kiwi(num_workers=-1)
    return _kiwi


def _paragraphs(text: str) -> list[str]:
    pieces: list[str] = []
    for line in text.split("\n"):
        while len(line) > _MAX_PARAGRAPH:
            cut = line.rfind(" ", 0, _MAX_PARAGRAPH)
            cut = cut if cut > _MAX_PARAGRAPH // 2 else _MAX_PARAGRAPH
            pieces.append(line[:cut])
            line = line[cut:]
        if line.strip():
            pieces.append(line)
    return pieces


def morphemes(text: str) -> list[str]:
    return _morphemes_of_many([text])[0]


def _morphemes_of_many(texts: Sequence[str]) -> list[list[str]]:
    """One Kiwi call for all paragraphs of all texts: batching doubles Kiwi's throughput here."""
    owners: list[int] = []
    paragraphs: list[str] = []
    for i, text in enumerate(texts):
        for paragraph in _paragraphs(text):
            owners.append(i)
            paragraphs.append(paragraph)
    out: list[list[str]] = [[] for _ in texts]
    if paragraphs:
        for owner, tokens in zip(owners, _get_kiwi().tokenize(paragraphs), strict=True):
            _content(tokens, out[owner])
    return out


def _content(tokens: Any, out: list[str]) -> None:
    run: list[str] = []
    last_end = -1
    for token in tokens:
        tag = token.tag.split("-")[0]
        if not tag.startswith(_KEEP):
            _flush(run, out)
            last_end = -1
            continue
        form = token.form.lower() if tag == "SL" else token.form
        if tag in ("VV", "VA") and len(form) < 2:
            _flush(run, out)  # 하·있·되·없: too common to mean anything
            last_end = -1
            continue
        out.append(form)
        if tag in _NOUNS and token.start == last_end:
            run.append(form)
        else:
            _flush(run, out)
            run = [form] if tag in _NOUNS else []
        last_end = token.start + token.len
    _flush(run, out)


def _flush(run: list[str], out: list[str]) -> None:
    if 2 <= len(run) <= 6:
        out.append("".join(run))
    run.clear()


def _bigrams(tokens: list[str]) -> list[str]:
    return [f"{a}_{b}" for a, b in pairwise(tokens) if len(a) + len(b) >= 3]


def analyze_batch(texts: Sequence[str]) -> list[list[str]]:
    """Top-level so a process pool can call it; each worker loads its own Kiwi once."""
    out = []
    for text, tokens in zip(texts, _morphemes_of_many(texts), strict=True):
        out.append(tokens + _bigrams([t for t in tokens if not t.isdigit()]) + article_tokens(text))
    return out


class KiwiAnalyzer:
    version = VERSION

    def analyze(self, texts: Sequence[str]) -> list[list[str]]:
        return analyze_batch(texts)

    def query_tokens(self, text: str) -> list[str]:
        return analyze_batch([text])[0]

    @property
    def batch_function(self) -> Any:
        return analyze_batch
