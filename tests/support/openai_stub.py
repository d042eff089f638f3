"""A scripted OpenAI-compatible chat server for protocol tests (run as its own process).

    python -m tests.support.openai_stub PORT

Behaviour by the last user message: "fail-once" answers 503 the first time, "slow" sleeps past the
client's timeout, "bad" returns 400, anything else echoes. Streaming sends one SSE event per word.
"""

from __future__ import annotations

import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar


class Handler(BaseHTTPRequestHandler):
    seen: ClassVar[dict[str, int]] = {}

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        last = body["messages"][-1]["content"]
        count = self.seen[last] = self.seen.get(last, 0) + 1
        if "fail-once" in last and count == 1:
            return self._send(503, {"error": "warming up"})
        if "bad" in last:
            return self._send(400, {"error": "bad request"})
        if "slow" in last:
            time.sleep(3)
        answer = f"받은 글 {len(last)}자: {last}"
        if body.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for word in answer.split(" "):
                event = {"choices": [{"index": 0, "delta": {"content": word + " "}}]}
                self.wfile.write(f"data: {json.dumps(event, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            return None
        return self._send(
            200,
            {
                "model": body["model"],
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": len(last), "completion_tokens": len(answer)},
            },
        )

    def _send(self, status: int, payload: dict[str, object]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
