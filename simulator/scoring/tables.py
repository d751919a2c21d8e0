"""The scorer's learned tables (fitted by ``python -m evals.train_scorer`` on the graded
dev split and the injection families) and the arithmetic that applies them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from simulator.errors import ModelUnavailableError
from simulator.rubric import DIMENSION_SPECS
from simulator.scoring.features import ROLES, answer_names
from simulator.scoring.ngrams import WIDTH, features
from simulator.scoring.text import attack_key

TABLES_DIR = Path(__file__).parent / "tables"
KNOWN_COSINE = 0.92  # this close to a known injected sentence is the same attack reworded
TARGETS: tuple[str, ...] = ("overall", *DIMENSION_SPECS)


@dataclass(frozen=True)
class ScorerTables:
    role_w: np.ndarray  # (roles, sentence features)
    role_b: np.ndarray
    eval_w: np.ndarray  # (sentence features,): "addressed to the evaluator"
    eval_ngram_w: np.ndarray  # (WIDTH,): the same classifier's weights on n-grams
    ngram_idf: np.ndarray  # (WIDTH,): inverse document frequencies it was fitted with
    eval_b: float
    eval_threshold: float
    eval_mix: float  # the addressee reader's share of the evaluator logit (the rest: eval_w's)
    known: np.ndarray  # (n, 384) vectors of known injected sentences (the families)
    known_keys: frozenset[str]  # the same sentences word for word (``text.attack_key``, never "")
    mean: np.ndarray  # answer-feature standardisation
    scale: np.ndarray
    coef: dict[str, np.ndarray]
    intercept: dict[str, float]
    meta: dict[str, Any]

    def roles(self, x: np.ndarray) -> np.ndarray:
        """Role probabilities, one row per sentence."""
        logits = x @ self.role_w.T + self.role_b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return np.asarray(p / p.sum(axis=1, keepdims=True))

    def ngram_logits(self, texts: list[str]) -> np.ndarray:
        """What each text's n-grams add to the evaluator classifier's logit."""
        return np.asarray(features(texts, self.ngram_idf) @ self.eval_ngram_w, dtype=np.float64)

    def linear_logits(self, x: np.ndarray, grams: np.ndarray) -> np.ndarray:
        """The linear part of the "addressed to whoever scores" classifier: ``x`` is the
        sentences' ``sentence_matrix`` and ``grams`` their ``ngram_logits``. The flag mixes
        it with the addressee reader's logit (``mixed``, ``eval_mix``)."""
        return np.asarray(x @ self.eval_w + grams + self.eval_b, dtype=np.float64)

    def known_attack(self, vectors: np.ndarray) -> np.ndarray:
        """Whether each sentence is (nearly) one of the known injected sentences."""
        if len(self.known) == 0 or len(vectors) == 0:
            return np.zeros(len(vectors), dtype=bool)
        return np.asarray((vectors @ self.known.T).max(axis=1) >= KNOWN_COSINE)

    def known_text(self, sentences: list[str]) -> np.ndarray:
        """Whether each sentence is, word for word, one of the known injected sentences."""
        return np.asarray([attack_key(s) in self.known_keys for s in sentences], dtype=bool)

    def predict(self, features: np.ndarray) -> dict[str, float]:
        """Grades on the 1-5 scale, per target."""
        z = (features - self.mean) / self.scale
        return {t: float(z @ self.coef[t] + self.intercept[t]) for t in TARGETS}

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {
            "role_w": self.role_w,
            "role_b": self.role_b,
            "eval_w": self.eval_w,
            "eval_ngram_w": self.eval_ngram_w,
            "ngram_idf": self.ngram_idf,
            "known": self.known,
            "mean": self.mean,
            "scale": self.scale,
            **{f"coef_{t}": self.coef[t] for t in TARGETS},
        }
        typed: dict[str, Any] = {
            k: v.astype(np.float16 if k == "known" else np.float32) for k, v in arrays.items()
        }
        np.savez_compressed(folder / "scorer.npz", **typed)
        meta = {
            **self.meta,
            "roles": list(ROLES),
            "features": answer_names(),
            "eval_b": self.eval_b,
            "eval_threshold": self.eval_threshold,
            "eval_mix": self.eval_mix,
            "intercept": self.intercept,
            "known_keys": sorted(self.known_keys),
        }
        (folder / "scorer.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def mixed(linear: np.ndarray, addressee: np.ndarray | None, share: float) -> np.ndarray:
    """The evaluator's probability from its two logits: ``share`` of the addressee reader's
    and the rest of the linear classifier's."""
    logit = linear if addressee is None else (1.0 - share) * linear + share * addressee
    return np.asarray(1.0 / (1.0 + np.exp(-logit)))


def load_tables(folder: Path = TABLES_DIR) -> ScorerTables:
    try:
        meta = json.loads((folder / "scorer.json").read_text(encoding="utf-8"))
        arrays = np.load(folder / "scorer.npz")
    except (OSError, ValueError) as exc:
        raise ModelUnavailableError(
            f"The scorer's tables are missing or unreadable in {folder}; "
            "rebuild them with `python -m evals.train_scorer`."
        ) from exc
    if (
        meta.get("roles") != list(ROLES)
        or meta.get("features") != answer_names()
        or "known_keys" not in meta
        or "eval_mix" not in meta
        or any(arrays.get(k, np.empty(0)).shape != (WIDTH,) for k in ("eval_ngram_w", "ngram_idf"))
    ):
        raise ModelUnavailableError(
            "The scorer's tables were fitted on other features; "
            "rebuild them with `python -m evals.train_scorer`."
        )
    return ScorerTables(
        role_w=arrays["role_w"],
        role_b=arrays["role_b"],
        eval_w=arrays["eval_w"],
        eval_ngram_w=arrays["eval_ngram_w"],
        ngram_idf=arrays["ngram_idf"],
        eval_b=float(meta["eval_b"]),
        eval_threshold=float(meta["eval_threshold"]),
        eval_mix=float(meta["eval_mix"]),
        known=arrays["known"].astype(np.float32),
        known_keys=frozenset(meta["known_keys"]),
        mean=arrays["mean"],
        scale=arrays["scale"],
        coef={t: arrays[f"coef_{t}"] for t in TARGETS},
        intercept={t: float(meta["intercept"][t]) for t in TARGETS},
        meta=meta,
    )
