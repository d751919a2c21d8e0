"""Whole sessions by simulated candidates: persona fidelity, grounding, diversity, report
faithfulness and latency, all measured on what the engine actually asked and reported."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sacrebleu.metrics import BLEU

from evals.candidates import OWNER, SimulatedSession, run_candidate
from evals.datasets_io import read_jsonl
from evals.framework import Context, Metric, Row, mean_metric, median_of, run_sample, sum_of
from simulator.domain import Persona, TurnView
from simulator.embeddings import cosine
from simulator.engine import CONSISTENCY
from simulator.report import render_html, render_markdown
from simulator.services import Services

DATASET = "candidates.jsonl"
NEAR_REPEAT = 0.85  # the question gate's own limit
GROUNDING_DEPTH = 5
VAGUE_FLAGS = ("too_short", "off_topic")
VAGUE_SCORE = 25

SESSION_WORST = {
    "exact_repeats": 1.0,
    "near_repeats": 1.0,
    "distinct_2": 0.0,
    "self_bleu": 1.0,
    "evidence_verbatim": 0.0,
    "strongest_weakest_match": 0.0,
}


@dataclass
class Finished:
    """A finished simulated session and what the checks read from it, each made once."""

    run: SimulatedSession
    report: dict[str, Any]
    markdown: str
    vectors: list[list[float]]  # one per question, in turn order
    generations: dict[int, dict[str, Any]]  # turn index -> how its question was written


def finish(services: Services, run: SimulatedSession) -> Finished:
    """The report the candidate gets (both renderings must succeed), the questions'
    embeddings and the turns' generation records."""
    report = services.report(run.view.id, OWNER)
    markdown = render_markdown(report, services.prompts)
    render_html(report, services.prompts)
    questions = [t.question for t in run.view.turns]
    vectors = services.embeddings.embed_documents(questions) if questions else []
    row = services.stored(run.view.id)
    generations = {t.index: dict(t.generation or {}) for t in row.turns} if row else {}
    return Finished(run, report, markdown, vectors, generations)


def candidates(suite: str) -> list[dict[str, Any]]:
    rows = read_jsonl(DATASET)
    return [c for c in rows if c.get("smoke")] if suite == "smoke" else rows


class SessionsTask:
    name = "sessions"
    datasets: tuple[str, ...] = (DATASET,)

    def size(self, suite: str) -> int:
        return len(candidates(suite))

    def run(self, ctx: Context) -> list[Row]:
        services = ctx.services
        profiles = _persona_profiles(services)
        rows: list[Row] = []
        for candidate in candidates(ctx.suite):
            try:
                done = finish(services, run_candidate(services, candidate))
            except Exception as exc:  # a failed session stays a row (and so do its flaws)
                error = f"{type(exc).__name__}: {exc}"
                rows.append(Row(self.name, candidate["id"], dict(SESSION_WORST), {}, error))
                rows += [
                    Row(
                        self.name,
                        f"{candidate['id']}#{p['flaw']}",
                        {"planted_found": 0.0},
                        {},
                        error,
                    )
                    for p in candidate.get("planted", [])
                ]
                ctx.progress(1)
                continue
            rows.append(
                run_sample(
                    self.name,
                    candidate["id"],
                    lambda done=done: _session_values(done),  # type: ignore[misc]
                    SESSION_WORST,
                )
            )
            rows += _turn_rows(self.name, services, done, profiles)
            rows += _planted_rows(self.name, done)
            ctx.progress(1)
        return rows

    def metrics(self) -> list[Metric]:
        return METRICS


def _lift(rows: Sequence[Row]) -> float:
    if not rows:
        return math.nan
    hits = sum(float(r.values["persona_hit"]) for r in rows)
    chance = sum(float(r.values["persona_chance"]) for r in rows)
    return (hits - chance) / len(rows)


def _persona_profiles(services: Services) -> dict[str, list[float]]:
    """Each persona's meaning from its description only (never from its questions)."""
    personas: list[Persona] = list(services.corpus.personas.values())
    texts = [f"{p.role}. {p.goal} {p.style} {p.knows} {p.concern}" for p in personas]
    vectors = services.embeddings.embed_documents(texts)
    return {p.id: v for p, v in zip(personas, vectors, strict=True)}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _session_values(done: Finished) -> tuple[dict[str, Any], dict[str, Any]]:
    run, report, vectors = done.run, done.report, done.vectors
    questions = [t.question for t in run.view.turns]
    near = sum(
        cosine(a, b) >= NEAR_REPEAT
        for (i, a), (j, b) in itertools.combinations(enumerate(vectors), 2)
        if questions[i] != questions[j]
    )
    bigrams = [bg for q in questions for bg in itertools.pairwise(_words(q))]
    values: dict[str, Any] = {
        "exact_repeats": float(len(questions) - len(set(questions))),
        "near_repeats": float(near),
        "distinct_2": len(set(bigrams)) / len(bigrams) if bigrams else 0.0,
    }
    if len(questions) > 1:
        bleu = BLEU(effective_order=True)
        values["self_bleu"] = sum(
            bleu.sentence_score(q, [o for o in questions if o is not q]).score / 100
            for q in questions
        ) / len(questions)
    quotes = [
        (quote, turn["answer"] or "")
        for turn in report["turns"]
        if turn.get("score")
        for quoted in turn["score"]["evidence"].values()
        for quote in quoted
    ]
    if quotes:
        values["evidence_verbatim"] = sum(q in answer for q, answer in quotes) / len(quotes)
    dims = report["dimensions"]
    if dims:
        top, bottom = max(dims.values()), min(dims.values())
        values["strongest_weakest_match"] = float(
            dims.get(report["strongest"]) == top and dims.get(report["weakest"]) == bottom
        )
    detail = {
        "session": run.view.id,
        "reason": run.candidate["reason"],
        "quality": run.candidate["quality"],
        "overall": report["overall"],
        "questions": questions,
        "start_ms": round(run.start_ms, 1),
    }
    return values, detail


def _turn_rows(
    task: str, services: Services, done: Finished, profiles: dict[str, list[float]]
) -> list[Row]:
    run, view = done.run, done.run.view
    panel = [p["id"] for p in view.personas if p["id"] in profiles]
    turns = view.turns
    walls = {a.index: a for a in run.answered}
    rows = []
    for position, (turn, vector) in enumerate(zip(turns, done.vectors, strict=True)):
        generation = done.generations.get(turn.index, {})
        values: dict[str, Any] = {"cited": float(bool(turn.citations))}
        if turn.citations:
            found = {p.id for p in services.search(turn.question, k=GROUNDING_DEPTH)}
            values["grounded"] = float(bool(found & set(turn.citations)))
        if len(panel) > 1:
            guess = max(panel, key=lambda pid: cosine(vector, profiles[pid]))
            values["persona_hit"] = float(guess == turn.persona)
            values["persona_chance"] = 1.0 / len(panel)
        if not turn.is_follow_up:
            values["generated"] = float(not turn.used_fallback)
        if generation.get("latency_ms") and not generation.get("fault"):
            values["next_question_ms"] = float(generation["latency_ms"])
            if generation.get("ttft_ms") is not None:
                values["ttft_ms"] = float(generation["ttft_ms"])
        answered = walls.get(turn.index)
        if answered is not None:
            values["answer_turn_ms"] = answered.wall_ms
        if _vague(turn) and not turn.is_follow_up:
            following = turns[position + 1] if position + 1 < len(turns) else None
            values["vague_followed_up"] = float(following is not None and following.is_follow_up)
        detail = {
            "persona": turn.persona,
            "question": turn.question,
            "fallback": turn.used_fallback,
        }
        rows.append(Row(task, f"{run.candidate['id']}#t{turn.index}", values, detail))
    return rows


def _vague(turn: TurnView) -> bool:
    if turn.score is None:
        return False
    return any(f in turn.score["flags"] for f in VAGUE_FLAGS) or turn.score["overall"] < VAGUE_SCORE


def _planted_rows(task: str, done: Finished) -> list[Row]:
    """Did the feedback catch each planted flaw? Checked in the report the candidate gets."""
    run, report, markdown = done.run, done.report, done.markdown
    by_index = {t["index"]: (pos, t) for pos, t in enumerate(report["turns"])}
    rows = []
    for answered in (a for a in run.answered if a.planted):
        pos, turn = by_index[answered.index]
        flags = (turn.get("score") or {}).get("flags", [])
        match answered.planted:
            case "contradiction":
                # Caught: the next question asks about it, or the same round-one fact was
                # already queried (the engine asks about each fact once).
                asked = report["turns"][: pos + 2]
                found = any(
                    done.generations.get(t["index"], {}).get("missing") == CONSISTENCY
                    for t in asked
                )
            case flag:
                shown = f"flags: {', '.join(flags)}" in markdown
                found = flag in flags and shown
        detail = {"flaw": answered.planted, "turn": answered.index, "flags": flags}
        rows.append(
            Row(
                task,
                f"{run.candidate['id']}#{answered.planted}",
                {"planted_found": float(found)},
                detail,
            )
        )
    return rows


METRICS = [
    Metric(
        "sessions.exact_repeats",
        "exact_repeats",
        sum_of("exact_repeats"),
        "",
        "questions asked twice in a session",
    ),
    Metric(
        "sessions.near_repeats",
        "near_repeats",
        sum_of("near_repeats"),
        "",
        f"question pairs with cosine ≥ {NEAR_REPEAT}",
    ),
    mean_metric(
        "sessions.distinct_2",
        "distinct_2",
        "distinct bigrams / bigrams in a session's questions",
    ),
    mean_metric(
        "sessions.self_bleu",
        "self_bleu",
        "BLEU of each question against the session's others (lower: more varied)",
    ),
    mean_metric("sessions.citation_rate", "cited", "questions citing at least one card"),
    mean_metric(
        "sessions.grounded_rate",
        "grounded",
        f"a cited card is in the top {GROUNDING_DEPTH} search results for the question",
    ),
    mean_metric(
        "sessions.persona_accuracy",
        "persona_hit",
        "blind check: the question's asker picked from the panel by meaning",
    ),
    Metric(
        "sessions.persona_lift_over_chance",
        "persona_hit",
        _lift,
        "",
        "blind persona accuracy minus chance (1 / panel size)",
    ),
    mean_metric(
        "sessions.vague_follow_up_rate",
        "vague_followed_up",
        "vague or short answers followed up",
    ),
    mean_metric(
        "sessions.generated_rate",
        "generated",
        "questions written by the model (the rest from the curated bank)",
    ),
    Metric(
        "sessions.next_question_median_ms",
        "next_question_ms",
        median_of("next_question_ms"),
        "ms",
        "model time to write a question",
    ),
    Metric(
        "sessions.ttft_median_ms",
        "ttft_ms",
        median_of("ttft_ms"),
        "ms",
        "model time to its first token",
    ),
    Metric(
        "sessions.answer_turn_median_ms",
        "answer_turn_ms",
        median_of("answer_turn_ms"),
        "ms",
        "score an answer and ask the next question",
    ),
    mean_metric(
        "report.evidence_verbatim_rate",
        "evidence_verbatim",
        "evidence quotes found verbatim in the answer",
    ),
    mean_metric(
        "report.strongest_weakest_match_rate",
        "strongest_weakest_match",
        "strongest and weakest dimensions match the scores",
    ),
    mean_metric(
        "report.planted_flaws_found_rate",
        "planted_found",
        "planted flaws caught in the feedback",
    ),
]
