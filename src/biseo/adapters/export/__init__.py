"""Writers for drafts: Markdown, DOCX (python-docx) and HWPX (python-hwpx)."""

from __future__ import annotations

from biseo.adapters.export.writers import FORMATS, write_document

__all__ = ["FORMATS", "write_document"]
