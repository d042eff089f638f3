"""Personal data before anything leaves the process: the detector port, pseudonymization of outgoing
text, and the per-type precision/recall of a detector on a labelled set (``biseo eval pii``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from biseo.domain.errors import InvalidInput
from biseo.domain.json_values import JsonObject
from biseo.domain.privacy.pseudonyms import PiiKind, PiiSpan, Vault, pseudonymize, redact


class PiiDetector(Protocol):
    def detect(self, text: str) -> list[PiiSpan]: ...


class Privacy:
    def __init__(self, detector: PiiDetector) -> None:
        self.detector = detector

    def pseudonymize(self, text: str, vault: Vault | None = None) -> tuple[str, Vault]:
        """Text safe to send to a model; the vault restores the answer for the official."""
        return pseudonymize(text, self.detector.detect(text), vault)

    def redact(self, text: str) -> str:
        return redact(text, self.detector.detect(text))


def read_labelled(path: Path) -> list[tuple[str, list[PiiSpan]]]:
    """JSONL lines ``{"text": …, "spans": [{"kind", "start", "end", "text"}]}``; offsets are checked."""
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc}", message_ko="평가 파일을 읽을 수 없습니다.") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            text = data["text"]
            spans = [PiiSpan(PiiKind(s["kind"]), s["start"], s["end"], s["text"]) for s in data["spans"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidInput(
                f"{path}:{number}: {exc}", message_ko=f"평가 파일 {number}번째 줄의 형식이 올바르지 않습니다."
            ) from exc
        for s in spans:
            if text[s.start : s.end] != s.text:
                raise InvalidInput(
                    f"{path}:{number}: span {s} does not match",
                    message_ko=f"{number}번째 줄의 위치가 본문과 맞지 않습니다.",
                )
        rows.append((text, spans))
    return rows


def score(detector: PiiDetector, rows: Iterable[tuple[str, list[PiiSpan]]]) -> JsonObject:
    """Per kind: a found span is right if it overlaps a labelled span of the same kind."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    lines = 0
    for text, gold in rows:
        lines += 1
        found = detector.detect(text)
        for g in gold:
            hit = any(f.kind is g.kind and f.start < g.end and g.start < f.end for f in found)
            (tp if hit else fn)[g.kind] += 1
        for f in found:
            if not any(f.kind is g.kind and f.start < g.end and g.start < f.end for g in gold):
                fp[f.kind] += 1
    kinds = sorted(set(tp) | set(fp) | set(fn))
    per_kind = {
        k: {
            "labelled": tp[k] + fn[k],
            "found": tp[k] + fp[k],
            "precision": round(tp[k] / (tp[k] + fp[k]), 3) if tp[k] + fp[k] else None,
            "recall": round(tp[k] / (tp[k] + fn[k]), 3) if tp[k] + fn[k] else None,
        }
        for k in kinds
    }
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    return {
        "lines": lines,
        "precision": round(total_tp / (total_tp + total_fp), 3) if total_tp + total_fp else None,
        "recall": round(total_tp / (total_tp + total_fn), 3) if total_tp + total_fn else None,
        "missed": total_fn,
        "false_alarms": total_fp,
        "kinds": per_kind,
    }
