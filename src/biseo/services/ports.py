"""The small interfaces (ports) the services need; adapters implement them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from biseo.domain.documents.model import (
    Document,
    DocumentKind,
    DocumentSummary,
    ParsedDocument,
    Passage,
    Segment,
)
from biseo.domain.search.query import SearchFilters

__all__ = [
    "Analyzer",
    "DepartmentRouter",
    "DocumentParser",
    "DocumentStore",
    "Embedder",
    "EmbeddingUnavailable",
    "IndexedSegment",
    "LexicalIndex",
    "SearchFilters",
    "StoredVersion",
    "TokenCache",
    "VectorCache",
    "VectorEntry",
    "VectorIndex",
    "Vectors",
]


@dataclass(frozen=True, slots=True)
class StoredVersion:
    document_id: str
    source: str


class DocumentStore(Protocol):
    """Transactional document repository (SQLite embedded, PostgreSQL in production)."""

    def version_at(self, source: str) -> StoredVersion | None:
        """The document currently stored for a source path, if any."""
        ...

    def source_of(self, document_id: str) -> str | None: ...

    def save(self, document: Document, segments: list[Segment], *, replacing: str | None = None) -> None:
        """Store a document and its segments atomically, removing ``replacing`` in the same transaction."""
        ...

    def delete(self, document_id: str) -> bool: ...

    def get(self, document_id: str) -> Document | None: ...

    def segments(self, document_id: str) -> list[Segment]: ...

    def segment(self, document_id: str, number: int) -> Segment | None: ...

    def passages(self, keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], Passage]:
        """Segments with their text and document metadata, without loading whole documents."""
        ...

    def summaries(
        self, *, kind: DocumentKind | None = None, limit: int = 50, offset: int = 0
    ) -> list[DocumentSummary]: ...

    def count(self, *, kind: DocumentKind | None = None) -> int: ...

    def record_failure(self, source: str, content_hash: str | None, code: str, detail: str) -> None: ...

    def failures(self) -> list[tuple[str, str, str]]:
        """``(source, code, detail)`` of files whose last ingestion failed."""
        ...

    def iter_documents(self, batch: int = 200) -> Iterator[Document]: ...

    def document_ids(self) -> set[str]: ...

    def close(self) -> None: ...


class DocumentParser(Protocol):
    @property
    def version(self) -> str: ...

    def parse(self, data: bytes, filename: str) -> ParsedDocument:
        """Parse bytes (format chosen by content); raise ``DocumentRejected`` for bad input."""
        ...


@dataclass(frozen=True, slots=True)
class IndexedSegment:
    key: str  # "<document_id>:<segment number>"
    kind: str
    agency: str | None
    law: str | None
    date: int | None  # yyyymmdd
    tokens: list[str]


class Analyzer(Protocol):
    version: str

    def analyze(self, texts: Sequence[str]) -> list[list[str]]: ...

    def query_tokens(self, text: str) -> list[str]: ...

    @property
    def batch_function(self) -> Callable[[Sequence[str]], list[list[str]]]:
        """A picklable top-level function equal to ``analyze``, for worker processes."""
        ...


class LexicalIndex(Protocol):
    broken: str | None  # why the index's files cannot be opened; ``clear`` sets them aside and mends it

    @property
    def analyzer_version(self) -> str | None: ...

    def indexed_documents(self) -> set[str]: ...

    def add(self, document_id: str, segments: list[IndexedSegment]) -> None: ...

    def remove(self, document_id: str) -> None: ...

    def commit(self, analyzer_version: str) -> None: ...

    def clear(self) -> None: ...

    def count(self) -> int: ...

    def search(self, tokens: list[str], filters: SearchFilters, limit: int) -> list[tuple[str, float]]:
        """``(segment key, score)`` best first."""
        ...

    def close(self) -> None: ...


class TokenCache(Protocol):
    def get_many(self, keys: Sequence[str]) -> dict[str, list[str]]: ...

    def put_many(self, items: dict[str, list[str]]) -> None: ...

    def close(self) -> None: ...


Vectors = NDArray[np.float32]  # [n, dimensions], rows L2-normalised


class EmbeddingUnavailable(RuntimeError):
    """The embedder could not be reached or answered badly (search then falls back to lexical)."""


class Embedder(Protocol):
    """Dense sentence embeddings (multilingual-e5 locally, or an OpenAI-compatible endpoint)."""

    @property
    def name(self) -> str:
        """Identifies the model and its settings; vectors from different names never mix."""
        ...

    @property
    def dimensions(self) -> int: ...

    def embed_queries(self, texts: Sequence[str]) -> Vectors: ...

    def embed_passages(self, texts: Sequence[str]) -> Vectors: ...


@dataclass(frozen=True, slots=True)
class VectorEntry:
    key: str  # "<document_id>:<segment number>", as in the lexical index
    kind: str
    agency: str | None
    law: str | None
    date: int | None


class VectorIndex(Protocol):
    @property
    def model(self) -> str | None:
        """The embedder name the stored vectors came from (None when empty)."""
        ...

    def indexed_documents(self) -> set[str]: ...

    def add(self, document_id: str, entries: list[VectorEntry], vectors: Vectors) -> None: ...

    def remove(self, document_id: str) -> None: ...

    def commit(self, model: str) -> None: ...

    def prepare(self) -> None:
        """Build whatever makes the first search fast (an ANN graph) after a batch of commits."""
        ...

    def clear(self) -> None: ...

    def count(self) -> int: ...

    def search(self, vector: Vectors, filters: SearchFilters, limit: int) -> list[tuple[str, float]]:
        """``(segment key, cosine)`` best first."""
        ...

    def close(self) -> None: ...


class VectorCache(Protocol):
    def get_many(self, keys: Sequence[str]) -> dict[str, Vectors]: ...

    def put_many(self, items: dict[str, Vectors]) -> None: ...

    def close(self) -> None: ...


class DepartmentRouter(Protocol):
    """Learns which unit handles a complaint from labelled history (민원 배정)."""

    def fit(self, texts: Sequence[str], tokens: Sequence[list[str]], labels: Sequence[str]) -> None: ...

    def rank(
        self, texts: Sequence[str], tokens: Sequence[list[str]], k: int
    ) -> list[list[tuple[str, float]]]:
        """For each complaint, up to ``k`` ``(label, confidence)`` best first."""
        ...
