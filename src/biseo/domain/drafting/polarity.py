"""The direction of a request (요청 방향): 단속 요청 and 단속 유예 요청 are about the same thing and
want opposite answers, as are 설치 and 철거, 허가 and 허가 취소. A past answer to the opposite request
is never offered as this complaint's findings.

Each axis has words that ask for the act and words that ask for its reversal; a reversal word next
to an act word (단속 유예, 허가를 취소) turns that act around. A text's direction on an axis is the
sign of its cues; none, or as many each way, is no direction (the axis does not decide).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Axis:
    name: str
    act: tuple[str, ...]  # asking for it
    reverse: tuple[str, ...]  # asking for it to stop, be undone or spared


AXES = (
    Axis(
        "enforcement",
        ("단속", "견인", "과태료", "처벌", "고발", "계도", "행정처분", "벌금"),
        ("유예", "해제", "완화", "면제", "선처", "감면", "중단", "자제", "봐주", "풀어", "철회"),
    ),
    Axis(
        "installation",
        ("설치", "신설", "증설", "설치해", "만들어", "조성", "확충", "늘려"),
        ("철거", "제거", "폐쇄", "없애", "치워", "이설", "폐지", "축소", "줄여"),
    ),
    Axis(
        "permission",
        ("허가", "승인", "인가"),
        ("취소", "불허", "반려", "철회", "말소", "해제", "거부"),
    ),
)
_NEAR = 8  # characters between an act word and a reversal word that turns it around


def direction(text: str, axis: Axis) -> int:
    """+1 the text asks for the act, -1 for its reversal, 0 neither (or both equally)."""
    acts = [m.start() for word in axis.act for m in re.finditer(word, text)]
    reversals = [m.start() for word in axis.reverse for m in re.finditer(word, text)]
    total = 0
    for at in acts:
        total += -1 if any(abs(r - at) <= _NEAR for r in reversals) else 1
    if axis.name == "installation":  # 철거 요청 needs no act word next to it
        total -= sum(1 for r in reversals if not any(abs(r - at) <= _NEAR for at in acts))
    return (total > 0) - (total < 0)


def opposite(request: str, other: str) -> bool:
    """True when the two texts ask in opposite directions on some axis."""
    return any(direction(request, a) * direction(other, a) < 0 for a in AXES)
