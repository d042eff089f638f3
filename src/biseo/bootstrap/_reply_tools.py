"""The text tools a 민원 reply draft uses: Kiwi sentences, and case specifics found by patterns, the
personal-data detector and Kiwi proper nouns together (one detector and one Kiwi per process)."""

from __future__ import annotations

import functools
from typing import Any

from biseo.bootstrap._core import _text_tools, build_privacy
from biseo.services.reply_findings import SpecificsFinder


@functools.cache
def build_specifics() -> SpecificsFinder:
    from biseo.adapters.text.kiwi_specifics import KiwiSpecifics

    return KiwiSpecifics(build_privacy().detector)


def reply_tools(agency: str | None) -> dict[str, Any]:
    """Keyword arguments of ``ReplyService`` beyond its sources and model."""
    return {"specifics": build_specifics(), "split": _text_tools().sentences, "agency": agency}
