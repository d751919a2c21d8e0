"""Diagnosis accuracy: the callback reason found for each held-out labelled intake."""

from __future__ import annotations

from typing import Any

from evals.datasets_io import read_jsonl
from evals.framework import Context, Metric, Row, mean_metric, run_sample
from simulator.domain import Intake

DATASET = "diagnosis.jsonl"


class DiagnosisTask:
    name = "diagnosis"
    datasets: tuple[str, ...] = (DATASET,)

    def size(self, suite: str) -> int:
        return len(read_jsonl(DATASET))

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
        return rows

    def metrics(self) -> list[Metric]:
        return [mean_metric("diagnosis.accuracy", "correct", "top-1 accuracy, held-out intakes")]
