"""The addressee reader: all-MiniLM-L6-v2 fine-tuned to tell a sentence addressed to whoever
scores from a sentence of answer.

Its tables (``tables/addressee.npz``, fitted by ``python -m evals.tune_addressee``) hold
low-rank adapters for the encoder's linear layers and a linear head over the mean-pooled,
unit-length sentence vector. They are merged into a copy of the packaged MiniLM weights once,
when first needed, so the reader costs one more MiniLM pass over the sentences it reads.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from simulator.adapters import AdaptedModel, AdapterTables
from simulator.model_pool import ModelPool
from simulator.scoring.encoder import remembered

ADAPTER_FILE = "addressee.npz"
PACKAGED = Path(__file__).parent / "tables" / ADAPTER_FILE
MAX_TOKENS = 64  # sentences are short; a longer one is read from its start
SCALE = 10.0  # the unit-length vector is scaled before the head (as it was fitted)


class AddresseeTables(AdapterTables):
    """The addressee reader's adapters and head."""

    owner: ClassVar[str] = "The addressee reader"
    rebuild: ClassVar[str] = "python -m evals.tune_addressee"


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


class AddresseeReader(AdaptedModel):
    """The probability that each sentence is addressed to whoever scores; the model is built
    on first use and each sentence's logit is remembered (a bounded cache)."""

    def __init__(self, tables: AddresseeTables, cache_size: int = 20_000) -> None:
        super().__init__(tables)
        self.cache_size = cache_size
        self._logits: OrderedDict[str, float] = OrderedDict()

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
