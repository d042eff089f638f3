"""The lexical index: tantivy (BM25) over pre-analysed tokens joined by spaces, whitespace-tokenized.

Keyword fields (kind, agency, law) are raw terms for filtering; ``date`` is an integer ``yyyymmdd``.
A manifest next to the index lists the documents it holds, so it can be synced with the store.

Several processes may share the index (``biseo serve`` and a nightly ``biseo ingest``). tantivy
lets one writer in at a time; the others wait for it (``lock_wait_seconds``), then give up with a
clear error. The manifest is re-read when a writer is taken and saved before it is let go, so each
process sees what the others indexed and never re-indexes or forgets it.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from biseo.adapters.search.writer_lock import when_free
from biseo.domain.errors import IndexUnavailable
from biseo.services.ports import IndexedSegment, SearchFilters

log = logging.getLogger(__name__)
_MAX_QUERY_TERMS = 64  # long queries (a whole 판시사항 or complaint) keep their rarest terms


class TantivyIndex:
    def __init__(
        self,
        path: Path,
        heap_bytes: int = 256 * 1024 * 1024,
        max_query_terms: int | None = _MAX_QUERY_TERMS,
        lock_wait_seconds: float = 60.0,
    ) -> None:
        import tantivy

        self._t = tantivy
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("key", stored=True, tokenizer_name="raw")
        builder.add_text_field("doc_id", tokenizer_name="raw")
        builder.add_text_field("kind", tokenizer_name="raw")
        builder.add_text_field("agency", tokenizer_name="raw")
        builder.add_text_field("law", tokenizer_name="raw")
        builder.add_integer_field("date", indexed=True, fast=True)
        builder.add_text_field("body", tokenizer_name="whitespace", index_option="freq")
        self._schema = builder.build()
        self.broken: str | None = None  # why the files cannot be opened (search stops; rebuild mends)
        self._index: Any = self._open()
        self._heap = heap_bytes
        self._max_query_terms = max_query_terms  # None: every term (the plain-BM25 baseline)
        self._writer: Any = None
        self.lock_wait_seconds = lock_wait_seconds
        self._lock = threading.Lock()
        self._manifest_path = path / "manifest.json"
        self._manifest: dict[str, Any] = self._load_manifest()

    def _open(self) -> Any:
        try:
            return self._t.Index(self._schema, path=str(self.path), reuse=True)
        except (ValueError, OSError) as exc:  # a truncated or deleted segment file, a bad meta.json
            self.broken = str(exc)[:300]
            log.error("search index at %s cannot be opened: %s", self.path, self.broken)
            return None

    def _usable(self) -> Any:
        if self._index is None:
            raise IndexUnavailable(f"index at {self.path} cannot be opened: {self.broken}")
        return self._index

    def _set_aside(self) -> None:
        """Move damaged files out of the way (kept for inspection) and start an empty index."""
        aside = self.path.with_name(f"{self.path.name}.broken-{int(time.time())}")
        self.path.rename(aside)
        log.warning("damaged search index moved to %s; rebuilding from the store", aside)
        self.path.mkdir(parents=True)
        self.broken = None
        self._index = self._open()
        self._manifest = {"analyzer": None, "documents": {}}

    # --- manifest ------------------------------------------------------------------------
    def _load_manifest(self) -> dict[str, Any]:
        if self._manifest_path.is_file():
            try:
                return dict(json.loads(self._manifest_path.read_text(encoding="utf-8")))
            except ValueError as exc:  # a cut-off manifest: the index no longer knows what it holds
                self.broken = self.broken or f"manifest unreadable: {exc}"[:300]
                self._index = None
        return {"analyzer": None, "documents": {}}

    def _save_manifest(self) -> None:
        tmp = self._manifest_path.with_suffix(".tmp")  # one writer at a time holds the index lock
        tmp.write_text(json.dumps(self._manifest, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self._manifest_path)

    def _refresh_manifest(self) -> None:
        """What other processes indexed meanwhile (only between writes: a writer's changes are pending)."""
        if self._writer is None:
            self._manifest = self._load_manifest()

    @property
    def analyzer_version(self) -> str | None:
        value = self._manifest.get("analyzer")
        return str(value) if value else None

    def indexed_documents(self) -> set[str]:
        with self._lock:
            self._refresh_manifest()
            return set(self._manifest["documents"])

    # --- writes --------------------------------------------------------------------------
    def _get_writer(self) -> Any:
        if self._writer is None:
            writer = when_free(
                lambda: self._usable().writer(heap_size=self._heap, num_threads=1),
                lambda exc: isinstance(exc, ValueError) and "LockBusy" in str(exc),
                self.lock_wait_seconds,
                "search index",
            )
            self._manifest = self._load_manifest()  # now under the lock: the others' latest
            self._writer = writer
        return self._writer

    def add(self, document_id: str, segments: list[IndexedSegment]) -> None:
        with self._lock:
            writer = self._get_writer()
            writer.delete_documents_by_term("doc_id", document_id)
            for s in segments:
                writer.add_document(
                    self._t.Document(
                        key=s.key,
                        doc_id=document_id,
                        kind=s.kind,
                        agency=s.agency or "",
                        law=s.law or "",
                        date=s.date or 0,
                        body=" ".join(s.tokens),
                    )
                )
            self._manifest["documents"][document_id] = len(segments)

    def remove(self, document_id: str) -> None:
        with self._lock:
            self._get_writer().delete_documents_by_term("doc_id", document_id)
            self._manifest["documents"].pop(document_id, None)

    def commit(self, analyzer_version: str) -> None:
        with self._lock:
            if self._writer is None and self._manifest.get("analyzer") == analyzer_version:
                self._usable().reload()  # nothing written here; see what other processes committed
                return  # and take no lock (another process may be writing for minutes)
            writer = self._get_writer()
            writer.commit()
            writer.wait_merging_threads()
            self._manifest["analyzer"] = analyzer_version
            self._save_manifest()  # before the lock is let go
            self._writer = None
            del writer
            self._index.reload()

    def clear(self) -> None:
        with self._lock:
            if self._index is None:
                self._set_aside()
            writer = self._get_writer()
            writer.delete_all_documents()
            writer.commit()
            writer.wait_merging_threads()
            self._manifest = {"analyzer": None, "documents": {}}
            self._save_manifest()
            self._writer = None
            del writer
            self._index.reload()

    # --- reads ---------------------------------------------------------------------------
    def count(self) -> int:
        return int(self._index.searcher().num_docs) if self._index is not None else 0

    def search(self, tokens: list[str], filters: SearchFilters, limit: int) -> list[tuple[str, float]]:
        t = self._t
        counts = Counter(tokens)
        if not counts:
            return []
        searcher = self._usable().searcher()
        terms = list(counts)
        if self._max_query_terms is not None:
            terms = _informative(terms, searcher, self._max_query_terms)
        should = [
            (
                t.Occur.Should,
                t.Query.boost_query(
                    t.Query.term_query(self._schema, "body", term), 1.0 + math.log(counts[term])
                ),
            )
            for term in terms
        ]
        clauses = [(t.Occur.Must, t.Query.boolean_query(should))]
        for field, value in (("kind", filters.kind), ("agency", filters.agency), ("law", filters.law)):
            if value:
                clauses.append((t.Occur.Must, t.Query.term_query(self._schema, field, value)))
        if filters.date_from or filters.date_to:
            low = int(filters.date_from.strftime("%Y%m%d")) if filters.date_from else 0
            high = int(filters.date_to.strftime("%Y%m%d")) if filters.date_to else 99991231
            clauses.append(
                (t.Occur.Must, t.Query.range_query(self._schema, "date", t.FieldType.Integer, low, high))
            )
        hits = searcher.search(t.Query.boolean_query(clauses), limit=limit, count=False).hits
        return [(searcher.doc(address)["key"][0], float(score)) for score, address in hits]

    def close(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._writer.rollback()
                self._writer = None


def _informative(terms: list[str], searcher: Any, cap: int) -> list[str]:
    """All terms if few; else references (§, 법:) plus the rarest others, by document frequency."""
    if len(terms) <= cap:
        return terms
    pinned = [t for t in terms if "§" in t or t.startswith("법:")]
    others = sorted((t for t in terms if t not in pinned), key=lambda t: searcher.doc_freq("body", t))
    return pinned + others[: max(cap - len(pinned), 0)]
