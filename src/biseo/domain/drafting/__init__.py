"""공문서 drafting: the document form rules (linter) and Korean number readings."""
