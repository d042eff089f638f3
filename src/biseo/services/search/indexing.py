"""Keep the search index in step with the store (색인): add what is new, drop what is gone.

Analysis (Kiwi) is the slow step, so it runs in worker processes and its output is cached by
text hash: rebuilding the index, or indexing the same text in another workspace, re-analyses nothing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from biseo.domain.documents.model import Document, Segment
from biseo.domain.errors import IndexBusy, IndexUnavailable
from biseo.domain.search.identity_tokens import segment_identity_tokens
from biseo.domain.search.segment_text import segment_text
from biseo.services.ports import Analyzer, DocumentStore, IndexedSegment, LexicalIndex, TokenCache
from biseo.services.search.dense import DenseRetrieval
from biseo.services.search.store_batches import IndexReport, documents_in_batches, plan_sync, segment_entry
from biseo.services.worker_processes import worker_pool

log = logging.getLogger("biseo.index")

_CHUNK_TEXTS = 64
_DOCS_PER_COMMIT = 200


@dataclass
class IndexingService:
    store: DocumentStore
    index: LexicalIndex
    analyzer: Analyzer
    cache: TokenCache
    workers: int = 1  # analysis processes; 0 = one per CPU
    on_change: Callable[[], None] | None = None  # e.g. the search service forgetting its law directory
    dense: DenseRetrieval | None = None  # embeddings kept in step after the lexical index
    deferred: set[str] = field(default_factory=set)  # uploads stored while another process indexed

    def sync(
        self, progress: Callable[[int, int], None] | None = None, only: Collection[str] | None = None
    ) -> IndexReport:
        """Index what the store holds and the index does not, drop what the store lost. ``only``
        limits it to those documents (an upload): what another process is ingesting is left to it,
        instead of analysing its thousands of documents inside someone's request."""
        started = time.perf_counter()
        if self.index.analyzer_version not in (None, self.analyzer.version):
            log.info(
                "analyzer changed (%s -> %s): rebuilding the index",
                self.index.analyzer_version,
                self.analyzer.version,
            )
            self.index.clear()
            only = None  # a rebuild covers everything
        stale, todo = plan_sync(self.store.document_ids(), self.index.indexed_documents(), only)
        for document_id in stale:
            self.index.remove(document_id)
        segments = analysed = 0
        with _Analysis(self.analyzer, self.cache, self.workers, len(todo)) as analysis:
            for done, pairs in documents_in_batches(self.store, todo, _DOCS_PER_COMMIT):
                texts = [segment_text(d, s) for d, segs in pairs for s in segs]
                tokens = iter(analysis.tokens(texts))
                for document, segs in pairs:
                    self.index.add(document.id, [self._indexed(document, s, next(tokens)) for s in segs])
                    segments += len(segs)
                self.index.commit(self.analyzer.version)
                if progress:
                    progress(done, len(todo))
            analysed = analysis.analysed
        self.index.commit(self.analyzer.version)
        if (todo or stale) and self.on_change:
            self.on_change()
        embedded = self.dense.sync(self.store, only=only).embedded if self.dense is not None else 0
        seconds = time.perf_counter() - started
        return IndexReport(len(todo), len(stale), segments, seconds, analysed=analysed, embedded=embedded)

    def index_uploads(self, document_ids: Collection[str]) -> bool:
        """Make uploaded documents searchable at once: these, and earlier uploads that had to wait.
        False when another process holds the index (an ingest); they are kept for the next call."""
        wanted = set(document_ids) | self.deferred
        try:
            self.sync(only=wanted)
        except (IndexBusy, IndexUnavailable) as exc:  # another writer, or damaged files awaiting a rebuild
            log.warning("upload stored, indexing deferred: %s", exc.detail)
            self.deferred = wanted
            return False
        self.deferred = set()
        return True

    def lag(self) -> tuple[int, str | None]:
        """Stored documents the index does not hold yet, and why the index cannot be opened (None: it can)."""
        return len(self.store.document_ids() - self.index.indexed_documents()), self.index.broken

    def analyse(self, texts: Sequence[str]) -> list[list[str]]:
        """Tokens for arbitrary texts through the same cache and workers the index uses."""
        with _Analysis(self.analyzer, self.cache, self.workers, len(texts)) as analysis:
            return analysis.tokens(texts)

    def rebuild(self) -> IndexReport:
        self.index.clear()
        if self.dense is not None:
            self.dense.index.clear()
        return self.sync()

    def _indexed(self, document: Document, segment: Segment, tokens: list[str]) -> IndexedSegment:
        entry = segment_entry(document, segment)
        return IndexedSegment(
            entry.key,
            entry.kind,
            entry.agency,
            entry.law,
            entry.date,
            tokens + segment_identity_tokens(document, segment),
        )


class _Analysis:
    """Cache lookups in this process; misses analysed in worker processes when there are many."""

    def __init__(self, analyzer: Analyzer, cache: TokenCache, workers: int, documents: int) -> None:
        self.analyzer = analyzer
        self.cache = cache
        self.workers = workers or os.cpu_count() or 1
        self.use_pool = documents > 20  # even one worker process keeps the writer free
        self.pool: ProcessPoolExecutor | None = None
        self.analysed = 0

    def __enter__(self) -> _Analysis:
        if self.use_pool:
            self.pool = worker_pool(self.workers)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def tokens(self, texts: Sequence[str]) -> list[list[str]]:
        version = self.analyzer.version
        keys = [hashlib.sha1(f"{version}\x00{t}".encode()).hexdigest() for t in texts]
        found = self.cache.get_many(keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            fresh: dict[str, list[str]] = {}
            for indices, result in self._analyse([texts[i] for i in missing], missing):
                for i, tokens in zip(indices, result, strict=True):
                    fresh[keys[i]] = tokens
            self.cache.put_many(fresh)
            found.update(fresh)
            self.analysed += len(missing)
        return [found[k] for k in keys]

    def _analyse(self, texts: list[str], indices: list[int]) -> Iterator[tuple[list[int], list[list[str]]]]:
        chunks = [
            (indices[i : i + _CHUNK_TEXTS], texts[i : i + _CHUNK_TEXTS])
            for i in range(0, len(texts), _CHUNK_TEXTS)
        ]
        if self.pool is None:
            for idx, chunk in chunks:
                yield idx, self.analyzer.analyze(chunk)
            return
        function = self.analyzer.batch_function
        for (idx, _), result in zip(chunks, self.pool.map(function, [c for _, c in chunks]), strict=True):
            yield idx, result
