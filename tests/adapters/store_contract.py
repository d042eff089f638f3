"""The DocumentStore contract: every implementation inherits this class and provides a ``store``
fixture (and the ``database`` it works on)."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from biseo.domain.documents.model import DocumentDates, DocumentKind, Heading, PageSpan
from tests.support.documents import make_document, make_segments


class DocumentStoreContract:
    def test_round_trip_keeps_every_field(self, store):
        doc = make_document(
            text="제1조 (목적)\n\n이 법은 민원 처리를 정한다.\n\n제2조 (정의)\n\n“민원”이란 …",
            dates=DocumentDates(promulgated=date(2022, 1, 11), effective=date(2022, 7, 12)),
            headings=(Heading(5, "제1조 (목적)", 0, 30),),
            pages=(PageSpan(1, 0, 10), PageSpan(2, 12, 30)),
            metadata={"법령ID": "001359", "소관부처": ["행정안전부"], "중첩": {"a": [1, 2]}},
        )
        segments = make_segments(doc, 3)
        store.save(doc, segments)
        assert store.get(doc.id) == doc
        assert store.segments(doc.id) == segments
        assert store.segment(doc.id, 1) == segments[1]
        assert store.segment(doc.id, 9) is None

    def test_missing_document_is_none(self, store):
        assert store.get("0" * 32) is None
        assert store.segments("0" * 32) == []

    def test_version_and_source_lookups(self, store):
        doc = make_document(source="/data/a.md")
        store.save(doc, make_segments(doc))
        assert store.version_at("/data/a.md").document_id == doc.id
        assert store.source_of(doc.id) == "/data/a.md"
        assert store.version_at("/data/other.md") is None

    def test_replacing_removes_the_old_version_and_its_segments(self, store):
        old = make_document(text="옛 내용 제1조", source="/data/a.md")
        store.save(old, make_segments(old))
        new = make_document(text="새 내용 제1조 제2조", source="/data/a.md")
        store.save(new, make_segments(new, 4), replacing=old.id)
        assert store.get(old.id) is None
        assert store.segments(old.id) == []
        assert len(store.segments(new.id)) == 4
        assert store.count() == 1

    def test_failed_save_leaves_nothing_behind(self, store):
        keep = make_document(text="남아야 할 문서", source="/data/keep.md")
        store.save(keep, make_segments(keep))
        doc = make_document(text="새 문서", source="/data/new.md")
        bad = make_segments(doc, 2)
        bad.append(bad[0])  # duplicate (document_id, number) violates the primary key
        with pytest.raises(Exception):  # noqa: B017 - each driver raises its own IntegrityError
            store.save(doc, bad, replacing=keep.id)
        assert store.get(doc.id) is None
        assert store.segments(doc.id) == []
        assert store.get(keep.id) == keep  # the replaced version survives a failed replacement

    def test_list_count_filter_and_paging(self, store):
        for i in range(5):
            kind = DocumentKind.STATUTE if i % 2 else DocumentKind.PRECEDENT
            d = make_document(text=f"문서 {i}", source=f"/d/{i}.md", kind=kind, title=f"제목{i}")
            store.save(d, make_segments(d, i + 1))
        assert store.count() == 5
        assert store.count(kind=DocumentKind.STATUTE) == 2
        listed = store.summaries(kind=DocumentKind.PRECEDENT)
        assert {d.title for d in listed} == {"제목0", "제목2", "제목4"}
        assert {d.segment_count for d in listed} == {1, 3, 5}
        page1, page2 = store.summaries(limit=3), store.summaries(limit=3, offset=3)
        assert len(page1) == 3 and len(page2) == 2
        assert not {d.id for d in page1} & {d.id for d in page2}

    def test_delete(self, store):
        doc = make_document()
        store.save(doc, make_segments(doc))
        assert store.delete(doc.id) is True
        assert store.delete(doc.id) is False
        assert store.segments(doc.id) == []

    def test_failures_are_recorded_and_cleared_by_a_later_success(self, store):
        store.record_failure("/d/bad.hwp", None, "corrupt", "truncated record")
        store.record_failure("/d/bad.hwp", "ab" * 16, "encrypted", "password flag")
        assert store.failures() == [("/d/bad.hwp", "encrypted", "password flag")]
        doc = make_document(source="/d/bad.hwp")
        store.save(doc, make_segments(doc))
        assert store.failures() == []

    def test_korean_text_and_offsets_survive_exactly(self, store):
        text = "「민원 처리에 관한 법률」 제19조제1항 ㉮ 𠀀 emoji 🙂 끝."
        doc = make_document(text=text, source="/d/k.md")
        segments = make_segments(doc, 3)
        store.save(doc, segments)
        loaded = store.get(doc.id)
        assert loaded.text == text
        assert [s.text_in(loaded.text) for s in store.segments(doc.id)] == [s.text_in(text) for s in segments]

    def test_readers_on_other_threads_see_committed_writes(self, store):
        doc = make_document(source="/d/thread.md")
        store.save(doc, make_segments(doc))
        seen: list[object] = []
        worker = threading.Thread(target=lambda: seen.append(store.get(doc.id)))
        worker.start()
        worker.join()
        assert seen == [doc]

    def test_passages_slice_text_by_character_and_carry_document_facts(self, store):
        text = "「민원 처리에 관한 법률」 제19조 ① 처리기간 🙂 계산. 제20조 협조."
        doc = make_document(text=text, source="/d/p.md", dates=DocumentDates(effective=date(2022, 7, 12)))
        segments = make_segments(doc, 3)
        store.save(doc, segments)
        other = make_document(
            text="다른 문서 본문", source="/d/q.md", kind=DocumentKind.PRECEDENT, agency="대법원"
        )
        store.save(other, make_segments(other, 1))
        keys = [(doc.id, 2), (other.id, 0), (doc.id, 0), ("0" * 32, 0)]
        found = store.passages(keys)
        assert set(found) == {(doc.id, 2), (other.id, 0), (doc.id, 0)}
        for (doc_id, n), passage in found.items():
            source = doc if doc_id == doc.id else other
            assert passage.text == store.segment(doc_id, n).text_in(source.text)
            assert passage.title == source.title and passage.kind == source.kind
        assert found[(doc.id, 0)].date == date(2022, 7, 12) and found[(other.id, 0)].agency == "대법원"

    def test_migrations_are_recorded_once(self, database):
        names = database.applied_migrations()
        assert names == sorted(names) and len(names) == len(set(names)) >= 2
        assert database.migrate() == []  # already at head
