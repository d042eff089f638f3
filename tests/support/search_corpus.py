"""A small real corpus for search tests: a few statutes, decrees, precedents and press releases."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import SHARED_DATA

LAWS = [
    "민원처리에관한법률",
    "행정절차법",
    "공공기관의정보공개에관한법률",
    "관공서의공휴일에관한규정",
    "국민기초생활보장법",
]
PRECEDENTS = ["2000두10663.md", "2000두2341.md"]
PRESS = ["hwp/메뉴얼/260406 (관계부처 합동) 노동절 제정 63년 만에 공휴일 지정.hwpx"]


def build(target: Path) -> Path:
    for law in LAWS:
        shutil.copytree(SHARED_DATA / "laws" / law, target / "laws" / law)
    (target / "precedents").mkdir(parents=True)
    for name in PRECEDENTS:
        shutil.copy(SHARED_DATA / "precedents" / name, target / "precedents" / name)
    (target / "press").mkdir()
    for rel in PRESS:
        shutil.copy(SHARED_DATA / rel, target / "press" / Path(rel).name)
    return target


def indexed_services(tmp_path_factory, token_cache: Path):  # type: ignore[no-untyped-def]
    """Services over a freshly built and indexed copy of the corpus (the caller closes them)."""
    from biseo.bootstrap import build_services
    from biseo.config import Settings

    corpus = build(tmp_path_factory.mktemp("corpus"))
    environ = {"BISEO_HOME": str(tmp_path_factory.mktemp("home")), "BISEO_CACHE_DIR": str(token_cache)}
    services = build_services(Settings.load(environ, log_level="WARNING"))
    services.ingest.ingest([str(corpus)])
    services.indexing.sync()
    return services
