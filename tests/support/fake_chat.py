"""A deterministic stand-in for a language model, behind the same ``ChatModel`` port as the real client.

It answers by echoing the placeholders it received (so tests can see restoration) and records every
payload (so tests can prove no personal data reached it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from biseo.services.ai.llm import Completion, Message


class FakeChat:
    name = "fake:echo"

    def __init__(self, reply: str | None = None) -> None:
        self.reply = reply
        self.payloads: list[list[Message]] = []

    def _answer(self, messages: Sequence[Message]) -> str:
        self.payloads.append(list(messages))
        if self.reply is not None:
            return self.reply
        placeholders = re.findall(r"〔[^〕]+〕", messages[-1].content)
        return "답변: " + " ".join(placeholders)

    def complete(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float = 0.0
    ) -> Completion:
        text = self._answer(messages)
        return Completion(text, self.name, sum(len(m.content) for m in messages), len(text), "stop")

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float = 0.0
    ) -> Iterator[str]:
        text = self._answer(messages)
        for i in range(0, len(text), 3):  # small chunks that split placeholders
            yield text[i : i + 3]
