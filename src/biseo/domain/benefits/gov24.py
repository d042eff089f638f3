"""보조금24 services: catalog entries and drafted rules, from the shared dump or the open API's shape.

The dump (``gov24_services.json``) has id, name, desc, org, target, how, url, region, deadline. The open
API's ``serviceList``/``serviceDetail`` use Korean keys (서비스ID, 서비스명, 지원대상 …) and
``supportConditions`` JA codes (성별, 연령, 중위소득 구간, 생애주기, 직업, 가구 유형); both are read here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from biseo.domain.benefits.catalog import Service
from biseo.domain.benefits.conditions import AgeRange, Area, Choice, Flag, IncomeRange, Manual, Region, Source
from biseo.domain.benefits.extraction import extract_conditions
from biseo.domain.benefits.regions import SIDO, district_code, sido_codes
from biseo.domain.benefits.rules import Group, Node, Origin, ServiceRule

_API_KEYS = {
    "서비스ID": "id", "서비스명": "name", "서비스목적요약": "desc", "소관기관명": "org", "지원대상": "target",
    "신청방법": "how", "상세조회URL": "url", "신청기한": "deadline", "서비스분야": "category", "조회수": "views",
}  # fmt: skip


def normalize_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """Map an open-API record (Korean keys) onto the dump's keys; dump records pass through."""
    out = {_API_KEYS.get(k, k): v for k, v in record.items()}
    if "id" not in out:
        raise KeyError("서비스ID")
    return out


def gov24_service(record: Mapping[str, Any]) -> Service:
    r = normalize_record(record)
    return Service(
        id=str(r["id"]),
        name=str(r.get("name") or "").strip(),
        summary=str(r.get("desc") or "").strip(),
        agency=str(r.get("org") or "").strip(),
        target_text=str(r.get("target") or "").strip(),
        how_to_apply=str(r.get("how") or "").replace("||", ", "),
        url=str(r.get("url") or ""),
        region=str(r.get("region") or _region_label(str(r.get("org") or ""))),
        source="gov24",
        category=str(r.get("category") or ""),
        weight=1.0 + _number(r.get("trend_score")) / 100,  # the dump's popularity score (0–75), 0 when absent
    )


def gov24_rule(record: Mapping[str, Any], conditions: Mapping[str, Any] | None = None) -> ServiceRule:
    """Region of the 소관기관, conditions parsed from 지원대상, JA codes when given; the text stays 확인 필요."""
    r = normalize_record(record)
    items: list[Node] = []
    region = service_region(str(r.get("org") or ""), str(r.get("region") or ""))
    if region is not None:
        items.append(region)
    target = str(r.get("target") or "").strip()
    if conditions:
        items.extend(support_conditions(conditions))
    else:
        items.extend(extract_conditions(target))
    if target:
        items.append(
            Manual(
                id="target_text",
                text=f"지원대상: {target}",
                source=Source(target[:300], "target", 0, len(target)),
            )
        )
    return ServiceRule(str(r["id"]), Group("all", tuple(items)), Origin.EXTRACTED)


def service_region(org: str, region: str) -> Region | None:
    """The area a local service is provided for (소관 지방자치단체의 주민), from the agency, else the region."""
    words = org.split()
    areas: list[Area] = []
    if words:
        head = words[0]
        codes = sido_codes(head) or _prefix_sido(head)
        if codes:
            district = words[1] if len(words) > 1 and words[1][-1:] in ("시", "군", "구") else None
            areas = [Area(c, district, district_code(c, district) if district else None) for c in codes]
    if not areas and region and region != "전국":
        areas = [Area(c) for c in sido_codes(region)]
    if not areas:
        return None
    text = f"지역: {region or '-'} / 소관기관: {org}"
    return Region(id="region", areas=tuple(areas), source=Source(text, "org"))


def _prefix_sido(head: str) -> tuple[str, ...]:
    """'서울특별시교육청' → 서울: an agency named after its 시도."""
    if head.startswith("전남광주통합특별시"):
        return sido_codes("전남광주통합특별시")
    for code, (full, _short) in SIDO.items():
        if head.startswith(full):
            return (code,)
    return ()


def _region_label(org: str) -> str:
    codes = sido_codes(org.split()[0]) if org.split() else ()
    return SIDO[codes[0]][1] if codes else "전국"


_JA_FLAGS = {"JA0328": "disability", "JA0329": "veteran", "JA0302": "pregnant", "JA0403": "single_parent",
             "JA0401": "multicultural", "JA0402": "defector", "JA0412": "no_house"}  # fmt: skip
_JA_INCOME = (
    ("JA0201", 0, 50),
    ("JA0202", 50, 75),
    ("JA0203", 75, 100),
    ("JA0204", 100, 200),
    ("JA0205", 200, None),
)


def support_conditions(ja: Mapping[str, Any]) -> list[Node]:
    """보조금24 ``supportConditions``: Y-flags and age bounds become typed conditions."""

    def yes(code: str) -> bool:
        return str(ja.get(code) or "").upper() == "Y"

    src = Source("supportConditions", "supportConditions")
    out: list[Node] = []
    male, female = yes("JA0101"), yes("JA0102")
    if male != female:
        out.append(Choice(id="sex", field="sex", allowed=frozenset({"남" if male else "여"}), source=src))
    low, high = _int(ja.get("JA0110")), _int(ja.get("JA0111"))
    if (low or high) and not (low in (None, 0) and high in (None, 0, 150)):
        out.append(AgeRange(id="age", minimum=low or None, maximum=high if high else None, source=src))
    bands = [(a, b) for code, a, b in _JA_INCOME if yes(code)]
    if bands and len(bands) < len(_JA_INCOME) and bands == sorted(bands) and bands[0][0] == 0:
        top = bands[-1][1]
        if top is not None:
            out.append(IncomeRange(id="income", at_most=float(top), source=src))
    flags = [Flag(id=field, field=field, source=src) for code, field in _JA_FLAGS.items() if yes(code)]
    if len(flags) == 1:
        out.append(flags[0])
    elif flags:
        out.append(Group("any", tuple(flags)))
    return out


def _number(value: Any) -> float:
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return 0.0


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None
