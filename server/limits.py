"""Limits on what one client may ask of the server: body size and request rate.

Both are plain ASGI middleware around the whole app, so they act before FastAPI or Gradio
parse anything:

- ``BodySizeLimit`` answers 413 to a body over its limit, whether the client declared the
  size (``Content-Length``, refused before a byte is read) or streams it in chunks (counted
  as it arrives). Document uploads may be larger than everything else.
- ``RateLimit`` keeps a token bucket per owner token (its hash) and one per client address,
  and answers 429 with ``Retry-After`` when either is empty. It covers the REST API only.
  The address bucket is the larger one, because several people can share an address, and
  it still bounds a client that makes up a new token for every request.

Buckets live in the memory of one server process; several replicas each keep their own.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI

from simulator.ownership import hash_token
from simulator.settings import LimitsSettings

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]

# The endpoints that take a document: the REST upload and Gradio's file upload under /ui.
UPLOAD_PATHS = re.compile(r"^(/api/sessions/[^/]+/documents|/ui/gradio_api/upload)/?$")
# The endpoint that takes a recorded answer.
AUDIO_PATHS = re.compile(r"^/api/sessions/[^/]+/answers/audio/?$")
MULTIPART_OVERHEAD = 65_536  # room for the multipart framing around an uploaded file


async def _send_json(
    send: Send, status: int, detail: str, headers: Sequence[tuple[bytes, bytes]] = ()
) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value)
    return None


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{math.ceil(n / 1024)} KB"


class BodySizeLimit:
    """413 for a request body over the limit of its endpoint."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        max_upload_bytes: int,
        max_file_bytes: int,
        max_audio_bytes: int | None = None,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_upload_bytes = max_upload_bytes
        self.max_file_bytes = max_file_bytes
        self.max_audio_bytes = max_audio_bytes

    def limit_for(self, path: str) -> tuple[int, str]:
        """The most bytes a body sent to ``path`` may have, and what to say when it has more."""
        if UPLOAD_PATHS.match(path):
            limit, also = self.max_upload_bytes, ""
            if self.max_audio_bytes is not None and path.startswith("/ui/"):
                # The app's recorded answers arrive through Gradio's upload too.
                limit = max(limit, self.max_audio_bytes + MULTIPART_OVERHEAD)
                also = f", a recorded answer {_size(self.max_audio_bytes)}"
            return limit, (
                f"The upload is over {_size(limit)}; an uploaded document "
                f"may be {_size(self.max_file_bytes)} at most{also}."
            )
        if self.max_audio_bytes is not None and AUDIO_PATHS.match(path):
            return self.max_audio_bytes + MULTIPART_OVERHEAD, (
                f"The recording is over {_size(self.max_audio_bytes)}, the most a recorded "
                "answer may be; record a shorter answer."
            )
        return self.max_body_bytes, (
            f"The request body is over {_size(self.max_body_bytes)}, the most this endpoint takes."
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, detail = self.limit_for(scope["path"])
        declared = _header(scope, b"content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            await _send_json(send, 413, detail, [(b"connection", b"close")])
            return

        received = 0
        rejected = False
        started = False

        async def counted_receive() -> Message:
            nonlocal received, rejected
            message: Message = await receive()
            if message["type"] == "http.request" and not rejected:
                received += len(message.get("body", b""))
                if received > limit:
                    rejected = True
                    if not started:
                        await _send_json(send, 413, detail, [(b"connection", b"close")])
                    # The app sees a client that went away and stops reading.
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if rejected:
                return  # the 413 has been sent; whatever the app says after it is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not rejected:
                raise
            # The app failed on the body it was denied; the client already has its 413.


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class TokenBuckets:
    """One token bucket per key: ``burst`` requests at once, refilled at ``rate`` per second."""

    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 50_000,
    ) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.clock = clock
        self.max_keys = max_keys
        self._buckets: dict[str, _Bucket] = {}

    def _refilled(self, key: str, now: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self.max_keys:
                self._prune(now)
            bucket = self._buckets[key] = _Bucket(self.burst, now)
        else:
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
        return bucket

    def wait(self, key: str) -> float:
        """Seconds until ``key`` may make a request (0.0: now)."""
        bucket = self._refilled(key, self.clock())
        return 0.0 if bucket.tokens >= 1.0 else (1.0 - bucket.tokens) / self.rate

    def take(self, key: str) -> None:
        """Spend one request of ``key`` (after ``wait`` said it may)."""
        self._refilled(key, self.clock()).tokens -= 1.0

    def _prune(self, now: float) -> None:
        """Forget full buckets (they would start full anyway); if that is not enough, the
        half that was idle longest, so a flood of new keys cannot grow memory for ever."""
        full_after = self.burst / self.rate
        self._buckets = {k: b for k, b in self._buckets.items() if now - b.stamp < full_after}
        if len(self._buckets) >= self.max_keys:
            keep = sorted(self._buckets.items(), key=lambda kv: kv[1].stamp)[
                len(self._buckets) // 2 :
            ]
            self._buckets = dict(keep)

    def __len__(self) -> int:
        return len(self._buckets)


def _bearer(scope: Scope) -> str | None:
    value = _header(scope, b"authorization")
    if not value:
        return None
    scheme, _, token = value.decode("latin-1").partition(" ")
    return (token.strip() or None) if scheme.lower() == "bearer" else None


class RateLimit:
    """429 with ``Retry-After`` when a token or a client address asks for too much of /api."""

    def __init__(self, app: ASGIApp, *, per_token: TokenBuckets, per_address: TokenBuckets) -> None:
        self.app = app
        self.per_token = per_token
        self.per_address = per_address

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        address = f"a:{client[0] if client else 'unknown'}"
        token = _bearer(scope)
        key = f"t:{hash_token(token)}" if token else None
        # Nothing is spent unless both buckets allow the request.
        wait = max(self.per_address.wait(address), self.per_token.wait(key) if key else 0.0)
        if wait > 0:
            retry = max(1, math.ceil(wait))
            who = "this token" if key and self.per_token.wait(key) > 0 else "this address"
            await _send_json(
                send,
                429,
                f"Too many requests from {who}; try again in {retry} s.",
                [(b"retry-after", str(retry).encode())],
            )
            return
        self.per_address.take(address)
        if key:
            self.per_token.take(key)
        await self.app(scope, receive, send)


def install_limits(
    app: FastAPI, limits: LimitsSettings, max_audio_bytes: int | None = None
) -> None:
    """Add the body-size and rate limits to ``app`` (nothing when they are disabled).
    ``max_audio_bytes``: the largest recorded answer (``speech.max_audio_bytes``)."""
    if not limits.enabled:
        return
    app.add_middleware(
        BodySizeLimit,
        max_body_bytes=limits.max_body_bytes,
        max_upload_bytes=limits.max_upload_bytes,
        max_file_bytes=limits.max_file_bytes,
        max_audio_bytes=max_audio_bytes,
    )
    # Added last, so it runs first: a request over its rate is refused before its body is read.
    app.add_middleware(
        RateLimit,
        per_token=TokenBuckets(limits.rate_per_s, limits.burst),
        per_address=TokenBuckets(limits.address_rate_per_s, limits.address_burst),
    )
