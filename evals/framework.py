"""The shape of an eval: tasks make rows, metrics aggregate rows, thresholds judge metrics.

Modelled on Inspect: a *task* runs a dataset through the simulator and returns one
``Row`` per sample (a failed sample is still a row, with ``error`` set and worst-case
values, so no row silently leaves a denominator); each ``Metric`` aggregates the rows
that carry its values and gets a bootstrap confidence interval; ``thresholds.yaml``
says which values pass.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import yaml
from scipy.stats import bootstrap

from simulator.services import Services

THRESHOLDS = Path(__file__).resolve().parent / "thresholds.yaml"


@dataclass
class Row:
    """One sample's result: its values (named per metric), what it saw and produced, any error."""

    task: str
    id: str
    values: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)
    error: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Aggregate = Callable[[Sequence[Row]], float]


@dataclass(frozen=True)
class Metric:
    """``name`` aggregates the rows that have the value ``key``; ``unit`` is for display."""

    name: str
    key: str
    aggregate: Aggregate
    unit: str = ""
    description: str = ""


@dataclass
class MetricResult:
    name: str
    value: float
    ci_low: float
    ci_high: float
    n: int
    unit: str = ""
    description: str = ""
    threshold: dict[str, Any] | None = None
    passed: bool | None = None  # None: no threshold

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Context(Protocol):
    services: Services
    suite: str

    def progress(self, n: int) -> None:
        """Count ``n`` samples as done."""
        ...


class Task(Protocol):
    name: str
    datasets: tuple[str, ...]

    def size(self, suite: str) -> int:
        """How many samples this task runs in ``suite`` (for the progress bar)."""
        ...

    def run(self, ctx: Context) -> list[Row]: ...

    def metrics(self) -> list[Metric]: ...


# -- aggregates ----------------------------------------------------------------------------------
def mean_of(key: str) -> Aggregate:
    def aggregate(rows: Sequence[Row]) -> float:
        values = [float(r.values[key]) for r in rows]
        return statistics.fmean(values) if values else math.nan

    return aggregate


def median_of(key: str) -> Aggregate:
    def aggregate(rows: Sequence[Row]) -> float:
        values = [float(r.values[key]) for r in rows]
        return statistics.median(values) if values else math.nan

    return aggregate


def sum_of(key: str) -> Aggregate:
    def aggregate(rows: Sequence[Row]) -> float:
        return float(sum(float(r.values[key]) for r in rows))

    return aggregate


def mean_metric(name: str, key: str, description: str = "", unit: str = "") -> Metric:
    return Metric(name, key, mean_of(key), unit, description)


# -- evaluation ----------------------------------------------------------------------------------
def evaluate_metric(
    metric: Metric, rows: Sequence[Row], *, resamples: int, seed: int
) -> MetricResult:
    """The metric over the rows that carry its key, with a 95% percentile-bootstrap interval."""
    used = [r for r in rows if metric.key in r.values]
    value = metric.aggregate(used) if used else math.nan
    low, high = _interval(metric.aggregate, used, value, resamples, seed)
    return MetricResult(metric.name, value, low, high, len(used), metric.unit, metric.description)


def _interval(
    aggregate: Aggregate, rows: Sequence[Row], value: float, resamples: int, seed: int
) -> tuple[float, float]:
    if len(rows) < 2 or math.isnan(value) or resamples <= 0:
        return value, value

    def statistic(index: np.ndarray) -> float:
        return aggregate([rows[int(i)] for i in index])

    result = bootstrap(
        (np.arange(len(rows)),),
        statistic,
        vectorized=False,
        n_resamples=resamples,
        method="percentile",
        random_state=np.random.default_rng(seed),
    )
    low, high = result.confidence_interval
    if math.isnan(low) or math.isnan(high):  # every resample equal: no spread to show
        return value, value
    return float(low), float(high)


def load_thresholds(path: Path = THRESHOLDS) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of metric name to threshold")
    return {str(k): dict(v) for k, v in data.items()}


def judge(result: MetricResult, threshold: dict[str, Any] | None) -> MetricResult:
    """Attach the threshold; the value (or, with ``bound: ci_low``, the interval's low end)
    must be ≥ ``min`` / ≤ ``max``. A NaN never passes."""
    result.threshold = threshold
    if threshold is None:
        result.passed = None
        return result
    checked = result.ci_low if threshold.get("bound") == "ci_low" else result.value
    ok = not math.isnan(checked)
    if "min" in threshold:
        ok = ok and checked >= float(threshold["min"])
    if "max" in threshold:
        ok = ok and checked <= float(threshold["max"])
    result.passed = ok
    return result


def run_sample(
    task: str,
    sample_id: str,
    fn: Callable[[], tuple[dict[str, Any], dict[str, Any]]],
    worst: dict[str, Any],
) -> Row:
    """Run one sample; an exception gives a row with the error and the worst-case ``values``."""
    try:
        values, detail = fn()
        return Row(task, sample_id, values, detail)
    except Exception as exc:  # a failed row stays a row
        return Row(task, sample_id, dict(worst), {}, f"{type(exc).__name__}: {exc}")
