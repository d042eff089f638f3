"""Text cleaning at the edges: input loses control characters, storage keeps every offset."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from biseo.domain.plain_text import clean_text, storable, storable_value

pytestmark = pytest.mark.unit

ANY_TEXT = st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF))
CONTROL_OR_SURROGATE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@given(ANY_TEXT)
def test_clean_text_leaves_no_control_character_or_surrogate_and_is_idempotent(text):
    cleaned = clean_text(text)
    assert not CONTROL_OR_SURROGATE.search(cleaned)
    assert clean_text(cleaned) == cleaned
    cleaned.encode("utf-8")  # always encodable


@given(ANY_TEXT)
def test_storable_keeps_the_length_so_offsets_hold(text):
    stored = storable(text)
    assert len(stored) == len(text)
    assert "\x00" not in stored
    stored.encode("utf-8")


def test_examples():
    assert clean_text("민원\x00 내용\x0b입니다\t\n") == "민원 내용입니다\t\n"
    assert clean_text("a\ud800b") == "a\ufffdb"
    assert storable_value({"k\x00": ["a\x00", ("b", 1)], "n": None}) == {
        "k\ufffd": ["a\ufffd", ["b", 1]],
        "n": None,
    }
