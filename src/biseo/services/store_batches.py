"""Walking the store in batches for the indexes that follow it (lexical and dense)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from biseo.domain.documents import Document, Segment
from biseo.services.ports import DocumentStore


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What one sync of an index (lexical, and dense when on) did."""

    added: int
    removed: int
    segments: int
    seconds: float
    analysed: int = 0  # texts analysed by Kiwi (not found in the token cache)
    embedded: int = 0  # passages embedded (not found in the vector cache)


def plan_sync(stored: set[str], indexed: set[str]) -> tuple[set[str], list[str]]:
    """``(stale ids to drop, ids to add in a stable order)`` for an index following the store."""
    return indexed - stored, sorted(stored - indexed)


def documents_in_batches(
    store: DocumentStore, ids: list[str], size: int
) -> Iterator[tuple[int, list[tuple[Document, list[Segment]]]]]:
    """``(documents done so far, [(document, its segments), …])`` per batch of ``size`` ids;
    ids whose document vanished meanwhile are skipped."""
    for start in range(0, len(ids), size):
        documents = [d for d in (store.get(i) for i in ids[start : start + size]) if d]
        yield min(start + size, len(ids)), [(d, store.segments(d.id)) for d in documents]
