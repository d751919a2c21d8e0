"""Answer scoring: the learned tables, the deterministic caps, an optional LLM judge."""

from simulator.scoring.context import ScoringContext, build_context
from simulator.scoring.rules import asks_about_concerns
from simulator.scoring.scorer import Scorer

__all__ = ["Scorer", "ScoringContext", "asks_about_concerns", "build_context"]
