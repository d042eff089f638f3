"""Catalog files: the 보조금24 dump or open-API pages, 온통청년 policies, and reviewed YAML rules.

Every record is read on its own: a malformed one is counted and skipped with its reason, never fatal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from biseo.adapters.eligibility.rule_files import load_rule_dir
from biseo.domain.benefits.catalog import Service
from biseo.domain.benefits.gov24 import gov24_rule, gov24_service
from biseo.domain.benefits.rules import ServiceRule
from biseo.domain.benefits.youth import youth_rule, youth_service
from biseo.domain.errors import InvalidInput


@dataclass
class LoadedCatalog:
    services: list[Service] = field(default_factory=list)
    rules: dict[str, ServiceRule] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # 보조금24 records, for late 지원조건
    conditions: dict[str, dict[str, Any]] = field(
        default_factory=dict
    )  # supportConditions pages, by 서비스ID


def load_catalog(paths: list[Path]) -> LoadedCatalog:
    """JSON files and directories (their ``*.json`` and ``rules/*.yaml``); later entries replace earlier ones."""
    out = LoadedCatalog()
    seen: dict[str, int] = {}
    for path in paths:
        if not path.exists():
            out.skipped.append(f"{path}: no such file or folder")
            continue
        files = sorted(path.glob("*.json")) if path.is_dir() else [path]
        for file in files:
            _load_json(file, out, seen)
    for service_id, ja in out.conditions.items():  # supportConditions may come in its own files
        if service_id in out.records:
            out.rules[service_id] = gov24_rule(out.records[service_id], ja)
    for path in paths:  # reviewed rules win over anything drafted
        if path.is_dir():
            for rule_file in load_rule_dir(path / "rules"):
                out.rules[rule_file.rule.service_id] = rule_file.rule
    return out


def _load_json(file: Path, out: LoadedCatalog, seen: dict[str, int]) -> None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(
            f"{file.name}: {exc}", message_ko=f"카탈로그 파일을 읽을 수 없습니다: {file.name}"
        ) from exc
    records: Any = data.get("data", data.get("services")) if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise InvalidInput(
            f"{file.name}: no list of services", message_ko=f"서비스 목록이 없는 파일입니다: {file.name}"
        )
    for index, record in enumerate(records):
        if isinstance(record, dict) and _is_conditions_page(record):
            out.conditions[str(record["서비스ID"])] = record
            continue
        try:
            service, rule = _convert(record)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            out.skipped.append(f"{file.name}#{index}: {type(exc).__name__}: {exc}")
            continue
        if service.id in seen:
            out.services[seen[service.id]] = service
        else:
            seen[service.id] = len(out.services)
            out.services.append(service)
        out.rules[service.id] = rule
        if service.source == "gov24":
            out.records[service.id] = record


def _is_conditions_page(record: dict[str, Any]) -> bool:
    """A ``supportConditions`` record: JA codes and an id, but no 지원대상 text of its own."""
    return "서비스ID" in record and any(k.startswith("JA0") for k in record) and "지원대상" not in record


def _convert(record: Any) -> tuple[Service, ServiceRule]:
    if not isinstance(record, dict):
        raise TypeError("record is not an object")
    if "plcyNo" in record:
        return youth_service(record), youth_rule(record)
    conditions = (
        record.get("supportConditions") if isinstance(record.get("supportConditions"), dict) else None
    )
    return gov24_service(record), gov24_rule(record, conditions)
