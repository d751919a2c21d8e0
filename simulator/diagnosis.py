"""Diagnosis: from the intake, the likely reason(s) for the callback, with confidence and citations.

It rests on signals a recruiter message, round-one notes and a panel description carry
(weighted cue patterns), not on a small model's judgement, and cites the guidance cards
retrieved for the winning reason.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from simulator.domain import REASON_LABELS, REASONS, Diagnosis, Intake, Passage

SearchFn = Callable[..., list[Passage]]

# (pattern, weight) per reason. Patterns are matched case-insensitively on the whole intake.
CUES: dict[str, list[tuple[str, float]]] = {
    "standard_process": [
        (r"\b(next|final|second|later) (stage|round)s?\b", 1.0),
        (
            r"\b(partners?|directors?|vp|vice president|head of|senior (leaders?|leadership|team))\b",
            1.0,
        ),
        (r"\b(superday|assessment (day|centre|center)|on-?site|half-day|full day)\b", 1.5),
        (r"\b(all|every) (candidates?|applicants?)\b|\bstandard (part|step|process)\b", 1.5),
        (r"\b(law firm|llp|callbacks? (are|is) (normal|standard|routine))\b", 1.0),
        (r"\bcongratulations\b|\bpleased to invite\b|\bprogress(ing|ed)? to\b", 1.0),
        (r"\b(case interviews?|technical (round|interview)|culture fit)\b", 0.7),
    ],
    "specific_concern": [
        (r"\b(concerns?|concerned|worried|worry|hesitat\w*|reservations?|doubts?)\b", 1.2),
        (
            r"\b(fumbled|struggled|stumbled|blanked|weak(ness|er)?|gap|couldn'?t answer|didn'?t know)\b",
            1.5,
        ),
        (
            r"\b(dig (deeper|into)|go deeper|explore further|more about your (experience|background) (with|in))\b",
            1.5,
        ),
        (r"\b(clarify|follow up on|revisit (your|the) (answer|experience))\b", 0.8),
        (r"\b(one|a) (specific|particular) (area|topic|skill)\b", 1.5),
    ],
    "different_role": [
        (
            r"\b(another|different|other|separate|new) (role|position|opening|team|opportunity|vacancy)\b",
            2.5,
        ),
        (r"\b(better (fit|suited|match)|also (considering|thinking of) you)\b", 2.0),
        (r"\b(hiring manager for|manager of the|head of (another|the other))\b", 1.0),
        (r"\b(broader|bigger|more senior|more junior|adjacent) (role|position|remit)\b", 1.5),
        (r"\b(not (yet )?advertised|unadvertised|newly created|just opened)\b", 1.5),
    ],
    "second_choice": [
        (r"\b(still open|reopened|re-?opened|back (on|open)|position is available again)\b", 2.5),
        (
            r"\b(fell through|didn'?t work out|declined|withdrew|another candidate|other candidate)\b",
            2.5,
        ),
        (
            r"\b(some time ago|weeks ago|months ago|a while (ago|back)|haven'?t heard|went quiet|silence)\b",
            1.5,
        ),
        (
            r"\b(reconsider|re-?engage|revisit your application|picking (this|things) back up|get back in touch)\b",
            1.5,
        ),
        (r"\b(offer(ed)? (to|the role to) (someone|another))\b", 2.0),
    ],
    "split_panel": [
        (r"\b(panel|panellists?|panelists?|committee)\b", 1.0),
        (
            r"\b(split|divided|mixed (views|feedback|reviews)|not unanimous|couldn'?t agree|no consensus|disagree\w*)\b",
            2.5,
        ),
        (r"\b(one (of the|member|person|interviewer|panel\w*)|some of the (panel|team))\b", 1.2),
        (r"\b(most of (the|them)|majority|others? (were|was) (keen|positive|enthusiastic))\b", 1.5),
        (r"\b(three|four|five|several) (people|interviewers|of them)\b", 0.5),
    ],
}
PRIOR = 0.35
TEMPERATURE = 1.2


def _cue_scores(text: str) -> dict[str, tuple[float, list[str]]]:
    lowered = text.lower()
    out: dict[str, tuple[float, list[str]]] = {}
    for reason, cues in CUES.items():
        total, hits = 0.0, []
        for pattern, weight in cues:
            match = re.search(pattern, lowered)
            if match:
                total += weight
                hits.append(match.group(0))
        out[reason] = (total, hits)
    return out


def _softmax(values: dict[str, float]) -> dict[str, float]:
    top = max(values.values())
    exps = {k: math.exp((v - top) / TEMPERATURE) for k, v in values.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


def diagnose(
    intake: Intake, search: SearchFn | None = None, override: str | None = None
) -> Diagnosis:
    """The most likely callback reason; ``override`` lets the candidate choose it."""
    text = intake.text()
    cues = _cue_scores(text)
    raw: dict[str, float] = {r: PRIOR + cues[r][0] for r in REASONS}
    if not text.strip() or all(cues[r][0] == 0 for r in REASONS):
        # No signal at all: the neutral reading is that a second round is simply the process.
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
    else:
        rationale = (
            "The intake gives no clear signal, so the session assumes a second round is a normal "
            "stage of the process; pick another reason if you know more."
        )
    citations: list[str] = []
    if search is not None:
        query = text or REASON_LABELS[reason]
        citations = [p.id for p in search(query, k=2, reasons=[reason]) if p.id]
    return Diagnosis(reason, confidence, ranked, rationale, citations)


def find_concern(intake: Intake, extra: Sequence[str] = ()) -> str:
    """A short phrase naming what round one left in doubt, if the intake says so."""
    text = " ".join([*extra, intake.round1_notes, intake.recruiter_message])
    patterns = [
        r"(?:concerns?|concerned|worried|unsure|doubts?|reservations?|questions?) "
        r"(?:about|around|regarding|over|on) (?:my |the |your )?(.{3,50}?)(?=[.,;!?]| and | but |$)",
        r"(?:fumbled|struggled with|stumbled on|weak on|couldn't answer|blanked on) "
        r"(?:the |my |a )?(.{3,50}?)(?=[.,;!?]| and | but |$)",
    ]
    for pattern in patterns:
        match = re.search(pattern, text, flags=re.IGNORECASE)
        if match:
            return re.sub(r"\s+(question|questions|part|bit)$", "", match.group(1).strip())
    return ""
