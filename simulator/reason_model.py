"""A callback-reason classifier learned from the labelled intakes in ``corpus/diagnosis/``.

Logistic regression over two kinds of evidence: the meaning of what the candidate wrote
(the mean embedding of the round-one notes, recruiter message and panel fields) and the
cue scores of ``diagnosis``. It trains at first use, in about two seconds, and is kept in
the ``ModelPool`` of the ``Services`` that built it. Its settings (C=4, cue weight 0.1) were chosen by 5-fold cross-validation on
those intakes; the eval measures it on intakes it never saw.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from simulator.cues import cue_totals
from simulator.domain import REASONS, Intake
from simulator.model_pool import ModelPool

FIELDS = ("round1_notes", "recruiter_message", "panel")
C = 4.0
CUE_WEIGHT = 0.1


def has_signal(intake: Intake) -> bool:
    return any(getattr(intake, f).strip() for f in FIELDS)


def load_intakes(corpus_dir: Path) -> list[dict[str, Any]]:
    rows = []
    for path in sorted((corpus_dir / "diagnosis").glob("*.jsonl")):
        rows += [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    return rows


class ReasonClassifier:
    def __init__(
        self,
        embeddings: Embeddings,
        embedding_id: str,
        corpus_dir: Path,
        pool: ModelPool | None = None,
    ) -> None:
        self.embeddings = embeddings
        self.key = ("reason-classifier", str(corpus_dir), embedding_id)
        self.corpus_dir = corpus_dir
        self.pool = pool or ModelPool()

    def _features(self, intakes: list[Intake], cue_scores: list[dict[str, float]]) -> Any:
        texts: list[str] = []
        owners: list[int] = []
        for i, intake in enumerate(intakes):
            for f in FIELDS:
                if getattr(intake, f).strip():
                    texts.append(getattr(intake, f))
                    owners.append(i)
        vectors = np.array(self.embeddings.embed_documents(texts)) if texts else np.zeros((0, 1))
        dim = vectors.shape[1] if texts else 1
        pooled = np.zeros((len(intakes), dim))
        counts = np.zeros(len(intakes))
        for row, owner in zip(vectors, owners, strict=True):
            pooled[owner] += row
            counts[owner] += 1
        pooled /= np.maximum(counts, 1)[:, None]
        cues = np.array([[c[r] for r in REASONS] for c in cue_scores]) * CUE_WEIGHT
        return np.hstack([pooled, cues])

    def _model(self) -> Any:
        return self.pool.get(self.key, self._fit)

    def _fit(self) -> Any:
        from sklearn.linear_model import LogisticRegression

        rows = load_intakes(self.corpus_dir)
        intakes = [Intake.from_dict(r) for r in rows]
        features = self._features(intakes, [cue_totals(i) for i in intakes])
        model = LogisticRegression(C=C, max_iter=3000)
        model.fit(features, [r["label"] for r in rows])
        return model

    def probabilities(self, intake: Intake, cues: dict[str, float]) -> dict[str, float]:
        model = self._model()
        probs = model.predict_proba(self._features([intake], [cues]))[0]
        return {str(label): float(p) for label, p in zip(model.classes_, probs, strict=True)}
