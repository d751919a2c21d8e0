"""Runs a suite of eval tasks on one configured simulator and keeps a record of the run."""

from __future__ import annotations

import datetime as dt
import platform
import subprocess
import time
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from evals.datasets_io import dataset_hash
from evals.framework import MetricResult, Row, Task, evaluate_metric, judge, load_thresholds
from evals.names import SUITES
from evals.tasks import all_tasks
from simulator.llm import llm_name
from simulator.services import Services
from simulator.settings import PROJECT_ROOT, Settings

RESAMPLES = {"smoke": 500, "full": 2000}


@dataclass
class RunContext:
    services: Services
    suite: str
    bar: Any

    def progress(self, n: int) -> None:
        self.bar.update(n)


@dataclass
class RunResult:
    meta: dict[str, Any]
    rows: list[Row] = field(default_factory=list)
    metrics: list[MetricResult] = field(default_factory=list)

    @property
    def failed(self) -> list[MetricResult]:
        return [m for m in self.metrics if m.passed is False]


def run_suite(
    settings: Settings,
    suite: str = "smoke",
    *,
    tasks: list[Task] | None = None,
    seed: int = 0,
    progress: bool = True,
    services: Services | None = None,
) -> RunResult:
    """Run ``suite`` on the simulator ``settings`` describe (or on ``services`` built from them)."""
    if suite not in SUITES:
        raise ValueError(f"unknown suite {suite!r}; choose one of {', '.join(SUITES)}")
    tasks = tasks if tasks is not None else all_tasks()
    services = services or Services(settings)
    started = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()
    # Index what is missing; a stale index is an error that says how to rebuild it.
    services.ingest(progress=False)
    thresholds = load_thresholds()
    result = RunResult(meta={})
    total = sum(t.size(suite) for t in tasks)
    with tqdm(total=total, desc=f"eval {suite}", unit="sample", disable=not progress) as bar:
        ctx = RunContext(services, suite, bar)
        for task in tasks:
            bar.set_postfix_str(task.name)
            rows = task.run(ctx)
            result.rows += rows
            for metric in task.metrics():
                value = evaluate_metric(metric, rows, resamples=RESAMPLES[suite], seed=seed)
                result.metrics.append(judge(value, _applicable(thresholds, metric.name, suite)))
    result.meta = {
        "suite": suite,
        "started": started.isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - clock, 1),
        "model": llm_name(settings.llm),
        "providers": services.providers(),
        "settings": _public_settings(settings),
        "git": _git(),
        "datasets": {name: dataset_hash(name) for t in tasks for name in t.datasets},
        "tasks": [t.name for t in tasks],
        "rows": len(result.rows),
        "errored_rows": sum(bool(r.error) for r in result.rows),
        "bootstrap_resamples": RESAMPLES[suite],
        "seed": seed,
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {platform.system()}",
        "passed": not result.failed,
    }
    return result


def _applicable(
    thresholds: dict[str, dict[str, Any]], name: str, suite: str
) -> dict[str, Any] | None:
    """The metric's threshold, unless it is judged only in other suites (``suites:``)."""
    threshold = thresholds.get(name)
    if threshold is None or suite not in threshold.get("suites", SUITES):
        return None
    return threshold


def _public_settings(settings: Settings) -> dict[str, Any]:
    """The settings of the run, with secrets shown only as whether they are set."""
    data = settings.model_dump(mode="json")
    for section in ("llm", "embeddings"):
        if data.get(section, {}).get("api_key") is not None:
            data[section]["api_key"] = "(set)"
    return data


def _git() -> dict[str, Any]:
    def git(*args: str) -> str:
        try:
            out = subprocess.run(
                ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10
            )
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return out.stdout.strip() if out.returncode == 0 else ""

    commit = git("rev-parse", "HEAD")
    return {
        "commit": commit or "unknown",
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")) if commit else None,
    }
