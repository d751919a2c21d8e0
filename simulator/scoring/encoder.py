"""Sentence vectors for the scorer: MiniLM, whatever embeddings the index uses.

The scorer's learned tables were fitted on all-MiniLM-L6-v2 vectors, so it always encodes
with that model (onnxruntime with a model cache folder, sentence-transformers without one).
Vectors are kept in a bounded cache: a session, an eval or a property test scores the same
sentences many times.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np
from langchain_core.embeddings import Embeddings

DIM = 384
T = TypeVar("T")


def remembered(
    cache: OrderedDict[str, T],
    texts: Sequence[str],
    compute: Callable[[list[str]], Sequence[T]],
    size: int,
) -> list[T]:
    """Each text's value, computed once for those ``cache`` lacks and kept there, the least
    recently used going first once it holds more than ``size``."""
    missing = list(dict.fromkeys(t for t in texts if t not in cache))
    if missing:
        cache.update(zip(missing, compute(missing), strict=True))
    out = [cache[t] for t in texts]
    for text in texts:
        cache.move_to_end(text)
    while len(cache) > size:
        cache.popitem(last=False)
    return out


class SentenceEncoder:
    def __init__(self, embeddings: Embeddings, cache_size: int = 20_000) -> None:
        self.embeddings = embeddings
        self.cache_size = cache_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def clear(self) -> None:
        """Forget cached vectors (benchmarks time new answers, not remembered ones)."""
        self._cache.clear()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length vectors, one row per text."""
        rows = remembered(self._cache, texts, self._unit_vectors, self.cache_size)
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), DIM)

    def _unit_vectors(self, texts: list[str]) -> list[np.ndarray]:
        vectors = np.asarray(self.embeddings.embed_documents(texts), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return list(vectors / np.clip(norms, 1e-12, None))
