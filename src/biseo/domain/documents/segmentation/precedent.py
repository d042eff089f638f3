"""Precedents (판례) by section: 판시사항, 판결요지, 참조조문, 참조판례, and 판례내용 in windows."""

from __future__ import annotations

import re

from biseo.domain.documents.model import Span
from biseo.domain.documents.segmentation.blocks import DEFAULT_BUDGET, blocks, pack, trim

SECTIONS = ("판시사항", "판결요지", "참조조문", "참조판례", "판례내용", "전문")
_SECTION_LINE = re.compile(
    r"^[ \t]*(?:#+[ \t]*)?[【\[]?[ \t]*(" + "|".join(SECTIONS) + r")[ \t]*[】\]]?[ \t]*$", re.MULTILINE
)


def segment_precedent(text: str, budget: int = DEFAULT_BUDGET) -> list[tuple[str, str, Span]]:
    """``(kind, label, span)`` per section; long 판례내용 is split into numbered windows."""
    heads = list(_SECTION_LINE.finditer(text))
    out: list[tuple[str, str, Span]] = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        name = head.group(1)
        body = trim(text, head.end(), end)
        if body is None:
            continue
        if name in ("판례내용", "전문"):
            windows = pack(text, blocks(text, body.start, body.end), budget)
            for n, window in enumerate(windows, start=1):
                out.append(("section", f"{name} ({n}/{len(windows)})", window))
        else:
            out.append(("section", name, Span(head.start() + _indent(text, head.start()), body.end)))
    return out


def _indent(text: str, start: int) -> int:
    offset = 0
    while text[start + offset] in " \t#":
        offset += 1
    return offset
