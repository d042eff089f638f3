"""Department routers on scikit-learn.

``KoreanRouter`` (biseo): TF-IDF over Kiwi morphemes (compounds and bigrams included), optionally
joined by multilingual-e5 sentence vectors, into a class-balanced logistic regression; fused with a
vote of the most similar past documents (kNN over the TF-IDF vectors and, with an embedder, over
the sentence vectors) — similar past cases were answered by the unit that will answer this one.
Training documents may include past answers (labelled with the unit that wrote them); what is
routed is only ever a complaint's title and content.
A unit named in the complaint by its working stem (청소 → 청소과) gets a small extra share: the
name says what the unit does, which helps most for units with few past cases.
``WordSvmBaseline``: TF-IDF over whitespace words of the raw text and a linear SVM, the usual first
attempt, run in the same process for the evaluation's baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from biseo.domain.complaints.routing import named_units
from biseo.services.ports import EmbeddingUnavailable

_NEIGHBOURS = 10
_LINEAR_WEIGHT = 0.5  # the rest is the neighbour vote (chosen a priori, not tuned)
_NAME_WEIGHT = 0.1  # share for units the complaint names (weights 0.05-0.2 scored alike on the dev splits)
_DENSE_SCALE = 3.0  # unit sentence vectors weigh about as much as a TF-IDF row in the linear model


def _identity(tokens: list[str]) -> list[str]:
    return tokens


class KoreanRouter:
    def __init__(self, embedder: Any = None) -> None:
        self.embedder = embedder  # an Embedder port, or None for TF-IDF only; never pickled
        self._vectorizer: Any = None
        self._model: Any = None
        self._train: Any = None
        self._train_dense: np.ndarray | None = None
        self._train_labels: np.ndarray = np.array([])

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["embedder"] = None
        return state

    @property
    def uses_embeddings(self) -> bool:
        return self._train_dense is not None

    def fit(self, texts: Sequence[str], tokens: Sequence[list[str]], labels: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._vectorizer = TfidfVectorizer(
            analyzer=_identity, sublinear_tf=True, min_df=1, max_df=0.5, dtype=np.float32
        )
        self._train = self._vectorizer.fit_transform(list(tokens))
        self._train_dense = self._embed(texts, passages=True)
        self._train_labels = np.asarray(labels)
        self._model = _fit_linear(self._features(self._train, self._train_dense), list(labels))

    def rank(
        self, texts: Sequence[str], tokens: Sequence[list[str]], k: int
    ) -> list[list[tuple[str, float]]]:
        matrix = self._vectorizer.transform(list(tokens))
        dense = self._embed(texts, passages=False) if self._train_dense is not None else None
        if self._train_dense is not None and dense is None:  # embedder gone: a TF-IDF-only model
            return self._rank_fallback(texts, tokens, k)
        classes = list(self._model.classes_)
        linear = self._model.predict_proba(self._features(matrix, dense))
        lexical_vote = _vote((matrix @ self._train.T).toarray(), self._train_labels, classes)
        if dense is not None and self._train_dense is not None:
            dense_vote = _vote(dense @ self._train_dense.T, self._train_labels, classes)
            vote = (lexical_vote + dense_vote) / 2
        else:
            vote = lexical_vote
        fused = _LINEAR_WEIGHT * linear + (1 - _LINEAR_WEIGHT) * vote
        return _top(_with_names(fused, texts, classes), classes, k)

    def _rank_fallback(
        self, texts: Sequence[str], tokens: Sequence[list[str]], k: int
    ) -> list[list[tuple[str, float]]]:
        matrix = self._vectorizer.transform(list(tokens))
        classes = sorted(set(self._train_labels.tolist()))
        vote = _vote((matrix @ self._train.T).toarray(), self._train_labels, classes)
        return _top(_with_names(vote, texts, classes), classes, k)

    def _features(self, matrix: Any, dense: np.ndarray | None) -> Any:
        if dense is None:
            return matrix
        from scipy import sparse

        return sparse.hstack([matrix, sparse.csr_matrix(dense * _DENSE_SCALE)]).tocsr()

    def _embed(self, texts: Sequence[str], *, passages: bool) -> np.ndarray | None:
        if self.embedder is None:
            return None
        try:
            embed = self.embedder.embed_passages if passages else self.embedder.embed_queries
            vectors: np.ndarray = np.asarray(embed(list(texts)), dtype=np.float32)
            return vectors
        except EmbeddingUnavailable:
            return None


def _fit_linear(features: Any, labels: list[str]) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=10.0, class_weight="balanced", max_iter=3000)
    model.fit(features, labels)
    return model


def _vote(similarity: np.ndarray, train_labels: np.ndarray, classes: list[str]) -> np.ndarray:
    """Each query's nearest past documents vote for their unit, weighted by similarity."""
    column = {label: i for i, label in enumerate(classes)}
    vote = np.zeros((similarity.shape[0], len(classes)), dtype=np.float64)
    for row in range(similarity.shape[0]):
        for j in np.argsort(-similarity[row])[:_NEIGHBOURS]:
            vote[row, column[train_labels[j]]] += max(float(similarity[row, j]), 0.0)
    totals = vote.sum(axis=1, keepdims=True)
    shares: np.ndarray = np.divide(vote, totals, out=np.zeros_like(vote), where=totals > 0)
    return shares


def _with_names(scores: np.ndarray, texts: Sequence[str], classes: list[str]) -> np.ndarray:
    """Each row gains ``_NAME_WEIGHT``, shared by the units its text names; rows stay distributions."""
    column = {label: i for i, label in enumerate(classes)}
    out = scores.copy()
    for row, text in enumerate(texts):
        named = named_units(text, classes)
        if named:
            for unit in named:
                out[row, column[unit]] += _NAME_WEIGHT / len(named)
            out[row] /= 1 + _NAME_WEIGHT
    return out


def _top(scores: np.ndarray, classes: list[str], k: int) -> list[list[tuple[str, float]]]:
    return [
        [(classes[i], float(scores[row, i])) for i in np.argsort(-scores[row])[:k]]
        for row in range(scores.shape[0])
    ]


class WordSvmBaseline:
    def __init__(self) -> None:
        self._vectorizer: Any = None
        self._model: Any = None

    def fit(self, texts: Sequence[str], tokens: Sequence[list[str]], labels: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        self._vectorizer = TfidfVectorizer(sublinear_tf=True)
        self._model = LinearSVC()
        self._model.fit(self._vectorizer.fit_transform(list(texts)), list(labels))

    def rank(
        self, texts: Sequence[str], tokens: Sequence[list[str]], k: int
    ) -> list[list[tuple[str, float]]]:
        scores = self._model.decision_function(self._vectorizer.transform(list(texts)))
        classes = list(self._model.classes_)
        if scores.ndim == 1:  # two classes
            scores = np.stack([-scores, scores], axis=1)
        return _top(scores, classes, k)
