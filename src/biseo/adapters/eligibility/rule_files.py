"""Reviewed rules as YAML files: the rule, the catalog entry it belongs to, and its test cases.

A file reads like this (the test cases are what a policy officer checks)::

    service: "611000000127"
    origin: reviewed
    version: 2
    updated: 2026-11-23
    rule:
      all:
        - {id: age, kind: age, minimum: 19, maximum: 39, source: {text: "19세 ~ 39세 이하 청년"}}
    tests:
      - name: 27세 서울 청년
        as_of: 2026-11-23
        profile: {birth_date: 1999-05-01, sido: 서울}
        expect: {status: 대상, reasons: [age]}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from biseo.domain.benefits.codec import rule_from_mapping
from biseo.domain.benefits.evaluation import Status, evaluate
from biseo.domain.benefits.profile import profile_from_mapping
from biseo.domain.benefits.rules import ServiceRule
from biseo.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class RuleCase:
    name: str
    as_of: date
    profile: dict[str, Any]
    status: Status
    reasons: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class RuleFile:
    path: Path
    rule: ServiceRule
    cases: tuple[RuleCase, ...]


def load_rule_file(path: Path) -> RuleFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidInput(
            f"{path.name}: {exc}", message_ko=f"규칙 파일을 읽을 수 없습니다: {path.name}"
        ) from exc
    if not isinstance(data, dict):
        raise InvalidInput(
            f"{path.name}: not a mapping", message_ko=f"규칙 파일 형식이 올바르지 않습니다: {path.name}"
        )
    rule = rule_from_mapping(_stringify_dates(data))
    cases = tuple(_case(path, raw) for raw in data.get("tests") or [])
    return RuleFile(path, rule, cases)


def load_rule_dir(directory: Path) -> list[RuleFile]:
    return [load_rule_file(p) for p in sorted(directory.glob("*.yaml"))] if directory.is_dir() else []


def run_case(rule: ServiceRule, case: RuleCase) -> list[str]:
    """Failures of one test case (empty when it passes)."""
    decision = evaluate(rule, profile_from_mapping(case.profile), case.as_of)
    problems = []
    if decision.status is not case.status:
        problems.append(f"{case.name}: expected {case.status}, got {decision.status} ({decision.reasons})")
    if case.reasons is not None and set(decision.reasons) != set(case.reasons):
        problems.append(
            f"{case.name}: expected reasons {sorted(case.reasons)}, got {sorted(decision.reasons)}"
        )
    return problems


def run_rule_dir(directory: Path) -> dict[str, Any]:
    """Every test case of every rule file in ``directory``; a file without cases counts as a failure."""
    files = load_rule_dir(directory)
    failures = [p for f in files for c in f.cases for p in run_case(f.rule, c)]
    failures += [f"{f.path.name}: no test cases" for f in files if not f.cases]
    return {
        "files": len(files),
        "cases": sum(len(f.cases) for f in files),
        "failed": len(failures),
        "failures": failures,
    }


def _case(path: Path, raw: Any) -> RuleCase:
    try:
        expect = raw["expect"]
        reasons = expect.get("reasons")
        return RuleCase(
            name=str(raw["name"]),
            as_of=raw["as_of"] if isinstance(raw["as_of"], date) else date.fromisoformat(str(raw["as_of"])),
            profile=_stringify_dates(raw.get("profile") or {}),
            status=Status(expect["status"]),
            reasons=tuple(reasons) if reasons is not None else None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(
            f"{path.name}: bad test case: {exc}", message_ko="규칙 시험 사례의 형식이 올바르지 않습니다."
        ) from exc


def _stringify_dates(value: Any) -> Any:
    """YAML reads 2026-01-01 as a date; profiles and rules take ISO strings."""
    if isinstance(value, dict):
        return {k: _stringify_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify_dates(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
