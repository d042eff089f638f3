from __future__ import annotations

import sqlite3

import pytest

from biseo.adapters.storage.document_store import SqlDocumentStore
from biseo.adapters.storage.sqlite_database import SqliteDatabase
from tests.adapters.store_contract import DocumentStoreContract
from tests.support.documents import make_document, make_segments

pytestmark = pytest.mark.integration


@pytest.fixture
def database(tmp_path):
    d = SqliteDatabase(tmp_path / "biseo.db")
    yield d
    d.close()


@pytest.fixture
def store(database):
    return SqlDocumentStore(database)


class TestSqliteDocumentStore(DocumentStoreContract):
    def test_database_is_in_wal_mode(self, store, tmp_path):
        with sqlite3.connect(tmp_path / "biseo.db") as raw:
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    def test_reopening_keeps_data(self, store, tmp_path):
        doc = make_document()
        store.save(doc, make_segments(doc))
        store.close()
        again = SqliteDatabase(tmp_path / "biseo.db")
        try:
            assert SqlDocumentStore(again).get(doc.id) == doc
        finally:
            again.close()
