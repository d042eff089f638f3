"""민원 답변서 초안: retrieve similar past answers and statute articles, draft (template or model),
then verify every citation and lint the 공문서 form.

With no model configured the draft is assembled from templates and retrieved sentences and says so;
a configured model writes it from the same numbered sources, behind the privacy guard.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from biseo.domain.documents.model import DocumentKind
from biseo.domain.drafting.lint import lint
from biseo.domain.drafting.notation import normalize_notation
from biseo.domain.drafting.overlap import coverage, shingles
from biseo.domain.drafting.reply import (
    MODEL_LABEL,
    TEMPLATE_LABEL,
    ReplyInput,
    Source,
    SourceKind,
    cited_numbers,
    compose_reply,
    sentence_before,
)
from biseo.domain.drafting.reply_text import Split, answer_sentences, gist_of, greeting_of
from biseo.domain.drafting.specifics import NEUTRAL
from biseo.domain.errors import InvalidInput

__all__ = ["MAX_COMPLAINT_CHARS", "WEAK_MATCH", "CitationResult", "ReplyDraft", "ReplyService", "supports"]
from biseo.domain.search.query import SearchQuery
from biseo.services.ai.llm import GuardedChat, LlmUnavailable, Message
from biseo.services.ai.prompts import load_prompt
from biseo.services.drafting.citations import CitationStatus, CitationVerifier
from biseo.services.drafting.past_answers import PastAnswerIndex, PastMatch
from biseo.services.drafting.reply_draft import CitationResult, ReplyDraft
from biseo.services.drafting.reply_findings import (
    WEAK_MATCH,
    CaseFacts,
    FindingStats,
    PatternSpecifics,
    Scrubber,
    SpecificsFinder,
    match_notices,
    relevant,
)
from biseo.services.search.service import SearchService

log = logging.getLogger(__name__)
MAX_COMPLAINT_CHARS = 20_000
_FINDINGS = 6
_ARTICLE_HITS = 2
_MIN_SCORE_PER_TERM = 1.0  # BM25 per distinct query term below which an article is not offered
_CHECK_FINDINGS = (
    "검토 결과는 유사 민원 답변의 문장을 옮긴 것입니다. 이 민원의 사실관계에 맞는지 확인해 주십시오."
)
_NO_FINDINGS = "비슷한 과거 민원 답변을 찾지 못했습니다. 검토 결과를 직접 작성해 주십시오."
_ARTICLE_LABEL = re.compile(r"^제\s*\d+\s*조")
_GROUNDS_NOTE = "관련 근거는 검색으로 찾은 조문입니다. 이 민원에 적용되는지 확인해 주십시오."
_LEGISLATION = {DocumentKind.STATUTE, DocumentKind.DECREE, DocumentKind.RULE}


@dataclass
class ReplyService:
    search: SearchService
    verifier: CitationVerifier
    past: Callable[[], PastAnswerIndex]
    chat: GuardedChat | None = None
    specifics: SpecificsFinder = field(default_factory=PatternSpecifics)
    split: Split | None = None  # sentence splitter (Kiwi in production)
    agency: str | None = None  # the agency answering: its own name is never another case's detail

    def draft(
        self,
        title: str,
        content: str,
        *,
        exclude: Iterable[str] = (),
        use_model: bool = True,
        department: str | None = None,
        complainant: str | None = None,
    ) -> ReplyDraft:
        """``department``: the unit answering (배정 부서); its own similar answers are preferred and
        the contact line names it. ``complainant``: the case's own name for the greeting (else 귀하)."""
        _check_complaint(title, content)
        department = _department(department)
        scrub = Scrubber(self.specifics, self.split)
        facts = scrub.facts(title, content, complainant, [self.agency, department])
        nearest = self.past().similar(title, content, k=3, exclude=exclude, unit=department)
        matches, weak, reversed_ = relevant(nearest, title, content)
        sources, findings, stats = self._answer_sources(matches, scrub, facts)
        grounds = self._articles(title, content, matches, start=len(sources) + 1)
        sources += grounds
        log.info("reply draft: %d similar answers, %d articles", len(matches), len(grounds))
        notices = match_notices(len(nearest), weak, reversed_)
        if self.chat is not None and use_model:
            try:
                return self._model_draft(title, content, sources, department, scrub, facts, notices)
            except LlmUnavailable as exc:
                notices.append(f"LLM을 쓸 수 없어 템플릿으로 작성했습니다: {exc}")
        notices += stats.notices()
        gist = gist_of(title, content, split=self.split)
        parts = ReplyInput(
            normalize_notation(title),
            content,
            normalize_notation(gist),
            findings,
            grounds,
            department,
            notes=[_findings_note(findings)] + ([_GROUNDS_NOTE] if grounds else []),
            greeting=self._greeting(matches, scrub, facts),
            complainant=complainant,
        )
        text, _ = compose_reply(parts)
        lines = text.splitlines(keepends=True)  # lines 2–3 quote the complainant (요지): not our claims
        quoted = (len(lines[0]), len(lines[0]) + len(lines[1]) + len(lines[2]))
        draft = self._finish(text, TEMPLATE_LABEL, sources, department, notices=notices, quoted=quoted)
        draft.findings_considered, draft.findings_kept = stats.considered, len(findings)
        return draft

    def _citations_hold(self, sentence: str) -> bool:
        return all(c.status is CitationStatus.VERIFIED for c in self.verifier.verify(sentence))

    def _greeting(self, matches: list[PastMatch], scrub: Scrubber, facts: CaseFacts) -> str | None:
        """The office's own opening from its best answer, when it names nobody and nothing."""
        for match in matches[:1]:
            greeting = greeting_of(match.answer.answer, self.split)
            if greeting and not scrub.finder.find(greeting, facts.exempt):
                return greeting
        return None

    # --- retrieval ---------------------------------------------------------------------------
    def _answer_sources(
        self, matches: list[PastMatch], scrub: Scrubber, facts: CaseFacts
    ) -> tuple[list[Source], list[tuple[str, int]], FindingStats]:
        """Every relevant match as a source; the findings come from the best match that has
        sentences left once the other case's specifics are out and its law citations verify."""
        sources: list[Source] = []
        findings: list[tuple[str, int]] = []
        stats = FindingStats()
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
                findings = self._findings(answer.answer, number, scrub, facts, stats)
        return sources, findings, stats

    def _findings(
        self, answer: str, number: int, scrub: Scrubber, facts: CaseFacts, stats: FindingStats
    ) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for sentence in answer_sentences(answer, self.split)[: _FINDINGS * 2]:
            if len(out) == _FINDINGS:
                break
            stats.considered += 1
            result = scrub.sentence(sentence, facts)
            if result.text is None:
                stats.specific += 1
            elif not self._citations_hold(result.text):
                stats.citation += 1
            else:
                stats.rewritten += bool(result.replaced)
                out.append((normalize_notation(result.text), number))
        return out

    def _articles(self, title: str, content: str, matches: list[PastMatch], start: int) -> list[Source]:
        """Articles the similar answers cite first (they are how this office grounds such answers),
        then the best statute passages for the complaint itself."""
        keys: list[tuple[str, int]] = []
        for match in matches:
            for reference in self.search.directory().find(match.answer.answer):
                found = self.search.article_segment(reference) if reference.article else None
                if found and found not in keys:
                    keys.append(found)
        query = f"{title} {gist_of(title, content, split=self.split)}"[
            :300
        ]  # short: the statute must match the gist
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
        self,
        title: str,
        content: str,
        sources: list[Source],
        department: str | None,
        scrub: Scrubber,
        facts: CaseFacts,
        notices: list[str],
    ) -> ReplyDraft:
        """The model sees past answers with their specifics already out, is told not to carry any,
        and its draft is checked the same way afterwards."""
        assert self.chat is not None
        prompt = load_prompt("reply", 3)
        material = "\n\n".join(
            f"[{s.number}] {s.label}\n{self._shown(s, scrub, facts)[:1500]}" for s in sources
        )
        # the complaint travels alone, exactly as written, so its personal data is found in its own
        # context; the guard then masks those values in the sources too
        complaint = f"{title}\n{content}"
        sources_message = f"[자료]\n{material or '(없음)'}\n\n[담당 부서 후보]\n{department or '(모름)'}"
        completion = self.chat.complete(
            [Message("system", prompt.text), Message("user", complaint), Message("user", sources_message)]
        )
        answers = [s.text for s in sources if s.kind is SourceKind.ANSWER]
        text, dropped = scrub.output(completion.text.strip(), facts, answers)
        if dropped:
            notices.append(f"다른 민원의 세부 정보가 남은 줄 {dropped}개를 모델 초안에서 뺐습니다.")
        return self._finish(
            text,
            MODEL_LABEL,
            sources,
            department,
            model=completion.model,
            prompt=prompt.fingerprint,
            notices=notices,
        )

    @staticmethod
    def _shown(source: Source, scrub: Scrubber, facts: CaseFacts) -> str:
        return scrub.answer(source.text, facts) if source.kind is SourceKind.ANSWER else source.text

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


_NEUTRAL_WORDS = re.compile(
    "|".join(sorted(map(re.escape, NEUTRAL.values()), key=len, reverse=True)) + "|귀하"
)


def supports(source: str, sentence: str, threshold: float = 0.6) -> bool:
    """A sentence is supported when it appears in the source after normalisation, or when most of
    its words (two-syllable shingles) do; the neutral wording that replaced another case's specifics
    (해당 장소, 해당 일자) is not counted against it."""
    a, b = _normal(source), _normal(_NEUTRAL_WORDS.sub(" ", sentence))
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


def _findings_note(findings: list[tuple[str, int]]) -> str:
    """How far the findings can be trusted: none found, or to be checked."""
    return _CHECK_FINDINGS if findings else _NO_FINDINGS


def _check_complaint(title: str, content: str) -> None:
    if not (title.strip() or content.strip()):
        raise InvalidInput("empty complaint", message_ko="민원 제목이나 내용을 입력해 주세요.")
    if len(content) > MAX_COMPLAINT_CHARS:
        raise InvalidInput(
            "complaint too long",
            message_ko=f"민원 내용은 {MAX_COMPLAINT_CHARS:,}자까지 받을 수 있습니다.",
        )
