"""What an answer is scored against, built one way for sessions, the API, the CLI and evals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.domain import Passage
from simulator.rubric import dimensions_for


@dataclass(frozen=True)
class ScoringContext:
    question: str
    dimensions: Sequence[str]
    cards: Sequence[Passage] = ()
    callback_reason: str = ""
    concern: str = ""
    role: str = ""
    company: str = ""
    # Feedback sentences already given in this session: not repeated unless still the point.
    said: Sequence[str] = ()


def build_context(
    question: str,
    reason: str,
    *,
    asked: Sequence[str] = (),
    cards: Sequence[Passage] = (),
    concern: str = "",
    role: str = "",
    company: str = "",
    said: Sequence[str] = (),
) -> ScoringContext:
    """The one scoring context: the question's dimensions (the reason's when it names none),
    the concern wherever the reason is about one, and the guidance cards to cite."""
    return ScoringContext(
        question=question,
        dimensions=tuple(dimensions_for(reason, tuple(asked))),
        cards=tuple(cards),
        callback_reason=reason,
        concern=concern,
        role=role,
        company=company,
        said=tuple(said),
    )
