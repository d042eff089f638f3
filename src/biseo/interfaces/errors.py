"""The one table that maps domain error codes to HTTP statuses and CLI exit codes."""

from __future__ import annotations

from biseo.domain.errors import ErrorCode

HTTP_STATUS: dict[ErrorCode, int] = {
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.INVALID_INPUT: 422,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.UNSUPPORTED_FORMAT: 415,
    ErrorCode.EMPTY_FILE: 422,
    ErrorCode.ENCRYPTED: 422,
    ErrorCode.DISTRIBUTION_LOCKED: 422,
    ErrorCode.CORRUPT: 422,
    ErrorCode.ARCHIVE_BOMB: 422,
    ErrorCode.UNKNOWN_ENCODING: 422,
    ErrorCode.NO_TEXT: 422,
    ErrorCode.PARSER_CRASHED: 422,
    ErrorCode.UNREADABLE: 422,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.CONFLICT: 409,
    ErrorCode.BUSY: 503,
    ErrorCode.TOO_MANY_REQUESTS: 429,
    ErrorCode.INDEX_UNAVAILABLE: 503,
}

EXIT_OK = 0
EXIT_FAILURES = 1  # the command ran, but some input failed (e.g. a file could not be ingested)
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_FORBIDDEN = 4  # the acting staff member may not do this
EXIT_CONFLICT = 5  # the case's state does not allow it (or it changed meanwhile)

EXIT_CODE: dict[ErrorCode, int] = {
    ErrorCode.NOT_FOUND: EXIT_NOT_FOUND,
    ErrorCode.INVALID_INPUT: EXIT_USAGE,
    ErrorCode.FORBIDDEN: EXIT_FORBIDDEN,
    ErrorCode.UNAUTHENTICATED: EXIT_FORBIDDEN,
    ErrorCode.CONFLICT: EXIT_CONFLICT,
}


def exit_code(code: ErrorCode) -> int:
    return EXIT_CODE.get(code, EXIT_FAILURES)
