"""Typed eligibility conditions (지원 요건), each citing where it comes from.

A condition is evaluated on a profile and a day to one of four truth values, ordered so that
"all of" is the minimum and "any of" the maximum (Kleene logic extended with 확인 필요):
NOT_MET < UNKNOWN < MANUAL < MET. A missing answer gives UNKNOWN, never NOT_MET.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from biseo.domain.benefits.parameters import income_percent
from biseo.domain.benefits.profile import Profile, completed_months
from biseo.domain.benefits.regions import normalize_district, sido_name


class Truth(IntEnum):
    NOT_MET = 0
    UNKNOWN = 1
    MANUAL = 2  # free text a person must check (확인 필요)
    MET = 3

    @property
    def label(self) -> str:
        return ("충족하지 않음", "정보 부족", "확인 필요", "충족")[self]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a condition comes from: a field of the catalog entry (with offsets) or an article."""

    text: str
    field: str = "target"
    start: int | None = None
    end: int | None = None
    reference: str | None = None  # e.g. 「국민기초생활 보장법」 제8조


@dataclass(frozen=True, slots=True, kw_only=True)
class Condition:
    id: str
    source: Source | None = None
    valid_from: date | None = None
    kind = "condition"
    questions: tuple[str, ...] = ()

    def evaluate(self, profile: Profile, day: date) -> tuple[Truth, str | None]:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True, slots=True, kw_only=True)
class AgeRange(Condition):
    """만 나이 within [minimum, maximum] (inclusive)."""

    minimum: int | None = None
    maximum: int | None = None
    kind = "age"
    questions: tuple[str, ...] = ("birth_date",)

    def evaluate(self, profile: Profile, day: date) -> tuple[Truth, str | None]:
        age = profile.age_on(day)
        if age is None:
            return Truth.UNKNOWN, None
        inside = (self.minimum is None or age >= self.minimum) and (
            self.maximum is None or age <= self.maximum
        )
        return (Truth.MET if inside else Truth.NOT_MET), f"만 {age}세"

    def describe(self) -> str:
        return "나이: " + _bounds(self.minimum, self.maximum, "만 {}세")


@dataclass(frozen=True, slots=True)
class Area:
    """A 시도 (code) or one 시군구 in it (by name, by code, or both)."""

    sido: str
    sigungu: str | None = None
    code: str | None = None

    def label(self) -> str:
        return " ".join(
            x for x in (sido_name(self.sido), self.sigungu or (self.code if self.code else None)) if x
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Region(Condition):
    """Lives (주민등록) in one of the areas."""

    areas: tuple[Area, ...]
    kind = "region"
    questions: tuple[str, ...] = ("sido", "sigungu")

    def evaluate(self, profile: Profile, day: date) -> tuple[Truth, str | None]:
        if profile.sido is None:
            return Truth.UNKNOWN, None
        observed = " ".join(x for x in (sido_name(profile.sido), profile.sigungu) if x)
        same_sido = [a for a in self.areas if a.sido == profile.sido]
        if any(a.sigungu is None and a.code is None for a in same_sido):
            return Truth.MET, observed
        if not same_sido:
            return Truth.NOT_MET, observed
        verdicts = [_area_match(a, profile) for a in same_sido]
        if any(v is True for v in verdicts):
            return Truth.MET, observed
        if all(v is False for v in verdicts):
            return Truth.NOT_MET, observed
        return Truth.UNKNOWN, observed

    def describe(self) -> str:
        return (
            "거주지: " + ", ".join(a.label() for a in self.areas[:6]) + (" 등" if len(self.areas) > 6 else "")
        )


def _area_match(area: Area, profile: Profile) -> bool | None:
    if area.code and profile.sigungu_code:
        return area.code == profile.sigungu_code
    if area.sigungu and profile.sigungu:
        return normalize_district(area.sigungu) == normalize_district(profile.sigungu)
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Residence(Condition):
    """Has lived in the current 시군구 for at least ``months`` (거주 기간)."""

    months: int
    kind = "residence"
    questions: tuple[str, ...] = ("residence_since",)

    def evaluate(self, profile: Profile, day: date) -> tuple[Truth, str | None]:
        if profile.residence_since is None:
            return Truth.UNKNOWN, None
        lived = completed_months(profile.residence_since, day)
        return (Truth.MET if lived >= self.months else Truth.NOT_MET), f"{lived}개월 거주"

    def describe(self) -> str:
        years, months = divmod(self.months, 12)
        span = f"{years}년" if months == 0 else (f"{self.months}개월")
        return f"거주 기간: {span} 이상"


@dataclass(frozen=True, slots=True, kw_only=True)
class IncomeRange(Condition):
    """가구 소득인정액 as % of 기준 중위소득: above ``above`` and at most ``at_most`` (or below, if strict)."""

    at_most: float | None = None
    above: float | None = None
    strict: bool = False  # 미만 instead of 이하
    kind = "income"
    questions: tuple[str, ...] = ("household_size", "monthly_income")

    def evaluate(self, profile: Profile, day: date) -> tuple[Truth, str | None]:
        percent = profile.income_percent
        if percent is None and profile.monthly_income is not None and profile.household_size:
            percent = income_percent(profile.monthly_income, profile.household_size, day.year)
        if percent is None:
            return Truth.UNKNOWN, None
        ok = self.above is None or percent > self.above
        if self.at_most is not None:
            ok = ok and (percent < self.at_most if self.strict else percent <= self.at_most)
        return (Truth.MET if ok else Truth.NOT_MET), f"기준 중위소득의 {percent:.1f}%"

    def describe(self) -> str:
        upper = f"{self.at_most:g}% {'미만' if self.strict else '이하'}" if self.at_most is not None else ""
        lower = f"{self.above:g}% 초과" if self.above is not None else ""
        return "소득: 기준 중위소득 " + " ".join(x for x in (lower, upper) if x)


@dataclass(frozen=True, slots=True, kw_only=True)
class AnnualIncome(Condition):
    """본인 연소득 (만원) at most ``maximum``."""

    maximum: int
    kind = "annual_income"
    questions: tuple[str, ...] = ("annual_income",)

    def evaluate(self, profile: Profile, day: date) -> tuple[Truth, str | None]:
        if profile.annual_income is None:
            return Truth.UNKNOWN, None
        return (Truth.MET if profile.annual_income <= self.maximum else Truth.NOT_MET), (
            f"연소득 {profile.annual_income:,}만원"
        )

    def describe(self) -> str:
        return f"연소득: {self.maximum:,}만원 이하"


@dataclass(frozen=True, slots=True, kw_only=True)
class Children(Condition):
    """Raises at least ``count`` children aged [min_months, max_months] in completed months."""

    count: int = 1
    min_months: int | None = None
    max_months: int | None = None
    kind = "children"
    questions: tuple[str, ...] = ("children",)

    def evaluate(self, profile: Profile, day: date) -> tuple[Truth, str | None]:
        if profile.children is None:
            return Truth.UNKNOWN, None
        ages = [completed_months(b, day) for b in profile.children if b <= day]
        inside = [
            m
            for m in ages
            if (self.min_months is None or m >= self.min_months)
            and (self.max_months is None or m <= self.max_months)
        ]
        observed = f"해당 자녀 {len(inside)}명" if ages else "자녀 없음"
        return (Truth.MET if len(inside) >= self.count else Truth.NOT_MET), observed

    def describe(self) -> str:
        span = _month_words(self.min_months, self.max_months)
        return f"자녀: {span} 자녀 {self.count}명 이상".replace("  ", " ")


def _month_words(low: int | None, high: int | None) -> str:
    if high is None:
        upper = ""
    elif high % 12 == 11:
        upper = f"만 {high // 12}세 이하"
    else:
        upper = f"생후 {high}개월 이하"
    if not low:
        lower = ""
    elif low % 12 == 0:
        lower = f"만 {low // 12}세 이상"
    else:
        lower = f"생후 {low}개월 이상"
    return " ".join(x for x in (lower, upper) if x)


_FLAG_WORDS = {
    "disability": "장애인",
    "veteran": "국가보훈대상자",
    "pregnant": "임신 중",
    "single_parent": "한부모·조손가족",
    "multicultural": "다문화가족",
    "defector": "북한이탈주민",
    "no_house": "무주택 세대",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Flag(Condition):
    """A yes/no fact about the citizen or the household (장애인, 국가보훈대상자, 임신 …)."""

    field: str
    expected: bool = True
    kind = "flag"

    def __post_init__(self) -> None:
        if self.field not in _FLAG_WORDS:
            raise ValueError(f"unknown flag {self.field}")
        object.__setattr__(self, "questions", (self.field,))

    def evaluate(self, profile: Profile, day: date) -> tuple[Truth, str | None]:
        value = getattr(profile, self.field)
        if value is None:
            return Truth.UNKNOWN, None
        return (Truth.MET if value == self.expected else Truth.NOT_MET), ("예" if value else "아니오")

    def describe(self) -> str:
        return _FLAG_WORDS[self.field] + ("" if self.expected else " 아님")


_CHOICE_WORDS = {"employment": "취업 상태", "school": "학력·재학", "marital": "혼인 상태", "sex": "성별"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Choice(Condition):
    """One of the allowed answers (취업 상태, 학력, 혼인, 성별)."""

    field: str
    allowed: frozenset[str]
    kind = "choice"

    def __post_init__(self) -> None:
        if self.field not in _CHOICE_WORDS:
            raise ValueError(f"unknown choice field {self.field}")
        object.__setattr__(self, "questions", (self.field,))

    def evaluate(self, profile: Profile, day: date) -> tuple[Truth, str | None]:
        value = getattr(profile, self.field)
        if value is None:
            return Truth.UNKNOWN, None
        return (Truth.MET if value in self.allowed else Truth.NOT_MET), value

    def describe(self) -> str:
        return f"{_CHOICE_WORDS[self.field]}: " + ", ".join(sorted(self.allowed))


@dataclass(frozen=True, slots=True, kw_only=True)
class Receives(Condition):
    """Receives (or, negated, does not receive) a status or another service (수급자, 서비스 X)."""

    key: str
    negate: bool = False
    label: str | None = None
    kind = "receives"
    questions: tuple[str, ...] = ("receives",)

    def evaluate(self, profile: Profile, day: date) -> tuple[Truth, str | None]:
        if profile.receives is None:
            return Truth.UNKNOWN, None
        has = self.key in profile.receives
        return (Truth.MET if has != self.negate else Truth.NOT_MET), ("해당" if has else "해당 없음")

    def describe(self) -> str:
        name = self.label or self.key
        return f"{name} {'제외' if self.negate else '해당'}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Manual(Condition):
    """A requirement no machine can check from the profile: shown to the citizen as 확인 필요."""

    text: str
    kind = "manual"

    def evaluate(self, profile: Profile, day: date) -> tuple[Truth, str | None]:
        return Truth.MANUAL, None

    def describe(self) -> str:
        return self.text


def _bounds(low: int | None, high: int | None, unit: str) -> str:
    parts = []
    if low is not None:
        parts.append(unit.format(low) + " 이상")
    if high is not None:
        parts.append(unit.format(high) + " 이하")
    return " ".join(parts) or "제한 없음"
