"""Low-rank adapters for the packaged all-MiniLM-L6-v2, with a linear head: the tables of
the fine-tuned readers (the scorer's addressee reader, the panel's name tagger).

A table holds, for each linear layer of the encoder's blocks, ``a`` (rank x in) and ``b``
(out x rank), merged as ``weight += alpha / rank * b @ a``, and the head's weights. It is
merged into a copy of the packaged weights once, when first needed.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np

from simulator.embeddings import packaged_minilm
from simulator.errors import ModelUnavailableError


@dataclass(frozen=True)
class AdapterTables:
    """Adapters by linear layer name and the head's weights; a subclass names its reader
    and the command that rebuilds it, for the errors."""

    a: dict[str, np.ndarray]
    b: dict[str, np.ndarray]
    alpha: float
    head_w: np.ndarray  # (384,)
    head_b: float
    meta: dict[str, Any]

    owner: ClassVar[str] = "The reader"
    rebuild: ClassVar[str] = ""

    def save(self, path: Path) -> None:
        meta = {**self.meta, "alpha": self.alpha, "head_b": self.head_b}
        arrays: dict[str, Any] = {
            "head_w": self.head_w.astype(np.float32),
            "meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        }
        arrays |= {f"a:{k}": v.astype(np.float16) for k, v in self.a.items()}
        arrays |= {f"b:{k}": v.astype(np.float16) for k, v in self.b.items()}
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: Path) -> Self:
        try:
            arrays = np.load(path)
            meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
            a = {k[2:]: arrays[k].astype(np.float32) for k in arrays.files if k.startswith("a:")}
            b = {k[2:]: arrays[k].astype(np.float32) for k in arrays.files if k.startswith("b:")}
            head_w = arrays["head_w"].astype(np.float32)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelUnavailableError(
                f"{cls.owner}'s tables are missing or unreadable ({path}); "
                f"rebuild them with `{cls.rebuild}`."
            ) from exc
        if set(a) != set(b) or head_w.shape != (384,):
            raise ModelUnavailableError(
                f"{cls.owner}'s tables in {path} are incomplete; rebuild them with `{cls.rebuild}`."
            )
        return cls(a, b, float(meta["alpha"]), head_w, float(meta["head_b"]), meta)


def base_encoder() -> tuple[Any, Any]:
    """The packaged all-MiniLM-L6-v2 transformer and its tokenizer (never from a hub)."""
    path = packaged_minilm()
    from transformers import AutoModel, AutoTokenizer

    return AutoModel.from_pretrained(path).eval(), AutoTokenizer.from_pretrained(path)


def merged(tables: AdapterTables) -> tuple[Any, Any]:
    """The packaged MiniLM with ``tables``' adapters merged into its weights."""
    import torch

    model, tokenizer = base_encoder()
    layers = dict(model.named_modules())
    with torch.no_grad():
        for name, a in tables.a.items():
            linear = layers.get(name)
            if linear is None or tuple(linear.weight.shape) != (len(tables.b[name]), a.shape[1]):
                raise ModelUnavailableError(
                    f"{tables.owner}'s tables do not fit the packaged MiniLM ({name}); "
                    f"rebuild them with `{tables.rebuild}`."
                )
            delta = tables.alpha / a.shape[0] * (tables.b[name] @ a)
            linear.weight += torch.from_numpy(delta.astype(np.float32))
    return model, tokenizer


class AdaptedModel:
    """A reader on the packaged MiniLM with ``tables`` merged in: the model is built on
    first use (or at the server's warm-up) and used under one lock."""

    def __init__(self, tables: AdapterTables) -> None:
        self.tables = tables
        self._model: tuple[Any, Any] | None = None
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Build the model now rather than at its first use."""
        with self._lock:
            self._built()

    def _built(self) -> tuple[Any, Any]:
        if self._model is None:
            self._model = merged(self.tables)
        return self._model
