"""The OpenAI-compatible chat client against server processes on loopback: a scripted server for the
protocol (retries, timeouts, refusals, streaming) and, where it is installed, a real llama.cpp server."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from biseo.adapters.llm.openai_chat import OpenAIChatClient
from biseo.services.ai.llm import LlmUnavailable, Message
from tests.support.processes import free_port, wait_for_port

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stub():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.openai_stub", str(port)], cwd=REPO, stderr=subprocess.PIPE
    )
    wait_for_port(port, process, "the scripted server")
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


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    from tests.support.tiny_gguf import write_tiny_llama

    model = write_tiny_llama(tmp_path_factory.mktemp("gguf") / "tiny.gguf")
    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", "tiny"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", "512", "--n_threads", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for_port(port, process, "llama.cpp server")
    yield f"http://127.0.0.1:{port}/v1"
    process.terminate()
    process.wait(timeout=20)


def test_a_real_llama_cpp_server(llama_server):
    """Protocol against llama.cpp itself: completion with usage, streaming, and the guard on top."""
    from biseo.bootstrap import build_privacy
    from biseo.services.ai.llm import GuardedChat, TokenBudget

    client = OpenAIChatClient(llama_server, "tiny", timeout=30)
    result = client.complete([Message("user", "민원 처리기간을 알려 주세요.")], max_tokens=8)
    assert result.model == "tiny" and result.prompt_tokens > 0 and 0 < result.completion_tokens <= 8
    assert result.finish_reason in {"length", "stop"}
    chunks = list(client.stream([Message("user", "안녕하세요")], max_tokens=6))
    assert 1 <= len(chunks) <= 6
    budget = TokenBudget(100_000)
    guarded = GuardedChat(client, build_privacy(), budget, max_tokens=4)
    guarded.complete([Message("user", "민원인 김철수(010-2345-6789)의 민원입니다.")])
    sent = guarded.sent[0].messages[0].content
    assert "김철수" not in sent and "010-2345-6789" not in sent and "〔전화1〕" in sent
    assert budget.used > 0  # charged what the server reported
