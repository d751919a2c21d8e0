"""The addressee reader: all-MiniLM-L6-v2 fine-tuned to tell a sentence addressed to whoever
scores from a sentence of answer.

Its tables (``tables/addressee.npz``, fitted by ``python -m evals.tune_addressee``) hold
low-rank adapters for the encoder's linear layers and a linear head over the mean-pooled,
unit-length sentence vector. They are merged into a copy of the packaged MiniLM weights once,
when first needed, so the reader costs one more MiniLM pass over the sentences it reads.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from simulator.embeddings import packaged_minilm
from simulator.errors import ModelUnavailableError
from simulator.model_pool import ModelPool
from simulator.scoring.encoder import remembered

ADAPTER_FILE = "addressee.npz"
PACKAGED = Path(__file__).parent / "tables" / ADAPTER_FILE
MAX_TOKENS = 64  # sentences are short; a longer one is read from its start
SCALE = 10.0  # the unit-length vector is scaled before the head (as it was fitted)


@dataclass(frozen=True)
class AddresseeTables:
    """Low-rank adapters by linear layer name (``a``: rank x in, ``b``: out x rank, merged
    as ``weight += alpha / rank * b @ a``) and the head's weights."""

    a: dict[str, np.ndarray]
    b: dict[str, np.ndarray]
    alpha: float
    head_w: np.ndarray  # (384,)
    head_b: float
    meta: dict[str, Any]

    def save(self, path: Path) -> None:
        meta = {**self.meta, "alpha": self.alpha, "head_b": self.head_b}
        arrays: dict[str, Any] = {
            "head_w": self.head_w.astype(np.float32),
            "meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        }
        arrays |= {f"a:{k}": v.astype(np.float16) for k, v in self.a.items()}
        arrays |= {f"b:{k}": v.astype(np.float16) for k, v in self.b.items()}
        np.savez_compressed(path, **arrays)

    @staticmethod
    def load(path: Path) -> AddresseeTables:
        try:
            arrays = np.load(path)
            meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
            a = {k[2:]: arrays[k].astype(np.float32) for k in arrays.files if k.startswith("a:")}
            b = {k[2:]: arrays[k].astype(np.float32) for k in arrays.files if k.startswith("b:")}
            head_w = arrays["head_w"].astype(np.float32)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelUnavailableError(
                f"The addressee reader's tables are missing or unreadable ({path}); "
                "rebuild them with `python -m evals.tune_addressee`."
            ) from exc
        if set(a) != set(b) or head_w.shape != (384,):
            raise ModelUnavailableError(
                f"The addressee reader's tables in {path} are incomplete; "
                "rebuild them with `python -m evals.tune_addressee`."
            )
        meta_alpha, head_b = float(meta["alpha"]), float(meta["head_b"])
        return AddresseeTables(a, b, meta_alpha, head_w, head_b, meta)


def base_encoder() -> tuple[Any, Any]:
    """The packaged all-MiniLM-L6-v2 transformer and its tokenizer (never from a hub)."""
    path = packaged_minilm()
    from transformers import AutoModel, AutoTokenizer

    return AutoModel.from_pretrained(path).eval(), AutoTokenizer.from_pretrained(path)


def pooled(model: Any, tokenizer: Any, texts: Sequence[str]) -> Any:
    """The mean-pooled, unit-length vectors of ``texts`` (a torch tensor, with gradients
    when the caller allows them)."""
    import torch

    batch = tokenizer(
        list(texts), padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
    )
    hidden = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"])
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.last_hidden_state.dtype)
    mean = (hidden.last_hidden_state * mask).sum(1) / mask.sum(1).clamp(min=1.0)
    return torch.nn.functional.normalize(mean, dim=-1)


def merged(tables: AddresseeTables) -> tuple[Any, Any]:
    """The packaged MiniLM with ``tables``' adapters merged into its weights."""
    import torch

    model, tokenizer = base_encoder()
    layers = dict(model.named_modules())
    with torch.no_grad():
        for name, a in tables.a.items():
            linear = layers.get(name)
            if linear is None or tuple(linear.weight.shape) != (len(tables.b[name]), a.shape[1]):
                raise ModelUnavailableError(
                    f"The addressee reader's tables do not fit the packaged MiniLM ({name}); "
                    "rebuild them with `python -m evals.tune_addressee`."
                )
            delta = tables.alpha / a.shape[0] * (tables.b[name] @ a)
            linear.weight += torch.from_numpy(delta.astype(np.float32))
    return model, tokenizer


class AddresseeReader:
    """The probability that each sentence is addressed to whoever scores; the model is built
    on first use and each sentence's logit is remembered (a bounded cache)."""

    def __init__(self, tables: AddresseeTables, cache_size: int = 20_000) -> None:
        self.tables = tables
        self.cache_size = cache_size
        self._logits: OrderedDict[str, float] = OrderedDict()
        self._model: tuple[Any, Any] | None = None
        self._lock = threading.Lock()

    def clear(self) -> None:
        self._logits.clear()

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            values = remembered(self._logits, texts, self._compute, self.cache_size)
        return np.asarray(values, dtype=np.float64)

    @property
    def ceiling(self) -> float:
        """The highest logit the reader can give: its head on a unit-length vector."""
        return float(SCALE * np.linalg.norm(self.tables.head_w) + self.tables.head_b)

    def proba(self, texts: Sequence[str]) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-self.logits(texts))))

    def warm(self) -> None:
        """Build the model now (the server's warm-up) rather than at the first doubtful
        sentence."""
        with self._lock:
            self._built()

    def _built(self) -> tuple[Any, Any]:
        if self._model is None:
            self._model = merged(self.tables)
        return self._model

    def _compute(self, texts: list[str]) -> list[float]:
        import torch

        model, tokenizer = self._built()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty(len(texts), dtype=np.float64)
        with torch.inference_mode():
            for start in range(0, len(order), 32):
                chunk = order[start : start + 32]
                vectors = pooled(model, tokenizer, [texts[i] for i in chunk]).numpy()
                out[chunk] = SCALE * vectors @ self.tables.head_w + self.tables.head_b
        return [float(v) for v in out]


def packaged_reader(pool: ModelPool | None = None) -> AddresseeReader:
    """The reader of the packaged tables, one per model pool: its model is built once,
    however many scorers read with it."""
    return (pool or ModelPool()).get(
        ("addressee-reader", str(PACKAGED)),
        lambda: AddresseeReader(AddresseeTables.load(PACKAGED)),
    )
