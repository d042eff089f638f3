"""Dense retrieval (의미 검색): segment embeddings kept in step with the store, searched by cosine.

Optional: with no embedder configured search is lexical only. Embedding is the slow step (tens of
passages per second on two cores), so vectors are cached by (model, text hash), each batch of
documents is committed as it is done (an interrupted sync resumes where it stopped), and a
failing endpoint never fails a search — the lexical results are returned alone.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np

from biseo.domain.search.segment_text import segment_text
from biseo.services.ports import (
    DocumentStore,
    Embedder,
    EmbeddingUnavailable,
    SearchFilters,
    VectorCache,
    VectorIndex,
    Vectors,
)
from biseo.services.search.store_batches import IndexReport, documents_in_batches, plan_sync, segment_entry

log = logging.getLogger("biseo.dense")

_DOCS_PER_COMMIT = 50
_TEXTS_PER_CALL = 128


@dataclass
class DenseRetrieval:
    embedder: Embedder
    index: VectorIndex
    cache: VectorCache
    weight: float = 1.0  # weight of the dense list in reciprocal rank fusion (lexical = 1.0)

    def sync(
        self,
        store: DocumentStore,
        progress: Callable[[int, int], None] | None = None,
        only: Collection[str] | None = None,
    ) -> IndexReport:
        started = time.perf_counter()
        if self.index.model not in (None, self.embedder.name):
            log.info(
                "embedding model changed (%s -> %s): rebuilding vectors", self.index.model, self.embedder.name
            )
            self.index.clear()
            only = None  # a rebuild covers everything
        stale, todo = plan_sync(store.document_ids(), self.index.indexed_documents(), only)
        for document_id in stale:
            self.index.remove(document_id)
        segments = embedded = 0
        for done, pairs in documents_in_batches(store, todo, _DOCS_PER_COMMIT):
            vectors, fresh = self.passage_vectors([segment_text(d, s) for d, segs in pairs for s in segs])
            embedded += fresh
            at = 0
            for document, segs in pairs:
                self.index.add(
                    document.id, [segment_entry(document, s) for s in segs], vectors[at : at + len(segs)]
                )
                at += len(segs)
                segments += len(segs)
            self.index.commit(self.embedder.name)
            log.info(
                "dense: %d/%d documents, %d passages embedded",
                done,
                len(todo),
                embedded,
            )
            if progress:
                progress(done, len(todo))
        self.index.commit(self.embedder.name)
        self.index.prepare()
        return IndexReport(len(todo), len(stale), segments, time.perf_counter() - started, embedded=embedded)

    def passage_vectors(self, texts: Sequence[str]) -> tuple[Vectors, int]:
        """Vectors for texts through the cache; the second value counts texts actually embedded."""
        name = self.embedder.name
        keys = [hashlib.sha1(f"{name}\x00{t}".encode()).hexdigest() for t in texts]
        found = self.cache.get_many(keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        for start in range(0, len(missing), _TEXTS_PER_CALL):
            chunk = missing[start : start + _TEXTS_PER_CALL]
            vectors = self.embedder.embed_passages([texts[i] for i in chunk])
            fresh = {keys[i]: vectors[row] for row, i in enumerate(chunk)}
            self.cache.put_many(fresh)  # committed chunk by chunk: a killed sync keeps its work
            found.update(fresh)
        out = np.zeros((len(texts), self.embedder.dimensions), np.float32)
        for row, key in enumerate(keys):
            out[row] = found[key]
        return out, len(missing)

    def search(self, text: str, filters: SearchFilters, limit: int) -> list[tuple[str, float]]:
        """``(segment key, cosine)`` best first; empty (and logged) if the embedder fails."""
        if not text.strip():
            return []
        try:
            query = self.embedder.embed_queries([text])
        except EmbeddingUnavailable as exc:
            log.warning("dense retrieval skipped: %s", exc)
            return []
        return self.index.search(query[0], filters, limit)
