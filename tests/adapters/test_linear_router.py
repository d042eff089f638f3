"""The router with and without sentence vectors, and when the embedder fails after training."""

from __future__ import annotations

import numpy as np
import pytest

from biseo.adapters.routing.linear_router import KoreanRouter
from biseo.services.ports import EmbeddingUnavailable

pytestmark = pytest.mark.integration

TEXTS = [
    "불법 주차 단속",
    "주차 위반 차량 단속",
    "가로등 고장 수리",
    "가로등 불 꺼짐",
    "쓰레기 무단 투기",
    "쓰레기 수거 요청",
]
LABELS = ["교통과", "교통과", "건설과", "건설과", "청소과", "청소과"]


class WordVectors:
    """A deterministic stand-in embedder: hashed bag of words, unit length."""

    name = "test-words"
    dimensions = 32
    fail = False

    def _embed(self, texts):
        if self.fail:
            raise EmbeddingUnavailable("down")
        out = np.zeros((len(texts), 32), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.split():
                out[i, sum(map(ord, word)) % 32] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

    embed_queries = embed_passages = _embed


def _tokens(texts):
    return [t.split() for t in texts]


@pytest.mark.parametrize("embedder", [None, WordVectors()], ids=["tfidf", "with-vectors"])
def test_routes_to_the_unit_of_similar_past_cases(embedder):
    router = KoreanRouter(embedder)
    router.fit(TEXTS, _tokens(TEXTS), LABELS)
    assert router.uses_embeddings is (embedder is not None)
    ranked = router.rank(["주차 단속 바랍니다"], _tokens(["주차 단속 바랍니다"]), 3)[0]
    assert ranked[0][0] == "교통과" and len(ranked) == 3
    assert ranked[0][1] >= ranked[1][1] >= ranked[2][1]


def test_a_failing_embedder_falls_back_to_words_and_pickles_without_it():
    import pickle

    embedder = WordVectors()
    router = KoreanRouter(embedder)
    router.fit(TEXTS, _tokens(TEXTS), LABELS)
    embedder.fail = True
    assert router.rank(["가로등 고장"], _tokens(["가로등 고장"]), 2)[0][0][0] == "건설과"
    restored = pickle.loads(pickle.dumps(router))
    assert restored.embedder is None and restored.uses_embeddings
    assert restored.rank(["쓰레기 투기"], _tokens(["쓰레기 투기"]), 1)[0][0][0] == "청소과"


def test_a_unit_named_in_the_complaint_gains_a_share_and_scores_stay_in_range():
    router = KoreanRouter(None)
    router.fit(TEXTS, _tokens(TEXTS), LABELS)
    plain = dict(router.rank(["민원 드립니다"], _tokens(["민원 드립니다"]), 3)[0])
    named = dict(router.rank(["청소 민원 드립니다"], _tokens(["청소 민원 드립니다"]), 3)[0])
    assert named["청소과"] > plain["청소과"]
    assert max(named, key=named.get) == "청소과"
    assert abs(sum(named.values()) - (sum(plain.values()) + 0.1) / 1.1) < 1e-6
