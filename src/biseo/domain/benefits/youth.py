"""온통청년 youth policies: exact rules from their structured eligibility fields (code tables of the 온통청년 API).

Every structured field becomes a typed condition citing the field it came from; free-text extras
(추가 신청자격, 참여 제한 대상) stay as 확인 필요 conditions.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from biseo.domain.benefits.catalog import Service
from biseo.domain.benefits.conditions import (
    AgeRange,
    AnnualIncome,
    Area,
    Choice,
    Condition,
    Flag,
    Manual,
    Receives,
    Region,
    Source,
)
from biseo.domain.benefits.extraction import extract_income
from biseo.domain.benefits.regions import district_name, sido_code
from biseo.domain.benefits.rules import Group, Node, Origin, ServiceRule

JOB_CODES = {
    "0013001": "재직자", "0013002": "자영업자", "0013003": "미취업자", "0013004": "프리랜서",
    "0013005": "일용근로자", "0013006": "예비창업자", "0013007": "단기근로자", "0013008": "영농종사자",
    "0013009": "기타",
}  # fmt: skip
SCHOOL_CODES = {
    "0049001": "고졸 미만", "0049002": "고교 재학", "0049003": "고졸 예정", "0049004": "고교 졸업",
    "0049005": "대학 재학", "0049006": "대졸 예정", "0049007": "대학 졸업", "0049008": "석·박사",
    "0049009": "기타",
}  # fmt: skip
MAJOR_CODES = {
    "0011001": "인문계열", "0011002": "사회계열", "0011003": "상경계열", "0011004": "이학계열",
    "0011005": "공학계열", "0011006": "예체능계열", "0011007": "농산업계열", "0011008": "기타",
}  # fmt: skip
NO_LIMIT = {"0013010", "0049010", "0011009", "0014010"}
MARRIED, SINGLE = "0055001", "0055002"
INCOME_ANNUAL, INCOME_OTHER = "0043002", "0043003"


def youth_service(record: Mapping[str, Any]) -> Service:
    start, end = _period(str(record.get("aplyYmd") or ""))
    target = "\n".join(
        x
        for x in (
            _age_text(record),
            _clean(record.get("addAplyQlfcCndCn")),
            _clean(record.get("earnEtcCn")),
            _clean(record.get("ptcpPrpTrgtCn")) and f"참여 제한: {_clean(record.get('ptcpPrpTrgtCn'))}",
        )
        if x
    )
    return Service(
        id=str(record["plcyNo"]),
        name=str(record.get("plcyNm") or "").strip(),
        summary=str(record.get("plcyExplnCn") or "").strip(),
        agency=str(record.get("sprvsnInstCdNm") or record.get("rgtrInstCdNm") or "").strip(),
        target_text=target,
        how_to_apply=_clean(record.get("plcyAplyMthdCn")),
        url=_clean(record.get("aplyUrlAddr")) or _clean(record.get("refUrlAddr1")),
        region=str(record.get("rgtrInstCdNm") or "서울"),
        source="youth",
        apply_from=start,
        apply_until=end,
        category=str(record.get("lclsfNm") or ""),
    )


def youth_rule(record: Mapping[str, Any]) -> ServiceRule:
    items: list[Node] = []
    age = _age(record)
    if age:
        items.append(age)
    region = _region(record)
    if region:
        items.append(region)
    items.extend(_income(record))
    marital = str(record.get("mrgSttsCd") or "")
    if marital in (MARRIED, SINGLE):
        allowed = frozenset({"기혼" if marital == MARRIED else "미혼"})
        items.append(
            Choice(id="marital", field="marital", allowed=allowed, source=_field(record, "mrgSttsCd"))
        )
    for key, table, field in (("jobCd", JOB_CODES, "employment"), ("schoolCd", SCHOOL_CODES, "school")):
        codes = _codes(record, key)
        if codes and not codes & NO_LIMIT:
            allowed = frozenset(table[c] for c in codes if c in table)
            if allowed:
                items.append(Choice(id=field, field=field, allowed=allowed, source=_field(record, key)))
    majors = _codes(record, "plcyMajorCd")
    if majors and not majors & NO_LIMIT:
        names = ", ".join(MAJOR_CODES.get(c, c) for c in sorted(majors))
        items.append(Manual(id="major", text=f"전공 요건: {names}", source=_field(record, "plcyMajorCd")))
    special = _special(record)
    if special:
        items.append(special)
    for key, prefix in (("addAplyQlfcCndCn", "추가 자격"), ("ptcpPrpTrgtCn", "참여 제한")):
        text = _clean(record.get(key))
        if text:
            items.append(Manual(id=key, text=f"{prefix}: {text[:300]}", source=_field(record, key)))
    return ServiceRule(str(record["plcyNo"]), Group("all", tuple(items)), Origin.STRUCTURED)


def _age(record: Mapping[str, Any]) -> AgeRange | None:
    if str(record.get("sprtTrgtAgeLmtYn") or "") == "Y":  # Y: 연령 제한 없음
        return None
    low, high = _int(record.get("sprtTrgtMinAge")), _int(record.get("sprtTrgtMaxAge"))
    low = low or None
    high = high if high and (low is None or high >= low) else None
    if low is None and high is None:
        return None
    text = f"sprtTrgtMinAge={record.get('sprtTrgtMinAge')}, sprtTrgtMaxAge={record.get('sprtTrgtMaxAge')}"
    return AgeRange(id="age", minimum=low, maximum=high, source=Source(text, "sprtTrgtMinAge"))


def _age_text(record: Mapping[str, Any]) -> str:
    age = _age(record)
    return age.describe() if age else ""


def _region(record: Mapping[str, Any]) -> Region | None:
    codes = [c.strip() for c in str(record.get("zipCd") or "").split(",") if c.strip()]
    areas: list[Area] = []
    for code in codes:
        sido = sido_code(code[:2])
        if sido is None:
            continue
        if code.endswith("000"):
            areas.append(Area(sido))
        else:
            areas.append(Area(sido, district_name(code), code))
    if not areas:
        return None
    text = str(record.get("zipCd"))
    return Region(id="region", areas=tuple(areas), source=Source(text[:200], "zipCd"))


def _income(record: Mapping[str, Any]) -> list[Condition]:
    kind = str(record.get("earnCndSeCd") or "")
    if kind == INCOME_ANNUAL:
        high = _int(record.get("earnMaxAmt"))
        if high:
            text = f"earnMinAmt={record.get('earnMinAmt')}, earnMaxAmt={record.get('earnMaxAmt')} (만원)"
            return [AnnualIncome(id="annual_income", maximum=high, source=Source(text, "earnMaxAmt"))]
        return []
    if kind == INCOME_OTHER:
        text = _clean(record.get("earnEtcCn"))
        found = extract_income(text, field="earnEtcCn")
        if found is not None and "제외" not in text and "<" not in text:
            return [found]
        if text:
            return [Manual(id="income", text=f"소득 요건: {text}", source=Source(text, "earnEtcCn"))]
    return []


def _special(record: Mapping[str, Any]) -> Node | None:
    codes = sorted(_codes(record, "sbizCd") - NO_LIMIT)
    if not codes:
        return None
    src = _field(record, "sbizCd")
    options: list[Node] = []
    for code in codes:
        if code == "0014002":
            options.append(Choice(id="sex", field="sex", allowed=frozenset({"여"}), source=src))
        elif code == "0014003":
            options.append(Receives(id="basic_livelihood", key="기초생활수급자", source=src))
        elif code == "0014004":
            options.append(Flag(id="single_parent", field="single_parent", source=src))
        elif code == "0014005":
            options.append(Flag(id="disability", field="disability", source=src))
        else:
            word = {"0014001": "중소기업", "0014006": "농업인", "0014007": "군인", "0014008": "지역인재"}.get(
                code, "기타"
            )
            options.append(Manual(id=f"special_{code}", text=f"특화 대상: {word}", source=src))
    return options[0] if len(options) == 1 else Group("any", tuple(options))


def _codes(record: Mapping[str, Any], key: str) -> set[str]:
    return {c.strip() for c in str(record.get(key) or "").split(",") if c.strip()}


def _field(record: Mapping[str, Any], key: str) -> Source:
    return Source(f"{key}={str(record.get(key))[:200]}", key)


def _clean(value: Any) -> str:
    text = str(value or "").strip()
    return "" if text in ("-", "없음", "해당없음") else text


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _period(text: str) -> tuple[date | None, date | None]:
    parts = [p.strip() for p in text.split("~")]
    if len(parts) != 2:
        return None, None
    try:
        return _ymd(parts[0]), _ymd(parts[1])
    except ValueError:
        return None, None


def _ymd(value: str) -> date:
    return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
