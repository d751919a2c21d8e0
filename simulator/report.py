"""The feedback report of a session: scores, evidence, cited guidance, next steps, progress."""

from __future__ import annotations

from statistics import mean
from typing import Any

from simulator.corpus import Corpus
from simulator.domain import REASON_DIMENSIONS, REASON_LABELS, SessionView, TurnView
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
    next_steps = _next_steps(dim_avg, asked)
    history = [_history_entry(s) for s in (earlier or [])]
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
        "delivery": delivery_averages(view),
        "turns": [_turn_entry(t, corpus) for t in view.turns],
        "guidance": [
            {"id": c, "title": card.title} for c in cited if (card := corpus.card(c)) is not None
        ],
        "history": history,
    }


def _next_steps(dim_avg: dict[str, float], asked: bool) -> list[str]:
    ranked_weak = sorted(dim_avg, key=lambda d: dim_avg[d])
    steps = [DIMENSION_SPECS[d].advice for d in ranked_weak[:2]]
    if not asked:
        steps.append(
            "Ask the panel directly whether anything from round one still concerns them, "
            "then answer it."
        )
    else:
        steps.append(
            "Keep asking about concerns: you did, and it gives you a chance to answer them."
        )
    return steps


def _history_entry(s: SessionView) -> dict[str, Any]:
    """An earlier session as the report's progress sees it, delivery included."""
    return {
        "session_id": s.id,
        "created_at": s.created_at,
        "overall": _overall(s),
        "dimensions": _dimension_averages(s),
        "delivery": delivery_averages(s),
    }


def _turn_entry(t: TurnView, corpus: Corpus) -> dict[str, Any]:
    return {
        "index": t.index,
        "persona": t.persona_name,
        "persona_role": t.persona_role,
        "question": t.question,
        "is_follow_up": t.is_follow_up,
        "used_fallback": t.used_fallback,
        "answer": t.answer,
        "score": t.score,
        "delivery": t.delivery,
        "delivery_text": delivery_text(t.delivery) if t.delivery else "",
        "citations": [
            {"id": c, "title": (card.title if (card := corpus.card(c)) else c)} for c in t.citations
        ],
    }


def delivery_averages(view: SessionView) -> dict[str, Any] | None:
    """Words and fillers per minute over a session's spoken answers (None: none was spoken)."""
    spoken = [t.delivery for t in view.turns if t.delivery]
    if not spoken:
        return None
    return {
        "spoken_answers": len(spoken),
        "words_per_minute": round(mean(float(d["words_per_minute"]) for d in spoken), 1),
        "fillers_per_minute": round(mean(float(d["fillers_per_minute"]) for d in spoken), 1),
    }


def delivery_text(d: dict[str, Any]) -> str:
    """The delivery figures of one spoken answer in a line of plain words."""
    fillers = ", ".join(f"{name} {n}" for name, n in sorted(d.get("fillers", {}).items()))
    parts = [
        f"{d['words_per_minute']:g} words a minute",
        f"{d['fillers_per_minute']:g} fillers a minute" + (f" ({fillers})" if fillers else ""),
    ]
    pauses = len(d.get("pauses", []))
    if d.get("longest_pause_s") is not None:
        parts.append(
            f"{pauses} pause{'s' if pauses != 1 else ''} over {d['pause_s']:g} s "
            f"(longest {d['longest_pause_s']:g} s)"
        )
    spoken, guide = float(d["spoken_s"]), float(d["guide_s"])
    side = "over" if spoken > guide else "within"
    parts.append(f"{_clock(spoken)} long, {side} the {_clock(guide)} guide")
    if d.get("sentences"):
        parts.append(f"{d['hedged_sentences']} of {d['sentences']} sentences hedged")
    return " · ".join(parts)


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


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


def delivery_chart_data(sessions: list[SessionView]) -> dict[str, Any]:
    """Two lines over sessions, oldest first: words per minute and fillers per minute of the
    spoken answers (sessions without one are left out)."""
    points = [
        (s.created_at[:10], figures)
        for s in sorted(sessions, key=lambda s: s.created_at)
        if (figures := delivery_averages(s)) is not None
    ]
    step = 340 / max(1, len(points) - 1)
    top_wpm = max([200.0, *(f["words_per_minute"] for _, f in points)])
    top_fpm = max([10.0, *(f["fillers_per_minute"] for _, f in points)])

    def line(key: str, top: float) -> list[dict[str, Any]]:
        return [
            {
                "x": round(40 + i * step),
                "y": round(140 - f[key] / top * 120),
                "label": label,
                "value": f[key],
            }
            for i, (label, f) in enumerate(points)
        ]

    return {
        "wpm": line("words_per_minute", top_wpm),
        "fpm": line("fillers_per_minute", top_fpm),
    }


def render_delivery_chart(sessions: list[SessionView], prompts: Prompts) -> str:
    """Delivery over sessions as HTML with inline SVG (the app's history shows it)."""
    return prompts.render("report/delivery.html.j2", **delivery_chart_data(sessions))


def render_charts(report: dict[str, Any], prompts: Prompts) -> str:
    """The charts alone, as HTML with inline SVG (the app's report step shows them)."""
    return prompts.render("report/charts.html.j2", **chart_data(report))


def render_html(report: dict[str, Any], prompts: Prompts) -> str:
    """Self-contained HTML (inline CSS and SVG charts); the template escapes all text."""
    return prompts.render("report/report.html.j2", r=report, **chart_data(report))
