"""Rules to and from plain mappings (the shape of the YAML rule files and of stored JSON)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from biseo.domain.benefits.conditions import (
    AgeRange,
    AnnualIncome,
    Area,
    Children,
    Choice,
    Condition,
    Flag,
    IncomeRange,
    Manual,
    Receives,
    Region,
    Residence,
    Source,
)
from biseo.domain.benefits.rules import Group, Node, Origin, ServiceRule
from biseo.domain.errors import InvalidInput

_KINDS: dict[str, type[Condition]] = {
    "age": AgeRange,
    "region": Region,
    "residence": Residence,
    "income": IncomeRange,
    "annual_income": AnnualIncome,
    "children": Children,
    "flag": Flag,
    "choice": Choice,
    "receives": Receives,
    "manual": Manual,
}
_PARAMS: dict[str, tuple[str, ...]] = {
    "age": ("minimum", "maximum"),
    "region": ("areas",),
    "residence": ("months",),
    "income": ("at_most", "above", "strict"),
    "annual_income": ("maximum",),
    "children": ("count", "min_months", "max_months"),
    "flag": ("field", "expected"),
    "choice": ("field", "allowed"),
    "receives": ("key", "negate", "label"),
    "manual": ("text",),
}


def node_to_mapping(node: Node) -> dict[str, Any]:
    if isinstance(node, Group):
        return {node.mode: [node_to_mapping(i) for i in node.items]}
    out: dict[str, Any] = {"id": node.id, "kind": node.kind}
    for name in _PARAMS[node.kind]:
        value = getattr(node, name)
        if name == "areas":
            value = [
                {k: v for k, v in (("sido", a.sido), ("sigungu", a.sigungu), ("code", a.code)) if v}
                for a in value
            ]
        elif name == "allowed":
            value = sorted(value)
        default = (name in ("strict", "negate") and value is False) or (name == "expected" and value is True)
        if value is not None and not default and not (name == "count" and value == 1):
            out[name] = value
    if node.valid_from:
        out["valid_from"] = node.valid_from.isoformat()
    if node.source:
        src: dict[str, Any] = {"text": node.source.text, "field": node.source.field}
        src.update(
            {k: v for k, v in (("start", node.source.start), ("end", node.source.end)) if v is not None}
        )
        if node.source.reference:
            src["reference"] = node.source.reference
        out["source"] = src
    return out


def rule_from_mapping(data: Mapping[str, Any]) -> ServiceRule:
    try:
        root = node_from_mapping(data["rule"])
        if not isinstance(root, Group):
            root = Group("all", (root,))
        updated = data.get("updated")
        rule = ServiceRule(
            service_id=str(data["service"]),
            root=root,
            origin=Origin(data.get("origin", "reviewed")),
            version=int(data.get("version", 1)),
            updated=date.fromisoformat(str(updated)) if updated else None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(
            f"bad rule {data.get('service') if isinstance(data, Mapping) else '?'}: {exc}",
            message_ko="요건 규칙의 형식이 올바르지 않습니다.",
        ) from exc
    ids = [c.id for c in rule.conditions()]
    if len(ids) != len(set(ids)):
        raise InvalidInput(
            f"rule {rule.service_id}: duplicate condition ids", message_ko="요건 id가 중복됩니다."
        )
    return rule


def node_from_mapping(data: Mapping[str, Any]) -> Node:
    for mode in ("all", "any"):
        if mode in data:
            return Group(mode, tuple(node_from_mapping(i) for i in data[mode]))
    kind = data["kind"]
    cls = _KINDS[kind]
    params: dict[str, Any] = {k: data[k] for k in _PARAMS[kind] if k in data}
    if kind == "region":
        params["areas"] = tuple(Area(str(a["sido"]), a.get("sigungu"), a.get("code")) for a in data["areas"])
    if kind == "choice":
        params["allowed"] = frozenset(data["allowed"])
    src = data.get("source")
    source = None
    if isinstance(src, Mapping):
        source = Source(
            str(src["text"]),
            src.get("field", "target"),
            src.get("start"),
            src.get("end"),
            src.get("reference"),
        )
    elif isinstance(src, str):
        source = Source(src)
    valid = data.get("valid_from")
    valid_from = valid if isinstance(valid, date) else (date.fromisoformat(valid) if valid else None)
    return cls(id=str(data["id"]), source=source, valid_from=valid_from, **params)
