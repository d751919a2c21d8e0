"""The feedback report of a session: scores, evidence, cited guidance, next steps, progress."""

from __future__ import annotations

from statistics import mean
from typing import Any

from simulator.corpus import Corpus
from simulator.domain import REASON_DIMENSIONS, REASON_LABELS, SessionView
from simulator.prompts import Prompts
from simulator.rubric import DIMENSION_SPECS
from simulator.scoring import asks_about_concerns


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
    asked = any(asks_about_concerns(t.answer or "") for t in answered)
    cited = sorted({c for t in view.turns for c in t.citations})
    ranked_weak = sorted(dim_avg, key=lambda d: dim_avg[d])
    next_steps = [DIMENSION_SPECS[d].advice for d in ranked_weak[:2]]
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
            "dimensions": _dimension_averages(s),
        }
        for s in (earlier or [])
    ]
    last = earlier[-1] if earlier else None
    progress = _progress(dim_avg, _dimension_averages(last) if last else {})

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
        "better_answer": _outline(weakest, view, corpus) if weakest else None,
        "progress": progress,
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


def _dimension_averages(view: SessionView) -> dict[str, float]:
    values: dict[str, list[int]] = {}
    for t in view.turns:
        if t.score:
            for dim, v in t.score["dimensions"].items():
                values.setdefault(dim, []).append(int(v))
    return {d: round(mean(v), 2) for d, v in values.items()}


def _progress(now: dict[str, float], before: dict[str, float]) -> dict[str, list[str]]:
    """What improved and what did not since the last session for the same role."""
    shared = [d for d in now if d in before]
    return {
        "improved": [d for d in shared if now[d] > before[d] + 0.25],
        "not_improved": [d for d in shared if now[d] <= before[d] + 0.25],
    }


def _outline(weakest: str, view: SessionView, corpus: Corpus) -> dict[str, Any]:
    """An outline of a better answer to the question where the weakest dimension scored lowest."""
    scored = [t for t in view.turns if t.score and weakest in t.score["dimensions"]]
    turn = min(scored, key=lambda t: t.score["dimensions"][weakest] if t.score else 0)
    cards = [c for c in (corpus.card(i) for i in turn.citations) if c is not None]
    return {
        "dimension": weakest,
        "question": turn.question,
        "steps": list(DIMENSION_SPECS[weakest].outline),
        "rebuilt": rebuild_in_star_order(turn.score.get("sentences", []) if turn.score else []),
        "guidance": [{"id": c.id, "title": c.title} for c in cards],
    }


STAR_ORDER: tuple[tuple[str, str], ...] = (
    ("situation", "the situation: where you were and what was at stake"),
    ("task", "what was yours to do"),
    ("action", "what you did yourself, step by step"),
    ("result", "what came of it, and how you know"),
    ("reflection", "what you learned, or how it carries over to this role"),
)


def rebuild_in_star_order(sentences: list[dict[str, str]]) -> list[dict[str, str]]:
    """The candidate's own sentences in STAR order, with each missing part marked. Sentences
    that tell no part of the story (claims, filler) are left out; nothing is invented."""
    if not sentences:
        return []
    out: list[dict[str, str]] = []
    for role, missing in STAR_ORDER:
        mine = [s["text"] for s in sentences if s.get("role") == role]
        if mine:
            out += [{"part": role, "text": t, "missing": ""} for t in mine]
        elif role != "task":  # the task is often plain from the situation
            out.append({"part": role, "text": "", "missing": missing})
    return out


def _overall(view: SessionView) -> float | None:
    scores = [t.score["overall"] for t in view.turns if t.score]
    return round(mean(scores), 1) if scores else None


def render_markdown(report: dict[str, Any], prompts: Prompts) -> str:
    return prompts.render("report/report.md.j2", r=report)


def chart_data(report: dict[str, Any]) -> dict[str, Any]:
    """The geometry of the report's charts: dimension bars, question bars, progress line."""
    bars = [
        {"label": d.replace("_", " "), "value": v, "width": round(v / 5 * 300)}
        for d, v in report["dimensions"].items()
    ]
    questions, asked = [], 0
    for t in report["turns"]:
        asked += 0 if t["is_follow_up"] else 1
        if t["score"]:
            overall = t["score"]["overall"]
            label = f"Q{asked}" + (" follow-up" if t["is_follow_up"] else "")
            questions.append(
                {"label": label, "value": overall, "width": round(overall / 100 * 340)}
            )
    points = [
        (h["created_at"][:10], h["overall"]) for h in report["history"] if h["overall"] is not None
    ]
    points.append((report["created_at"][:10], report["overall"]))
    step = 340 / max(1, len(points) - 1)
    line = [
        {
            "x": round(40 + i * step),
            "y": round(140 - (value or 0) * 1.2),
            "label": label,
            "value": value,
        }
        for i, (label, value) in enumerate(points)
    ]
    return {"bars": bars, "questions": questions, "line": line}


def render_charts(report: dict[str, Any], prompts: Prompts) -> str:
    """The charts alone, as HTML with inline SVG (the app's report step shows them)."""
    return prompts.render("report/charts.html.j2", **chart_data(report))


def render_html(report: dict[str, Any], prompts: Prompts) -> str:
    """Self-contained HTML (inline CSS and SVG charts); the template escapes all text."""
    return prompts.render("report/report.html.j2", r=report, **chart_data(report))
