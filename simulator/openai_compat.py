"""Models on an OpenAI-compatible server, whose streamed replies must say they finished.

A stream that stops without a ``finish_reason`` (the connection closed cleanly but early,
or the server sent chunks without ``choices``) would otherwise pass for a short reply;
here it raises ``IncompleteReplyError`` so the caller treats it as the fault it is.
Imported only when the ``openai`` provider is chosen.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from langchain_core.outputs import ChatGenerationChunk, GenerationChunk
from langchain_openai import ChatOpenAI, OpenAI

from simulator.model_calls import CallLimits, IncompleteReplyError

Chunk = TypeVar("Chunk", GenerationChunk, ChatGenerationChunk)


def require_finish(chunks: Iterator[Chunk]) -> Iterator[Chunk]:
    """Pass ``chunks`` through; raise at the end if none of them carried a finish reason."""
    finished = False
    for chunk in chunks:
        finished = finished or bool((chunk.generation_info or {}).get("finish_reason"))
        yield chunk
    if not finished:
        raise IncompleteReplyError("the model server's reply stopped before it was finished")


class ServerChatModel(ChatOpenAI):
    """The chat API of an OpenAI-compatible server."""

    call_limits: CallLimits = CallLimits()

    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        yield from require_finish(super()._stream(*args, **kwargs))


class ServerCompletionModel(OpenAI):
    """The completions API of an OpenAI-compatible server (for base models)."""

    call_limits: CallLimits = CallLimits()

    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[GenerationChunk]:
        yield from require_finish(super()._stream(*args, **kwargs))
