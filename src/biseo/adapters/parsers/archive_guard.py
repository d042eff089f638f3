"""Refuse zip containers (HWPX, DOCX) that would expand beyond sane limits (zip bombs)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from biseo.domain.errors import DocumentRejected, ErrorCode


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    max_entries: int = 10_000
    max_total_bytes: int = 512 * 1024 * 1024
    max_ratio: float = 200.0  # expansion ratio of one entry larger than ``ratio_floor``
    ratio_floor: int = 4 * 1024 * 1024


def check_archive(data: bytes, limits: ArchiveLimits = ArchiveLimits()) -> None:
    """Python's zipfile stops reading at the declared size, so the declared sizes are what matter."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentRejected(ErrorCode.CORRUPT, f"broken zip container: {exc}") from exc
    if len(entries) > limits.max_entries:
        raise DocumentRejected(ErrorCode.ARCHIVE_BOMB, f"{len(entries)} entries > {limits.max_entries}")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise DocumentRejected(ErrorCode.ENCRYPTED, f"encrypted zip entry {entry.filename!r}")
        total += entry.file_size
        if total > limits.max_total_bytes:
            raise DocumentRejected(ErrorCode.ARCHIVE_BOMB, f"expands beyond {limits.max_total_bytes} bytes")
        if entry.file_size > limits.ratio_floor:
            ratio = entry.file_size / max(entry.compress_size, 1)
            if ratio > limits.max_ratio:
                raise DocumentRejected(
                    ErrorCode.ARCHIVE_BOMB, f"entry {entry.filename!r} expands {ratio:.0f}x"
                )
