"""AI 산출물 기록: the one way a summary or a draft (민원 답변서, 보고서, 보도자료) enters the audit
trail, with the same fields whoever asked for it (command line, API, page).

Every record names how the text was made: ``mode`` (model, template or extractive), the prompt
fingerprint (the prompt file's version and hash; for a deterministic mode the method's name and a
hash of the code that produced it, so two records from the same code have the same fingerprint),
and the model that actually answered (from the completion, not the configured name).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from biseo.domain.drafting.report import OfficialDocument, SourceDigest
from biseo.domain.drafting.summary import DETERMINISTIC_LABEL, Summary
from biseo.services.ai.audit import AuditTrail
from biseo.services.ai.llm import ChatModel, Completion, Message
from biseo.services.ai.prompts import load_prompt
from biseo.services.drafting.replies import ReplyDraft

# The code each deterministic method runs: a change to any of these files changes the fingerprint.
_METHODS: dict[str, tuple[str, ...]] = {
    "reply.template": ("biseo.domain.drafting.reply", "biseo.services.drafting.replies"),
    "summary.extractive": ("biseo.domain.drafting.summary", "biseo.services.drafting.summaries"),
    "report.template": (
        "biseo.domain.drafting.report",
        "biseo.services.drafting.reports",
        "biseo.domain.drafting.summary",
        "biseo.services.drafting.summaries",
    ),
}


@dataclass(frozen=True, slots=True)
class Caller:
    agency: str  # only this agency's staff may read the record
    actor: str  # staff id, or cli:USER


@dataclass(frozen=True, slots=True)
class AiOutput:
    kind: str  # reply | report | press_release | summary
    input_text: str  # what the output was made from (pseudonymized by the trail)
    output_text: str
    mode: str  # model | template | extractive
    model: str | None  # the model that answered; None when no model wrote it
    prompt: str  # prompt file fingerprint, or the deterministic method's (method_fingerprint)
    sources: list[dict[str, Any]] = field(default_factory=list)
    verification: dict[str, Any] = field(default_factory=dict)


def record_output(trail: AuditTrail, caller: Caller, output: AiOutput, settings: dict[str, Any]) -> str:
    """Store one AI output; ``settings`` are the settings that shaped it (never keys or URLs)."""
    return trail.record(
        kind=output.kind,
        agency=caller.agency,
        actor=caller.actor,
        input_text=output.input_text,
        output_text=output.output_text,
        sources=output.sources,
        model=output.model,
        settings={**settings, "mode": output.mode},
        prompt=output.prompt,
        verification=output.verification,
    )


def reply_output(title: str, content: str, draft: ReplyDraft) -> AiOutput:
    by_model = draft.model is not None
    return AiOutput(
        kind="reply",
        input_text=f"{title}\n{content}",
        output_text=draft.text,
        mode="model" if by_model else "template",
        model=draft.model,
        prompt=draft.prompt if by_model and draft.prompt else method_fingerprint("reply.template"),
        sources=draft.source_list(),
        verification=draft.verification(),
    )


def summary_output(
    text: str, summary: Summary, sources: list[dict[str, Any]], answered_by: str | None
) -> AiOutput:
    """``text``: what was summarized (a file's or document's text, or the posted text);
    ``answered_by``: the model that answered, if one was called."""
    by_model = summary.mode != DETERMINISTIC_LABEL and answered_by is not None
    return AiOutput(
        kind="summary",
        input_text=text,
        output_text=summary.render(),
        mode="model" if by_model else "extractive",
        model=answered_by if by_model else None,
        prompt=load_prompt("summary").fingerprint if by_model else method_fingerprint("summary.extractive"),
        sources=sources,
        verification={
            "bullets": len(summary.bullets),
            "supported": sum(b.supported for b in summary.bullets),
        },
    )


def report_output(
    kind: str,
    topic: str,
    source_ids: Sequence[str],
    document: OfficialDocument,
    digests: Sequence[SourceDigest],
    verification: dict[str, Any],
) -> AiOutput:
    ids = list(dict.fromkeys(source_ids))  # digests are numbered in this order
    return AiOutput(
        kind=kind,
        input_text=f"{topic}\n" + "\n".join(ids),
        output_text="\n".join(document.lines()),
        mode="template",
        model=None,
        prompt=method_fingerprint("report.template"),
        sources=[
            {
                "number": d.number,
                "title": d.title,
                "document_id": ids[d.number - 1] if d.number <= len(ids) else None,
            }
            for d in digests
        ],
        verification=verification,
    )


@functools.cache
def method_fingerprint(method: str) -> str:
    """``reply.template@3f2a…``: the deterministic method and a hash of its code."""
    digest = hashlib.sha256()
    for module in _METHODS[method]:
        spec = importlib.util.find_spec(module)
        origin = spec.origin if spec else None
        digest.update(Path(origin).read_bytes() if origin and origin.endswith(".py") else module.encode())
    return f"{method}@{digest.hexdigest()[:12]}"


class AnsweringModel:
    """A chat model that notes which model answered each completion (an endpoint or gateway may
    serve another model than the one asked for); streams note the requested name."""

    def __init__(self, inner: ChatModel) -> None:
        self.inner = inner
        self.name = inner.name
        self.answered: list[str] = []

    def complete(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float = 0.0
    ) -> Completion:
        result = self.inner.complete(messages, max_tokens=max_tokens, temperature=temperature)
        self.answered.append(result.model or self.inner.name)
        return result

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int, temperature: float = 0.0
    ) -> Iterator[str]:
        self.answered.append(self.inner.name)
        return self.inner.stream(messages, max_tokens=max_tokens, temperature=temperature)

    @property
    def used(self) -> str | None:
        """The models that answered, in order of first use, or None if none was called."""
        return ", ".join(dict.fromkeys(self.answered)) or None
