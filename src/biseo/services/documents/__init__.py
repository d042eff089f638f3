"""문서 등록·조회: ingestion (parse, classify, segment, store) and looking at what is stored."""
