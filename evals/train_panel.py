"""``python -m evals.train_panel``: fit the panel reader's two learned tables.

- ``--table in_room`` (``simulator/panel/in_room.py``): whom of the people the reader
  found are in the coming round's room. It reports, cross-fitted over five folds of
  intakes, how many intakes the reader gets exactly right (everyone, no one extra, titles)
  with and without the table.
- ``--table uncued`` (``simulator/panel/uncued.py``): whom of the people the notes and
  message name, with no sentence cueing them into the coming round, are on the panel all
  the same. It reports, cross-fitted, how many of them it keeps and how many of those the
  answers list.

Both are trained on the intakes used to build and tune the reader (``panel_intakes.jsonl``
and ``panel_intakes_tuned.jsonl``): each person is labelled by whether the intake's blind
answer lists them. The held-out and later blind intakes are never read here.
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
from simulator.panel import in_room, uncued
from simulator.panel.in_room import features, named_in_panel
from simulator.panel.panelist import Panelist
from simulator.panel.reader import read_panel, round_one_again, uncued_people
from simulator.panel.uncued import uncued_features

TABLES = {"in_room": in_room.TABLE, "uncued": uncued.TABLE}

DATASETS = ("panel_intakes.jsonl", "panel_intakes_tuned.jsonl")
FOLDS = 5
MIN_COUNT = 2  # a feature fewer people have is not learned from
DEFAULTS = {"in_room": (1.0, 0.4), "uncued": (0.3, 0.3)}  # C and threshold of each table


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


def _uncued_examples(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in tqdm(rows, desc="reading intakes", unit="intake"):
        intake, people, listed = uncued_people(Intake.from_dict(row["intake"]))
        out.append(
            {
                "expected": row["expected"],
                "people": [p for p, _ in people],
                "judged": list(range(len(people))),
                "x": [uncued_features(intake, p, field, listed) for p, field in people],
                "y": [
                    int(any(same_name(e["name"], p.name) for e in row["expected"]))
                    for p, _ in people
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


def _kept(examples: Sequence[dict[str, Any]], c: float, threshold: float) -> list[list[bool]]:
    """Whom each example keeps, each intake judged by a table fitted without it (five
    folds); whoever is not judged is kept."""
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
    return kept


def cross_fitted(examples: Sequence[dict[str, Any]], c: float, threshold: float) -> dict[str, Any]:
    """Exact intakes with the rules alone and with the in-room table, each intake judged by
    a table fitted without it."""
    kept = _kept(examples, c, threshold)
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


def cross_fitted_uncued(
    examples: Sequence[dict[str, Any]], c: float, threshold: float
) -> dict[str, Any]:
    """How many of the people no sentence cues in the table keeps, and how many of those
    the answers list, each intake judged by a table fitted without it."""
    kept = _kept(examples, c, threshold)
    pairs = [(k, y) for i, e in enumerate(examples) for k, y in zip(kept[i], e["y"], strict=True)]
    return {
        "intakes": len(examples),
        "people_judged": len(pairs),
        "people_expected": sum(y for _, y in pairs),
        "people_kept": sum(k for k, _ in pairs),
        "people_kept_who_were_expected": sum(k and y for k, y in pairs),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.train_panel", description=__doc__)
    parser.add_argument("--table", choices=sorted(TABLES), default="in_room")
    parser.add_argument("--c", type=float, default=None, help="inverse L2 penalty")
    parser.add_argument("--threshold", type=float, default=None, help="keep people at these odds")
    parser.add_argument("--out", type=Path, default=None, help="default: the table's own path")
    args = parser.parse_args(argv)
    c, threshold = DEFAULTS[args.table]
    c = c if args.c is None else args.c
    threshold = threshold if args.threshold is None else args.threshold
    if args.table == "in_room":
        examples = _examples([r for name in DATASETS for r in read_jsonl(name) if r["expected"]])
        report = cross_fitted(examples, c, threshold)
    else:
        examples = _uncued_examples([r for name in DATASETS for r in read_jsonl(name)])
        report = cross_fitted_uncued(examples, c, threshold)
    vectorizer, model = _fit(examples, c)
    weights = {
        name: round(float(w), 6)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-6
    }
    table = {
        "fitted": dt.date.today().isoformat(),
        "datasets": list(DATASETS),
        "c": c,
        "threshold": threshold,
        "intercept": round(float(np.asarray(model.intercept_)[0]), 6),
        "cross_fitted": report,
        "weights": dict(sorted(weights.items())),
    }
    out = args.out or TABLES[args.table]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))
    print(f"wrote {out} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
