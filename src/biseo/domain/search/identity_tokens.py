"""Tokens that name a segment's identity, so an explicit reference in a query matches it exactly.

A statute article carries ``민원처리에관한법률§19`` (its law and article) and every segment of a law
carries ``법:민원처리에관한법률``; a query naming the law (and article) emits the same tokens.
"""

from __future__ import annotations

from biseo.domain.documents.model import Document, Segment
from biseo.domain.search.articles import parse_article_label
from biseo.domain.search.law_names import ExactReference, split_title


def law_key(document: Document) -> str | None:
    if not document.kind.is_legislation:
        return None
    base, kind = split_title(document.title, str(document.kind))
    return base if kind == "statute" else f"{base}:{kind}"


def segment_identity_tokens(document: Document, segment: Segment) -> list[str]:
    key = law_key(document)
    if key is None:
        return []
    tokens = [f"법:{key}"]
    if segment.kind == "article":
        ref = parse_article_label(segment.label.removeprefix(document.title))
        if ref is not None:
            tokens.append(f"{key}§{ref.tokens[0].removeprefix('§')}")
    return tokens


def reference_tokens(reference: ExactReference) -> list[str]:
    key = reference.law if reference.kind == "statute" else f"{reference.law}:{reference.kind}"
    tokens = [f"법:{key}"]
    if reference.article is not None:
        tokens.append(f"{key}§{reference.article.tokens[0].removeprefix('§')}")
    return tokens
