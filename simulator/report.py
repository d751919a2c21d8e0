"""The feedback report of a session: scores, evidence, cited guidance, next steps, progress."""

from __future__ import annotations

import re
from statistics import mean
from typing import Any

from simulator.corpus import Corpus
from simulator.domain import REASON_DIMENSIONS, REASON_LABELS
from simulator.engine import SessionView
from simulator.prompts import Prompts
from simulator.scoring import DIMENSION_ADVICE

_ASKED_ABOUT_CONCERNS = re.compile(
    r"\b(any|what|which)\b[^?]{0,60}\b(concerns?|reservations?|doubts?|hesitations?)\b[^?]*\?",
    re.IGNORECASE,
)


def build_report(
    view: SessionView, corpus: Corpus, earlier: list[SessionView] | None = None
) -> dict[str, Any]:
    answered = [t for t in view.turns if t.answer is not None and t.score]
    per_dim: dict[str, list[int]] = {}
    for t in answered:
        assert t.score is not None
        for dim, value in t.score["dimensions"].items():
            per_dim.setdefault(dim, []).append(int(value))
    dim_avg = {d: round(mean(v), 2) for d, v in per_dim.items()}
    overall = round(mean(t.score["overall"] for t in answered if t.score), 1) if answered else 0.0
    reason = str(view.diagnosis.get("reason", ""))
    wanted = REASON_DIMENSIONS.get(reason, ())
    strongest = max(dim_avg, key=lambda d: dim_avg[d]) if dim_avg else None
    weakest = min(dim_avg, key=lambda d: dim_avg[d]) if dim_avg else None
    asked = any(_ASKED_ABOUT_CONCERNS.search(t.answer or "") for t in answered)
    cited = sorted({c for t in view.turns for c in t.citations})
    ranked_weak = sorted(dim_avg, key=lambda d: dim_avg[d])
    next_steps = [DIMENSION_ADVICE[d] for d in ranked_weak[:2]]
    if not asked:
        next_steps.append(
            "Ask the panel directly whether anything from round one still concerns them, "
            "then answer it."
        )
    else:
        next_steps.append(
            "Keep asking about concerns: you did, and it gives you a chance to answer them."
        )
    history = [
        {
            "session_id": s.id,
            "created_at": s.created_at,
            "overall": _overall(s),
        }
        for s in (earlier or [])
    ]
    return {
        "session_id": view.id,
        "created_at": view.created_at,
        "role": view.intake.get("role", ""),
        "company": view.intake.get("company", ""),
        "state": view.state,
        "diagnosis": {
            "reason": reason,
            "label": REASON_LABELS.get(reason, reason),
            "confidence": view.diagnosis.get("confidence"),
            "rationale": view.diagnosis.get("rationale", ""),
        },
        "overall": overall,
        "dimensions": dim_avg,
        "strongest": strongest,
        "weakest": weakest,
        "asked_about_concerns": asked,
        "coverage": {d: d in per_dim for d in wanted},
        "next_steps": next_steps[:3],
        "turns": [
            {
                "index": t.index,
                "persona": t.persona_name,
                "persona_role": t.persona_role,
                "question": t.question,
                "is_follow_up": t.is_follow_up,
                "used_fallback": t.used_fallback,
                "answer": t.answer,
                "score": t.score,
                "citations": [
                    {"id": c, "title": (card.title if (card := corpus.card(c)) else c)}
                    for c in t.citations
                ],
            }
            for t in view.turns
        ],
        "guidance": [
            {"id": c, "title": card.title} for c in cited if (card := corpus.card(c)) is not None
        ],
        "history": history,
    }


def _overall(view: SessionView) -> float | None:
    scores = [t.score["overall"] for t in view.turns if t.score]
    return round(mean(scores), 1) if scores else None


def render_markdown(report: dict[str, Any], prompts: Prompts) -> str:
    return prompts.render("report/report.md.j2", r=report)
