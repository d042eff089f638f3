"""The language-model port, and the guard every call goes through: pseudonymized input, a token budget,
restored output, and a record of exactly what left the process.

biseo works without a model (deterministic, extractive modes that say so); a model configured with
``BISEO_LLM_URL`` (vLLM, Ollama, llama.cpp server, a gateway) only makes drafts better.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from biseo.domain.privacy.pseudonyms import Vault
from biseo.services.privacy import Privacy


@dataclass(frozen=True, slots=True)
class Message:
    role: str  # system | user | assistant
    content: str


@dataclass(frozen=True, slots=True)
class Completion:
    text: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str


class LlmUnavailable(RuntimeError):
    """The model could not answer (down, timed out, refused); callers fall back to deterministic mode."""


class BudgetExceeded(LlmUnavailable):
    pass


class ChatModel(Protocol):
    name: str

    def complete(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float = 0.0
    ) -> Completion: ...

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float = 0.0
    ) -> Iterator[str]: ...


def estimate_tokens(text: str) -> int:
    """A cautious upper bound without a tokenizer: Korean BPE vocabularies spend about one token per
    syllable at worst, other text one per four characters."""
    hangul = sum(1 for ch in text if "가" <= ch <= "힣")
    return hangul + (len(text) - hangul) // 4 + 1


@dataclass
class TokenBudget:
    """Tokens a process may spend (prompt + completion); every call is charged what the server reports."""

    limit: int
    used: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def reserve(self, tokens: int) -> None:
        with self._lock:
            if self.used + tokens > self.limit:
                raise BudgetExceeded(
                    f"token budget exhausted: {self.used} used of {self.limit}, {tokens} more needed"
                )

    def charge(self, tokens: int) -> None:
        with self._lock:
            self.used += tokens


@dataclass
class Sent:
    """What one call sent out (pseudonymized) — kept for the audit trail and leak checks."""

    messages: list[Message]
    model: str


class GuardedChat:
    def __init__(
        self,
        model: ChatModel,
        privacy: Privacy,
        budget: TokenBudget,
        *,
        max_prompt_tokens: int = 6000,
        max_tokens: int = 1024,
    ) -> None:
        self.model, self.privacy, self.budget = model, privacy, budget
        self.max_prompt_tokens, self.max_tokens = max_prompt_tokens, max_tokens
        self.sent: list[Sent] = []

    def _prepare(self, messages: Sequence[Message], vault: Vault) -> tuple[list[Message], int]:
        outgoing = [Message(m.role, self.privacy.pseudonymize(m.content, vault)[0]) for m in messages]
        outgoing = [Message(m.role, vault.mask_known(m.content)) for m in outgoing]  # across messages
        prompt = sum(estimate_tokens(m.content) for m in outgoing)
        if prompt > self.max_prompt_tokens:
            raise BudgetExceeded(
                f"prompt of ~{prompt} tokens exceeds BISEO_LLM_MAX_PROMPT_TOKENS={self.max_prompt_tokens}"
            )
        self.budget.reserve(prompt + self.max_tokens)
        self.sent.append(Sent(outgoing, self.model.name))
        return outgoing, prompt

    def complete(
        self, messages: Sequence[Message], *, temperature: float = 0.0, vault: Vault | None = None
    ) -> Completion:
        vault = vault or Vault()
        outgoing, _ = self._prepare(messages, vault)
        result = self.model.complete(outgoing, max_tokens=self.max_tokens, temperature=temperature)
        self.budget.charge(result.prompt_tokens + result.completion_tokens)
        return Completion(
            vault.restore(result.text),
            result.model,
            result.prompt_tokens,
            result.completion_tokens,
            result.finish_reason,
        )

    def stream(
        self, messages: Sequence[Message], *, temperature: float = 0.0, vault: Vault | None = None
    ) -> Iterator[str]:
        """Chunks restored as they arrive (a placeholder split across chunks is held back until whole)."""
        vault = vault or Vault()
        outgoing, prompt = self._prepare(messages, vault)
        pending, produced = "", 0
        for chunk in self.model.stream(outgoing, max_tokens=self.max_tokens, temperature=temperature):
            produced += estimate_tokens(chunk)
            pending += chunk
            cut = pending.rfind("〔")
            if cut != -1 and "〕" not in pending[cut:]:
                ready, pending = pending[:cut], pending[cut:]
            else:
                ready, pending = pending, ""
            if ready:
                yield vault.restore(ready)
        if pending:
            yield vault.restore(pending)
        self.budget.charge(prompt + produced)
