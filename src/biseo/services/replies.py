"""민원 답변서 초안: retrieve similar past answers and statute articles, draft (template or model),
then verify every citation and lint the 공문서 form.

With no model configured the draft is assembled from templates and retrieved sentences and says so;
a configured model writes it from the same numbered sources, behind the privacy guard.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from biseo.domain.documents import DocumentKind
from biseo.domain.drafting.lint import LintIssue, Severity, lint
from biseo.domain.drafting.notation import normalize_notation
from biseo.domain.drafting.overlap import coverage, shingles
from biseo.domain.drafting.reply import (
    MODEL_LABEL,
    TEMPLATE_LABEL,
    ReplyInput,
    Source,
    SourceKind,
    answer_sentences,
    cited_numbers,
    compose_reply,
    gist_of,
    greeting_of,
    sentence_before,
)
from biseo.domain.errors import InvalidInput
from biseo.domain.search.query import SearchQuery
from biseo.services.citations import CitationStatus, CitationVerifier
from biseo.services.llm import GuardedChat, LlmUnavailable, Message
from biseo.services.past_answers import PastAnswerIndex, PastMatch
from biseo.services.prompts import load_prompt
from biseo.services.search import SearchService

log = logging.getLogger(__name__)
MAX_COMPLAINT_CHARS = 20_000
_FINDINGS = 6
_ARTICLE_HITS = 2
_MIN_SCORE_PER_TERM = 1.0  # BM25 per distinct query term below which an article is not offered
_CHECK_FINDINGS = (
    "검토 결과는 유사 민원 답변의 문장을 옮긴 것입니다. 이 민원의 사실관계에 맞는지 확인해 주십시오."
)
_NO_FINDINGS = "비슷한 과거 민원 답변을 찾지 못했습니다. 검토 결과를 직접 작성해 주십시오."
_WEAK_FINDINGS = (
    "검토 결과를 옮긴 과거 민원은 이 민원과 핵심어가 {share}%만 겹칩니다. 다른 사안의 답변일 가능성이 "
    "크니, 이 민원에 맞게 다시 써 주십시오."
)
# Below this share of the complaint's term weight (IDF) the nearest past complaint is usually another
# matter: on the 872 dev complaints only about one such match in five came from the unit that answered
# (under 0.10: 0.15-0.26 per decile; above 0.18: 0.72-0.88). Set once on that curve, not tuned.
WEAK_MATCH = 0.10
_ARTICLE_LABEL = re.compile(r"^제\s*\d+\s*조")
_GROUNDS_NOTE = "관련 근거는 검색으로 찾은 조문입니다. 이 민원에 적용되는지 확인해 주십시오."
_LEGISLATION = {DocumentKind.STATUTE, DocumentKind.DECREE, DocumentKind.RULE}


@dataclass(frozen=True, slots=True)
class CitationResult:
    number: int | None  # the [n] marker, None for a law named in free text
    text: str  # the supported sentence, or the cited law and article
    start: int
    end: int
    status: str  # verified | unsupported | no_such_source | CitationStatus values
    message: str


@dataclass
class ReplyDraft:
    text: str
    mode: str
    sources: list[Source]
    citations: list[CitationResult]
    lint: list[LintIssue]
    department: str | None
    model: str | None = None
    prompt: str | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def citations_valid(self) -> bool:
        return all(c.status == "verified" for c in self.citations)

    @property
    def lint_passed(self) -> bool:
        return not any(i.severity is Severity.ERROR for i in self.lint)

    def verification(self) -> dict[str, Any]:
        """The verification report an output carries (and the audit trail stores)."""
        return {
            "citations": len(self.citations),
            "verified": sum(c.status == "verified" for c in self.citations),
            "flagged": [asdict(c) for c in self.citations if c.status != "verified"],
            "lint_passed": self.lint_passed,
            "lint": [
                {
                    "line": i.line,
                    "column": i.column,
                    "code": i.code,
                    "message": i.message,
                    "severity": str(i.severity),
                }
                for i in self.lint
            ],
        }

    def source_list(self) -> list[dict[str, Any]]:
        return [
            {
                "number": s.number,
                "kind": str(s.kind),
                "label": s.label,
                "document_id": s.document_id,
                "segment": s.segment,
                "reference": s.reference,
                "department": s.department,
                "match_share": s.match_share,
                "weak_match": s.match_share is not None and s.match_share < WEAK_MATCH,
                "text": s.text[:2000],
            }
            for s in self.sources
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "mode": self.mode,
            "department": self.department,
            "model": self.model,
            "prompt": self.prompt,
            "notices": self.notices,
            "sources": self.source_list(),
            "citations": [asdict(c) for c in self.citations],
            "verification": self.verification(),
        }


@dataclass
class ReplyService:
    search: SearchService
    verifier: CitationVerifier
    past: Callable[[], PastAnswerIndex]
    chat: GuardedChat | None = None

    def draft(
        self,
        title: str,
        content: str,
        *,
        exclude: Iterable[str] = (),
        use_model: bool = True,
        department: str | None = None,
    ) -> ReplyDraft:
        """``department``: the unit answering (배정 부서); its own similar answers are preferred."""
        if not (title.strip() or content.strip()):
            raise InvalidInput("empty complaint", message_ko="민원 제목이나 내용을 입력해 주세요.")
        if len(content) > MAX_COMPLAINT_CHARS:
            raise InvalidInput(
                "complaint too long",
                message_ko=f"민원 내용은 {MAX_COMPLAINT_CHARS:,}자까지 받을 수 있습니다.",
            )
        matches = self.past().similar(title, content, k=3, exclude=exclude, unit=department)
        sources, findings, dropped = self._answer_sources(matches)
        grounds = self._articles(title, content, matches, start=len(sources) + 1)
        sources += grounds
        department = next((d for m in matches if (d := _department(m.answer.department))), None)
        log.info("reply draft: %d similar answers, %d articles", len(matches), len(grounds))
        notices = []
        if self.chat is not None and use_model:
            try:
                return self._model_draft(title, content, sources, department)
            except LlmUnavailable as exc:
                notices.append(f"LLM을 쓸 수 없어 템플릿으로 작성했습니다: {exc}")
        if dropped:
            notices.append(f"확인할 수 없는 법령 인용이 있는 문장 {dropped}개는 초안에서 뺐습니다.")
        parts = ReplyInput(
            normalize_notation(title),
            content,
            normalize_notation(gist_of(title, content)),
            findings,
            grounds,
            department,
            notes=[_findings_note(findings, matches)] + ([_GROUNDS_NOTE] if grounds else []),
            greeting=next((g for m in matches[:1] if (g := greeting_of(m.answer.answer))), None),
        )
        text, _ = compose_reply(parts)
        lines = text.splitlines(keepends=True)  # lines 2–3 quote the complainant (요지): not our claims
        quoted = (len(lines[0]), len(lines[0]) + len(lines[1]) + len(lines[2]))
        return self._finish(text, TEMPLATE_LABEL, sources, department, notices=notices, quoted=quoted)

    def _citations_hold(self, sentence: str) -> bool:
        return all(c.status is CitationStatus.VERIFIED for c in self.verifier.verify(sentence))

    # --- retrieval ---------------------------------------------------------------------------
    def _answer_sources(self, matches: list[PastMatch]) -> tuple[list[Source], list[tuple[str, int]], int]:
        """Every match as a source; the findings come from the best match that has sentences whose
        law citations all verify (a template never carries an unverifiable citation)."""
        sources: list[Source] = []
        findings: list[tuple[str, int]] = []
        dropped = 0
        for match in matches:
            answer = match.answer
            number = len(sources) + 1
            sources.append(
                Source(
                    number,
                    SourceKind.ANSWER,
                    f"유사 민원 {answer.id} 「{_short(answer.title)}」 답변",
                    answer.answer,
                    reference=answer.id,
                    department=answer.department,
                    score=match.score,
                    match_share=match.coverage,
                )
            )
            if not findings:
                sentences = answer_sentences(answer.answer)[:_FINDINGS]
                kept = [s for s in sentences if self._citations_hold(s)]
                dropped += len(sentences) - len(kept)
                findings = [(normalize_notation(s), number) for s in kept]
        return sources, findings, dropped

    def _articles(self, title: str, content: str, matches: list[PastMatch], start: int) -> list[Source]:
        """Articles the similar answers cite first (they are how this office grounds such answers),
        then the best statute passages for the complaint itself."""
        keys: list[tuple[str, int]] = []
        for match in matches:
            for reference in self.search.directory().find(match.answer.answer):
                found = self.search.article_segment(reference) if reference.article else None
                if found and found not in keys:
                    keys.append(found)
        query = f"{title} {gist_of(title, content)}"[:300]  # short: the statute must match the gist
        if len(keys) < _ARTICLE_HITS and query.strip():
            floor = _MIN_SCORE_PER_TERM * len(set(self.search.analyzer.query_tokens(query)))
            hits = self.search.search(SearchQuery(query, limit=30)).hits
            keys += [h.key for h in hits if h.kind in _LEGISLATION and h.score >= floor and h.key not in keys]
        passages = self.search.store.passages(keys[:8])
        out: list[Source] = []
        for key in keys[:8]:
            if len(out) == _ARTICLE_HITS:
                break
            passage = passages.get(key)
            if passage is None:
                continue
            article = passage.segment.label.removeprefix(passage.title).strip()
            if not _ARTICLE_LABEL.match(article):  # 부칙, 별표: nothing a reply cites as 근거
                continue
            label = f"「{passage.title}」 {article}".strip()
            if not self._citations_hold(label):  # deleted, or the stored text is not yet in force
                continue
            out.append(Source(start + len(out), SourceKind.ARTICLE, label, passage.text, key[0], key[1]))
        return out

    # --- model mode --------------------------------------------------------------------------
    def _model_draft(
        self, title: str, content: str, sources: list[Source], department: str | None
    ) -> ReplyDraft:
        assert self.chat is not None
        prompt = load_prompt("reply", 2)
        material = "\n\n".join(f"[{s.number}] {s.label}\n{s.text[:1500]}" for s in sources)
        # the complaint travels alone, exactly as written, so its personal data is found in its own
        # context; the guard then masks those values in the sources too
        complaint = f"{title}\n{content}"
        sources_message = f"[자료]\n{material or '(없음)'}\n\n[담당 부서 후보]\n{department or '(모름)'}"
        completion = self.chat.complete(
            [Message("system", prompt.text), Message("user", complaint), Message("user", sources_message)]
        )
        return self._finish(
            completion.text.strip(),
            MODEL_LABEL,
            sources,
            department,
            model=completion.model,
            prompt=prompt.fingerprint,
        )

    # --- verification ------------------------------------------------------------------------
    def _finish(
        self,
        text: str,
        mode: str,
        sources: list[Source],
        department: str | None,
        *,
        model: str | None = None,
        prompt: str | None = None,
        notices: list[str] | None = None,
        quoted: tuple[int, int] = (0, 0),
    ) -> ReplyDraft:
        checks = self.verify(text, sources, quoted)
        return ReplyDraft(
            text, mode, sources, checks, lint(text), department, model, prompt, list(notices or [])
        )

    def verify(
        self, text: str, sources: list[Source], quoted: tuple[int, int] = (0, 0)
    ) -> list[CitationResult]:
        """Each [n] must name a source that supports its sentence; every law cited anywhere must exist,
        except inside ``quoted`` (the complainant's own words restated as the 민원 요지)."""
        by_number = {s.number: s for s in sources}
        results = []
        for number, start, end in cited_numbers(text):
            source = by_number.get(number)
            sentence = sentence_before(text, start)
            if source is None:
                results.append(
                    CitationResult(number, sentence, start, end, "no_such_source", "없는 자료 번호입니다.")
                )
            elif source.kind is SourceKind.ARTICLE:
                checks = self.verifier.verify(source.label)
                ok = bool(checks) and all(c.status is CitationStatus.VERIFIED for c in checks)
                results.append(
                    CitationResult(
                        number,
                        source.label,
                        start,
                        end,
                        "verified" if ok else "unsupported",
                        "확인됨" if ok else "조문을 저장된 법령에서 확인하지 못했습니다.",
                    )
                )
            else:
                ok = supports(source.text, sentence)
                results.append(
                    CitationResult(
                        number,
                        sentence,
                        start,
                        end,
                        "verified" if ok else "unsupported",
                        "확인됨" if ok else "인용한 자료에서 이 문장의 근거를 찾지 못했습니다.",
                    )
                )
        for check in self.verifier.verify(text):
            if quoted[0] <= check.start < quoted[1]:
                continue
            results.append(
                CitationResult(None, check.text, check.start, check.end, str(check.status), check.message)
            )
        return sorted(results, key=lambda r: (r.start, r.number or 0))


def supports(source: str, sentence: str, threshold: float = 0.6) -> bool:
    """A sentence is supported when it appears in the source after normalisation, or when most of
    its words (two-syllable shingles) do."""
    a, b = _normal(source), _normal(sentence)
    if not b:
        return False
    if b in a:
        return True
    return coverage(shingles(b), shingles(a)) >= threshold


def _normal(text: str) -> str:
    return re.sub(r"[\s\"“”'‘’.,·ㆍ「」()\[\]『』-]", "", text)


def _department(value: str | None) -> str | None:
    """A department name as exported data holds it; a multi-line or overlong value is a broken field."""
    value = (value or "").strip()
    return value if value and "\n" not in value and len(value) <= 40 else None


def _short(title: str, limit: int = 30) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[:limit] + "…"


def _findings_note(findings: list[tuple[str, int]], matches: list[PastMatch]) -> str:
    """How far the findings can be trusted: none found, taken from a weak match, or to be checked."""
    if not findings:
        return _NO_FINDINGS
    coverage = matches[findings[0][1] - 1].coverage  # findings come from one match; sources number from 1
    if coverage < WEAK_MATCH:
        return _WEAK_FINDINGS.format(share=max(1, round(coverage * 100)))
    return _CHECK_FINDINGS
