"""Search rules that need no engine: references to articles, law names, fusion and metrics."""
