"""정보검색: the search use case, the indexes that follow the store, and its evaluation."""
