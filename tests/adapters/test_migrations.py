"""Migrate a database that already holds rows: apply 0001, insert, apply 0002, check the rows and the new columns."""

from __future__ import annotations

import pytest

from biseo.adapters.storage.document_rows import document_row, segment_row
from biseo.adapters.storage.document_store import SqlDocumentStore
from biseo.adapters.storage.migrations import MIGRATIONS
from tests.support.documents import make_document, make_segments

pytestmark = pytest.mark.integration


def _at_first_migration(database_cls, *args):
    """A database migrated only to 0001 (bypassing the constructor's migrate())."""
    original = database_cls.migrate
    database_cls.migrate = lambda self, target=None: original(self, MIGRATIONS[0].name)
    try:
        return database_cls(*args)
    finally:
        database_cls.migrate = original


def _insert_v1_rows(database):
    docs = []
    with database.unit_of_work() as cur:
        for i, n in enumerate((3, 0, 5)):
            doc = make_document(text=f"제{i}조 본문 " * 20, source=f"/v1/{i}.md")
            cur.execute(
                "INSERT INTO documents (id, source, title, kind, format, agency, date_promulgated, date_effective, "
                "date_decided, date_published, metadata, headings, pages, text, size_bytes, parser, ingested_at) "
                f"VALUES ({', '.join('?' * 17)})",
                (*document_row(doc), "2026-01-01T00:00:00+00:00"),
            )
            cur.executemany(
                "INSERT INTO segments (document_id, number, kind, label, start_offset, end_offset, page, anchors) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [segment_row(s) for s in make_segments(doc, n)] if n else [],
            )
            docs.append((doc, n))
    return docs


def _check_upgrade(database):
    assert database.applied_migrations() == [MIGRATIONS[0].name]
    docs = _insert_v1_rows(database)
    applied = database.migrate()
    store = SqlDocumentStore(database)
    assert applied == [m.name for m in MIGRATIONS[1:]]
    for doc, n in docs:
        assert store.get(doc.id) == doc
        assert len(store.segments(doc.id)) == n
    counts = {d.id: d.segment_count for d in store.summaries(limit=10)}
    assert counts == {doc.id: n for doc, n in docs}
    assert store.failures() == []  # the table 0002 adds exists and is empty


def test_sqlite_upgrade_keeps_rows_and_backfills_counts(tmp_path):
    from biseo.adapters.storage.sqlite_database import SqliteDatabase

    database = _at_first_migration(SqliteDatabase, tmp_path / "m.db")
    try:
        _check_upgrade(database)
    finally:
        database.close()


@pytest.mark.postgres
def test_postgres_upgrade_keeps_rows_and_backfills_counts(postgres_dsn):
    from biseo.adapters.storage.postgres_database import PostgresDatabase

    database = _at_first_migration(PostgresDatabase, postgres_dsn)
    try:
        _check_upgrade(database)
    finally:
        database.close()


def test_migration_names_are_ordered_and_unique():
    names = [m.name for m in MIGRATIONS]
    assert names == sorted(names) and len(set(names)) == len(names)
    assert all(n[:4].isdigit() and n[4] == "_" for n in names)
