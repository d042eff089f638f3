"""보낼 문안: the draft as it goes to the citizen, with the drafting scaffolding taken out.

In a draft every sentence taken from a source carries a marker ``[n]``. What is sent must not: a
citizen reads a statute as a citation (``…처리합니다(「민원 처리에 관한 법률」 제19조).``), never
``[2]``, and never learns which other citizen's 민원 an answer was modelled on (``유사 민원 97674``),
so markers of past answers go without a trace. The ※ notes the draft left for the official go too.
Pure functions: the page calls them when the official exports or saves the answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ARTICLE = "article"  # SourceKind.ARTICLE's value

_RUN = re.compile(r"[ \t]*(?:\[\d{1,3}\][ \t]*)*\[\d{1,3}\]")
_NUMBER = re.compile(r"\[(\d{1,3})\]")
# 「민원 처리에 관한 법률」 제19조(처리기간의 계산) → 「민원 처리에 관한 법률」 제19조; 제3조의2제1항 stays whole
_ARTICLE_CITE = re.compile(
    r"「[^」]+」\s*(?:시행령\s*|시행규칙\s*)?제\s*\d+\s*조(?:\s*의\s*\d+)?(?:\s*제\s*\d+\s*항)?(?:\s*제\s*\d+\s*호)?"
)
_CASE = r"유사\s*민원\s*(?:번호\s*)?\d+(?:\s*「[^」]*」)?"
_PAST_CASE = re.compile(
    rf"\(\s*{_CASE}\s*\)|{_CASE}(?:에서는|에서와\s*같이|에서|의|와\s*같이|처럼|에\s*따르면)?,?"
)
_PLACEHOLDER = re.compile(r"\([^()\n]*(?:담당자|연락처|작성)[^()\n]*\)|\[전화번호\]|○○+")


@dataclass(frozen=True, slots=True)
class CitedSource:
    """What a marker [number] stands for: its kind (article | answer) and its label."""

    number: int
    kind: str
    label: str


def article_citation(label: str) -> str:
    """The way a 공문서 cites an article: the law in 「」 and the article number, without its caption."""
    match = _ARTICLE_CITE.search(label)
    cited = match.group(0) if match else label
    return " ".join(_NUMBER.sub(" ", cited).split())


def outgoing_text(text: str, sources: Iterable[CitedSource], official_notes: Iterable[str] = ()) -> str:
    """The text to send: article markers become citations where they stand, past-answer markers
    and unknown numbers vanish, past-case labels are taken out, and the lines that repeat one of
    ``official_notes`` (the draft's ※ notes for the official) are dropped."""
    by_number = {s.number: s for s in sources}
    notes = {_plain(n) for n in official_notes if _plain(n)}
    kept = [line for line in text.split("\n") if not _is_official_note(line, notes)]
    return "\n".join(_clean(line, by_number) for line in kept)


def unfilled(text: str) -> list[str]:
    """Places the official still has to fill in before sending (``(☎ 담당자 연락처)``, ``○○``)."""
    return list(dict.fromkeys(m.group(0) for m in _PLACEHOLDER.finditer(text)))


def _clean(line: str, sources: dict[int, CitedSource]) -> str:
    """Markers and past cases out until none is left (taking one out can join the halves of another)."""
    while True:
        cleaned = _drop_past_cases(_cite_line(line, sources))
        if cleaned == line:
            return line
        line = cleaned


def _is_official_note(line: str, notes: set[str]) -> bool:
    body = line.strip()
    return body.startswith("※") and _plain(body.removeprefix("※")) in notes


def _plain(note: str) -> str:
    return " ".join(_NUMBER.sub(" ", note.replace("※", " ")).split())


def _cite_line(line: str, sources: dict[int, CitedSource]) -> str:
    done, last = "", 0
    for run in _RUN.finditer(line):
        head = done + line[last : run.start()]
        last = run.end()
        if not head.strip():  # a marker opening the line takes the spaces after it along
            done, last = head, len(line) - len(line[last:].lstrip(" \t"))
            continue
        citations = _citations(run.group(0), sources)
        done = _attach(head, [c for c in citations if c.replace(" ", "") not in head.replace(" ", "")])
    return done + line[last:]


def _citations(run: str, sources: dict[int, CitedSource]) -> list[str]:
    cited = []
    for number in _NUMBER.findall(run):
        source = sources.get(int(number))
        if source is not None and source.kind == ARTICLE:
            cited.append(article_citation(source.label))
    return list(dict.fromkeys(cited))


def _attach(head: str, citations: list[str]) -> str:
    """Citations in brackets where the marker was: before a sentence's closing period, else right
    after the word the marker followed."""
    if not citations:
        return head
    cited = "(" + ", ".join(citations) + ")"
    body = head.rstrip(" \t")
    if re.search(r"[가-힣)」]\.$", body):
        return body[:-1] + cited + "."
    return body + cited


def _drop_past_cases(line: str) -> str:
    """Take out every mention of a past case, with the particle it carried and the spaces after it."""
    out, last = [], 0
    for match in _PAST_CASE.finditer(line):
        head, resume = line[last : match.start()], match.end()
        resume = len(line) - len(line[resume:].lstrip(" \t"))
        if resume == len(line) or line[resume] in ".,)":
            head = head.rstrip(" \t")
        out.append(head)
        last = resume
    return "".join(out) + line[last:]
