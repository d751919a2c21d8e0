"""``callback-sim serve`` as a user starts it: the health check answers at once while the
models load in the background, and a session started 30 s later gets its first question
quickly (the figures the issue sets: health within 5 s, first question within 3 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from evals.bench import bench_warm_start
from simulator.settings import PROJECT_ROOT, Settings

pytestmark = [pytest.mark.model]


def test_serve_answers_health_at_once_and_the_first_question_quickly(tmp_path: Path) -> None:
    # As after `make run` built the index: the models are assembled and the index is in.
    existing = PROJECT_ROOT / "data" / "models"
    if existing.is_dir():
        (tmp_path / "models").symlink_to(existing, target_is_directory=True)
    env = {**os.environ, "CALLBACK_DATA_DIR": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-m", "callback_sim", "ingest", "--quiet"],
        env=env,
        check=True,
        capture_output=True,
        timeout=900,
    )
    figures = bench_warm_start(Settings(data_dir=tmp_path), start_after_s=30.0)
    print(figures)  # shown with pytest -s
    health = figures["warm_start_health_s"]
    first = figures["warm_start_first_question_s (session at 30 s)"]
    assert health is not None and health <= 5.0, figures
    assert figures["warm_start_ready_s"] is not None, figures
    assert first is not None and first <= 3.0, figures
