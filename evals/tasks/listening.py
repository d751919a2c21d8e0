"""Does the panel listen? Whole sessions on the intakes of ``panel_intakes*.jsonl`` (written
blind, with the names and titles a reader would take from them), answered with the graded
set's blind answers to questions of the same callback reason, and closed with the
candidate asking what concerns the panel still has.

Measured on what the engine asked: follow-ups that quote the answer they follow, dodged
concerns named in plain words, the named panel in the room, slot artefacts in anything
the panel says, and the close answering the concern.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Sequence
from typing import Any

from evals.candidates import OWNER
from evals.datasets_io import read_jsonl
from evals.framework import Context, Metric, Row, mean_metric, median_of, run_sample, sum_of
from simulator.domain import Intake, SessionView
from simulator.services import Services

# panel_intakes.jsonl: written beside the panel reader. panel_intakes_tuned.jsonl: written
# blind, measured once, then used to improve the reader (its sessions stop after the
# opening, which is all the panel check needs). panel_intakes_heldout.jsonl and
# panel_intakes_fresh.jsonl: written blind, then, once measured, read to choose rule fixes
# (the in-room table is never fitted on them); only the openings of the fresh batch are
# run. panel_intakes_latest.jsonl: a later blind batch, likewise read for rule fixes once
# measured. panel_intakes_unread.jsonl and panel_intakes_sealed.jsonl: blind batches each
# measured as totals only for one round of fixes, then read for rule fixes too.
# panel_intakes_untouched.jsonl: a blind batch measured as totals only; later its totals,
# with the other batches', chose between variants of one title rule, and a few of its
# misses were read (the name tagger is fitted on it, as on all batches but the next
# four). panel_intakes_unseen.jsonl: a blind batch measured as totals only, then read for
# rule fixes and to choose the name tagger's threshold (the tagger is never fitted on it).
# panel_intakes_unopened.jsonl: a blind batch measured as totals only, never read to tune
# anything. panel_intakes_untried.jsonl and panel_intakes_unmarked.jsonl: the two newest
# blind batches, likewise. The last nine batches run their openings only.
# Blind batches with a metric of their own (openings only), each with what its metric covers.
BATCHES = {
    "fresh": "the later blind batch only (openings; later read for rule fixes)",
    "latest": "a blind batch later read for rule fixes (openings)",
    "unread": "a blind batch later read for rule fixes (openings)",
    "sealed": "a blind batch later read for rule fixes (openings)",
    "untouched": "a blind batch whose totals helped choose one rule; the tagger is fitted on it",
    "unseen": "a blind batch later read for rule fixes and the name tagger's thresholds (openings)",
    "unopened": "a blind batch only ever measured as totals, never read to tune anything",
    "untried": "a newer blind batch only, never read to tune anything (openings)",
    "unmarked": "a newer blind batch only, never read to tune anything (openings)",
    "unvisited": "the newest blind batch only, never read to tune anything (openings)",
}
DATASETS = (
    "panel_intakes.jsonl",
    "panel_intakes_tuned.jsonl",
    "panel_intakes_heldout.jsonl",
    *(f"panel_intakes_{batch}.jsonl" for batch in BATCHES),
    "graded.jsonl",
)
# Planned questions get the answers in this order, follow-ups in the reverse order, so
# strong and weak answers both meet questions and follow-ups.
KINDS = (
    "strong_specific", "deflecting", "partly_strong", "generic", "hollow", "strong_plain",
    "honest_gap", "arrogant",
)  # fmt: skip
CLOSE = "What concerns do you still have about my application? And what are the next steps?"
ARTEFACTS = re.compile(
    r"\{|\}|answered directly|the concern itself|\s[,.?]|\s{2,}|\b(\w+) \1\b|\bNone\b|\bnull\b",
    re.IGNORECASE,
)
HONORIFIC = re.compile(r"^(dr|mr|mrs|ms|miss|mx|prof|professor|matron|sister|cllr|judge|di)\.?$")
MAX_ANSWERS = 30
TURN = 8  # the latency target is for the question at this turn
WORST = {"artefacts": 1.0, "panel_names_used": 0.0}


def _intakes(suite: str) -> list[dict[str, Any]]:
    rows = [{**r, "set": "seen"} for r in read_jsonl("panel_intakes.jsonl")]
    rows += [{**r, "set": "heldout"} for r in read_jsonl("panel_intakes_heldout.jsonl")]
    rows += [{**r, "set": "tuned"} for r in read_jsonl("panel_intakes_tuned.jsonl")]
    for batch in BATCHES:
        rows += [{**r, "set": batch} for r in read_jsonl(f"panel_intakes_{batch}.jsonl")]
    if suite == "smoke":  # one intake per reason
        first: dict[str, dict[str, Any]] = {}
        for r in rows:
            first.setdefault(r["callback_reason"], r)
        rows = list(first.values())
    return rows


def _answers(reason: str, key: str, graded: Sequence[dict[str, Any]]) -> list[str]:
    """The answers to one graded question of ``reason``, in a fixed order of kinds."""
    qids = sorted({r["qid"] for r in graded if r["callback_reason"] == reason})
    qid = qids[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(qids)]
    by_kind = {r["kind"]: r["answer"] for r in graded if r["qid"] == qid}
    return [by_kind[k] for k in KINDS if k in by_kind]


class ListeningTask:
    name = "listening"
    datasets: tuple[str, ...] = DATASETS

    def size(self, suite: str) -> int:
        return len(_intakes(suite))

    def run(self, ctx: Context) -> list[Row]:
        graded = read_jsonl("graded.jsonl")
        rows: list[Row] = []
        for intake in _intakes(ctx.suite):
            holder: dict[str, Any] = {}

            def session(
                intake: dict[str, Any] = intake, holder: dict[str, Any] = holder
            ) -> tuple[dict[str, Any], dict[str, Any]]:
                view, walls = _run(
                    ctx.services, intake, _answers(intake["callback_reason"], intake["id"], graded)
                )
                holder.update(view=view, walls=walls)
                return _session_values(ctx.services, intake, view, walls)

            def opening(intake: dict[str, Any] = intake) -> tuple[dict[str, Any], dict[str, Any]]:
                view = ctx.services.start(
                    Intake.from_dict(intake["intake"]), intake["callback_reason"], OWNER
                )
                used = _panel_names_used(intake, view)
                values = {} if used is None else {"panel_names_used": used}
                if used is not None and intake["set"] in BATCHES:
                    values[f"panel_names_used_{intake['set']}"] = used
                return values, {"session": view.id, "personas": view.personas}

            whole = intake["set"] in {"seen", "heldout"}
            rows.append(run_sample(self.name, intake["id"], session if whole else opening, WORST))
            if whole and "view" in holder:
                rows += _turn_rows(self.name, ctx.services, intake, holder["view"])
            ctx.progress(1)
        return rows

    def metrics(self) -> list[Metric]:
        return [
            mean_metric(
                "listening.follow_up_quotes_rate",
                "quotes",
                "follow-ups that quote the answer they follow (the recorded span is in it)",
            ),
            mean_metric(
                "listening.concern_named_rate",
                "concern_named",
                "a dodged concern is named in plain words by the next question",
            ),
            *_panel_metrics(),
            Metric(
                "listening.artefacts",
                "artefacts",
                sum_of("artefacts"),
                "",
                "panel lines with a slot artefact ({...}, 'answered directly', doubled words...)",
            ),
            mean_metric(
                "listening.close_answers_concern_rate",
                "close_concern",
                "asked at the close what concerns remain, the panel names its concern",
            ),
            Metric(
                "listening.turn8_question_median_ms",
                "turn8_question_ms",
                median_of("turn8_question_ms"),
                "ms",
                f"time to write the question of turn {TURN} (model or follow-up)",
            ),
            Metric(
                "listening.turn8_ttft_median_ms",
                "turn8_ttft_ms",
                median_of("turn8_ttft_ms"),
                "ms",
                f"model time to first token for the question of turn {TURN}, when a model wrote it",
            ),
            Metric(
                "listening.turn8_answer_turn_median_ms",
                "turn8_answer_turn_ms",
                median_of("turn8_answer_turn_ms"),
                "ms",
                f"wall time from sending the answer to having the question of turn {TURN}",
            ),
        ]


def _panel_metrics() -> list[Metric]:
    """The named panel in the room: on every intake naming one, and on each blind batch."""
    return [
        mean_metric(
            "listening.panel_names_used_rate",
            "panel_names_used",
            "intakes naming a panel: those names (and titles) are the ones in the room",
        ),
        mean_metric(
            "listening.panel_names_used_heldout_rate",
            "panel_names_used_heldout",
            "the same, on the held-out intakes only (written blind, later read for rule fixes)",
        ),
    ] + [
        mean_metric(
            f"listening.panel_names_used_{batch}_rate",
            f"panel_names_used_{batch}",
            f"the same, on {covers}",
        )
        for batch, covers in BATCHES.items()
    ]


def _run(
    services: Services, row: dict[str, Any], answers: list[str]
) -> tuple[SessionView, dict[int, float]]:
    view = services.start(Intake.from_dict(row["intake"]), row["callback_reason"], OWNER)
    walls: dict[int, float] = {}
    # Each intake starts at its own place in the order, so some sessions open with a
    # strong answer and some with a weak one.
    planned = followed = int(hashlib.sha256(row["id"].encode()).hexdigest(), 16) % len(answers)
    for _ in range(MAX_ANSWERS):
        current = view.current
        if current is None:
            return view, walls
        if current.kind == "close":
            text = CLOSE
        elif current.is_follow_up:
            text, followed = answers[::-1][followed % len(answers)], followed + 1
        else:
            text, planned = answers[planned % len(answers)], planned + 1
        began = time.perf_counter()
        view = services.answer(view.id, text, owner_hash=OWNER)
        walls[current.index + 1] = (time.perf_counter() - began) * 1000
    raise RuntimeError(f"session {view.id} still open after {MAX_ANSWERS} answers")


def title_words(title: str) -> set[str]:
    """A title's words, whatever punctuation joins them ("FP&A Manager", "Partner, Tax")."""
    return set(re.findall(r"[a-z0-9]+", title.lower())) - {"and", "the", "of"}


def _surname_in(name: str, text: str) -> bool:
    """Whether the last word of ``name`` (honorifics aside) appears in ``text``."""
    words = _name_words(name)
    return bool(words) and words[-1] in text.lower()


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’-]+", name.lower()) if not HONORIFIC.match(w)]


def same_name(a: str, b: str) -> bool:
    x, y = _name_words(a), _name_words(b)
    # "Dr Chen" is Robert Chen and "Gemma" is Gemma Lowry; Rosa Ferreira is not Manuel;
    # "FUJII Kenta" is Kenta Fujii, the surname written first; "Kelvin Wong" is Wong Ka-Ming
    # Kelvin and "Jordi Puig" is Jordi Puig i Ferrer (two or more words, all in the longer name).
    shorter, longer = sorted((x, y), key=len)
    return bool(x and y) and (
        sorted(x) == sorted(y)
        or (len(shorter) >= 2 and set(shorter) <= set(longer))
        or (x[-1] == y[-1] and (min(len(x), len(y)) == 1 or x[0][0] == y[0][0]))
        or (x[0] == y[0] and min(len(x), len(y)) == 1)
    )


def _panel_names_used(row: dict[str, Any], view: SessionView) -> float | None:
    expected = row["expected"]
    if not expected:
        return None
    seated = view.personas
    said = view.turns[0].preamble if view.turns else ""
    # Every seat holds someone named (when enough were named), with their title if given.
    for seat in seated:
        match = next((e for e in expected if same_name(seat["name"], e["name"])), None)
        if match is None and len(expected) >= len(seated):
            return 0.0
        if (
            match
            and match["title"]
            and not title_words(match["title"]) <= title_words(seat["role"])
        ):
            return 0.0
    # Everyone named is seated or introduced, up to the seats and introductions there are.
    room = [s["name"] for s in seated] + [said]
    present = [
        e
        for e in expected
        if any(same_name(e["name"], r) or _surname_in(e["name"], r) for r in room)
    ]
    return float(len(present) >= min(len(expected), len(seated) + 3))


def _session_values(
    services: Services, row: dict[str, Any], view: SessionView, walls: dict[int, float]
) -> tuple[dict[str, Any], dict[str, Any]]:
    lines = (
        [t.preamble for t in view.turns]
        + [t.question for t in view.turns]
        + [t.reply for t in view.turns]
    )
    artefacts = [ln for ln in lines if ln and ARTEFACTS.search(ln)]
    values: dict[str, Any] = {"artefacts": float(len(artefacts))}
    used = _panel_names_used(row, view)
    if used is not None:
        values["panel_names_used"] = used
        if row["set"] == "heldout":
            values["panel_names_used_heldout"] = used
    concern = services.concern(view.id)
    if concern and view.turns and view.turns[-1].kind == "close":
        values["close_concern"] = float(concern.lower() in view.turns[-1].reply.lower())
    if TURN in walls:
        values["turn8_answer_turn_ms"] = walls[TURN]
    detail = {
        "session": view.id,
        "reason": row["callback_reason"],
        "panel": [f"{p['name']} ({p['role']})" for p in view.personas],
        "artefacts": artefacts,
    }
    return values, detail


def _turn_rows(task: str, services: Services, row: dict[str, Any], view: SessionView) -> list[Row]:
    stored = services.stored(view.id)
    if stored is None:
        return []
    generations = {t.index: dict(t.generation or {}) for t in stored.turns}
    concern = services.concern(view.id)
    rows = []
    settled = False  # an earlier answer spoke to the concern
    pressed = 0  # follow-ups that already named it
    for before, turn in zip(view.turns, view.turns[1:], strict=False):
        values: dict[str, Any] = {}
        gen = generations.get(turn.index, {})
        if turn.is_follow_up:
            span = str(gen.get("span", ""))
            values["quotes"] = float(
                bool(span) and span in (before.answer or "") and span in turn.question
            )
        met = (before.score or {}).get("dimensions", {}).get("concern_addressed")
        # Dodged: the question asked about the concern, the answer went round it, and no
        # earlier answer to a question about it settled it. The panel presses a concern at
        # most twice a session.
        dodged = (
            concern
            and not before.is_follow_up
            and "concern_addressed" in before.dimensions
            and met is not None
            and met < 3
            and not settled
            and pressed < 2
        )
        asked = "concern_addressed" in before.dimensions
        settled = settled or (asked and met is not None and met >= 3)
        pressed += str(gen.get("probe", "")).startswith("concern")
        if dodged:
            values["concern_named"] = float(concern.lower() in turn.question.lower())
        if turn.index == TURN and gen.get("latency_ms") is not None and not gen.get("fault"):
            values["turn8_question_ms"] = float(gen["latency_ms"])
            if gen.get("ttft_ms") is not None:
                values["turn8_ttft_ms"] = float(gen["ttft_ms"])
        if values:
            detail = {
                "question": turn.question,
                "probe": gen.get("probe", ""),
                "span": gen.get("span", ""),
            }
            rows.append(Row(task, f"{row['id']}#t{turn.index}", values, detail))
    return rows
