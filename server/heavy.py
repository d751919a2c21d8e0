"""A bulkhead for the heavy work: writing a question, scoring, indexing an upload.

That work runs in a few worker threads of its own (``server.model_workers``), so a burst
of answers queues there instead of filling the shared thread pool, and quick reads
(a session, the list, search, health) keep answering promptly while the model is busy.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from anyio import CapacityLimiter, to_thread

T = TypeVar("T")


class HeavyWork:
    def __init__(self, slots: int) -> None:
        self.slots = slots
        self._limiter: CapacityLimiter | None = None

    def _get_limiter(self) -> CapacityLimiter:
        # Made on first use: a limiter belongs to the event loop that runs the app.
        if self._limiter is None:
            self._limiter = CapacityLimiter(self.slots)
        return self._limiter

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` in one of the heavy-work threads."""
        call = functools.partial(fn, *args, **kwargs)
        return await to_thread.run_sync(call, limiter=self._get_limiter())
