"""Diagnosis: from the intake, the likely reason(s) for the callback, with confidence and citations.

It rests on signals a recruiter message, round-one notes and a panel description carry
(weighted cue patterns), not on a small model's judgement, and cites the guidance cards
retrieved for the winning reason.
"""

from __future__ import annotations

import math

from simulator.cues import cue_scores
from simulator.domain import REASON_LABELS, REASONS, Diagnosis, Intake, SearchFn
from simulator.reason_model import ReasonClassifier, has_signal

LOW_CONFIDENCE = 0.45
PRIOR = 0.35

TEMPERATURE = 1.2


def _softmax(values: dict[str, float]) -> dict[str, float]:
    top = max(values.values())
    exps = {k: math.exp((v - top) / TEMPERATURE) for k, v in values.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


def diagnose(
    intake: Intake,
    search: SearchFn | None = None,
    override: str | None = None,
    classifier: ReasonClassifier | None = None,
) -> Diagnosis:
    """The most likely callback reason; ``override`` lets the candidate choose it.

    With a classifier (the app always has one) the reading is learned from labelled
    intakes; without one it rests on the cue patterns alone.
    """
    text = intake.text()
    cues = cue_scores(text)
    no_signal = not has_signal(intake) and all(cues[r][0] == 0 for r in REASONS)
    # The classifier reads the notes, recruiter message and panel; with none of them (cues
    # only in the role or job description, say) the cues alone decide.
    learned = False
    if classifier is not None and has_signal(intake):
        probs = classifier.probabilities(intake, {r: cues[r][0] for r in REASONS})
        learned = True
    else:
        raw: dict[str, float] = {r: PRIOR + cues[r][0] for r in REASONS}
        if no_signal or all(cues[r][0] == 0 for r in REASONS):
            # No signal at all: the neutral reading is that a second round is the process.
            raw["standard_process"] += 0.05
        probs = _softmax(raw)

    ranked = sorted(probs.items(), key=lambda kv: (-kv[1], REASONS.index(kv[0])))
    reason, confidence = ranked[0]
    if override:
        if override not in REASONS:
            raise ValueError(f"unknown callback reason {override!r}; choose one of {list(REASONS)}")
        reason, confidence = override, 1.0
    hits = cues[reason][1]
    if override:
        rationale = f"Chosen by the candidate: {REASON_LABELS[reason]}."
    elif hits:
        quoted = ", ".join(f'"{h}"' for h in hits[:4])
        rationale = f"{REASON_LABELS[reason]}: the intake mentions {quoted}."
    elif learned:
        rationale = (
            f"{REASON_LABELS[reason]}: what you wrote reads most like the callbacks of this kind "
            "in our labelled examples, though no single phrase gives it away."
        )
    else:
        rationale = (
            "The intake gives no clear signal, so the session assumes a second round is a normal "
            "stage of the process; pick another reason if you know more."
        )
    if not override and confidence < LOW_CONFIDENCE and not no_signal:
        runner_up = REASON_LABELS[ranked[1][0]].lower()
        rationale = (
            f"Low confidence ({confidence:.0%}): the signals point more than one way; "
            f"{runner_up} is nearly as likely. {rationale} Pick the reason yourself if you know it."
        )
    citations: list[str] = []
    if search is not None:
        query = text or REASON_LABELS[reason]
        citations = [p.id for p in search(query, k=2, reasons=[reason]) if p.id]
    return Diagnosis(reason, confidence, ranked, rationale, citations)
