"""Search adapters: Korean analysis (Kiwi), a whitespace baseline, the tantivy lexical index, a token cache."""
