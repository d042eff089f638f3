"""남용 방지: how many requests of a kind one client may make in a window, as pure arithmetic.

Counters live in the store (fixed windows keyed by ``bucket``), so every server of a cluster
counts the same requests; this module only decides.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limit:
    name: str
    count: int  # requests allowed in one window
    seconds: int  # the window
    message_ko: str

    def window_start(self, now: float) -> int:
        return int(now) - int(now) % self.seconds

    def bucket(self, who: str) -> str:
        return f"{self.name}:{who}"


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    retry_after: int  # seconds until the window ends; 0 when allowed


def decide(limit: Limit, count: int, now: float) -> Decision:
    """``count``: requests in the current window, this one included."""
    if count <= limit.count:
        return Decision(True, 0)
    return Decision(False, max(1, limit.window_start(now) + limit.seconds - int(now)))


SIGN_IN_FAILURES = Limit(
    "sign_in", 5, 15 * 60, "로그인 실패가 많아 잠시 잠겼습니다. 15분 뒤에 다시 시도해 주세요."
)
CITIZEN_WRITE = Limit(
    "citizen_write", 30, 60 * 60, "짧은 시간에 너무 많이 보냈습니다. 잠시 뒤에 다시 시도해 주세요."
)
EXPENSIVE = Limit(
    "expensive", 60, 10 * 60, "요청이 너무 많습니다(초안 작성·요약·대량 조회). 잠시 뒤에 다시 시도해 주세요."
)
UPLOAD = Limit("upload", 60, 10 * 60, "파일 올리기가 너무 많습니다. 잠시 뒤에 다시 시도해 주세요.")
