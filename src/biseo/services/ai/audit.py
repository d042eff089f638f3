"""The AI audit trail: what every AI output was made from, and what the official finally sent.

Texts are pseudonymized before they are stored (one vault per record, so the diff between draft and
final text lines up, and the vault itself is never stored): the trail proves what happened without
becoming a second copy of citizens' personal data.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from biseo.domain.ai.audit import AuditRecord, FinalText, text_diff
from biseo.domain.errors import InvalidInput, NotFound
from biseo.domain.privacy.pseudonyms import Vault
from biseo.services.privacy import Privacy

MAX_FINAL_CHARS = 200_000


class AuditStore(Protocol):
    def add_output(self, record: AuditRecord) -> None: ...

    def add_final(self, output_id: str, final: FinalText) -> None: ...

    def output(self, output_id: str) -> AuditRecord | None: ...

    def outputs(self, agency: str, kind: str | None, limit: int) -> list[AuditRecord]: ...


class AuditTrail:
    def __init__(self, store: AuditStore, privacy: Privacy, clock: Callable[[], datetime]) -> None:
        self.store, self.privacy, self.clock = store, privacy, clock

    def record(
        self,
        *,
        kind: str,
        agency: str,
        actor: str,
        input_text: str,
        output_text: str,
        sources: list[dict[str, Any]],
        model: str | None,
        settings: dict[str, Any],
        prompt: str | None,
        verification: dict[str, Any],
    ) -> str:
        vault = Vault()
        record = AuditRecord(
            id=uuid.uuid4().hex,
            agency=agency,
            actor=actor,
            kind=kind,
            created_at=self.clock(),
            input=self.privacy.pseudonymize(input_text, vault)[0],
            output=self.privacy.pseudonymize(output_text, vault)[0],
            sources=sources,
            model=model,
            settings=settings,
            prompt=prompt,
            verification=verification,
        )
        self.store.add_output(record)
        return record.id

    def finalize(self, agency: str, actor: str, output_id: str, final_text: str) -> FinalText:
        """The official's final text, stored pseudonymized with its diff from the AI output."""
        if not final_text.strip():
            raise InvalidInput("empty final text", message_ko="최종본 내용이 비어 있습니다.")
        if len(final_text) > MAX_FINAL_CHARS:
            raise InvalidInput("final text too long", message_ko="최종본이 너무 깁니다.")
        record = self.get(agency, output_id)
        masked = self.privacy.pseudonymize(final_text, Vault())[0]
        final = FinalText(actor, masked, text_diff(record.output, masked), self.clock())
        self.store.add_final(output_id, final)
        return final

    def get(self, agency: str, output_id: str) -> AuditRecord:
        """Another agency's record is reported exactly like a missing one."""
        record = self.store.output(output_id)
        if record is None or record.agency != agency:
            raise NotFound(f"audit record {output_id}")
        return record

    def list(self, agency: str, kind: str | None = None, limit: int = 50) -> list[AuditRecord]:
        if not 1 <= limit <= 500:
            raise InvalidInput("limit must be 1..500", message_ko="조회 건수는 1~500 사이로 정해 주세요.")
        return self.store.outputs(agency, kind, limit)
