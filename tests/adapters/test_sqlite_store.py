from __future__ import annotations

import sqlite3

import pytest

from biseo.adapters.storage.sqlite_store import SqliteDocumentStore
from tests.adapters.store_contract import DocumentStoreContract
from tests.support.documents import make_document, make_segments


@pytest.fixture
def store(tmp_path):
    s = SqliteDocumentStore(tmp_path / "biseo.db")
    yield s
    s.close()


class TestSqliteDocumentStore(DocumentStoreContract):
    def test_database_is_in_wal_mode(self, store, tmp_path):
        with sqlite3.connect(tmp_path / "biseo.db") as raw:
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    def test_reopening_keeps_data(self, store, tmp_path):
        doc = make_document()
        store.save(doc, make_segments(doc))
        store.close()
        again = SqliteDocumentStore(tmp_path / "biseo.db")
        try:
            assert again.get(doc.id) == doc
        finally:
            again.close()
