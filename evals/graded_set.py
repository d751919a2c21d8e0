"""The graded answer set: answers written, then graded by readers who saw only
``datasets/GRADING.md``. ``python -m evals.graded_set`` merges the written answers
(``graded/raw/``) with their grades (``graded/grades/``) into ``graded.jsonl``.

The split is by question and fixed by a hash of the question id, so it was settled
before any tuning and never moves: ``dev`` is for fitting, ``test`` only for reporting.
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import Any

from evals.datasets_io import DATASETS, read_jsonl
from simulator.rubric import DIMENSION_SPECS

NAME = "graded.jsonl"
TEST_PERCENT = 30
DIMENSIONS = tuple(DIMENSION_SPECS)


def split_of(qid: str) -> str:
    return (
        "test" if int(hashlib.sha256(qid.encode()).hexdigest(), 16) % 100 < TEST_PERCENT else "dev"
    )


def _valid_grade(row: dict[str, Any]) -> bool:
    dims = row.get("dimensions", {})
    return (
        isinstance(row.get("grade"), int)
        and 1 <= row["grade"] <= 5
        and all(isinstance(dims.get(d), int) and 1 <= dims[d] <= 5 for d in DIMENSIONS)
    )


def build() -> list[dict[str, Any]]:
    answers: dict[str, dict[str, Any]] = {}
    for path in sorted((DATASETS / "graded" / "raw").glob("*.jsonl")):
        for row in read_jsonl(str(path.relative_to(DATASETS))):
            answers[row["id"]] = row
    grades: dict[str, dict[str, Any]] = {}
    for path in sorted((DATASETS / "graded" / "grades").glob("*.jsonl")):
        for row in read_jsonl(str(path.relative_to(DATASETS))):
            if _valid_grade(row):
                grades[row["id"]] = row
    out = []
    for rid, answer in answers.items():
        grade = grades.get(rid)
        if grade is None:
            continue
        sentences = [
            {"text": s["text"], "role": s["role"]}
            for s in grade.get("sentences", [])
            if isinstance(s, dict) and s.get("text") and s.get("role")
        ]
        out.append(
            {
                **{
                    k: answer.get(k, "")
                    for k in (
                        "id",
                        "qid",
                        "field",
                        "callback_reason",
                        "role",
                        "company",
                        "concern",
                        "question",
                        "kind",
                        "answer",
                    )
                },
                "split": split_of(answer["qid"]),
                "grade": grade["grade"],
                "dimensions": {d: grade["dimensions"][d] for d in DIMENSIONS},
                "reason": grade.get("reason", ""),
                "sentences": sentences,
            }
        )
    return out


def main() -> int:
    rows = build()
    path = DATASETS / NAME
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    questions = {r["qid"] for r in rows}
    test = {r["qid"] for r in rows if r["split"] == "test"}
    print(
        f"{path}: {len(rows)} graded answers to {len(questions)} questions "
        f"({len(test)} questions in the test split)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
