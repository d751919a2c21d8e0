"""Diagnosis accuracy: the callback reason found for each held-out labelled intake; and the
panel's doubt read from intakes whose doubt a reader wrote down (``concern_labels.jsonl``:
a dev split of 120 intakes the reader was tuned on, and a test split of 192 from four blind
batches, measured, never tuned on)."""

from __future__ import annotations

import re
from typing import Any

from evals.datasets_io import read_jsonl
from evals.framework import Context, Metric, Row, mean_metric, run_sample
from simulator.concern_finder import find_concern
from simulator.domain import Intake

DATASET = "diagnosis.jsonl"
CONCERNS = "concern_labels.jsonl"
# Words too common in doubts to show that two phrases name the same one.
_COMMON = {"with", "about", "that", "this", "your", "their", "have", "from", "more", "what",
           "when", "will", "would", "like", "into", "some", "they", "them", "been", "were",
           "experience", "ability", "whether", "able", "work", "working", "role", "lack",
           "skills", "knowledge"}  # fmt: skip


class DiagnosisTask:
    name = "diagnosis"
    datasets: tuple[str, ...] = (DATASET, CONCERNS)

    def size(self, suite: str) -> int:
        return len(read_jsonl(DATASET)) + len(read_jsonl(CONCERNS))

    def run(self, ctx: Context) -> list[Row]:
        services = ctx.services
        rows = []
        for item in read_jsonl(DATASET):

            def sample(item: dict[str, Any] = item) -> tuple[dict[str, Any], dict[str, Any]]:
                found = services.diagnose(Intake.from_dict(item))
                detail = {
                    "label": item["label"],
                    "got": found.reason,
                    "confidence": round(found.confidence, 3),
                }
                return {"correct": float(found.reason == item["label"])}, detail

            rows.append(run_sample(self.name, item["id"], sample, {"correct": 0.0}))
            ctx.progress(1)
        return rows + self._concern_rows(ctx)

    def _concern_rows(self, ctx: Context) -> list[Row]:
        intakes = {
            (batch, r["id"]): r["intake"]
            for batch in {c["batch"] for c in read_jsonl(CONCERNS)}
            for r in read_jsonl(batch)
        }
        rows = []
        for item in read_jsonl(CONCERNS):
            if not item["concern"]:
                ctx.progress(1)
                continue

            def sample(item: dict[str, Any] = item) -> tuple[dict[str, Any], dict[str, Any]]:
                found = find_concern(Intake.from_dict(intakes[item["batch"], item["id"]]))
                shares = bool(_words(found) & _words(item["concern"]))
                split = item["split"]
                values = {f"concern_named_{split}": float(bool(found))}
                values[f"concern_shares_word_{split}"] = float(shares)
                return values, {"label": item["concern"], "got": found}

            rows.append(run_sample(self.name, f"concern-{item['id']}", sample, {}))
            ctx.progress(1)
        return rows

    def metrics(self) -> list[Metric]:
        concern = [
            mean_metric(
                f"diagnosis.concern_{what}_{split}_rate",
                f"concern_{what}_{split}",
                f"intakes with a written-down doubt ({split}) {wording}",
            )
            for split in ("dev", "test")
            for what, wording in (
                ("named", "where a doubt is named"),
                ("shares_word", "where the doubt named shares a word with the written one"),
            )
        ]
        return [
            mean_metric("diagnosis.accuracy", "correct", "top-1 accuracy, held-out intakes"),
            *concern,
        ]


def _words(text: str) -> set[str]:
    """A phrase's telling words, by their first six letters ("modelling", "model")."""
    return {w[:6] for w in re.findall(r"[^\W\d_]{4,}", text.lower()) if w not in _COMMON}
