"""정보검색: explicit references first (법령명 + 조문), then BM25 over Korean morphemes, fused by
reciprocal rank with dense (embedding) retrieval when it is configured.

The law directory (titles, abbreviations) is built from the stored legislation on first use
and forgotten whenever the index changes.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

from biseo.domain.documents.model import Document, DocumentKind, Passage
from biseo.domain.errors import InvalidInput
from biseo.domain.search.articles import parse_article_label
from biseo.domain.search.fusion import reciprocal_rank_fusion
from biseo.domain.search.identity_tokens import reference_tokens
from biseo.domain.search.law_names import ExactReference, LawDirectory
from biseo.domain.search.query import (
    MAX_LIMIT,
    MAX_QUERY_CHARS,
    SearchFilters,
    SearchHit,
    SearchQuery,
    SearchResponse,
)
from biseo.domain.search.segment_text import parse_segment_key
from biseo.services.ports import Analyzer, DocumentStore, LexicalIndex
from biseo.services.search.dense import DenseRetrieval

_SNIPPET = 180
_FUSION_DEPTH = 50  # each list contributes at least this many candidates to the fusion
_LEGISLATION = (DocumentKind.STATUTE, DocumentKind.DECREE, DocumentKind.RULE)
_NOTHING_TO_SEARCH = "검색할 수 있는 낱말이 없습니다. 한글이나 영문, 숫자로 된 검색어를 넣어 주세요."


@dataclass
class SearchService:
    store: DocumentStore
    index: LexicalIndex
    analyzer: Analyzer
    use_references: bool = True  # False: plain BM25 (the evaluation baseline)
    dense: DenseRetrieval | None = None  # None: lexical only
    _directory: LawDirectory | None = None
    _precedents: dict[str, tuple[str, date | None]] | None = None
    _articles: dict[str, dict[tuple[int, int | None], int]] = field(default_factory=dict)
    _documents: OrderedDict[str, Document] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=4, thread_name_prefix="dense-query")
    )

    def warm_up(self) -> None:
        """Load the analyzer's model and the law directory now, not on the first user's query."""
        self.analyzer.query_tokens("민원 처리기간")
        self.directory()
        if self.dense is not None:
            self.dense.search("민원 처리기간", SearchFilters(), 1)

    def forget(self) -> None:
        """Drop cached law names and documents (after the index or the store changed)."""
        with self._lock:
            self._directory = None
            self._precedents = None
            self._articles.clear()
            self._documents.clear()

    def search(self, query: SearchQuery) -> SearchResponse:
        text, truncated = _clean(query)
        ranked, tokens = self.rank(text, query)
        if ranked is None:
            return SearchResponse(text, [], truncated, _NOTHING_TO_SEARCH)
        terms = _highlight_terms(tokens)
        top = ranked[: query.limit]
        passages = self.store.passages([key for key, _, _ in top])
        hits = [
            _hit(passages[k], s, e, terms) for k, s, e in top if k in passages
        ]  # missing: index ahead of store
        notice = _EMPTY_INDEX if not hits and self.index.count() == 0 and self.store.count() else None
        return SearchResponse(text, hits, truncated, notice)

    def law_key(self, law_name: str) -> str:
        """The compact base title a law filter matches, from a name as people write it (약칭 too)."""
        found = self.directory().find(law_name)
        return found[0].law if found else law_name.replace(" ", "")

    def rank(
        self, text: str, query: SearchQuery
    ) -> tuple[list[tuple[tuple[str, int], float, bool]] | None, list[str]]:
        """Ranked ``((document_id, number), score, exact)``; ``None`` when the text has nothing searchable."""
        dense_depth = max(query.limit, _FUSION_DEPTH)
        pending = (  # the query embedding runs while Kiwi analyses the query and BM25 ranks
            self._pool.submit(self.dense.search, text, query.filters, dense_depth) if self.dense else None
        )
        references = self.directory().find(text) if self.use_references else []
        tokens = self.analyzer.query_tokens(text) + [t for r in references for t in reference_tokens(r)]
        exact = self._exact_keys(references, query)
        if not tokens and not exact:
            return None, tokens
        depth = query.limit + len(exact)
        if pending is not None:
            depth = max(depth, _FUSION_DEPTH)
        scored = self.index.search(tokens, query.filters, depth) if tokens else []
        if pending is not None:
            scored = self._fuse(scored, pending.result())
        ranked: list[tuple[tuple[str, int], float, bool]] = [(k, float("inf"), True) for k in exact]
        seen = set(exact)
        for raw_key, score in scored:
            key = parse_segment_key(raw_key)
            if key not in seen:
                seen.add(key)
                ranked.append((key, score, False))
        return ranked[: query.limit], tokens

    def _fuse(
        self, lexical: list[tuple[str, float]], dense: list[tuple[str, float]]
    ) -> list[tuple[str, float]]:
        if not dense:
            return lexical
        weight = self.dense.weight if self.dense is not None else 1.0
        return reciprocal_rank_fusion([[k for k, _ in lexical], [k for k, _ in dense]], [1.0, weight])

    # --- exact references --------------------------------------------------------------------
    def directory(self) -> LawDirectory:
        with self._lock:
            if self._directory is None:
                directory = LawDirectory()
                for kind in _LEGISLATION:
                    for summary in self.store.summaries(kind=kind, limit=1_000_000):
                        directory.add(summary.title, str(kind), summary.id)
                self._directory = directory
            return self._directory

    def precedents(self) -> dict[str, tuple[str, date | None]]:
        """Stored precedents by 사건번호 (spaces removed): document id and 선고일자."""
        with self._lock:
            if self._precedents is not None:
                return self._precedents
        found: dict[str, tuple[str, date | None]] = {}
        for summary in self.store.summaries(kind=DocumentKind.PRECEDENT, limit=1_000_000):
            document = self.store.get(summary.id)
            number = str((document.metadata if document else {}).get("사건번호") or "")
            for one in number.split(","):  # 병합 사건: 2000두1234, 2000두1235
                if one.strip():
                    found["".join(one.split())] = (summary.id, document.dates.decided if document else None)
        with self._lock:
            self._precedents = found
        return found

    def article_segment(self, reference: ExactReference) -> tuple[str, int] | None:
        """The stored document and segment number of a cited article, if both exist."""
        if reference.article is None:
            return None
        document_id = self.directory().document_for(reference)
        if document_id is None:
            return None
        number = self._article_numbers(document_id).get((reference.article.article, reference.article.branch))
        return (document_id, number) if number is not None else None

    def _exact_keys(self, references: list[ExactReference], query: SearchQuery) -> list[tuple[str, int]]:
        keys: list[tuple[str, int]] = []
        for reference in references:
            if reference.article is None:
                continue
            document_id = self.directory().document_for(reference)
            if document_id is None:
                continue
            number = self._article_numbers(document_id).get(
                (reference.article.article, reference.article.branch)
            )
            if (
                number is not None
                and (document_id, number) not in keys
                and _passes(query, self._document(document_id))
            ):
                keys.append((document_id, number))
        return keys

    def _article_numbers(self, document_id: str) -> dict[tuple[int, int | None], int]:
        if document_id not in self._articles:
            document = self._document(document_id)
            table: dict[tuple[int, int | None], int] = {}
            for segment in self.store.segments(document_id):
                if segment.kind == "article" and document is not None:
                    ref = parse_article_label(segment.label.removeprefix(document.title))
                    if ref is not None:
                        table.setdefault((ref.article, ref.branch), segment.number)
            self._articles[document_id] = table
        return self._articles[document_id]

    # --- results -------------------------------------------------------------------------------
    def _document(self, document_id: str) -> Document | None:
        with self._lock:
            cached = self._documents.get(document_id)
            if cached is not None:
                self._documents.move_to_end(document_id)
                return cached
        document = self.store.get(document_id)
        if document is not None:
            with self._lock:
                self._documents[document_id] = document
                while len(self._documents) > 64:  # statutes run to ~1 MB of text each
                    self._documents.popitem(last=False)
        return document


_EMPTY_INDEX = (
    "검색 색인이 비어 있어 결과를 찾을 수 없습니다(저장된 문서는 있습니다). "
    "관리자가 'biseo index sync' 또는 'biseo index rebuild'를 실행해야 합니다."
)


def _hit(passage: Passage, score: float, exact: bool, terms: list[str]) -> SearchHit:
    segment = passage.segment
    return SearchHit(
        document_id=segment.document_id,
        number=segment.number,
        label=segment.label,
        title=passage.title,
        kind=passage.kind,
        agency=passage.agency,
        date=passage.date,
        score=score,
        snippet=snippet(passage.text, terms),
        exact=exact,
    )


def _clean(query: SearchQuery) -> tuple[str, bool]:
    text = " ".join(query.text.split())
    if not text:
        raise InvalidInput("empty query", message_ko="검색어를 입력해 주세요.")
    if not 1 <= query.limit <= MAX_LIMIT:
        raise InvalidInput(
            f"limit must be 1..{MAX_LIMIT}", message_ko=f"결과 수는 1~{MAX_LIMIT} 사이로 정해 주세요."
        )
    return text[:MAX_QUERY_CHARS], len(text) > MAX_QUERY_CHARS


def _passes(query: SearchQuery, document: Document | None) -> bool:
    f = query.filters
    if document is None:
        return False
    return (not f.kind or f.kind == document.kind) and (not f.agency or f.agency == document.agency)


def _highlight_terms(tokens: list[str]) -> list[str]:
    terms = {t for t in tokens if len(t) >= 2 and "§" not in t and not t.startswith("법:")}
    return sorted(terms, key=len, reverse=True)


def snippet(text: str, terms: list[str], width: int = _SNIPPET) -> str:
    """A window of the segment around its first matched term, every match wrapped in «…»."""
    flat = " ".join(text.split())
    if not terms:
        return flat[:width] + ("…" if len(flat) > width else "")
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    first = pattern.search(flat)
    start = max(0, (first.start() if first else 0) - width // 4)
    window = flat[start : start + width]
    marked = pattern.sub(lambda m: f"«{m.group(0)}»", window)
    return ("…" if start > 0 else "") + marked + ("…" if start + width < len(flat) else "")
