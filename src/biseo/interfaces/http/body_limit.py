"""A cap on request bodies, enforced while they arrive — before any route, key check or parser has
read them — so nobody can make the server hold or spool more than it will ever accept.

Uploads (``multipart/form-data``) may be as large as ``BISEO_MAX_FILE_MB`` plus a little for the
form's own fields; every other body (JSON, forms) at most ``OTHER_BODY_BYTES``. A declared
``Content-Length`` over the cap is refused at once; a chunked body is counted and cut off.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

OTHER_BODY_BYTES = 8 * 1024 * 1024  # a JSON request or form: far above any complaint or draft
FORM_OVERHEAD_BYTES = 1024 * 1024


class BodyLimit:
    def __init__(self, app: ASGIApp, max_file_bytes: Callable[[], int]) -> None:
        self.app = app
        self.max_file_bytes = max_file_bytes  # read per request: the settings live on app.state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        upload = headers.get("content-type", "").startswith("multipart/form-data")
        cap = self.max_file_bytes() + FORM_OVERHEAD_BYTES if upload else OTHER_BODY_BYTES
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            await _refuse(send, cap)
            return
        seen, over, started = 0, False, False

        async def counted() -> Message:
            """The body as it arrives; past the cap the app is told the client went away."""
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if over and not started:
                return  # the app's answer to a cut-off body is replaced by the 413 below
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not over:
                raise
        if over and not started:
            await _refuse(send, cap)


def _message(cap: int) -> str:
    return f"보낸 내용이 너무 큽니다. {cap // (1024 * 1024)}MB 이하로 보내 주세요."


async def _refuse(send: Send, cap: int) -> None:
    body = json.dumps(
        {
            "error": {
                "code": "too_large",
                "message": _message(cap),
                "detail": f"request body over {cap} bytes",
            }
        },
        ensure_ascii=False,
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
