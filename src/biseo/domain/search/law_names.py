"""Law names as people write them: official titles, spacing variants and common abbreviations.

``LawDirectory`` resolves ``민원처리법 제19조``, ``민원 처리에 관한 법률 시행령 14조`` or
``정보공개법 제9조 제1항 제5호`` to (law, kind, article) so exact references can rank first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from biseo.domain.search.articles import ARTICLE_REF, ArticleRef

DECREE_SUFFIX = "시행령"
RULE_SUFFIX = "시행규칙"

# Abbreviations in common official use that no rule derives (약칭, as law.go.kr lists them).
KNOWN_ABBREVIATIONS: dict[str, str] = {
    "정보공개법": "공공기관의정보공개에관한법률",
    "개인정보법": "개인정보보호법",
    "국토계획법": "국토의계획및이용에관한법률",
    "토지보상법": "공익사업을위한토지등의취득및보상에관한법률",
    "공익사업법": "공익사업을위한토지등의취득및보상에관한법률",
    "도시정비법": "도시및주거환경정비법",
    "국가계약법": "국가를당사자로하는계약에관한법률",
    "지방계약법": "지방자치단체를당사자로하는계약에관한법률",
    "청탁금지법": "부정청탁및금품등수수의금지에관한법률",
    "김영란법": "부정청탁및금품등수수의금지에관한법률",
    "공직선거법": "공직선거법",
    "정보통신망법": "정보통신망이용촉진및정보보호등에관한법률",
    "성폭력처벌법": "성폭력범죄의처벌등에관한특례법",
    "특가법": "특정범죄가중처벌등에관한법률",
    "집시법": "집회및시위에관한법률",
    "전자정부법": "전자정부법",
    "행정규제기본법": "행정규제기본법",
    "공휴일규정": "관공서의공휴일에관한규정",
    "민원처리법": "민원처리에관한법률",
    "민원법": "민원처리에관한법률",
    "장애인차별금지법": "장애인차별금지및권리구제등에관한법률",
    "남녀고용평등법": "남녀고용평등과일ㆍ가정양립지원에관한법률",
    "아동학대처벌법": "아동학대범죄의처벌등에관한특례법",
}

_SUFFIXES = ("에관한특별법", "에관한특례법", "에관한법률", "에관한법")
_GAP = re.compile(
    r"[\s」』]*(?:\([^()]{0,80}\))?\s*"
)  # "구 주택건설촉진법(1999. 2. 8. 개정되기 전의 것) 제33조"
_SAME_LAW = re.compile(r"같은\s*법(?:\s*(시행령|시행규칙))?")


def compact(text: str) -> str:
    return re.sub(r"[\s「」『』]", "", text)


def law_aliases(title: str) -> set[str]:
    """Compact spellings (no spaces) under which a law title may appear."""
    base = compact(title)
    aliases = {base}
    for suffix in _SUFFIXES:
        if base.endswith(suffix):
            stem = base[: -len(suffix)]
            tail = "특별법" if suffix.endswith("특별법") else "특례법" if suffix.endswith("특례법") else "법"
            aliases.add(stem + tail)
            if "의" in stem[1:]:
                last = stem.rsplit("의", 1)[1]
                if len(last) >= 3:
                    aliases.add(last + tail)
            break
    return {a for a in aliases if len(a) >= 3}


@dataclass(frozen=True, slots=True)
class ExactReference:
    law: str  # compact base title of the Act (or standalone decree)
    kind: str  # statute | decree | rule
    article: ArticleRef | None
    start: int
    end: int


@dataclass
class LawDirectory:
    """Known laws: compact base title -> {kind: document id}, and every alias -> base title."""

    documents: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    aliases: dict[str, str] = field(default_factory=dict)
    _by_prefix: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, title: str, kind: str, document_id: str) -> None:
        base, kind = split_title(title, kind)
        self.documents[base][kind] = document_id
        self._register(base, base, official=True)
        for alias in law_aliases(base) - {base}:
            self._register(alias, base, official=False)
        for short, full in KNOWN_ABBREVIATIONS.items():
            if full == base:
                self._register(short, base, official=False)

    def _register(self, alias: str, base: str, *, official: bool) -> None:
        """An official title always names its own law; a derived alias never displaces another law's."""
        if official or alias not in self.aliases:
            self.aliases[alias] = base
        bucket = self._by_prefix[alias[:2]]
        if alias not in bucket:
            bucket.append(alias)
            bucket.sort(key=len, reverse=True)

    def find(self, text: str) -> list[ExactReference]:
        """Every law named in ``text``, with the article that follows it when one does."""
        squeezed, origin = _squeeze(text)
        found: list[ExactReference] = []
        i = 0
        while i < len(squeezed) - 1:
            alias = next(
                (a for a in self._by_prefix.get(squeezed[i : i + 2], []) if squeezed.startswith(a, i)), None
            )
            if alias is None:
                i += 1
                continue
            start, end = origin[i], origin[i + len(alias) - 1] + 1
            found.append(self._reference(text, self.aliases[alias], start, end))
            i += len(alias)
        found.extend(self._same_law_refs(text, found))
        found.sort(key=lambda r: r.start)
        return found

    def _reference(self, text: str, base: str, start: int, end: int) -> ExactReference:
        kind = "statute" if "statute" in self.documents[base] else next(iter(self.documents[base]), "statute")
        cursor = _GAP.match(text, end).end()  # type: ignore[union-attr]
        for suffix, suffix_kind in ((DECREE_SUFFIX, "decree"), (RULE_SUFFIX, "rule")):
            if text.startswith(suffix, cursor):
                kind = suffix_kind
                cursor = _GAP.match(text, cursor + len(suffix)).end()  # type: ignore[union-attr]
        article = ARTICLE_REF.match(text, cursor)
        if article is None:
            return ExactReference(base, kind, None, start, end)
        ref = ArticleRef(
            int(article.group(1)),
            int(article.group(2)) if article.group(2) else None,
            int(article.group(3)) if article.group(3) else None,
            int(article.group(4)) if article.group(4) else None,
            article.start(),
            article.end(),
        )
        return ExactReference(base, kind, ref, start, article.end())

    def _same_law_refs(self, text: str, found: list[ExactReference]) -> list[ExactReference]:
        """``같은 법 제5조`` refers to the law named just before it."""
        extra: list[ExactReference] = []
        for m in _SAME_LAW.finditer(text):
            before = [r for r in found if r.end <= m.start()]
            if not before:
                continue
            ref = self._reference(text, before[-1].law, m.start(), m.start() + 4)
            if m.group(1):
                ref = ExactReference(
                    ref.law,
                    "decree" if m.group(1) == DECREE_SUFFIX else "rule",
                    ref.article,
                    ref.start,
                    ref.end,
                )
            extra.append(ref)
        return extra

    def document_for(self, reference: ExactReference) -> str | None:
        return self.documents.get(reference.law, {}).get(reference.kind)


def split_title(title: str, kind: str) -> tuple[str, str]:
    """``민원 처리에 관한 법률 시행령`` -> (``민원처리에관한법률``, ``decree``)."""
    base = compact(title)
    for suffix, suffix_kind in ((DECREE_SUFFIX, "decree"), (RULE_SUFFIX, "rule")):
        if base.endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)], suffix_kind
    return base, kind


def _squeeze(text: str) -> tuple[str, list[int]]:
    """Text without spaces and quote brackets, and for each kept character its original offset."""
    kept: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace() or ch in "「」『』":
            continue
        kept.append(ch)
        origin.append(i)
    return "".join(kept), origin
