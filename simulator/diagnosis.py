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
from simulator.reason_model import ReasonClassifier, has_signal

SearchFn = Callable[..., list[Passage]]
Similarity = Callable[[str, list[str]], list[float]]


# (pattern, weight) per reason. Patterns are matched case-insensitively on the whole intake.
CUES: dict[str, list[tuple[str, float]]] = {
    # The neutral reading: a normal later stage. Senior titles alone say little (every kind
    # of callback meets senior people), so they weigh less than words about the process.
    "standard_process": [
        (r"\b(next|final|later|following) (stage|round|step)s?\b", 0.8),
        (
            r"\b(superday|assessment (day|centre|center)|on-?site|half-day|full day|case interviews?)\b",
            1.2,
        ),
        (
            r"\b(all|every|each) (candidates?|applicants?|shortlisted)\b|\bstandard (part|step|process)\b",
            1.5,
        ),
        (r"\b(our|the) (usual|normal|standard) process\b|\bas (is )?(usual|standard)\b", 1.5),
        (r"\b(callbacks?|second round)s? (are|is) (normal|standard|routine|part)\b", 1.5),
        (
            r"\b(congratulations|pleased to invite|great news|you'?re through|progress(ing|ed)? to)\b",
            0.8,
        ),
        (r"\b(meet the partners|partner interviews?|with (two|three) partners)\b", 0.6),
    ],
    "specific_concern": [
        (
            r"\b(concerns?|concerned|worried|worry|hesitat\w*|reservations?|doubts?|unsure about)\b",
            1.2,
        ),
        (
            r"\b(fumbled|struggled|stumbled|blanked|rusty|rough|mixed up|talked around|waffled|"
            r"couldn'?t (explain|answer)|didn'?t know|wasn'?t clear|vague|weak(ness|er)?|gap)\b",
            1.5,
        ),
        (r"\b(go|dig|dive) (a bit |a little )?(deeper|further|into)\b|\bdeeper (dive|look)\b", 1.8),
        (r"\b(technical follow-?up|follow-?up (on|focused on|about)|focused on your)\b", 1.5),
        (
            r"\b(more about your|hear more about|see how you'?d actually|questions? on (the|your))\b",
            1.0,
        ),
        (r"\b(one|a) (specific|particular) (area|topic|skill)\b|\bclarify\b", 1.2),
    ],
    "different_role": [
        (
            r"\b(another|different|other|separate|new|second) (role|position|opening|team|opportunity|"
            r"vacancy|department|group)\b",
            2.0,
        ),
        (
            r"\b(better|good|great) (fit|suited|match) for (our|the|a|another)\b|\balso (be )?(a )?(good )?fit\b",
            2.5,
        ),
        (
            r"\b(also|might|may) (consider(ing)?|be a good fit|be interested)\b|\boverlap between roles\b",
            1.5,
        ),
        (
            r"\bnot (in|on) the (job description|jd|posting|ad)\b|\bnone of (that|which) is in\b",
            2.0,
        ),
        (r"\b(move|moving) into\b|\b(rather than|instead of) the (role|position|job)\b", 1.2),
        (r"\b(applied for|the role i applied)\b", 0.8),
        (
            r"\b(not (yet )?advertised|unadvertised|newly created|just opened|currently recruiting)\b",
            1.5,
        ),
    ],
    "second_choice": [
        (
            r"\b(still open|open again|reopened|re-?opened|back (up|open)|re-?posted|available again|"
            r"still (of )?interest|still interested|still keen)\b",
            2.2,
        ),
        (
            r"\b(fell through|didn'?t work out|declined|withdr[ae]wn?|accepted another offer|"
            r"gone with someone|went with (someone|another)|(another|other) candidate|"
            r"change in our plans|person they appointed)\b",
            2.5,
        ),
        (
            r"\b(heard nothing|then nothing|radio silence|ghost\w*|went quiet|no reply|"
            r"(weeks|months) (ago|later)|a while (ago|back)|haven'?t heard|rejection)\b",
            1.5,
        ),
        (
            r"\b(reconsider|re-?engage|reconnect|pick(ing)? (this|things) back up|get back in touch|"
            r"earlier round|from the (first|earlier) round|final two|shortlist)\b",
            1.5,
        ),
        (r"\b(thank you for your patience|sorry for the (delay|wait|silence))\b", 1.2),
    ],
    "split_panel": [
        (
            r"\b(split|divided|mixed (views|feedback|reviews)|(not|didn'?t quite reach a) unanimous|"
            r"couldn'?t agree|no consensus|reach a (final )?decision|aligned|disagree\w*)\b",
            2.2,
        ),
        (
            r"\b(two|three|most|majority) of the (two|three|four|five|panel|interviewers|team)\b",
            1.5,
        ),
        (
            r"\b(one (of the|member|person|interviewer|panel\w*)|the (third|other) (guy|one|person|"
            r"interviewer))\b",
            1.2,
        ),
        (
            r"\b(others? (were|was) (keen|positive|warm|enthusiastic)|team loved you|before we can make an offer|"
            r"(cold|quiet|unconvinced|didn'?t smile|barely (looked|spoke|engaged)))\b",
            1.5,
        ),
        (
            r"\b(panel'?s? deliberations|panel has requested|(the )?panel (were|was) (very )?positive)\b",
            1.5,
        ),
        (r"\b\d (smiled|liked|were positive)\b|\bwarm\b", 0.8),
    ],
}
LOW_CONFIDENCE = 0.45
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


def cue_totals(intake: Intake) -> dict[str, float]:
    cues = _cue_scores(intake.text())
    return {r: cues[r][0] for r in REASONS}


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
    cues = _cue_scores(text)
    no_signal = not has_signal(intake) and all(cues[r][0] == 0 for r in REASONS)
    # The classifier reads the notes, recruiter message and panel; with none of them (cues
    # only in the role or job description, say) the cues alone decide.
    learned = False
    if classifier is not None and has_signal(intake):
        probs = classifier.probabilities(intake, {r: cues[r][0] for r in REASONS}, cue_totals)
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
