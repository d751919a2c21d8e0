"""Sentence vectors for the scorer: MiniLM, whatever embeddings the index uses.

The scorer's learned tables were fitted on all-MiniLM-L6-v2 vectors, so it always encodes
with that model (onnxruntime with a model cache folder, sentence-transformers without one).
Vectors are kept in a bounded cache: a session, an eval or a property test scores the same
sentences many times.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
from langchain_core.embeddings import Embeddings

DIM = 384


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
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            vectors = np.asarray(self.embeddings.embed_documents(missing), dtype=np.float32)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = vectors / np.clip(norms, 1e-12, None)
            for text, vector in zip(missing, vectors, strict=True):
                self._cache[text] = vector
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = self._cache[text]
            self._cache.move_to_end(text)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return out
