"""Ingestion (문서 등록): idempotent, resumable, parallel parsing, one transaction per document.

The main process hashes each file and skips what is already stored; worker processes
parse and segment; the main process is the only writer. A kill at any moment leaves
every committed document whole and nothing half-written; running again resumes.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from biseo.domain.documents.segmentation import DEFAULT_BUDGET
from biseo.domain.errors import DocumentRejected, ErrorCode
from biseo.domain.identity import content_id
from biseo.services.documents.preparation import Prepared, Rejected, prepare_bytes, prepare_file, read_limited
from biseo.services.ports import DocumentParser, DocumentStore
from biseo.services.worker_processes import worker_pool

log = logging.getLogger("biseo.ingest")


class FileStatus(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class FileResult:
    source: str
    status: FileStatus
    document_id: str | None = None
    segments: int = 0
    size_bytes: int = 0
    code: str | None = None
    message_ko: str | None = None
    detail: str | None = None


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: FileStatus) -> int:
        return sum(1 for r in self.results if r.status is status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status is FileStatus.FAILED]

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class IngestService:
    store: DocumentStore
    parser: DocumentParser
    max_bytes: int = 200 * 1024 * 1024
    workers: int = 0  # 0: one per CPU
    budget: int = DEFAULT_BUDGET

    def ingest(
        self,
        paths: Iterable[str],
        *,
        on_result: Callable[[FileResult], None] | None = None,
        force: bool = False,
    ) -> IngestReport:
        report = IngestReport()

        def emit(result: FileResult) -> None:
            report.results.append(result)
            if on_result:
                on_result(result)

        pending: list[tuple[str, str | None]] = []  # (source, previous document id)
        queued: dict[str, str] = {}  # content id -> the source queued for it in this batch
        for item in expand_paths(paths):
            if isinstance(item, FileResult):
                emit(item)
                continue
            decided = self._triage(item, force)
            if isinstance(decided, FileResult):
                emit(decided)
                continue
            previous_id, doc_id = decided
            if doc_id in queued:
                emit(FileResult(item, FileStatus.DUPLICATE, doc_id, detail=f"same as {queued[doc_id]}"))
                continue
            queued[doc_id] = item
            pending.append((item, previous_id))
        previous = dict(pending)
        for outcome in self._prepare_all([source for source, _ in pending]):
            source = outcome.source if isinstance(outcome, Rejected) else outcome.document.source
            emit(self._store(outcome, previous.get(source)))
        return report

    def ingest_bytes(self, data: bytes, filename: str) -> FileResult:
        """One uploaded file; raises ``DocumentRejected`` (with its Korean message) for bad input."""
        if len(data) > self.max_bytes:
            raise DocumentRejected(ErrorCode.TOO_LARGE, f"{len(data)} bytes > limit {self.max_bytes}")
        doc_id = content_id(data)
        holder = self.store.source_of(doc_id)
        if holder is not None:
            return FileResult(holder, FileStatus.UNCHANGED, doc_id, size_bytes=len(data))
        name = Path(filename.replace("\\", "/")).name[:200] or "upload"
        prepared = prepare_bytes(data, f"upload:{doc_id}/{name}", self.parser, self.budget)
        return self._store(prepared, None)

    def files_to_ingest(self, paths: Iterable[str]) -> int:
        return sum(1 for item in expand_paths(paths) if not isinstance(item, FileResult))

    # --- steps ---------------------------------------------------------------------------
    def _triage(self, source: str, force: bool) -> FileResult | tuple[str | None, str]:
        """A final result (unchanged, duplicate, too large…), or (previous version's id, new content id)."""
        try:
            data = read_limited(Path(source), self.max_bytes)
        except DocumentRejected as exc:
            return self._fail(source, None, exc)
        doc_id = content_id(data)
        stored = self.store.version_at(source)
        if stored and stored.document_id == doc_id and not force:
            return FileResult(source, FileStatus.UNCHANGED, doc_id, size_bytes=len(data))
        holder = self.store.source_of(doc_id)
        if holder is not None and holder != source and not force:
            if stored:  # this path's content changed into a copy of another stored file
                self.store.delete(stored.document_id)
            return FileResult(
                source, FileStatus.DUPLICATE, doc_id, size_bytes=len(data), detail=f"same as {holder}"
            )
        return (stored.document_id if stored else None, doc_id)

    def _store(self, outcome: Prepared | Rejected, previous: str | None) -> FileResult:
        if isinstance(outcome, Rejected):
            return self._fail(outcome.source, outcome.content_hash, outcome.error)
        document = outcome.document
        self.store.save(document, outcome.segments, replacing=previous)
        status = FileStatus.REPLACED if previous else FileStatus.ADDED
        return FileResult(document.source, status, document.id, len(outcome.segments), document.size_bytes)

    def _fail(self, source: str, content_hash: str | None, error: object) -> FileResult:
        code = getattr(error, "code", ErrorCode.CORRUPT)
        detail = getattr(error, "detail", str(error))
        message = getattr(error, "message_ko", None)
        # File names of 민원 often carry a person's name: the log gets a hash and the extension only.
        log.warning("ingest failed: %s: %s (%s)", file_reference(source, content_hash), code, detail)
        self.store.record_failure(source, content_hash, str(code), detail)
        return FileResult(source, FileStatus.FAILED, code=str(code), message_ko=message, detail=detail)

    def _prepare_all(self, sources: list[str]) -> Iterator[Prepared | Rejected]:
        workers = self.workers or os.cpu_count() or 1
        if workers <= 1 or len(sources) <= 2:
            for source in sources:
                yield prepare_file(source, self.parser, self.max_bytes, self.budget)
            return
        remaining = list(sources)
        try:
            with worker_pool(workers) as pool:
                futures: dict[Future[Prepared | Rejected], str] = {}
                window = workers * 4
                queue = iter(list(remaining))
                for source in _take(queue, window):
                    futures[pool.submit(prepare_file, source, self.parser, self.max_bytes, self.budget)] = (
                        source
                    )
                while futures:
                    done = next(_first_done(futures))
                    source = futures.pop(done)
                    outcome = done.result()
                    remaining.remove(source)
                    yield outcome
                    for nxt in _take(queue, 1):
                        futures[pool.submit(prepare_file, nxt, self.parser, self.max_bytes, self.budget)] = (
                            nxt
                        )
        except BrokenProcessPool:
            log.error("a parser worker died; isolating the %d unfinished files", len(remaining))
            yield from self._isolated(remaining)

    def _isolated(self, sources: list[str]) -> Iterator[Prepared | Rejected]:
        """Each file in its own worker, so one that kills its process fails alone."""
        for source in sources:
            try:
                with worker_pool(1) as pool:
                    yield pool.submit(prepare_file, source, self.parser, self.max_bytes, self.budget).result()
            except BrokenProcessPool:
                error = DocumentRejected(ErrorCode.PARSER_CRASHED, "the parser process died on this file")
                yield Rejected(source, None, error, 0.0)


def file_reference(source: str, content_hash: str | None) -> str:
    """How logs name a file without its name: ``file#<hash of the path>.hwp (content <hash>)``."""
    path_hash = hashlib.sha256(source.encode()).hexdigest()[:10]
    content = f" (content {content_hash[:10]})" if content_hash else ""
    return f"file#{path_hash}{Path(source).suffix.lower()[:10]}{content}"


def _take(queue: Iterator[str], n: int) -> list[str]:
    out: list[str] = []
    for item in queue:
        out.append(item)
        if len(out) >= n:
            break
    return out


def _first_done(futures: dict[Future[Prepared | Rejected], str]) -> Iterator[Future[Prepared | Rejected]]:
    from concurrent.futures import FIRST_COMPLETED, wait

    done, _ = wait(list(futures), return_when=FIRST_COMPLETED)
    yield from done


_GLOB_CHARS = set("*?[")


def expand_paths(paths: Iterable[str]) -> Iterator[str | FileResult]:
    """Files, folders (recursively) and glob patterns, as absolute paths, each once, in a stable order."""
    seen: set[str] = set()
    for raw in paths:
        if _GLOB_CHARS & set(raw) and not Path(raw).exists():
            matches = sorted(glob.glob(raw, recursive=True))
            candidates: list[Path] = [Path(m) for m in matches]
            if not candidates:
                yield _missing(raw)
                continue
        else:
            candidates = [Path(raw)]
        for candidate in candidates:
            if candidate.is_dir():
                files = sorted(p for p in candidate.rglob("*") if p.is_file() and not _hidden(p, candidate))
            elif candidate.is_file():
                files = [candidate]
            else:
                yield _missing(str(candidate))
                continue
            for file in files:
                key = str(file.resolve())
                if key not in seen:
                    seen.add(key)
                    yield key


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _missing(source: str) -> FileResult:
    error = DocumentRejected(ErrorCode.UNREADABLE, "no such file or directory")
    return FileResult(
        source, FileStatus.FAILED, code=str(error.code), message_ko=error.message_ko, detail=error.detail
    )
