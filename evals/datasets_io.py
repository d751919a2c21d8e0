"""Reads the labelled datasets in ``evals/datasets/`` (JSON Lines) and names their content hash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

DATASETS = Path(__file__).resolve().parent / "datasets"


def read_jsonl(name: str) -> list[dict[str, Any]]:
    path = DATASETS / name
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc})") from exc
    return rows


def dataset_hash(name: str) -> str:
    return hashlib.sha256((DATASETS / name).read_bytes()).hexdigest()[:12]
