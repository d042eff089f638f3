"""Client for an OpenAI-compatible ``POST /v1/chat/completions`` (vLLM, Ollama, llama.cpp server, gateways).

Timeouts on connect and on every read, bounded retries with exponential backoff on connection errors,
429 and 5xx (never after a stream has started: half an answer is not retried), and server-sent events
for streaming. Everything it sends has already been pseudonymized by ``GuardedChat``.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from typing import Any

from biseo.services.ai.llm import Completion, LlmUnavailable, Message

_RETRYABLE = {408, 429, 500, 502, 503, 504}


class OpenAIChatClient:
    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str = "",
        timeout: float = 60.0,
        retries: int = 2,
        backoff: float = 0.5,
    ) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.name = f"openai:{model}"
        self._key, self._timeout, self._retries, self._backoff = api_key, timeout, retries, backoff

    def complete(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float = 0.0
    ) -> Completion:
        with self._open(messages, max_tokens, temperature, stream=False) as response:
            try:
                data = json.loads(response.read())
                choice = data["choices"][0]
                usage = data.get("usage") or {}
                return Completion(
                    text=choice["message"]["content"] or "",
                    model=str(data.get("model") or self.model),
                    prompt_tokens=int(usage.get("prompt_tokens") or 0),
                    completion_tokens=int(usage.get("completion_tokens") or 0),
                    finish_reason=str(choice.get("finish_reason") or ""),
                )
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                raise LlmUnavailable(f"malformed response from {self.url}: {type(exc).__name__}") from exc
            except TimeoutError as exc:
                raise LlmUnavailable(f"{self.url} timed out while answering") from exc

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float = 0.0
    ) -> Iterator[str]:
        with self._open(messages, max_tokens, temperature, stream=True) as response:
            try:
                for raw in response:
                    line = raw.decode("utf-8").strip()
                    if not line.startswith("data:"):
                        continue
                    payload = line[5:].strip()
                    if payload == "[DONE]":
                        return
                    delta = json.loads(payload)["choices"][0].get("delta", {}).get("content")
                    if delta:
                        yield delta
            except (TimeoutError, OSError) as exc:
                raise LlmUnavailable(f"stream from {self.url} broke off: {type(exc).__name__}") from exc
            except (ValueError, KeyError, IndexError) as exc:
                raise LlmUnavailable(f"malformed stream from {self.url}: {type(exc).__name__}") from exc

    def _open(self, messages: Sequence[Message], max_tokens: int, temperature: float, *, stream: bool) -> Any:
        body = json.dumps(
            {
                "model": self.model,
                "messages": [{"role": m.role, "content": m.content} for m in messages],
                "max_tokens": max_tokens,
                "temperature": temperature,
                "stream": stream,
            },
            ensure_ascii=False,
        ).encode()
        headers = {
            "Content-Type": "application/json",
            "Accept": "text/event-stream" if stream else "application/json",
        }
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        last = "no attempt"
        for attempt in range(self._retries + 1):
            if attempt:
                time.sleep(self._backoff * 2 ** (attempt - 1))
            request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                return urllib.request.urlopen(request, timeout=self._timeout)
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code}"
                if exc.code not in _RETRYABLE:
                    raise LlmUnavailable(f"{self.url} refused the request: {last}") from exc
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                last = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
        raise LlmUnavailable(f"{self.url} unavailable after {self._retries + 1} attempts ({last})")
