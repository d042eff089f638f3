"""Article references (조·항·호) in any spelling, normalised to one token each.

``제19조제1항``, ``제19조 제1항`` and ``19조 1항`` all yield ``§19`` and ``§19.1항``;
``제9조제1항제5호`` also yields ``§9.1항.5호``; ``제7조의2`` yields ``§7의2``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ARTICLE_REF = re.compile(
    r"(?<![\d가-힣])(?:제\s*)?(\d{1,4})\s*조(?:\s*의\s*(\d{1,3}))?"
    r"(?:\s*(?:제\s*)?(\d{1,3})\s*항)?"
    r"(?:\s*(?:제\s*)?(\d{1,3})\s*호)?"
)


@dataclass(frozen=True, slots=True)
class ArticleRef:
    article: int
    branch: int | None = None  # 의N (가지조문)
    paragraph: int | None = None  # 항
    item: int | None = None  # 호
    start: int = 0
    end: int = 0

    @property
    def article_label(self) -> str:
        return f"제{self.article}조" + (f"의{self.branch}" if self.branch else "")

    @property
    def tokens(self) -> list[str]:
        base = f"§{self.article}" + (f"의{self.branch}" if self.branch else "")
        out = [base]
        if self.paragraph:
            out.append(f"{base}.{self.paragraph}항")
            if self.item:
                out.append(f"{base}.{self.paragraph}항.{self.item}호")
        elif self.item:
            out.append(f"{base}.{self.item}호")
        return out


_MONEY_AFTER = "원억만천달"  # 3조원 is three trillion won, not Article 3


def find_article_refs(text: str) -> list[ArticleRef]:
    refs: list[ArticleRef] = []
    for m in ARTICLE_REF.finditer(text):
        explicit = m.group(0).lstrip().startswith("제")
        if not explicit and m.end() < len(text) and text[m.end()] in _MONEY_AFTER:
            continue
        refs.append(
            ArticleRef(
                article=int(m.group(1)),
                branch=int(m.group(2)) if m.group(2) else None,
                paragraph=int(m.group(3)) if m.group(3) else None,
                item=int(m.group(4)) if m.group(4) else None,
                start=m.start(),
                end=m.end(),
            )
        )
    return refs


def article_tokens(text: str) -> list[str]:
    return [token for ref in find_article_refs(text) for token in ref.tokens]


def parse_article_label(label: str) -> ArticleRef | None:
    """``제19조`` / ``제7조의2`` (as segment labels carry them) to a reference."""
    m = ARTICLE_REF.search(label)
    if not m:
        return None
    return ArticleRef(int(m.group(1)), int(m.group(2)) if m.group(2) else None)
