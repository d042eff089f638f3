"""Department routers on scikit-learn.

``KoreanRouter`` (biseo): TF-IDF over Kiwi morphemes (compounds and bigrams included), a
class-balanced logistic regression, fused with a vote of the most similar past complaints (kNN over
the same vectors) — similar past cases were answered by the unit that will answer this one.
``WordSvmBaseline``: TF-IDF over whitespace words of the raw text and a linear SVM, the usual first
attempt, run in the same process for the evaluation's baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

_NEIGHBOURS = 10
_KNN_WEIGHT = 0.5  # share of the neighbour vote in the fused score (chosen a priori, not tuned)


def _identity(tokens: list[str]) -> list[str]:
    return tokens


class KoreanRouter:
    def __init__(self) -> None:
        self._vectorizer: Any = None
        self._model: Any = None
        self._train: Any = None
        self._train_labels: np.ndarray = np.array([])

    def fit(self, texts: Sequence[str], tokens: Sequence[list[str]], labels: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self._vectorizer = TfidfVectorizer(
            analyzer=_identity, sublinear_tf=True, min_df=1, max_df=0.5, dtype=np.float32
        )
        matrix = self._vectorizer.fit_transform(list(tokens))
        self._model = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)
        self._model.fit(matrix, list(labels))
        self._train = matrix
        self._train_labels = np.asarray(labels)

    def rank(
        self, texts: Sequence[str], tokens: Sequence[list[str]], k: int
    ) -> list[list[tuple[str, float]]]:
        matrix = self._vectorizer.transform(list(tokens))
        classes = list(self._model.classes_)
        linear = self._model.predict_proba(matrix)
        vote = np.zeros_like(linear)
        column = {label: i for i, label in enumerate(classes)}
        similarity = (matrix @ self._train.T).toarray()
        for row in range(similarity.shape[0]):
            nearest = np.argsort(-similarity[row])[:_NEIGHBOURS]
            for j in nearest:
                vote[row, column[self._train_labels[j]]] += similarity[row, j]
        totals = vote.sum(axis=1, keepdims=True)
        vote = np.divide(vote, totals, out=np.zeros_like(vote), where=totals > 0)
        fused = (1 - _KNN_WEIGHT) * linear + _KNN_WEIGHT * vote
        return [
            [(classes[i], float(fused[row, i])) for i in np.argsort(-fused[row])[:k]]
            for row in range(fused.shape[0])
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
        return [
            [(classes[i], float(scores[row, i])) for i in np.argsort(-scores[row])[:k]]
            for row in range(scores.shape[0])
        ]
