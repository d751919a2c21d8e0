"""The loaded models of one ``Services``: each is loaded once, on first use, and freed by
``close()`` (the server's lifespan and the CLI call it; otherwise it runs before exit)."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


def _close_all(items: dict[Hashable, Any], use: threading.Lock) -> None:
    # Freed while the interpreter still works: llama.cpp's own finaliser, run later during
    # shutdown, finds its C bindings gone and prints a traceback. A model still generating
    # in a daemon thread is left alone rather than waited for.
    if not use.acquire(timeout=1.0):
        return
    try:
        for item in list(items.values()):
            close = getattr(item, "close", None)
            if callable(close):
                close()
        items.clear()
    finally:
        use.release()


class ModelPool:
    """Models and fitted classifiers by key.

    Loading holds a lock for that key only: a thread asking for a model another thread is
    loading (the server's warm-up and a first request, say) waits for that load instead of
    starting a second one, while other models load beside it.
    """

    def __init__(self) -> None:
        self._items: dict[Hashable, Any] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()
        # llama.cpp contexts are not safe to share between threads: one generation at a time.
        self.use = threading.Lock()
        self._finalizer = weakref.finalize(self, _close_all, self._items, self.use)

    def get(self, key: Hashable, load: Callable[[], T]) -> T:
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._items:
                self._items[key] = load()
            item: T = self._items[key]
            return item

    def loaded(self) -> list[Hashable]:
        return list(self._items)

    def close(self) -> None:
        """Free every loaded model; a later ``get`` loads it again."""
        _close_all(self._items, self.use)
