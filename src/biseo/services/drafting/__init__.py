"""행정비서 drafting: summaries, 민원 reply drafts, reports, citations and their evaluations."""
