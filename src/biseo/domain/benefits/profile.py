"""A citizen's profile (국민비서 질문의 답): every field may be unknown (None), and unknown is never "no".

Only what eligibility needs is kept: a birth date, not a name; a 시군구, not an address.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from biseo.domain.benefits.regions import MERGED_SIDO, district_code, district_name, sido_code
from biseo.domain.errors import InvalidInput

EMPLOYMENT = (
    "재직자",
    "자영업자",
    "미취업자",
    "프리랜서",
    "일용근로자",
    "예비창업자",
    "단기근로자",
    "영농종사자",
    "기타",
)
SCHOOL = (
    "고졸 미만",
    "고교 재학",
    "고졸 예정",
    "고교 졸업",
    "대학 재학",
    "대졸 예정",
    "대학 졸업",
    "석·박사",
    "기타",
)
MARITAL = ("미혼", "기혼")
SEX = ("남", "여")
FLAGS = ("disability", "veteran", "pregnant", "single_parent", "multicultural", "defector", "no_house")
RECEIVES_KEYS = ("기초생활수급자", "차상위계층", "의료급여수급권자", "기초연금수급자")


@dataclass(frozen=True, slots=True)
class Profile:
    birth_date: date | None = None
    age: int | None = None  # 만 나이, when no birth date was given
    sex: str | None = None
    sido: str | None = None  # 2-digit 시도 code
    sigungu: str | None = None  # 시군구 name
    sigungu_code: str | None = None
    residence_since: date | None = None  # 현 시군구 전입일
    household_size: int | None = None
    monthly_income: int | None = None  # 가구 월 소득인정액, 원
    income_percent: float | None = None  # 기준 중위소득 대비 %, when known directly
    annual_income: int | None = None  # 본인 연소득, 만원
    children: tuple[date, ...] | None = None  # 자녀 생년월일 (없으면 빈 목록)
    disability: bool | None = None
    veteran: bool | None = None
    pregnant: bool | None = None
    single_parent: bool | None = None
    multicultural: bool | None = None
    defector: bool | None = None
    no_house: bool | None = None
    employment: str | None = None
    school: str | None = None
    marital: str | None = None
    receives: frozenset[str] | None = None  # 수급 자격·이용 중인 서비스

    def age_on(self, day: date) -> int | None:
        """만 나이 on ``day``."""
        if self.birth_date is None:
            return self.age
        return completed_years(self.birth_date, day)

    def known(self, field: str) -> bool:
        return getattr(self, field) is not None

    def without(self, field: str) -> Profile:
        return replace(self, **{field: None})


def completed_years(start: date, day: date) -> int:
    return day.year - start.year - ((day.month, day.day) < (start.month, start.day))


def completed_months(start: date, day: date) -> int:
    return (day.year - start.year) * 12 + day.month - start.month - (day.day < start.day)


PROFILE_FIELDS = tuple(f.name for f in fields(Profile))


def profile_from_mapping(data: Mapping[str, Any]) -> Profile:
    """Parse a JSON profile; unknown keys and wrong types are refused with a Korean message."""
    if not isinstance(data, Mapping):
        raise _bad("profile must be an object", "프로필은 JSON 객체여야 합니다.")
    unknown = sorted(set(data) - set(PROFILE_FIELDS) - {"region"})
    if unknown:
        raise _bad(f"unknown profile fields: {unknown}", f"알 수 없는 항목입니다: {', '.join(unknown)}")
    values: dict[str, Any] = {}
    region = data.get("region")
    if isinstance(region, Mapping):
        data = {**data, **{k: v for k, v in region.items() if k in ("sido", "sigungu", "sigungu_code")}}
    merged = MERGED_SIDO.get(str(data.get("sido") or "").replace(" ", ""))
    if merged:  # 전남광주통합특별시: its 구 are the former 광주광역시, its 시·군 the former 전라남도
        data = {**data, "sido": merged[0] if str(data.get("sigungu") or "").endswith("구") else merged[1]}
    for key in PROFILE_FIELDS:
        raw = data.get(key)
        if raw is None or raw == "":
            continue
        values[key] = _parse(key, raw)
    return _with_region(Profile(**values))


def _parse(key: str, raw: Any) -> Any:
    if key in ("birth_date", "residence_since"):
        return _date(key, raw)
    if key == "children":
        if not isinstance(raw, list):
            raise _bad("children must be a list of birth dates", "자녀는 생년월일 목록이어야 합니다.")
        return tuple(sorted(_date(key, item) for item in raw))
    if key in ("age", "household_size", "monthly_income", "annual_income"):
        return _number(key, raw, minimum=1 if key == "household_size" else 0, integer=True)
    if key == "income_percent":
        return _number(key, raw, minimum=0, integer=False)
    if key in FLAGS:
        if not isinstance(raw, bool):
            raise _bad(f"{key} must be true or false", f"{key} 항목은 예/아니오(true/false)로 답해 주세요.")
        return raw
    if key == "receives":
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise _bad("receives must be a list of strings", "수급 항목은 문자열 목록이어야 합니다.")
        return frozenset(x.strip() for x in raw if x.strip())
    choices = {"employment": EMPLOYMENT, "school": SCHOOL, "marital": MARITAL, "sex": SEX}.get(key)
    if choices is not None:
        if raw not in choices:
            raise _bad(
                f"{key} must be one of {choices}",
                f"{key} 항목은 다음 중 하나여야 합니다: {', '.join(choices)}",
            )
        return raw
    if key == "sido":
        code = sido_code(str(raw))
        if code is None:
            raise _bad(f"unknown 시도 {raw!r}", f"알 수 없는 시도입니다: {raw}")
        return code
    return str(raw).strip()


def _with_region(profile: Profile) -> Profile:
    if profile.sido and profile.sigungu and not profile.sigungu_code:
        return replace(profile, sigungu_code=district_code(profile.sido, profile.sigungu))
    if profile.sigungu_code and not profile.sigungu:
        name = district_name(profile.sigungu_code)
        sido = profile.sido or sido_code(profile.sigungu_code[:2])
        return replace(profile, sigungu=name, sido=sido)
    return profile


def _date(key: str, raw: Any) -> date:
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise _bad(f"{key}: not a date {raw!r}", "날짜는 2001-03-15 형식으로 입력해 주세요.") from None


def _number(key: str, raw: Any, *, minimum: float, integer: bool) -> Any:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise _bad(f"{key} must be a finite number", f"{key} 항목은 숫자로 입력해 주세요.")
    if integer and int(raw) != raw:
        raise _bad(f"{key} must be a number", f"{key} 항목은 숫자로 입력해 주세요.")
    if raw < minimum or raw > 10**12:
        raise _bad(f"{key} out of range", f"{key} 항목의 값이 허용 범위를 벗어났습니다.")
    return int(raw) if integer else float(raw)


def _bad(detail: str, message_ko: str) -> InvalidInput:
    return InvalidInput(detail, message_ko=message_ko)


def profile_to_mapping(profile: Profile) -> dict[str, Any]:
    """The answered fields only, as JSON-ready values (the inverse of ``profile_from_mapping``)."""
    out: dict[str, Any] = {}
    for key in PROFILE_FIELDS:
        value = getattr(profile, key)
        if value is None:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif key == "children":
            value = [d.isoformat() for d in value]
        elif key == "receives":
            value = sorted(value)
        out[key] = value
    return out
