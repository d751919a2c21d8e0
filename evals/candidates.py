"""Simulated candidates: scripted answer banks of varying quality, driven through whole
sessions by the same engine the app uses (``Services.start`` and ``Engine.answer``).

Each candidate (``datasets/candidates.jsonl``) has an intake, a callback reason, answers
used in turn, and planted flaws: at a given answer a flawed one (too short, a manipulation
attempt, a number contradicting round one) that the feedback must catch.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from simulator.domain import Intake, SessionView
from simulator.ownership import hash_token
from simulator.services import Services

MAX_ANSWERS = 30  # a session that never ends is an error, not a hang
OWNER = hash_token("callback-eval-candidate")


@dataclass
class AnsweredTurn:
    """One answer and what it produced: the wall time of the turn and its first token."""

    index: int  # the turn answered
    answer_number: int  # 0 for the candidate's first answer
    wall_ms: float
    first_token_ms: float | None
    planted: str = ""


@dataclass
class SimulatedSession:
    candidate: dict[str, Any]
    view: SessionView
    answered: list[AnsweredTurn] = field(default_factory=list)
    start_ms: float = 0.0


def run_candidate(services: Services, candidate: dict[str, Any]) -> SimulatedSession:
    """Practise one whole session as ``candidate`` and return it, finished."""
    planted = {p["answer_index"]: p for p in candidate.get("planted", [])}
    answers: list[str] = candidate["answers"]
    began = time.perf_counter()
    view = services.start(Intake.from_dict(candidate["intake"]), candidate["reason"], OWNER)
    run = SimulatedSession(candidate, view, start_ms=(time.perf_counter() - began) * 1000)
    number = 0
    while view.current is not None:
        if number >= MAX_ANSWERS:
            raise RuntimeError(f"session {view.id} still open after {MAX_ANSWERS} answers")
        flaw = planted.get(number)
        text = flaw["answer"] if flaw else answers[number % len(answers)]
        first: list[float] = []
        began = time.perf_counter()

        def on_token(_token: str, began: float = began, first: list[float] = first) -> None:
            if not first:
                first.append((time.perf_counter() - began) * 1000)

        turn_index = view.current.index
        view = services.answer(view.id, text, on_token=on_token, owner_hash=OWNER)
        wall = (time.perf_counter() - began) * 1000
        run.answered.append(
            AnsweredTurn(
                turn_index, number, wall, first[0] if first else None, flaw["flaw"] if flaw else ""
            )
        )
        number += 1
    run.view = view
    return run
