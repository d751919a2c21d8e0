"""``Services`` is the one front door: the routes, the UI handlers, the command line and the
evals call its methods, never the engine, store, index or classifier behind it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CALLERS = ("server", "ui", "callback_sim", "evals")
# Fitting the scorer's tables and the benchmarks build and time the parts themselves.
EXEMPT = {"evals/train_scorer.py", "evals/bench.py"}
BEHIND = re.compile(r"\bservices\.(engine|store|index|classifier|scorer)\b")


def test_callers_use_only_the_front_door() -> None:
    reached = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for folder in CALLERS
        for path in (ROOT / folder).rglob("*.py")
        if str(path.relative_to(ROOT)) not in EXEMPT
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BEHIND.search(line)
    ]
    assert reached == []
