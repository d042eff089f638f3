"""Text as people paste it: control characters and broken UTF-16 halves removed before storage.

NUL cannot be stored in PostgreSQL, nor written to DOCX or HWPX (XML); other C0 controls are
invisible and break exports; a lone surrogate (``\\ud800`` in JSON) is not text at all. Tabs and
line breaks stay. A lone surrogate becomes U+FFFD, so that something visibly stands where it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """NUL and lone surrogates → U+FFFD, one character for one, so that offsets into the text hold:
    the last guard before a database that cannot store them (PostgreSQL)."""
    return _UNSTORABLE.sub("\ufffd", text) if _UNSTORABLE.search(text) else text


def storable_value(value: object) -> object:
    """``storable`` through the strings of a JSON-shaped value (keys included)."""
    return map_strings(value, storable)


def map_strings(value: object, change: Callable[[str], str]) -> object:
    """``change`` applied to every string of a JSON-shaped value (keys included); tuples become lists."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {map_strings(k, change): map_strings(v, change) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [map_strings(v, change) for v in value]
    return value
