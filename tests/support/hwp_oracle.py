"""An independent reading of HWP 5.x and HWPX files, used only to check our parser.

It shares no code with python-hwpx: HWPX text comes straight from the ``<hp:t>``
elements of each ``Contents/section*.xml``; HWP 5.x text from the PARA_TEXT records
(tag 67) of each ``BodyText/Section*`` stream, read with olefile and zlib.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

import olefile

_PARA_TEXT = 67
# HWP 5 control characters: 0-31; "extended" and "inline" controls carry 14 more bytes (7 WCHARs)
_CHAR_CONTROLS = {0, 10, 13, 24, 25, 26, 27, 28, 29, 30, 31}


def read_text(data: bytes) -> str:
    if data.startswith(b"PK"):
        return _hwpx_text(data)
    return _hwp5_text(data)


def _hwpx_text(data: bytes) -> str:
    out: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(
            (n for n in archive.namelist() if re.match(r"Contents/section\d+\.xml$", n)),
            key=lambda n: int(re.findall(r"\d+", n)[-1]),
        )
        for name in names:
            xml = archive.read(name).decode("utf-8", "replace")
            for match in re.finditer(r"<hp:t(?:\s[^>]*)?>(.*?)</hp:t>", xml, re.DOTALL):
                out.append(re.sub(r"<[^>]+>", "", match.group(1)))
                out.append("\n")
    text = "".join(out)
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _hwp5_text(data: bytes) -> str:
    ole = olefile.OleFileIO(io.BytesIO(data))
    header = ole.openstream("FileHeader").read()
    compressed = bool(struct.unpack_from("<I", header, 36)[0] & 1)
    sections = sorted(
        (e for e in ole.listdir() if len(e) == 2 and e[0] == "BodyText"), key=lambda e: int(e[1][7:])
    )
    out: list[str] = []
    for entry in sections:
        raw = ole.openstream(entry).read()
        if compressed:
            raw = zlib.decompress(raw, -15)
        pos = 0
        while pos + 4 <= len(raw):
            (head,) = struct.unpack_from("<I", raw, pos)
            tag, size = head & 0x3FF, (head >> 20) & 0xFFF
            pos += 4
            if size == 0xFFF:
                (size,) = struct.unpack_from("<I", raw, pos)
                pos += 4
            if tag == _PARA_TEXT:
                out.append(_para_text(raw[pos : pos + size]))
                out.append("\n")
            pos += size
    return "".join(out)


def _para_text(payload: bytes) -> str:
    chars: list[str] = []
    i = 0
    count = len(payload) // 2
    while i < count:
        (code,) = struct.unpack_from("<H", payload, i * 2)
        if code >= 32:
            chars.append(chr(code))
            i += 1
        elif code in _CHAR_CONTROLS:
            chars.append("\n" if code in (10, 13) else "")
            i += 1
        else:
            chars.append("\t" if code == 9 else "")
            i += 8
    return "".join(chars)


def trigram_recall(reference: str, candidate: str) -> float:
    """Share of the reference's character trigrams (within each line, whitespace removed) found in the candidate."""
    ref_grams: list[str] = []
    for line in reference.split("\n"):  # per paragraph: the order of paragraphs and cells may differ
        ref = re.sub(r"\s+", "", line)
        ref_grams.extend(ref[i : i + 3] for i in range(len(ref) - 2))
    cand = re.sub(r"\s+", "", candidate)
    if not ref_grams:
        return 1.0
    cand_grams = {cand[i : i + 3] for i in range(len(cand) - 2)}
    return sum(g in cand_grams for g in ref_grams) / len(ref_grams)
