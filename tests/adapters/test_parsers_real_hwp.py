"""python-hwpx behind our parser, checked on every real government file in ../shared/data/hwp."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from biseo.adapters.parsers import ContentParser
from biseo.adapters.parsers.sniff import sniff
from biseo.domain.documents.model import SourceFormat
from biseo.domain.errors import DocumentRejected, ErrorCode
from tests.conftest import SHARED_DATA
from tests.support.documents import hwp_files, with_hwp5_flags
from tests.support.hwp_oracle import read_text, trigram_recall

FILES = hwp_files(SHARED_DATA) if (SHARED_DATA / "hwp").is_dir() else []
PARSER = ContentParser()


def _id(path):
    return path.name[:40]


def test_the_real_corpus_is_there():
    assert len(FILES) >= 90, f"expected ~100 real HWP/HWPX files under {SHARED_DATA / 'hwp'}"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_every_real_file_parses_with_high_trigram_recall(path):
    data = path.read_bytes()
    parsed = PARSER.parse(data, path.name)
    reference = read_text(data)
    assert len(reference.strip()) > 0
    recall = trigram_recall(reference, parsed.text)
    assert recall >= 0.98, f"{path.name}: trigram recall {recall:.3f}"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_format_is_chosen_by_content_not_extension(path):
    data = path.read_bytes()
    expected = SourceFormat.HWPX if data.startswith(b"PK") else SourceFormat.HWP
    assert sniff(data, path.name) is expected
    assert sniff(data, "renamed.pdf") is expected
    assert sniff(data, "no_extension") is expected


def test_the_corpus_contains_mislabelled_files_and_they_parse():
    mislabelled = [p for p in FILES if (p.read_bytes().startswith(b"PK")) != (p.suffix.lower() == ".hwpx")]
    assert mislabelled, "the shared corpus is documented to hold files with the wrong extension"
    for path in mislabelled:
        assert len(PARSER.parse(path.read_bytes(), path.name).text) > 100


def _twins():
    by_stem = defaultdict(dict)
    for path in FILES:
        by_stem[(path.parent, path.stem)][path.suffix.lower()] = path
    return [(v[".hwp"], v[".hwpx"]) for v in by_stem.values() if {".hwp", ".hwpx"} <= v.keys()]


def _normalised(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("pair", _twins(), ids=lambda p: _id(p[0]))
def test_hwp_and_hwpx_twins_yield_near_identical_text(pair):
    hwp, hwpx = (PARSER.parse(p.read_bytes(), p.name).text for p in pair)
    assert trigram_recall(hwp, hwpx) >= 0.98
    assert trigram_recall(hwpx, hwp) >= 0.98
    a, b = _normalised(hwp), _normalised(hwpx)
    assert abs(len(a) - len(b)) <= 0.02 * max(len(a), len(b))


def test_there_are_twins_to_compare():
    assert len(_twins()) >= 5


def _an_hwp5_file():
    return next(p for p in FILES if p.read_bytes().startswith(b"\xd0\xcf\x11\xe0"))


def test_distribution_locked_hwp_gets_a_clear_error_not_placeholder_text():
    data = with_hwp5_flags(_an_hwp5_file().read_bytes(), 1 << 2)  # 배포용 문서 bit
    with pytest.raises(DocumentRejected) as caught:
        PARSER.parse(data, "배포용.hwp")
    assert caught.value.code is ErrorCode.DISTRIBUTION_LOCKED
    assert "배포용" in caught.value.message_ko


def test_password_protected_hwp_is_refused_as_encrypted():
    data = with_hwp5_flags(_an_hwp5_file().read_bytes(), 1 << 1)  # 암호 설정 bit
    with pytest.raises(DocumentRejected) as caught:
        PARSER.parse(data, "암호.hwp")
    assert caught.value.code is ErrorCode.ENCRYPTED


def test_tables_are_kept_as_markdown():
    texts = [PARSER.parse(p.read_bytes(), p.name).text for p in FILES[:30]]
    assert any(re.search(r"^\| .+ \|\n\|( --- \|)+$", t, re.MULTILINE) for t in texts)
