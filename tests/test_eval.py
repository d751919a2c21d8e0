"""``callback-sim eval``: the smoke suite on the real embedded stack meets its thresholds;
run records, verdicts, errors-as-rows and comparison behave as documented."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from callback_sim.cli import main as cli_main
from evals.datasets_io import read_jsonl
from evals.framework import Row, evaluate_metric, judge, mean_metric, run_sample
from evals.records import write_run
from evals.runner import run_suite
from evals.tasks.listening import same_name
from evals.tasks.scorer import HONEST_BLIND, SMOKE_EVERY, unseen_rows
from evals.tasks.sessions import candidates
from simulator.services import Services

RECORD_FILES = (
    "meta.json",
    "rows.jsonl",
    "metrics.json",
    "report.json",
    "report.md",
    "report.html",
)


@pytest.mark.model
def test_smoke_suite_meets_its_quality_thresholds(
    embedded_services: Services, tmp_path: Path
) -> None:
    result = run_suite(
        embedded_services.settings, "smoke", services=embedded_services, progress=False
    )
    assert result.meta["errored_rows"] == 0, [r.error for r in result.rows if r.error]
    # Speed is judged by the CLI and `make bench`, not asserted here (a busy CI machine).
    judged_quality = [m for m in result.metrics if m.unit != "ms" and m.passed is not None]
    failed = [(m.name, m.value, m.threshold) for m in judged_quality if not m.passed]
    assert not failed
    judged = {m.name for m in result.metrics if m.passed is not None}
    assert {"diagnosis.accuracy", "retrieval.hit_at_3", "scorer.auc_strong_vs_weak"} <= judged
    assert {"sessions.near_repeats", "report.planted_flaws_found_rate"} <= judged
    # Every labelled sample is a row: nothing leaves a denominator.
    per_task = Counter(r.task for r in result.rows)
    doubts = [c for c in read_jsonl("concern_labels.jsonl") if c["concern"]]
    assert per_task["diagnosis"] == len(read_jsonl("diagnosis.jsonl")) + len(doubts)
    assert per_task["retrieval"] == len(read_jsonl("retrieval.jsonl"))
    # The calibration answers, and every SMOKE_EVERY-th unseen injection or look-alike and
    # blind honest answer.
    unseen, honest = unseen_rows(), read_jsonl(HONEST_BLIND)
    assert per_task["scorer"] == len(read_jsonl("calibration.jsonl")) + len(
        unseen[::SMOKE_EVERY]
    ) + len(honest[::SMOKE_EVERY])
    sessions = [r for r in result.rows if r.task == "sessions" and "#" not in r.id]
    assert len(sessions) == len(candidates("smoke")) == 5
    assert result.meta["model"].startswith("embedded:gemma")

    write_run(result, tmp_path)
    for name in RECORD_FILES:
        assert (tmp_path / name).stat().st_size > 0
    assert len((tmp_path / "rows.jsonl").read_text().splitlines()) == len(result.rows)
    assert "diagnosis.accuracy" in (tmp_path / "report.md").read_text()
    assert "<svg" in (tmp_path / "report.html").read_text()


def test_a_failed_sample_is_a_row_with_its_worst_values() -> None:
    def boom() -> tuple[dict[str, float], dict[str, str]]:
        raise RuntimeError("model server down")

    row = run_sample("diagnosis", "d1", boom, {"correct": 0.0})
    assert row.error == "RuntimeError: model server down" and row.values == {"correct": 0.0}
    rows = [Row("diagnosis", f"d{i}", {"correct": 1.0}) for i in range(3)] + [row]
    result = evaluate_metric(mean_metric("acc", "correct"), rows, resamples=200, seed=1)
    assert result.n == 4 and result.value == 0.75
    assert 0.0 <= result.ci_low <= 0.75 <= result.ci_high <= 1.0


def test_thresholds_judge_the_value_or_the_interval() -> None:
    rows = [Row("t", str(i), {"x": float(i % 2)}) for i in range(40)]
    metric = evaluate_metric(mean_metric("m", "x"), rows, resamples=500, seed=3)
    assert metric.value == 0.5 and metric.ci_low < 0.5 < metric.ci_high
    assert judge(metric, {"min": 0.45}).passed is True
    assert judge(metric, {"min": 0.45, "bound": "ci_low"}).passed is False
    assert judge(metric, {"max": 0.4}).passed is False
    assert judge(metric, None).passed is None
    empty = evaluate_metric(mean_metric("m", "missing"), rows, resamples=10, seed=0)
    assert math.isnan(empty.value) and judge(empty, {"min": 0}).passed is False


def test_cli_records_a_run_fails_below_thresholds_and_compares(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The fake provider (hashing embeddings, a silent model) is far below the targets.
    monkeypatch.setenv("CALLBACK_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "runs"
    # Two quick tasks: recording, failing and comparing do not depend on which ran (the
    # smoke suite above runs every task).
    args = ["eval", "--suite", "smoke", "--provider", "fake", "--out", str(out), "--quiet"]
    args += ["--task", "diagnosis", "--task", "retrieval"]
    assert cli_main(args) == 1
    captured = capsys.readouterr()
    assert "FAILED:" in captured.err and "diagnosis.accuracy" in captured.out
    (run,) = out.iterdir()
    for name in RECORD_FILES:
        assert (run / name).is_file()
    meta = json.loads((run / "meta.json").read_text())
    assert meta["model"] == "fake" and meta["passed"] is False
    assert set(meta["datasets"]) >= {"diagnosis.jsonl", "retrieval.jsonl"}
    assert len(meta["git"]["commit"]) in (40, len("unknown"))
    metrics = {m["name"]: m for m in json.loads((run / "metrics.json").read_text())}
    assert metrics["diagnosis.accuracy"]["passed"] is False

    assert cli_main(["eval", "--compare", str(run), str(run)]) == 0
    table = capsys.readouterr().out
    assert "diagnosis.accuracy" in table and "within noise" in table and "+0.000" in table
    assert cli_main(["eval", "--compare", str(run), str(tmp_path)]) == 2
    assert "not a readable eval run" in capsys.readouterr().err


def test_the_command_line_offers_every_task_by_name_without_importing_them() -> None:
    import subprocess
    import sys

    from evals.names import TASKS
    from evals.tasks import all_tasks

    assert tuple(t.name for t in all_tasks()) == TASKS
    # `callback-sim serve` starts without loading the evals (health answers sooner).
    probe = "import sys, callback_sim.cli; print('evals.runner' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_panel_check_knows_one_person_however_their_name_is_written() -> None:
    assert same_name("Kenta Fujii", "FUJII Kenta")  # the surname written first
    assert same_name("Dr Chen", "Robert Chen")
    assert same_name("Gemma", "Gemma Lowry")
    assert not same_name("Rosa Ferreira", "Manuel Ferreira")
    assert not same_name("Kenta Fujii", "Kenta Mori")
    assert same_name("Kelvin Wong", "Wong Ka-Ming Kelvin")  # every word in the fuller name
    assert same_name("Ma. Theresa Dela Cruz-Santos", "Theresa Dela Cruz-Santos")
    assert not same_name("Mei Ling", "Mei Tan")
