"""What the indexes that follow the store (lexical and dense) share: the walk over it in batches,
the plan of a sync, its report, and the key and filter fields each indexed segment carries."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass

from biseo.domain.documents.model import Document, Segment
from biseo.domain.search.identity_tokens import law_key
from biseo.domain.search.segment_text import segment_date, segment_key
from biseo.services.ports import DocumentStore, VectorEntry


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What one sync of an index (lexical, and dense when on) did."""

    added: int
    removed: int
    segments: int
    seconds: float
    analysed: int = 0  # texts analysed by Kiwi (not found in the token cache)
    embedded: int = 0  # passages embedded (not found in the vector cache)


def plan_sync(
    stored: set[str], indexed: set[str], only: Collection[str] | None = None
) -> tuple[set[str], list[str]]:
    """``(stale ids to drop, ids to add in a stable order)`` for an index following the store.
    ``only`` limits what is added (an upload's documents); dropping what the store lost stays, as
    it is cheap."""
    todo = stored - indexed
    return indexed - stored, sorted(todo if only is None else todo.intersection(only))


def documents_in_batches(
    store: DocumentStore, ids: list[str], size: int
) -> Iterator[tuple[int, list[tuple[Document, list[Segment]]]]]:
    """``(documents done so far, [(document, its segments), …])`` per batch of ``size`` ids;
    ids whose document vanished meanwhile are skipped."""
    for start in range(0, len(ids), size):
        documents = [d for d in (store.get(i) for i in ids[start : start + size]) if d]
        yield min(start + size, len(ids)), [(d, store.segments(d.id)) for d in documents]


def segment_entry(document: Document, segment: Segment) -> VectorEntry:
    """A segment's key and filter fields (kind, agency, law, date) as both indexes store them."""
    return VectorEntry(
        key=segment_key(document.id, segment.number),
        kind=str(document.kind),
        agency=document.agency,
        law=law_key(document),
        date=segment_date(document),
    )
