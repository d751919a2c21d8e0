"""``python -m evals.train_panel``: fit the table that tells the panel reader whom of the
people it found are in the coming round's room (``simulator/panel/in_room.py``).

Trained on the intakes used to build and tune the reader (``panel_intakes.jsonl`` and
``panel_intakes_tuned.jsonl``): each person the rules read is labelled by whether the
intake's blind answer lists them. The held-out and later blind intakes are never read here.
It reports, cross-fitted over five folds of intakes, how many intakes the reader gets
exactly right (everyone, no one extra, titles) with and without the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from tqdm import tqdm

from evals.datasets_io import read_jsonl
from evals.tasks.listening import same_name, title_words
from simulator.domain import Intake
from simulator.panel.in_room import TABLE, features, named_in_panel
from simulator.panel.panelist import Panelist
from simulator.panel.reader import read_panel, round_one_again

DATASETS = ("panel_intakes.jsonl", "panel_intakes_tuned.jsonl")
FOLDS = 5
MIN_COUNT = 2  # a feature fewer people have is not learned from


def _exact(expected: Sequence[dict[str, str]], found: Sequence[Panelist]) -> bool:
    """Everyone expected found with their title, and no one else."""
    for e in expected:
        match = next((f for f in found if same_name(e["name"], f.name)), None)
        if match is None:
            return False
        if e["title"] and not title_words(e["title"]) <= title_words(match.title):
            return False
    return all(any(same_name(e["name"], f.name) for e in expected) for f in found)


def _examples(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in tqdm(rows, desc="reading intakes", unit="intake"):
        intake = Intake.from_dict(row["intake"])
        people = read_panel(intake)
        # whom the table judges: everyone not named in the panel field, unless that field
        # points back to round one
        back = round_one_again(intake.panel) is not None
        judged = [k for k, p in enumerate(people) if not (back or named_in_panel(intake, p))]
        out.append(
            {
                "expected": row["expected"],
                "people": people,
                "judged": judged,
                "x": [features(intake, people[k], k, len(people)) for k in judged],
                "y": [
                    int(any(same_name(e["name"], people[k].name) for e in row["expected"]))
                    for k in judged
                ],
            }
        )
    return out


def _fit(examples: Sequence[dict[str, Any]], c: float) -> tuple[DictVectorizer, Any]:
    """The table, on the features at least ``MIN_COUNT`` people have."""
    counts = Counter(name for e in examples for f in e["x"] for name in f)
    x = [{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for e in examples for f in e["x"]]
    y = [v for e in examples for v in e["y"]]
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=3000).fit(vectorizer.fit_transform(x), y)
    return vectorizer, model


def cross_fitted(examples: Sequence[dict[str, Any]], c: float, threshold: float) -> dict[str, Any]:
    """Exact intakes with the rules alone and with the table, each intake judged by a
    table fitted without it."""
    order = list(range(len(examples)))
    random.Random(0).shuffle(order)
    fold = {i: k % FOLDS for k, i in enumerate(order)}
    kept = [[True] * len(e["people"]) for e in examples]
    for k in range(FOLDS):
        vectorizer, model = _fit([e for i, e in enumerate(examples) if fold[i] != k], c)
        for i, e in enumerate(examples):
            if fold[i] == k and e["x"]:
                p = model.predict_proba(vectorizer.transform(e["x"]))[:, 1]
                for j, q in zip(e["judged"], p, strict=True):
                    kept[i][j] = bool(q >= threshold)
    rules = sum(_exact(e["expected"], e["people"]) for e in examples)
    table = sum(
        _exact(e["expected"], [p for p, k in zip(e["people"], kept[i], strict=True) if k])
        for i, e in enumerate(examples)
    )
    dropped = [
        y
        for i, e in enumerate(examples)
        for j, y in zip(e["judged"], e["y"], strict=True)
        if not kept[i][j]
    ]
    return {
        "intakes": len(examples),
        "exact_rules_alone": rules,
        "exact_with_table": table,
        "people_judged": sum(len(e["judged"]) for e in examples),
        "people_dropped": len(dropped),
        "people_dropped_who_were_expected": sum(dropped),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.train_panel", description=__doc__)
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 penalty")
    parser.add_argument(
        "--threshold", type=float, default=0.4, help="drop people below these odds of being in"
    )
    parser.add_argument("--out", type=Path, default=TABLE)
    args = parser.parse_args(argv)
    rows = [r for name in DATASETS for r in read_jsonl(name) if r["expected"]]
    examples = _examples(rows)
    report = cross_fitted(examples, args.c, args.threshold)
    vectorizer, model = _fit(examples, args.c)
    weights = {
        name: round(float(w), 6)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-6
    }
    table = {
        "fitted": dt.date.today().isoformat(),
        "datasets": list(DATASETS),
        "c": args.c,
        "threshold": args.threshold,
        "intercept": round(float(np.asarray(model.intercept_)[0]), 6),
        "cross_fitted": report,
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))
    print(f"wrote {args.out} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
