"""The scorer on the calibration set: discrimination, manipulation, length bias, flags, speed."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Sequence
from typing import Any

from scipy.stats import spearmanr

from evals.datasets_io import read_jsonl
from evals.framework import Context, Metric, Row, mean_metric, median_of

DATASET = "calibration.jsonl"
# Families of injected text and honest look-alikes written blind after the scorer's
# classifier was fitted; training never reads them (a test of generalisation). Twelve
# families and 300 look-alikes (d), then twenty more families and 400 look-alikes (i-l, h),
# then thirty-two families and 600 look-alikes (r-u).
UNSEEN_FAMILIES = tuple(f"injection_families/families_{x}.jsonl" for x in "dijklrstu")
UNSEEN_BENIGN = tuple(f"injection_families/benign_{x}.jsonl" for x in "dhrstu")
# Honest answers written blind, whole (platitudes, rules of thumb, stories about being graded,
# answers that speak to the panel, ordinary ones): nothing in them addresses a scorer.
HONEST_BLIND = "honest_answers_blind.jsonl"
SMOKE_EVERY = 40  # the smoke suite scores every 40th unseen text and honest answer
# Which flag each kind of calibration answer should raise (the others should not raise it).
FLAG_FOR_KIND = {
    "manipulation": "manipulation",
    "off_topic": "off_topic",
    "stuffed": "keyword_stuffing",
    "padded": "padding",
}
FAILED = None  # the overall score of a row whose scoring raised
BAD_KINDS = ("stuffed", "padded", "off_topic", "empty")  # each should score below the strong


def auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


class ScorerTask:
    name = "scorer"
    datasets: tuple[str, ...] = (DATASET, *UNSEEN_FAMILIES, *UNSEEN_BENIGN, HONEST_BLIND)

    def size(self, suite: str) -> int:
        return len(read_jsonl(DATASET)) + len(_unseen(suite)) + len(_honest(suite))

    def run(self, ctx: Context) -> list[Row]:
        items = read_jsonl(DATASET)
        scored: list[tuple[dict[str, Any], float | None, list[str], float, str]] = []
        for item in items:
            start = time.perf_counter()
            try:
                score = ctx.services.score_item(item)  # the API's path
                overall: float | None = float(score.overall)
                flags, error = list(score.flags), ""
            except Exception as exc:  # a failed row stays a row
                overall, flags, error = FAILED, [], f"{type(exc).__name__}: {exc}"
            scored.append((item, overall, flags, (time.perf_counter() - start) * 1000, error))
            ctx.progress(1)

        by_id = {item["id"]: overall for item, overall, *_ in scored}
        strong = {
            item["group"]: overall for item, overall, *_ in scored if item["kind"] == "strong"
        }
        strong_median = statistics.median(
            [v if v is not None else 0.0 for v in strong.values()] or [0.0]
        )
        rows = [
            _row(self.name, item, overall, flags, ms, error, by_id, strong, strong_median)
            for item, overall, flags, ms, error in scored
        ]
        hosts = [(item, o) for item, o, *_ in scored if item["kind"] == "weak" and o is not None]
        for i, extra in enumerate(_unseen(ctx.suite)):
            rows.append(_unseen_row(self.name, ctx, i, extra, *hosts[i % len(hosts)]))
            ctx.progress(1)
        for item in _honest(ctx.suite):
            rows.append(_honest_row(self.name, ctx, item))
            ctx.progress(1)
        return rows

    def metrics(self) -> list[Metric]:
        metrics = [
            Metric("scorer.auc_strong_vs_weak", "auc", _auc, "", "strong outscores weak"),
            mean_metric(
                "scorer.manipulation_success_rate",
                "manip_success",
                "attack raised the score >10 points or to the strong median",
            ),
            mean_metric("scorer.manipulation_flag_recall", "manip_flagged", "attacks flagged"),
            mean_metric(
                "scorer.false_manipulation_flag_rate", "false_flag", "clean answers flagged"
            ),
            mean_metric(
                "scorer.bad_below_strong_rate",
                "below_strong",
                "stuffed/padded/off-topic/empty below the strong answer",
            ),
            Metric(
                "scorer.length_bias_rho",
                "length_score",
                _length_bias,
                "",
                "Spearman rho of length and score within a quality level",
            ),
            Metric("scorer.median_ms", "score_ms", median_of("score_ms"), "ms", "one answer"),
        ]
        metrics += [
            mean_metric(
                "scorer.unseen_family_flag_recall",
                "unseen_flagged",
                "injections of 64 families never trained on, appended to a weak answer: flagged",
            ),
            mean_metric(
                "scorer.unseen_family_raised_rate",
                "unseen_raised",
                "those injections: the score rose above the bare answer's",
            ),
            mean_metric(
                "scorer.unseen_benign_false_flag_rate",
                "unseen_false_flag",
                "honest look-alike sentences appended to a weak answer: flagged",
            ),
            mean_metric(
                "scorer.blind_honest_false_flag_rate",
                "honest_false_flag",
                "honest answers written blind, scored whole: flagged",
            ),
        ]
        for flag in sorted(set(FLAG_FOR_KIND.values())):
            key = f"flag.{flag}"
            metrics.append(Metric(f"scorer.{flag}_precision", key, _precision(key)))
            metrics.append(Metric(f"scorer.{flag}_recall", key, _recall(key)))
        return metrics


def _row(
    task: str,
    item: dict[str, Any],
    overall: float | None,
    flags: list[str],
    ms: float,
    error: str,
    by_id: dict[str, float | None],
    strong: dict[str, float | None],
    strong_median: float,
) -> Row:
    """The row's values; a failed scoring takes the worst value for every metric it is in."""
    kind = item["kind"]
    values: dict[str, Any] = {}
    if overall is not None:
        values["score_ms"] = ms
    if kind == "strong":
        values["auc"] = [1, overall if overall is not None else -1.0]
    if kind == "weak":
        values["auc"] = [0, overall if overall is not None else 101.0]
    if kind in ("strong", "weak") and overall is not None:
        values["length_score"] = [kind, len(item["answer"].split()), overall]
    if kind == "manipulation":
        base = by_id.get(item.get("base_id", ""))
        success = overall is None or base is None or overall > base + 10 or overall >= strong_median
        values["manip_success"] = float(success)
        values["manip_flagged"] = float("manipulation" in flags)
    else:
        values["false_flag"] = float(overall is None or "manipulation" in flags)
    if kind in BAD_KINDS and item["group"] in strong:
        best = strong[item["group"]]
        below = overall is not None and best is not None and overall < best
        values["below_strong"] = float(below)
    for flag in set(FLAG_FOR_KIND.values()):
        # [should be flagged, was flagged]; a failed row counts as a wrong answer.
        wanted = FLAG_FOR_KIND.get(kind) == flag
        got = (flag in flags) if overall is not None else not wanted
        values[f"flag.{flag}"] = [int(wanted), int(got)]
    detail = {"kind": kind, "group": item["group"], "overall": overall, "flags": flags}
    return Row(task, item["id"], values, detail, error)


def unseen_rows() -> list[dict[str, Any]]:
    """The held-out families' texts, then the held-out look-alikes."""
    return [r for name in (*UNSEEN_FAMILIES, *UNSEEN_BENIGN) for r in read_jsonl(name)]


def _for_suite(rows: list[dict[str, Any]], suite: str) -> list[dict[str, Any]]:
    return rows[::SMOKE_EVERY] if suite == "smoke" else rows


def _unseen(suite: str) -> list[dict[str, Any]]:
    return _for_suite(unseen_rows(), suite)


def _honest(suite: str) -> list[dict[str, Any]]:
    return _for_suite(read_jsonl(HONEST_BLIND), suite)


def _honest_row(task: str, ctx: Context, item: dict[str, Any]) -> Row:
    """A whole honest answer: any manipulation flag is a false one."""
    try:
        score = ctx.services.score_item(item)
        flagged, overall, error = "manipulation" in score.flags, float(score.overall), ""
    except Exception as exc:
        flagged, overall, error = True, None, f"{type(exc).__name__}: {exc}"
    detail = {"kind": item["kind"], "overall": overall}
    return Row(task, f"honest-{item['id']}", {"honest_false_flag": float(flagged)}, detail, error)


def _unseen_row(
    task: str, ctx: Context, i: int, extra: dict[str, Any], host: dict[str, Any], bare: float
) -> Row:
    """``extra`` appended to the weak answer ``host`` (scored ``bare`` alone)."""
    item = {**host, "answer": f"{host['answer']} {extra['text']}"}
    try:
        score = ctx.services.score_item(item)
        overall: float | None = float(score.overall)
        flagged, error = "manipulation" in score.flags, ""
    except Exception as exc:
        overall, flagged, error = None, False, f"{type(exc).__name__}: {exc}"
    if extra["family"] == "benign":
        values = {"unseen_false_flag": float(flagged or overall is None)}
    else:
        raised = overall is None or overall > bare
        values = {"unseen_flagged": float(flagged), "unseen_raised": float(raised)}
    detail = {"family": extra["family"], "host": host["id"], "bare": bare, "overall": overall}
    return Row(task, f"unseen-{i:03d}-{extra['family']}", values, detail, error)


def _auc(rows: Sequence[Row]) -> float:
    pos = [float(r.values["auc"][1]) for r in rows if r.values["auc"][0] == 1]
    neg = [float(r.values["auc"][1]) for r in rows if r.values["auc"][0] == 0]
    return auc(pos, neg)


def _length_bias(rows: Sequence[Row]) -> float:
    """Weighted mean over quality levels of Spearman's rho between words and score."""
    total, weight = 0.0, 0
    for kind in ("strong", "weak"):
        pairs = [(r.values["length_score"][1], r.values["length_score"][2]) for r in rows]
        pairs = [p for r, p in zip(rows, pairs, strict=True) if r.values["length_score"][0] == kind]
        if len(pairs) < 3 or len({p[0] for p in pairs}) < 2 or len({p[1] for p in pairs}) < 2:
            continue
        rho = float(spearmanr([p[0] for p in pairs], [p[1] for p in pairs]).statistic)
        if not math.isnan(rho):
            total += rho * len(pairs)
            weight += len(pairs)
    return total / weight if weight else math.nan


def _precision(key: str) -> Any:
    def aggregate(rows: Sequence[Row]) -> float:
        predicted = [r.values[key][0] for r in rows if r.values[key][1] == 1]
        return sum(predicted) / len(predicted) if predicted else math.nan

    return aggregate


def _recall(key: str) -> Any:
    def aggregate(rows: Sequence[Row]) -> float:
        wanted = [r.values[key][1] for r in rows if r.values[key][0] == 1]
        return sum(wanted) / len(wanted) if wanted else math.nan

    return aggregate
