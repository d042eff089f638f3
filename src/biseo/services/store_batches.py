"""Walking the store in batches for the indexes that follow it (lexical and dense)."""

from __future__ import annotations

from collections.abc import Iterator

from biseo.domain.documents import Document, Segment
from biseo.services.ports import DocumentStore


def documents_in_batches(
    store: DocumentStore, ids: list[str], size: int
) -> Iterator[tuple[int, list[tuple[Document, list[Segment]]]]]:
    """``(documents done so far, [(document, its segments), …])`` per batch of ``size`` ids;
    ids whose document vanished meanwhile are skipped."""
    for start in range(0, len(ids), size):
        documents = [d for d in (store.get(i) for i in ids[start : start + size]) if d]
        yield min(start + size, len(ids)), [(d, store.segments(d.id)) for d in documents]
