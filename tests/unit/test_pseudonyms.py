"""Reversible pseudonymization within a request, and redaction for logs."""

from __future__ import annotations

from biseo.domain.privacy.pseudonyms import PiiKind, PiiSpan, Vault, pseudonymize, redact, resolve_overlaps

TEXT = "민원인 홍길동(010-1234-5678)은 홍길동 본인이 직접 신청했습니다."
SPANS = [
    PiiSpan(PiiKind.PERSON, 4, 7, "홍길동"),
    PiiSpan(PiiKind.PHONE, 8, 21, "010-1234-5678"),
    PiiSpan(PiiKind.PERSON, 24, 27, "홍길동"),
]


def test_same_value_same_placeholder_and_restore():
    masked, vault = pseudonymize(TEXT, SPANS)
    assert masked == "민원인 〔이름1〕(〔전화1〕)은 〔이름1〕 본인이 직접 신청했습니다."
    assert "홍길동" not in masked and "010" not in masked
    assert vault.restore(masked) == TEXT
    answer = "〔이름1〕 님, 〔전화1〕로 연락드리겠습니다."
    assert vault.restore(answer) == "홍길동 님, 010-1234-5678로 연락드리겠습니다."


def test_a_shared_vault_numbers_people_across_texts():
    vault = Vault()
    first, _ = pseudonymize("김철수", [PiiSpan(PiiKind.PERSON, 0, 3, "김철수")], vault)
    second, _ = pseudonymize(
        "이영희와 김철수",
        [PiiSpan(PiiKind.PERSON, 0, 3, "이영희"), PiiSpan(PiiKind.PERSON, 5, 8, "김철수")],
        vault,
    )
    assert (first, second) == ("〔이름1〕", "〔이름2〕와 〔이름1〕")


def test_overlaps_keep_the_longest_and_redaction_has_no_numbers():
    spans = [
        PiiSpan(PiiKind.ADDRESS, 0, 18, "서울특별시 마포구 월드컵북로 21"),
        PiiSpan(PiiKind.PERSON, 6, 9, "마포구"),
    ]
    assert resolve_overlaps(spans) == spans[:1]
    assert redact(TEXT, SPANS) == "민원인 〔이름〕(〔전화〕)은 〔이름〕 본인이 직접 신청했습니다."
