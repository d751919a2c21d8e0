"""Feedback about this answer: what it did well (quoted), and what is missing for this
question, in the candidate's own words where possible. A line already given earlier in the
session is not repeated unless nothing else is still the point."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from simulator.rubric import DIMENSION_SPECS
from simulator.scoring.features import ROLES

if TYPE_CHECKING:
    from simulator.scoring.context import ScoringContext
    from simulator.scoring.scorer import Graded

PRESENT = 0.5  # a role counts as present when some sentence has it with this probability
CONCERN_MET = 2.5  # below this learned grade the answer has not met the panel's doubt
PRAISE_FROM = 2.5  # an answer graded below this gets no "what worked" line
WHY = {
    "action": "something you did yourself, which is what a panel listens for",
    "result": "a result tied to your own work",
    "reflection": "it shows what you took from the experience",
    "research": "current knowledge of the organisation, linked to the role",
    "situation": "it sets the scene clearly",
    "question": "asking the panel directly gives you the chance to answer its doubts",
}


def _short(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _best(graded: Graded, role: str) -> int | None:
    i = ROLES.index(role)
    column = graded.roles[:, i]
    if column.max() < PRESENT:
        return None
    return int((column * (0.5 + graded.relevance.clip(0, 1))).argmax())


def _praise(graded: Graded) -> str | None:
    for role in ("result", "action", "reflection", "research", "question", "situation"):
        i = _best(graded, role)
        if i is not None:
            return f'What worked: "{_short(graded.texts[i])}": {WHY[role]}.'
    return None


def _missing(graded: Graded, ctx: ScoringContext) -> list[str]:
    has = {
        r: _best(graded, r)
        for r in ("situation", "action", "result", "reflection", "claim", "deflection")
    }
    lines: list[str] = []
    # The learned concern grade decides: a story can meet the doubt in its own words.
    unmet = ctx.concern.strip() and graded.grades.get("concern_addressed", 5.0) < CONCERN_MET
    if unmet:
        lines.append(
            f"You have not yet spoken to the panel's doubt ({_short(ctx.concern, 90)}): "
            "name it and give your evidence on exactly that point."
        )
    if has["deflection"] is not None:
        quote = _short(graded.texts[has["deflection"]])
        lines.append(
            f'"{quote}" puts the problem elsewhere; say what was yours to fix and what you did.'
        )
    if has["action"] is None:
        if has["claim"] is not None:
            quote = _short(graded.texts[has["claim"]])
            lines.append(
                f'"{quote}" is a claim without a story; back it with one real situation and the steps you took.'
            )
        else:
            lines.append(
                "This stays general: pick one real situation and walk through what you did, step by step."
            )
    elif has["result"] is None:
        quote = _short(graded.texts[has["action"]])
        lines.append(f'After "{quote}", say what came of it: what changed, and how you know.')
    elif has["situation"] is None:
        lines.append("Set the scene first in one sentence: where you were and what was at stake.")
    elif has["reflection"] is None:
        lines.append(
            "You gave the situation, what you did and the result; close with what you "
            "learned or how it carries over to this role."
        )
    return lines


def write_feedback(
    graded: Graded,
    scores: dict[str, int],
    flags: list[str],
    ctx: ScoringContext,
    cap_lines: Sequence[str],
) -> str:
    weakest = min(scores, key=lambda d: (scores[d], list(scores).index(d)))
    spec = DIMENSION_SPECS[weakest]
    candidates = [
        *_missing(graded, ctx),
        f"Weakest here: {spec.label.lower()} ({scores[weakest]}/5). {spec.advice}",
    ]
    said = " ".join(ctx.said)
    fresh = [c for c in candidates if c not in said]
    chosen = fresh[:2] or candidates[:1]  # repeat only what is still the point
    praise = _praise(graded)
    parts = [*cap_lines]
    worth_praise = graded.grades.get("overall", 0.0) >= PRAISE_FROM
    if (
        praise
        and worth_praise
        and praise not in said
        and not {"off_topic", "too_short"} & set(flags)
    ):
        parts.append(praise)
    return " ".join([*parts, *chosen])
