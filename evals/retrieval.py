"""Retrieval eval: hit@k and MRR of the guidance index on labelled candidate queries."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from typing import Any

from evals.datasets_io import dataset_hash, read_jsonl
from simulator.index import GuidanceIndex
from simulator.services import Services
from simulator.settings import Settings

DATASET = "retrieval.jsonl"


@dataclass(frozen=True)
class RetrievalResult:
    hit_at_3: float
    mrr: float
    n: int
    misses: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": DATASET,
            "dataset_hash": dataset_hash(DATASET),
            "n": self.n,
            "hit@3": round(self.hit_at_3, 3),
            "mrr": round(self.mrr, 3),
            "misses": self.misses,
        }


def evaluate(
    index: GuidanceIndex, rows: list[dict[str, Any]] | None = None, k: int = 10
) -> RetrievalResult:
    rows = rows if rows is not None else read_jsonl(DATASET)
    hits, rr, misses = 0, 0.0, []
    for row in rows:
        ranked = [p.id for p in index.search(row["query"], k=k)]
        relevant = set(row["relevant"])
        rank = next((i for i, pid in enumerate(ranked, 1) if pid in relevant), None)
        if rank is not None and rank <= 3:
            hits += 1
        else:
            misses.append(
                {
                    "id": row["id"],
                    "query": row["query"],
                    "relevant": row["relevant"],
                    "got": ranked[:3],
                }
            )
        rr += 1.0 / rank if rank else 0.0
    n = len(rows)
    return RetrievalResult(hits / n if n else 0.0, rr / n if n else 0.0, n, misses)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    services = Services(Settings())
    services.ingest(progress=False)
    result = evaluate(services.index)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(f"retrieval: hit@3 {result.hit_at_3:.3f}  MRR {result.mrr:.3f}  (n={result.n})")
        for m in result.misses:
            print(f"  miss {m['id']}: {m['query'][:70]!r} want {m['relevant']} got {m['got']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
