"""One bounded model call: a deadline over the whole reply, retries with backoff, named faults.

Every question the model writes goes through ``stream_reply``. The model is read on a
worker thread, so however slowly a server trickles tokens (or however long it hangs) the
caller stops waiting at ``CallLimits.total_timeout_s``. A request that failed before any
of the reply arrived (a timeout, no connection, HTTP 408/409/429/5xx) is tried again
after an exponential backoff, at most ``CallLimits.retries`` times and never past the
deadline. A reply that breaks off or cannot be read is not retried: the question bank is
the quicker way out. Whatever went wrong is described as a ``ModelFault``.
"""

from __future__ import annotations

import queue
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from langchain_core.language_models import BaseLanguageModel

FaultKind = Literal["deadline", "timeout", "http_error", "cut_off", "unreachable", "bad_reply"]

RETRY_STATUSES = frozenset({408, 409, 429})  # and every 5xx: the statuses worth another try
BACKOFF_FIRST_S, BACKOFF_MAX_S = 0.5, 8.0


@dataclass(frozen=True)
class CallLimits:
    """How long one reply may take in all, how often a failed request is tried again, and
    how long a failing model is then left alone."""

    total_timeout_s: float = 60.0
    retries: int = 0
    cooldown_s: float = 30.0


def call_limits(llm: BaseLanguageModel[Any]) -> CallLimits:
    """The limits ``build_llm`` gave ``llm`` (the defaults for a model built elsewhere)."""
    limits = getattr(llm, "call_limits", None)
    return limits if isinstance(limits, CallLimits) else CallLimits()


class IncompleteReplyError(RuntimeError):
    """A model server's stream ended without saying that the reply was finished."""


class DeadlineExceededError(TimeoutError):
    """The whole reply took longer than ``CallLimits.total_timeout_s``."""


@dataclass(frozen=True)
class ModelFault:
    kind: FaultKind
    detail: str  # the exception, for the turn's record (not for the candidate)
    status: int | None = None  # the HTTP status, for http_error
    retry_after_s: float | None = None  # the server's Retry-After, when it sent one

    @property
    def retryable(self) -> bool:
        if self.kind == "http_error":
            return self.status is not None and (self.status in RETRY_STATUSES or self.status >= 500)
        return self.kind in ("timeout", "unreachable")


@dataclass(frozen=True)
class StreamedReply:
    text: str  # what arrived, complete or not
    fault: ModelFault | None  # None: the model finished its reply
    ttft_ms: float | None
    attempts: int  # requests made (1 + retries)


def _chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in chain:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    return chain


def _retry_after(chain: list[BaseException]) -> float | None:
    for exc in chain:
        headers = getattr(getattr(exc, "response", None), "headers", None)
        value = headers.get("retry-after") if headers is not None else None
        if value is not None:
            try:
                return max(float(value), 0.0)
            except ValueError:
                return None  # an HTTP date: rare enough to fall back on the backoff
    return None


def describe_fault(exc: BaseException, *, got_output: bool) -> ModelFault:
    """What kind of failure ``exc`` is, judged by its type and the types of its causes."""
    detail = f"{type(exc).__name__}: {exc}"[:300]
    chain = _chain(exc)
    names = {cls.__name__ for e in chain for cls in type(e).__mro__}
    status = next((s for e in chain if isinstance(s := getattr(e, "status_code", None), int)), None)
    if any(isinstance(e, DeadlineExceededError) for e in chain):
        return ModelFault("deadline", detail)
    if any(isinstance(e, IncompleteReplyError) for e in chain):
        return ModelFault("cut_off" if got_output else "bad_reply", detail)
    if status is not None:
        return ModelFault("http_error", detail, status, _retry_after(chain))
    # openai.APITimeoutError, httpx's TimeoutException and the builtin TimeoutError.
    if any("Timeout" in name for name in names):
        return ModelFault("timeout", detail)
    # openai.APIConnectionError, httpx's TransportError, ConnectionError and other OSErrors.
    if {"APIConnectionError", "TransportError", "OSError"} & names:
        return ModelFault("cut_off" if got_output else "unreachable", detail)
    return ModelFault("bad_reply", detail)


def backoff_s(retry: int) -> float:
    """The wait before retry number ``retry`` (0, 1, ...): 0.5 s doubling up to 8 s, less
    up to a quarter at random so that many clients do not retry in step."""
    return min(BACKOFF_FIRST_S * 2.0**retry, BACKOFF_MAX_S) * (1 - 0.25 * random.random())


def _piece(chunk: Any) -> str:
    return chunk if isinstance(chunk, str) else str(getattr(chunk, "content", ""))


class _Worker:
    """Requests the reply on its own thread, retrying within the deadline; every piece,
    retry, fault and the end go to ``inbox``. ``cancel`` stops it at its next piece."""

    def __init__(
        self,
        llm: BaseLanguageModel[Any],
        prompt: Any,
        stop: list[str],
        limits: CallLimits,
        deadline: float,
    ) -> None:
        self.llm, self.prompt, self.stop, self.limits = llm, prompt, stop, limits
        self.deadline = deadline
        self.inbox: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.cancel = threading.Event()

    def attempt(self) -> ModelFault | None:
        """One request; None when the reply finished (or the caller stopped waiting)."""
        got_output = False
        stream = self.llm.stream(self.prompt, stop=self.stop)
        try:
            for chunk in stream:
                if self.cancel.is_set():
                    return None
                piece = _piece(chunk)
                got_output = got_output or bool(piece)
                self.inbox.put(("piece", piece))
            return None
        except Exception as exc:  # described here, judged by the retry loop and the caller
            return describe_fault(exc, got_output=got_output)
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()  # releases the HTTP response of a stream left unfinished

    def run(self) -> None:
        retry = 0
        while True:
            fault = self.attempt()
            if fault is None:
                self.inbox.put(("end", None))
                return
            if not fault.retryable or retry >= self.limits.retries:
                self.inbox.put(("fault", fault))
                return
            wait = fault.retry_after_s if fault.retry_after_s is not None else backoff_s(retry)
            if time.monotonic() + wait >= self.deadline:
                self.inbox.put(("fault", fault))  # the retry could not finish in time anyway
                return
            self.inbox.put(("retry", fault))
            if self.cancel.wait(wait):
                return
            retry += 1


def stream_reply(
    llm: BaseLanguageModel[Any],
    prompt: Any,
    *,
    stop: list[str],
    limits: CallLimits,
    on_piece: Callable[[str], None] | None = None,
) -> StreamedReply:
    """Stream ``llm``'s reply within ``limits``; pieces go to ``on_piece`` as they arrive.

    ``on_piece`` is called on the caller's thread. At the deadline the worker thread is
    told to stop (it makes no further request and drops the stream at its next piece; a
    request in flight ends at the client's own timeout) and the reply counts as failed.
    After any fault the partial text is returned with it, for the record only.
    """
    start = time.monotonic()
    deadline = start + limits.total_timeout_s
    worker = _Worker(llm, prompt, stop, limits, deadline)
    inbox, cancel = worker.inbox, worker.cancel
    threading.Thread(target=worker.run, name="model-call", daemon=True).start()
    pieces: list[str] = []
    ttft: float | None = None
    attempts = 1
    while True:
        try:
            kind, value = inbox.get(timeout=max(deadline - time.monotonic(), 0.0))
        except queue.Empty:
            cancel.set()
            late = DeadlineExceededError(f"no complete reply within {limits.total_timeout_s:g} s")
            fault = describe_fault(late, got_output=bool(pieces))
            return StreamedReply("".join(pieces), fault, ttft, attempts)
        if kind == "end":
            return StreamedReply("".join(pieces), None, ttft, attempts)
        if kind == "fault":
            return StreamedReply("".join(pieces), value, ttft, attempts)
        if kind == "retry":
            attempts += 1
        elif value:
            if ttft is None:
                ttft = (time.monotonic() - start) * 1000
            pieces.append(value)
            if on_piece is not None:
                on_piece(value)
