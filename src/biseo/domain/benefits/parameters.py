"""Dated statutory parameters: 기준 중위소득 by household size (국민기초생활 보장법 §6-2, 보건복지부 고시).

Amounts are 원 per month. Households larger than the table add the difference between the last two sizes
per extra member, as the 고시 does (7인 이상: 6인 기준에서 1인 증가 시마다 차액을 더함).
"""

from __future__ import annotations

MEDIAN_INCOME: dict[int, tuple[int, ...]] = {
    # year: (1인, 2인, 3인, 4인, 5인, 6인)
    2024: (2_228_445, 3_682_609, 4_714_657, 5_729_913, 6_695_735, 7_618_369),  # 보건복지부 고시 제2023-149호
    2025: (2_392_013, 3_932_658, 5_025_353, 6_097_773, 7_108_192, 8_064_805),  # 보건복지부 고시 제2024-141호
    2026: (2_564_238, 4_199_292, 5_359_036, 6_494_738, 7_556_719, 8_555_952),  # 보건복지부 고시 제2025-139호
}


def median_income(year: int, household_size: int) -> int:
    """The 기준 중위소득 in force in ``year`` (the nearest tabled year outside the table)."""
    if household_size < 1:
        raise ValueError("household size must be at least 1")
    years = sorted(MEDIAN_INCOME)
    table = MEDIAN_INCOME[min(max(year, years[0]), years[-1])]
    if household_size <= len(table):
        return table[household_size - 1]
    step = table[-1] - table[-2]
    return table[-1] + step * (household_size - len(table))


def income_percent(monthly_income: int, household_size: int, year: int) -> float:
    """가구 월 소득인정액 as a percentage of the 기준 중위소득 (e.g. 87.5 for 87.5%)."""
    return 100.0 * monthly_income / median_income(year, household_size)
