"""Korean text tools (sentences, morphemes)."""
