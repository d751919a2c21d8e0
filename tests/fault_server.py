"""A misbehaving OpenAI-compatible server on loopback, for the model-fault tests.

It answers ``POST /v1/chat/completions`` and ``POST /v1/completions`` (streamed as
server-sent events when the request asks for ``stream``, plain JSON otherwise) and
``GET /v1/models``. What it does with a request depends on its ``mode``, which a test
may change at any time:

=============  ==========================================================================
``ok``         a well-formed reply (the ``reply`` text, a few characters per chunk)
``error_500``  HTTP 500 with an OpenAI-style error body
``error_503``  HTTP 503 with an OpenAI-style error body
``hang``       accepts the request and sends nothing for ``hang_s`` seconds
``truncated``  sends two chunks, then drops the connection mid-body (no end, no [DONE])
``no_done``    sends two chunks and ends the body cleanly, but never finishes the reply
``junk``       HTTP 200 with an HTML page where JSON or events were expected
``junk_sse``   HTTP 200 event stream whose events carry text that is not JSON
``no_choices`` valid JSON with no ``choices`` (every chunk, or the whole reply)
``slow``       a well-formed reply, one token every ``token_interval_s`` seconds
=============  ==========================================================================

Every request is recorded (monotonic arrival time, path, JSON body, the mode that served
it) in ``requests``, so a test can count retries and measure the delays between them.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal, get_args

Mode = Literal[
    "ok",
    "error_500",
    "error_503",
    "hang",
    "truncated",
    "no_done",
    "junk",
    "junk_sse",
    "no_choices",
    "slow",
]

MODES: tuple[Mode, ...] = get_args(Mode)

MODEL = "fault-model"
JUNK_PAGE = b"<html><body><h1>502 Bad Gateway</h1>upstream went away</body></html>"


@dataclass(frozen=True)
class SeenRequest:
    at: float  # time.monotonic() when the request line arrived
    path: str
    body: dict[str, Any]
    mode: Mode

    @property
    def stream(self) -> bool:
        return bool(self.body.get("stream"))

    @property
    def prompt_text(self) -> str:
        """The prompt (completions) or all message contents (chat), as one string."""
        if "messages" in self.body:
            return "\n".join(str(m.get("content", "")) for m in self.body["messages"])
        return str(self.body.get("prompt", ""))


@dataclass
class FaultServer:
    """Start with ``with FaultServer() as server:``; ``server.base_url`` ends in ``/v1``."""

    mode: Mode = "ok"
    reply: str = "What did you change after the first interview, and what came of it?"
    reply_for: Callable[[SeenRequest], str] | None = None  # overrides ``reply`` when set
    hang_s: float = 30.0
    token_interval_s: float = 2.0
    requests: list[SeenRequest] = field(default_factory=list)
    _httpd: ThreadingHTTPServer | None = field(default=None, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    _stopping: threading.Event = field(default_factory=threading.Event, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    # -- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> FaultServer:
        server = self

        class Handler(_Handler):
            owner = server

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes every hanging or slow handler
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "start() the server first"
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # -- what the tests read -----------------------------------------------------------------------
    def record(self, path: str, body: dict[str, Any]) -> SeenRequest:
        with self._lock:
            seen = SeenRequest(time.monotonic(), path, body, self.mode)
            self.requests.append(seen)
        return seen

    def reply_to(self, seen: SeenRequest) -> str:
        return self.reply_for(seen) if self.reply_for is not None else self.reply

    def seen(self, path_suffix: str = "completions") -> list[SeenRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.endswith(path_suffix)]

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()

    def wait(self, seconds: float) -> bool:
        """Sleep, but wake (and return True) as soon as the server is stopping."""
        return self._stopping.wait(seconds)


def _chunk(path: str, text: str, finish: str | None) -> dict[str, Any]:
    if path.endswith("chat/completions"):
        delta = {"role": "assistant", "content": text} if text else {}
        choice: dict[str, Any] = {"index": 0, "delta": delta, "finish_reason": finish}
        kind = "chat.completion.chunk"
    else:
        choice = {"index": 0, "text": text, "logprobs": None, "finish_reason": finish}
        kind = "text_completion"
    return {"id": "fault-1", "object": kind, "created": 0, "model": MODEL, "choices": [choice]}


def _whole(path: str, text: str) -> dict[str, Any]:
    if path.endswith("chat/completions"):
        choice: dict[str, Any] = {
            "index": 0,
            "message": {"role": "assistant", "content": text},
            "finish_reason": "stop",
        }
        kind = "chat.completion"
    else:
        choice = {"index": 0, "text": text, "logprobs": None, "finish_reason": "stop"}
        kind = "text_completion"
    usage = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
    return {
        "id": "fault-1",
        "object": kind,
        "created": 0,
        "model": MODEL,
        "choices": [choice],
        "usage": usage,
    }


def _pieces(text: str, size: int = 6) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


class _Handler(BaseHTTPRequestHandler):
    owner: FaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet in test output
        return

    # -- plumbing ----------------------------------------------------------------------------------
    def _send_json(self, status: int, payload: Any) -> None:
        self._send_bytes(status, json.dumps(payload).encode(), "application/json")

    def _send_bytes(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _start_events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _event(self, payload: Any) -> None:
        data = payload if isinstance(payload, str) else json.dumps(payload)
        self._write_chunk(f"data: {data}\n\n".encode())

    def _end_events(self, done: bool = True) -> None:
        if done:
            self._event("[DONE]")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _drop(self) -> None:
        """Close the socket mid-body, as a crashed server or a cut network would."""
        self.wfile.flush()
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
        self.connection.close()

    # -- routes ------------------------------------------------------------------------------------
    def do_GET(self) -> None:
        if self.path.rstrip("/").endswith("/models"):
            self._send_json(200, {"object": "list", "data": [{"id": MODEL, "object": "model"}]})
        else:
            self._send_json(404, {"error": {"message": "not found", "type": "not_found"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            body = {}
        path = self.path.rstrip("/")
        if not path.endswith("completions"):
            self._send_json(404, {"error": {"message": "not found", "type": "not_found"}})
            return
        seen = self.owner.record(path, body)
        # The client may give up (a timeout) mid-reply: exactly what some modes provoke.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._serve(seen)

    def _serve(self, seen: SeenRequest) -> None:
        server, path, stream = self.owner, seen.path, seen.stream
        reply = server.reply_to(seen)
        pieces = _pieces(reply)
        match seen.mode:
            case "error_500" | "error_503":
                status = 500 if seen.mode == "error_500" else 503
                error = {"message": f"fault server: HTTP {status}", "type": "server_error"}
                self._send_json(status, {"error": error})
            case "hang":
                server.wait(server.hang_s)
                self._drop()
            case "junk":
                self._send_bytes(200, JUNK_PAGE, "text/html")
            case "junk_sse" if stream:
                self._start_events()
                self._event("<html>not json at all")
                self._end_events()
            case "junk_sse":
                self._send_bytes(200, b"{'choices': [oops", "application/json")
            case "no_choices" if stream:
                self._start_events()
                for _ in pieces[:3]:
                    self._event(
                        {"id": "fault-1", "object": "chat.completion.chunk", "model": MODEL}
                    )
                self._end_events()
            case "no_choices":
                self._send_json(200, {"id": "fault-1", "object": "chat.completion", "model": MODEL})
            case "truncated" | "no_done" if stream:
                self._start_events()
                for piece in pieces[:2]:
                    self._event(_chunk(path, piece, None))
                if seen.mode == "truncated":
                    self._drop()
                else:
                    self._end_events(done=False)
            case "truncated" | "no_done":
                body = json.dumps(_whole(path, reply)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self._drop()
            case "ok" | "slow" if stream:
                self._start_events()
                for piece in pieces:
                    if seen.mode == "slow" and server.wait(server.token_interval_s):
                        self._drop()
                        return
                    self._event(_chunk(path, piece, None))
                self._event(_chunk(path, "", "stop"))
                self._end_events()
            case "ok" | "slow":
                if seen.mode == "slow" and server.wait(server.token_interval_s * len(pieces)):
                    self._drop()
                    return
                self._send_json(200, _whole(path, reply))
