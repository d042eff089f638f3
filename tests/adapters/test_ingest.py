"""Ingestion: idempotent, replaces changed files cleanly, survives kill -9 and resumes."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.services.documents.ingest import FileStatus
from tests.conftest import SHARED_DATA
from tests.support.documents import hwp_files

LAW = SHARED_DATA / "laws" / "민원처리에관한법률" / "법률.md"


@pytest.fixture
def services(isolated_home):
    s = build_services(Settings.load(workers=2))
    yield s
    s.close()


def test_same_content_twice_adds_nothing(services, tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(SHARED_DATA / "hwp" / "공문서", folder)
    first = services.ingest.ingest([str(folder)])
    assert first.ok and first.count(FileStatus.ADDED) == len(list(folder.iterdir()))
    segments_before = sum(d.segment_count for d in services.documents.summaries(limit=500))
    second = services.ingest.ingest([str(folder)])
    assert second.count(FileStatus.UNCHANGED) == len(first.results)
    assert sum(d.segment_count for d in services.documents.summaries(limit=500)) == segments_before


def test_changed_file_replaces_its_old_version(services, tmp_path):
    path = tmp_path / "법률.md"
    path.write_text(LAW.read_text(encoding="utf-8"), encoding="utf-8")
    old_id = services.ingest.ingest([str(path)]).results[0].document_id
    path.write_text(LAW.read_text(encoding="utf-8").replace("민원의 날", "민원인의 날"), encoding="utf-8")
    result = services.ingest.ingest([str(path)]).results[0]
    assert result.status is FileStatus.REPLACED and result.document_id != old_id
    assert services.store.get(old_id) is None and services.store.segments(old_id) == []
    assert "민원인의 날" in services.documents.get(result.document_id).text
    assert services.documents.count() == 1


def test_identical_copy_elsewhere_is_a_duplicate(services, tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_bytes(LAW.read_bytes())
    b.write_bytes(LAW.read_bytes())
    report = services.ingest.ingest([str(a), str(b)])
    statuses = {Path(r.source).name: r.status for r in report.results}
    assert statuses == {"a.md": FileStatus.ADDED, "b.md": FileStatus.DUPLICATE}
    assert services.documents.count() == 1


def test_globs_and_folders_expand_once(services, tmp_path):
    tmp_path = tmp_path / "docs"
    tmp_path.mkdir()
    for name in ("x.md", "y.md", ".hidden.md"):
        (tmp_path / name).write_text(f"# {name}\n\n본문 {name}", encoding="utf-8")
    report = services.ingest.ingest([str(tmp_path / "*.md"), str(tmp_path), str(tmp_path / "x.md")])
    assert sorted(Path(r.source).name for r in report.results) == ["x.md", "y.md"]


def test_parallel_and_serial_ingestion_store_the_same_documents(tmp_path, monkeypatch):
    files = [str(p) for p in hwp_files(SHARED_DATA)[:12]]
    results = {}
    for workers in (1, 2):
        monkeypatch.setenv("BISEO_HOME", str(tmp_path / f"h{workers}"))
        s = build_services(Settings.load(workers=workers))
        try:
            s.ingest.ingest(files)
            results[workers] = {(d.id, d.segment_count) for d in s.documents.summaries(limit=100)}
        finally:
            s.close()
    assert results[1] == results[2] and len(results[1]) == 12


def test_kill_9_mid_ingestion_loses_nothing_committed_and_a_rerun_completes(tmp_path, isolated_home):
    corpus = tmp_path / "laws"
    corpus.mkdir()
    for i, law_dir in enumerate(sorted((SHARED_DATA / "laws").iterdir())[:120]):
        for law_file in law_dir.glob("*.md"):
            shutil.copy(law_file, corpus / f"{i:03d}-{law_file.name}")
    total = len(list(corpus.iterdir()))
    env = {**os.environ, "BISEO_HOME": str(isolated_home), "BISEO_WORKERS": "2"}
    cmd = [sys.executable, "-m", "biseo.interfaces.cli.main", "ingest", "--quiet", str(corpus)]
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    db = isolated_home / "biseo.db"
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until some, but not all, documents are committed
        if db.exists() and 5 <= _count(db) < total:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    committed = _count(db)
    assert 0 < committed < total, f"kill landed at {committed}/{total}; the test needs a mid-run kill"
    _assert_consistent(db)

    services = build_services(Settings.load(workers=2))
    try:
        report = services.ingest.ingest([str(corpus)])
        assert report.ok
        assert report.count(FileStatus.UNCHANGED) == committed
        assert services.documents.count() == total
    finally:
        services.close()
    _assert_consistent(db)


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as raw:
            return int(raw.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _assert_consistent(db: Path) -> None:
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        mismatched = raw.execute(
            "SELECT count(*) FROM documents d WHERE d.segment_count != "
            "(SELECT count(*) FROM segments s WHERE s.document_id = d.id)"
        ).fetchone()[0]
        assert mismatched == 0
        assert raw.execute("SELECT count(*) FROM documents WHERE segment_count = 0").fetchone()[0] == 0
