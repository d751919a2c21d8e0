"""Diagnosis eval: top-1 accuracy of the callback-reason diagnosis on labelled intakes."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from evals.datasets_io import dataset_hash, read_jsonl
from simulator.diagnosis import diagnose
from simulator.domain import Intake
from simulator.reason_model import ReasonClassifier
from simulator.services import Services
from simulator.settings import Settings

DATASET = "diagnosis.jsonl"


@dataclass(frozen=True)
class DiagnosisResult:
    accuracy: float
    n: int
    confusion: dict[str, dict[str, int]]
    errors: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": DATASET,
            "dataset_hash": dataset_hash(DATASET),
            "n": self.n,
            "top1_accuracy": round(self.accuracy, 3),
            "confusion": self.confusion,
            "errors": self.errors,
        }


def evaluate(
    classifier: ReasonClassifier | None, rows: list[dict[str, Any]] | None = None
) -> DiagnosisResult:
    """Top-1 accuracy on held-out intakes (none of them is in the classifier's training data)."""
    rows = rows if rows is not None else read_jsonl(DATASET)
    confusion: dict[str, Counter[str]] = {}
    errors = []
    for row in rows:
        d = diagnose(Intake.from_dict(row), classifier=classifier)
        confusion.setdefault(row["label"], Counter())[d.reason] += 1
        if d.reason != row["label"]:
            errors.append(
                {"id": row["id"], "label": row["label"], "got": d.reason, "rationale": d.rationale}
            )
    correct = sum(c[label] for label, c in confusion.items())
    n = len(rows)
    return DiagnosisResult(
        correct / n if n else 0.0, n, {k: dict(v) for k, v in confusion.items()}, errors
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    services = Services(Settings())
    result = evaluate(services.classifier)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(f"diagnosis: top-1 accuracy {result.accuracy:.3f} (n={result.n})")
        for e in result.errors:
            print(f"  {e['id']}: want {e['label']} got {e['got']} - {e['rationale'][:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
