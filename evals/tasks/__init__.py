"""The eval tasks, in the order a run performs them."""

from __future__ import annotations

from evals.framework import Task
from evals.tasks.diagnosis import DiagnosisTask
from evals.tasks.graded import GradedTask
from evals.tasks.listening import ListeningTask
from evals.tasks.retrieval import RetrievalTask
from evals.tasks.scorer import ScorerTask
from evals.tasks.sessions import SessionsTask


def all_tasks() -> list[Task]:
    return [
        DiagnosisTask(),
        RetrievalTask(),
        ScorerTask(),
        GradedTask(),
        SessionsTask(),
        ListeningTask(),
    ]
