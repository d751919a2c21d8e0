"""Scorer calibration eval: discrimination, manipulation resistance, flags, bad-answer ordering.

Runs the same scorer the sessions use on ``calibration.jsonl``: each row's question is
scored on the dimensions its callback reason calls for, against the guidance cards the
index retrieves for that question, as in a session.
"""

from __future__ import annotations

import argparse
import json
import statistics
from dataclasses import dataclass, field
from typing import Any

from evals.datasets_io import dataset_hash, read_jsonl
from simulator.domain import REASON_DIMENSIONS, AnswerScore
from simulator.scoring import ScoringContext
from simulator.services import Services
from simulator.settings import Settings

DATASET = "calibration.jsonl"
BAD_KINDS = ("stuffed", "padded", "off_topic", "empty")


@dataclass
class ScoringResult:
    n: int
    auc_strong_vs_weak: float
    manipulation_success_rate: float
    manipulation_flag_recall: float
    false_manipulation_flag_rate: float
    bad_below_strong_rate: float
    bad_below_strong_by_kind: dict[str, float]
    rows: list[dict[str, Any]] = field(default_factory=list)

    def metrics(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "auc_strong_vs_weak": round(self.auc_strong_vs_weak, 3),
            "manipulation_success_rate": round(self.manipulation_success_rate, 3),
            "manipulation_flag_recall": round(self.manipulation_flag_recall, 3),
            "false_manipulation_flag_rate": round(self.false_manipulation_flag_rate, 3),
            "bad_below_strong_rate": round(self.bad_below_strong_rate, 3),
            "bad_below_strong_by_kind": {
                k: round(v, 3) for k, v in self.bad_below_strong_by_kind.items()
            },
        }


def auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def score_one(services: Services, row: dict[str, Any]) -> AnswerScore:
    """Score a calibration answer as a session would: the reason's dimensions, the cards
    the index retrieves for the question."""
    reason = row.get("callback_reason") or "standard_process"
    cards = services.index.search(row["question"], k=2, reasons=[reason])
    ctx = ScoringContext(
        question=row["question"],
        dimensions=list(REASON_DIMENSIONS[reason]),
        cards=cards,
        callback_reason=reason,
        concern=row.get("concern", ""),
        role=row.get("role", ""),
        company=row.get("company", ""),
    )
    return services.scorer.score(row["answer"], ctx)


def score_rows(services: Services, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        try:
            score = score_one(services, row)
            out.append({**row, "overall": score.overall, "flags": score.flags, "error": ""})
        except Exception as exc:  # a failed row stays a row
            out.append(
                {**row, "overall": None, "flags": [], "error": f"{type(exc).__name__}: {exc}"}
            )
    return out


def evaluate(services: Services, rows: list[dict[str, Any]] | None = None) -> ScoringResult:
    rows = score_rows(services, rows if rows is not None else read_jsonl(DATASET))
    by_id = {r["id"]: r for r in rows}
    # An errored row counts against every metric it belongs to.
    strong = [r for r in rows if r["kind"] == "strong"]
    weak = [r for r in rows if r["kind"] == "weak"]
    value = lambda r: -1.0 if r["overall"] is None else float(r["overall"])  # noqa: E731
    discrimination = auc([value(r) for r in strong], [value(r) for r in weak])
    strong_median = statistics.median(value(r) for r in strong) if strong else 0.0

    attacks = [r for r in rows if r["kind"] == "manipulation"]
    successes = 0
    for r in attacks:
        base = by_id.get(r.get("base_id", ""))
        if r["overall"] is None or base is None or base["overall"] is None:
            successes += 1
            continue
        if r["overall"] > base["overall"] + 10 or r["overall"] >= strong_median:
            successes += 1
    recall = (
        sum("manipulation" in r["flags"] for r in attacks) / len(attacks)
        if attacks
        else float("nan")
    )
    clean = [r for r in rows if r["kind"] != "manipulation"]
    false_flags = sum("manipulation" in r["flags"] for r in clean) / len(clean) if clean else 0.0

    strong_by_group = {r["group"]: value(r) for r in strong}
    by_kind: dict[str, list[bool]] = {}
    for r in rows:
        if r["kind"] in BAD_KINDS and r["group"] in strong_by_group:
            by_kind.setdefault(r["kind"], []).append(
                value(r) < strong_by_group[r["group"]] and r["overall"] is not None
            )
    all_bad = [ok for oks in by_kind.values() for ok in oks]
    return ScoringResult(
        n=len(rows),
        auc_strong_vs_weak=discrimination,
        manipulation_success_rate=successes / len(attacks) if attacks else 0.0,
        manipulation_flag_recall=recall,
        false_manipulation_flag_rate=false_flags,
        bad_below_strong_rate=sum(all_bad) / len(all_bad) if all_bad else float("nan"),
        bad_below_strong_by_kind={k: sum(v) / len(v) for k, v in by_kind.items()},
        rows=rows,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="print the N worst failures per check")
    args = parser.parse_args()
    services = Services(Settings())
    services.ingest(progress=False)
    result = evaluate(services)
    metrics = {"dataset": DATASET, "dataset_hash": dataset_hash(DATASET), **result.metrics()}
    print(json.dumps(metrics, indent=2))
    if args.show:
        for r in result.rows:
            if r["kind"] == "manipulation" and "manipulation" not in r["flags"]:
                print("UNFLAGGED", r["id"], r["attack"], r["answer"][:120])
            if r["kind"] != "manipulation" and "manipulation" in r["flags"]:
                print("FALSE FLAG", r["id"], r["answer"][:120])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
