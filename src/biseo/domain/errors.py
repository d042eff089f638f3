"""Domain errors: a stable code, a Korean message for people, English detail for logs.

Interfaces map these to HTTP statuses and exit codes in one table at the edge
(``biseo.interfaces.errors``); nothing below the edge knows about HTTP.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    EMPTY_FILE = "empty_file"
    TOO_LARGE = "too_large"
    UNSUPPORTED_FORMAT = "unsupported_format"
    ENCRYPTED = "encrypted"
    DISTRIBUTION_LOCKED = "distribution_locked"
    CORRUPT = "corrupt"
    ARCHIVE_BOMB = "archive_bomb"
    UNKNOWN_ENCODING = "unknown_encoding"
    NO_TEXT = "no_text"
    PARSER_CRASHED = "parser_crashed"
    NOT_FOUND = "not_found"
    INVALID_INPUT = "invalid_input"
    UNREADABLE = "unreadable"
    FORBIDDEN = "forbidden"
    UNAUTHENTICATED = "unauthenticated"
    CONFLICT = "conflict"
    BUSY = "busy"
    TOO_MANY_REQUESTS = "too_many_requests"
    INDEX_UNAVAILABLE = "index_unavailable"


KOREAN_MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.EMPTY_FILE: "빈 파일입니다(0바이트). 내용이 있는 파일을 올려 주세요.",
    ErrorCode.TOO_LARGE: "파일이 너무 큽니다. 허용 크기를 넘는 파일은 처리하지 않습니다.",
    ErrorCode.UNSUPPORTED_FORMAT: "지원하지 않는 파일 형식입니다. HWP, HWPX, PDF, DOCX, HTML, 마크다운, 텍스트 파일을 올려 주세요.",
    ErrorCode.ENCRYPTED: "암호가 걸린 문서입니다. 암호를 해제한 뒤 다시 저장해서 올려 주세요.",
    ErrorCode.DISTRIBUTION_LOCKED: "배포용(읽기 전용) 문서라 본문이 암호화되어 있습니다. 원본 문서를 한글에서 일반 문서로 저장해 올려 주세요.",
    ErrorCode.CORRUPT: "파일이 손상되었거나 형식이 올바르지 않아 읽을 수 없습니다.",
    ErrorCode.ARCHIVE_BOMB: "압축을 풀면 크기가 비정상적으로 커지는 파일이라 안전을 위해 처리하지 않았습니다.",
    ErrorCode.UNKNOWN_ENCODING: "글자 인코딩을 알아낼 수 없는 텍스트 파일입니다. UTF-8로 저장해 올려 주세요.",
    ErrorCode.NO_TEXT: "문서에서 읽을 수 있는 글자를 찾지 못했습니다(스캔 이미지 문서일 수 있습니다).",
    ErrorCode.PARSER_CRASHED: "문서를 읽는 중 처리기가 비정상 종료되었습니다. 파일이 손상되었을 수 있습니다.",
    ErrorCode.NOT_FOUND: "요청한 항목을 찾을 수 없습니다.",
    ErrorCode.INVALID_INPUT: "입력값이 올바르지 않습니다.",
    ErrorCode.UNREADABLE: "파일을 열 수 없습니다(경로나 권한을 확인해 주세요).",
    ErrorCode.FORBIDDEN: "이 작업을 할 권한이 없습니다.",
    ErrorCode.UNAUTHENTICATED: "담당자 인증이 필요합니다. 발급받은 API 키를 보내 주세요.",
    ErrorCode.CONFLICT: "현재 상태에서는 할 수 없는 처리입니다.",
    ErrorCode.BUSY: "다른 작업이 진행 중입니다. 잠시 뒤 다시 시도해 주세요.",
    ErrorCode.TOO_MANY_REQUESTS: "요청이 너무 많습니다. 잠시 뒤에 다시 시도해 주세요.",
    ErrorCode.INDEX_UNAVAILABLE: "검색 색인을 쓸 수 없습니다. 관리자가 'biseo index rebuild'로 색인을 다시 만들어야 합니다.",
}


class BiseoError(Exception):
    """Base of every expected failure; ``detail`` is English and safe to log."""

    def __init__(self, code: ErrorCode, detail: str, *, message_ko: str | None = None) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.message_ko = message_ko or KOREAN_MESSAGES[code]


class DocumentRejected(BiseoError):
    """A file that cannot become a document (bad, hostile or unsupported input)."""


class NotFound(BiseoError):
    def __init__(self, detail: str, *, message_ko: str | None = None) -> None:
        super().__init__(ErrorCode.NOT_FOUND, detail, message_ko=message_ko)


class InvalidInput(BiseoError):
    def __init__(self, detail: str, *, message_ko: str | None = None) -> None:
        super().__init__(ErrorCode.INVALID_INPUT, detail, message_ko=message_ko)


class Forbidden(BiseoError):
    def __init__(self, detail: str, *, message_ko: str | None = None) -> None:
        super().__init__(ErrorCode.FORBIDDEN, detail, message_ko=message_ko)


class Unauthenticated(BiseoError):
    def __init__(self, detail: str, *, message_ko: str | None = None) -> None:
        super().__init__(ErrorCode.UNAUTHENTICATED, detail, message_ko=message_ko)


class Conflict(BiseoError):
    """The request is well formed but the case's state does not allow it."""

    def __init__(self, detail: str, *, message_ko: str | None = None) -> None:
        super().__init__(ErrorCode.CONFLICT, detail, message_ko=message_ko)


class IndexBusy(BiseoError):
    """Another process is writing the search index (an ingest while the server indexes an upload)."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            ErrorCode.BUSY,
            detail,
            message_ko="다른 작업이 검색 색인을 고치는 중입니다. 잠시 뒤 다시 시도해 주세요.",
        )


class RateLimited(BiseoError):
    """Too many requests of one kind from one client; ``retry_after`` seconds until it may go on."""

    def __init__(self, detail: str, retry_after: int, *, message_ko: str | None = None) -> None:
        super().__init__(ErrorCode.TOO_MANY_REQUESTS, detail, message_ko=message_ko)
        self.retry_after = retry_after


class IndexUnavailable(BiseoError):
    """The search index cannot be opened (missing or damaged files): search stops, the rest runs."""

    def __init__(self, detail: str) -> None:
        super().__init__(ErrorCode.INDEX_UNAVAILABLE, detail)
