"""Retrieval: hit@3 and MRR of the guidance index on labelled candidate queries."""

from __future__ import annotations

from typing import Any

from evals.datasets_io import read_jsonl
from evals.framework import Context, Metric, Row, mean_metric, run_sample

DATASET = "retrieval.jsonl"
DEPTH = 10


class RetrievalTask:
    name = "retrieval"
    datasets: tuple[str, ...] = (DATASET,)

    def size(self, suite: str) -> int:
        return len(read_jsonl(DATASET))

    def run(self, ctx: Context) -> list[Row]:
        rows = []
        for item in read_jsonl(DATASET):

            def sample(item: dict[str, Any] = item) -> tuple[dict[str, Any], dict[str, Any]]:
                ranked = [p.id for p in ctx.services.search(item["query"], k=DEPTH)]
                relevant = set(item["relevant"])
                rank = next((i for i, pid in enumerate(ranked, 1) if pid in relevant), None)
                values = {
                    "hit_at_3": float(rank is not None and rank <= 3),
                    "reciprocal_rank": 1.0 / rank if rank else 0.0,
                }
                return values, {
                    "query": item["query"],
                    "relevant": item["relevant"],
                    "got": ranked[:3],
                }

            worst = {"hit_at_3": 0.0, "reciprocal_rank": 0.0}
            rows.append(run_sample(self.name, item["id"], sample, worst))
            ctx.progress(1)
        return rows

    def metrics(self) -> list[Metric]:
        return [
            mean_metric("retrieval.hit_at_3", "hit_at_3", "a relevant card in the top 3"),
            mean_metric("retrieval.mrr", "reciprocal_rank", "mean reciprocal rank (top 10)"),
        ]
