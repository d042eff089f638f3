"""The OpenAI-compatible chat client against server processes on loopback: a scripted server for the
protocol (retries, timeouts, refusals, streaming) and, where it is installed, a real llama.cpp server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from biseo.adapters.llm.openai_chat import OpenAIChatClient
from biseo.services.llm import LlmUnavailable, Message
from tests.support.mail import free_port

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]


def _wait(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if process.poll() is not None:
                pytest.fail(
                    f"server exited: {process.stderr.read().decode()[:500] if process.stderr else ''}"
                )
            time.sleep(0.1)
    pytest.fail("server did not start")


@pytest.fixture(scope="module")
def stub():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.openai_stub", str(port)], cwd=REPO, stderr=subprocess.PIPE
    )
    _wait(port, process)
    yield f"http://127.0.0.1:{port}/v1"
    process.terminate()
    process.wait(timeout=10)


def test_completion_and_usage(stub):
    client = OpenAIChatClient(stub, "stub-model")
    result = client.complete(
        [Message("system", "요약하세요."), Message("user", "민원 처리기간은 7일입니다.")], max_tokens=50
    )
    assert result.text == "받은 글 15자: 민원 처리기간은 7일입니다." and result.model == "stub-model"
    assert (result.prompt_tokens, result.finish_reason) == (15, "stop")


def test_streaming_yields_chunks_in_order(stub):
    chunks = list(OpenAIChatClient(stub, "m").stream([Message("user", "가 나 다")], max_tokens=10))
    assert len(chunks) > 2 and "".join(chunks).strip() == "받은 글 5자: 가 나 다"


def test_retries_a_503_then_succeeds_and_does_not_retry_a_400(stub):
    client = OpenAIChatClient(stub, "m", retries=2, backoff=0.05)
    assert client.complete([Message("user", "fail-once 요청")], max_tokens=5).text.startswith("받은 글")
    with pytest.raises(LlmUnavailable, match="refused the request: HTTP 400"):
        client.complete([Message("user", "bad 요청")], max_tokens=5)


def test_timeouts_and_unreachable_servers_fail_cleanly(stub):
    started = time.monotonic()
    with pytest.raises(LlmUnavailable):
        OpenAIChatClient(stub, "m", timeout=0.5, retries=1, backoff=0.05).complete(
            [Message("user", "slow 요청")], max_tokens=5
        )
    assert time.monotonic() - started < 2.5  # two bounded attempts, not the server's 3 s
    with pytest.raises(LlmUnavailable, match="unavailable after 2 attempts"):
        OpenAIChatClient(f"http://127.0.0.1:{free_port()}/v1", "m", retries=1, backoff=0.01).complete(
            [Message("user", "x")], max_tokens=5
        )
