"""시도 and 서울 자치구 codes (행정표준코드, 법정동 앞자리) and their names, for matching residence conditions.

시도 codes follow the 2023–24 renumbering (강원 42→51, 전북 45→52); old codes are accepted as aliases.
Only 서울's districts are tabled by code: elsewhere a 시군구 is matched by its name.
"""

from __future__ import annotations

SIDO: dict[str, tuple[str, str]] = {
    "11": ("서울특별시", "서울"),
    "26": ("부산광역시", "부산"),
    "27": ("대구광역시", "대구"),
    "28": ("인천광역시", "인천"),
    "29": ("광주광역시", "광주"),
    "30": ("대전광역시", "대전"),
    "31": ("울산광역시", "울산"),
    "36": ("세종특별자치시", "세종"),
    "41": ("경기도", "경기"),
    "43": ("충청북도", "충북"),
    "44": ("충청남도", "충남"),
    "46": ("전라남도", "전남"),
    "47": ("경상북도", "경북"),
    "48": ("경상남도", "경남"),
    "50": ("제주특별자치도", "제주"),
    "51": ("강원특별자치도", "강원"),
    "52": ("전북특별자치도", "전북"),
}
_OLD_CODES = {"42": "51", "45": "52"}
_EXTRA_NAMES = {"강원도": "51", "전라북도": "52", "제주도": "50", "서울시": "11", "세종시": "36"}
# 전남광주통합특별시 (2026): one 시도 covering the former 광주광역시 and 전라남도.
MERGED_SIDO: dict[str, tuple[str, ...]] = {"전남광주통합특별시": ("29", "46"), "전남광주": ("29", "46")}

SEOUL_DISTRICTS: dict[str, str] = {
    "11110": "종로구", "11140": "중구", "11170": "용산구", "11200": "성동구", "11215": "광진구",
    "11230": "동대문구", "11260": "중랑구", "11290": "성북구", "11305": "강북구", "11320": "도봉구",
    "11350": "노원구", "11380": "은평구", "11410": "서대문구", "11440": "마포구", "11470": "양천구",
    "11500": "강서구", "11530": "구로구", "11545": "금천구", "11560": "영등포구", "11590": "동작구",
    "11620": "관악구", "11650": "서초구", "11680": "강남구", "11710": "송파구", "11740": "강동구",
}  # fmt: skip
_SEOUL_BY_NAME = {name: code for code, name in SEOUL_DISTRICTS.items()}


def sido_code(value: str) -> str | None:
    """'서울', '서울특별시', '11' or '11000' → '11'; None if it is not a 시도."""
    value = value.strip().replace(" ", "")
    if value[:2].isdigit():
        code = _OLD_CODES.get(value[:2], value[:2])
        return code if code in SIDO and (len(value) == 2 or value[2:] == "000") else None
    for code, (full, short) in SIDO.items():
        if value in (full, short):
            return code
    return _EXTRA_NAMES.get(value)


def sido_codes(value: str) -> tuple[str, ...]:
    """Like ``sido_code`` but a merged 시도 names every former one."""
    merged = MERGED_SIDO.get(value.strip().replace(" ", ""))
    if merged:
        return merged
    code = sido_code(value)
    return (code,) if code else ()


def sido_name(code: str) -> str:
    return SIDO[code][0] if code in SIDO else code


def district_code(sido: str, name: str) -> str | None:
    return _SEOUL_BY_NAME.get(name.strip()) if sido == "11" else None


def district_name(code: str) -> str | None:
    return SEOUL_DISTRICTS.get(code)


def normalize_district(name: str) -> str:
    return name.strip().replace(" ", "")
