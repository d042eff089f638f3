"""Text as XML 1.0 can hold it: pasted text may carry NUL, most C0 controls, lone surrogates and
U+FFFE/FFFF, which neither DOCX nor HWPX may contain."""

from __future__ import annotations

import re

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)
