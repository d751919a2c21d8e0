"""The scorer on the graded answer set's *test* split (never used for fitting): how closely
scores follow the blind graders' grades, overall, within a question and per dimension.
With an LLM judge configured (``--provider openai``), each answer is scored twice, and the
run also reports how far the two scores differ and how often the judge fell back."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from scipy.stats import spearmanr

from evals.datasets_io import read_jsonl
from evals.framework import Context, Metric, Row, mean_metric, run_sample
from evals.graded_set import DIMENSIONS, NAME

SPLIT = "test"


def _spearman(key: str) -> Any:
    def aggregate(rows: Sequence[Row]) -> float:
        pairs = [r.values[key] for r in rows]
        if len(pairs) < 3 or len({p[0] for p in pairs}) < 2 or len({p[1] for p in pairs}) < 2:
            return math.nan
        return float(spearmanr([p[0] for p in pairs], [p[1] for p in pairs]).statistic)

    return aggregate


def _pairwise(rows: Sequence[Row]) -> float:
    """Within each question, the share of differently graded pairs that the scores order
    the same way (a tie in score counts half)."""
    by_question: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        qid, grade, score = r.values["pairwise"]
        by_question[qid].append((grade, score))
    agree = total = 0.0
    for items in by_question.values():
        for (g1, s1), (g2, s2) in itertools.combinations(items, 2):
            if g1 == g2:
                continue
            total += 1
            agree += 0.5 if s1 == s2 else float((g1 > g2) == (s1 > s2))
    return agree / total if total else math.nan


class GradedTask:
    name = "graded"
    datasets: tuple[str, ...] = (NAME,)

    def _items(self, suite: str) -> list[dict[str, Any]]:
        items = [r for r in read_jsonl(NAME) if r["split"] == SPLIT]
        if (
            suite == "smoke"
        ):  # a few whole questions, so within-question metrics still mean something
            keep = sorted({r["qid"] for r in items})[:4]
            items = [r for r in items if r["qid"] in keep]
        return items

    def size(self, suite: str) -> int:
        return len(self._items(suite))

    def run(self, ctx: Context) -> list[Row]:
        rows = []
        judged = ctx.services.settings.judge_mode != "rules"
        for item in self._items(ctx.suite):

            def one(item: dict[str, Any] = item) -> tuple[dict[str, Any], dict[str, Any]]:
                score = ctx.services.score_item(item)
                values: dict[str, Any] = {
                    "overall": [item["grade"], score.overall],
                    "pairwise": [item["qid"], item["grade"], score.overall],
                }
                if judged:  # an LLM judge takes part: is it consistent with itself?
                    again = ctx.services.score_item(item)
                    values["repeat_diff"] = abs(again.overall - score.overall)
                    values["judge_failed"] = float(
                        any("LLM judge failed" in n for n in score.notes + again.notes)
                    )
                for d in DIMENSIONS:
                    if d in score.dimensions:
                        values[f"dim.{d}"] = [item["dimensions"][d], score.dimensions[d]]
                detail = {
                    "qid": item["qid"],
                    "kind": item["kind"],
                    "grade": item["grade"],
                    "overall": score.overall,
                    "flags": score.flags,
                }
                return values, detail

            rows.append(run_sample(self.name, item["id"], one, {}))
            ctx.progress(1)
        _plain_above_hollow(rows)
        return rows

    def metrics(self) -> list[Metric]:
        metrics = [
            Metric(
                "graded.spearman", "overall", _spearman("overall"), "", "overall score vs grade"
            ),
            Metric(
                "graded.pairwise_agreement", "pairwise", _pairwise, "", "pairs within a question"
            ),
            mean_metric(
                "graded.plain_above_hollow",
                "plain_above_hollow",
                "plainly worded strong answer above the hollow one, per question",
            ),
        ]
        metrics += [
            Metric(f"graded.spearman.{d}", f"dim.{d}", _spearman(f"dim.{d}"), "", d)
            for d in DIMENSIONS
        ]
        metrics += [  # only with an LLM judge (scoring.judge llm or both)
            mean_metric(
                "graded.repeat_abs_diff",
                "repeat_diff",
                "points between two scorings of the same answer",
                "points",
            ),
            mean_metric("graded.judge_failure_rate", "judge_failed", "judge fell back to rules"),
        ]
        return metrics


def _plain_above_hollow(rows: list[Row]) -> None:
    """Give each question's plain strong answer a value: 1 when it outscores the hollow one."""
    by_kind = {(r.detail.get("qid"), r.detail.get("kind")): r for r in rows if r.detail}
    for (qid, kind), row in by_kind.items():
        hollow = by_kind.get((qid, "hollow"))
        if kind == "strong_plain" and hollow is not None:
            above = row.detail["overall"] > hollow.detail["overall"]
            row.values["plain_above_hollow"] = float(above)
