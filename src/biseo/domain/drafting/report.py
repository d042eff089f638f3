"""개조식 보고서 and 보도자료 skeletons as a small document model (paragraphs and tables) that the
Markdown, DOCX and HWPX writers all render the same way.

보고서: a title block (제목, 날짜, 부서), then □ headings, ○ points, - details and ※ notes.
보도자료: 보도 시점, headline, - sub-headlines, body paragraphs and the 담당 부서 table.

A plain ``str`` block is a line whose own marker (□ ○ - ※, 1. 가. 1) …) tells a writer how to set
it; a ``Paragraph`` names the role where the text cannot (the 보도자료 headline, the date line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from biseo.domain.drafting.summary import Summary


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


class Role(StrEnum):
    HEADLINE = "headline"  # 보도자료 제목: large, bold, centred
    DATELINE = "dateline"  # 작성일·부서 or 보도 시점 under the title: right-aligned


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    role: Role


Block = str | Paragraph | Table


def block_text(block: str | Paragraph) -> str:
    return block.text if isinstance(block, Paragraph) else block


@dataclass
class OfficialDocument:
    title: str
    blocks: list[Block] = field(default_factory=list)
    mode: str = ""

    def lines(self) -> list[str]:
        """Every paragraph and every table cell, in order (what a re-opened export must contain)."""
        out: list[str] = [self.title]
        for block in self.blocks:
            if isinstance(block, Table):
                out += [cell for row in block.rows for cell in row if cell]
            elif block_text(block):
                out.append(block_text(block))
        return out

    def markdown(self) -> str:
        parts = [f"# {self.title}", ""]
        for block in self.blocks:
            if isinstance(block, Table):
                header, *body = block.rows
                parts.append("| " + " | ".join(header) + " |")
                parts.append("|" + "---|" * len(header))
                parts += ["| " + " | ".join(row) + " |" for row in body]
                parts.append("")
            else:
                parts.append(block_text(block))
        return "\n".join(parts).rstrip() + "\n"


def official_date(day: date) -> str:
    return f"{day.year}. {day.month}. {day.day}."


@dataclass(frozen=True, slots=True)
class SourceDigest:
    """A source of the report with its extractive summary and citation number."""

    number: int
    title: str
    kind: str  # 법령, 판례, 보도자료, …
    summary: Summary


def report(
    topic: str, digests: list[SourceDigest], day: date, department: str | None, mode: str
) -> OfficialDocument:
    doc = OfficialDocument(topic, mode=mode)
    doc.blocks.append(Paragraph(f"{official_date(day)}  {department or '(작성 부서)'}", Role.DATELINE))
    doc.blocks.append("")
    doc.blocks.append("□ 검토 배경")
    doc.blocks.append(f" ○ {topic} 관련 자료 {len(digests)}건의 주요 내용을 정리함")
    for digest in digests:
        doc.blocks.append(f"□ {digest.title} [{digest.number}]")
        for bullet in digest.summary.bullets:
            doc.blocks.append(f" ○ {bullet.text} [{digest.number}]")
        doc.blocks.append(f"   ※ 출처: [{digest.number}] {digest.title} ({digest.kind})")
    doc.blocks.append("□ 검토 의견 및 향후 계획")
    doc.blocks.append(" ○ (담당자 작성)")
    doc.blocks.append(f"※ {mode}")
    return doc


def press_release(
    topic: str, digests: list[SourceDigest], day: date, agency: str | None, department: str | None, mode: str
) -> OfficialDocument:
    doc = OfficialDocument("보도자료", mode=mode)
    doc.blocks.append(Paragraph(f"보도 시점: {official_date(day)} (배포 즉시 보도)", Role.DATELINE))
    doc.blocks.append(Paragraph(topic, Role.HEADLINE))
    bullets = [(b, d.number) for d in digests for b in d.summary.bullets]
    for bullet, number in bullets[:3]:
        doc.blocks.append(f"- {bullet.text} [{number}]")
    doc.blocks.append("")
    for bullet, number in bullets[3:]:
        doc.blocks.append(f"{bullet.text} [{number}]")
    doc.blocks.append("(본문: 담당자가 사실관계를 확인하여 보완)")
    doc.blocks.append(
        Table(
            (
                ("담당 부서", "책임자", "담당자", "연락처"),
                (
                    responsible_unit(agency, department),
                    "과장 (성명)",
                    "주무관 (성명)",
                    "(전화번호)",
                ),
            )
        )
    )
    doc.blocks.append("출처: " + "; ".join(f"[{d.number}] {d.title}" for d in digests))
    doc.blocks.append(f"※ {mode}")
    return doc


def responsible_unit(agency: str | None, department: str | None) -> str:
    """담당 부서 as a reader sees it: the agency's name only when it is one (Korean text, not an
    account id such as ``local``) and the department does not already carry it."""
    name = " ".join((agency or "").split())
    unit = " ".join((department or "").split()) or "(부서명)"
    if not any("\uac00" <= ch <= "\ud7a3" for ch in name) or unit.startswith(name):
        return unit
    return f"{name} {unit}"


def text_document(title: str, text: str, mode: str = "") -> OfficialDocument:
    """A plain draft (a reply the official edited) as a document: one paragraph per line."""
    return OfficialDocument(title.strip() or "문서", [line.rstrip() for line in text.splitlines()], mode)
