"""The cue patterns of each callback reason: phrases in an intake that point to it, with
weights. Read by the diagnosis (to rank and to quote in the rationale) and by the reason
classifier (as features beside the meaning of the text)."""

from __future__ import annotations

import re

from simulator.domain import REASONS, Intake

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


def cue_scores(text: str) -> dict[str, tuple[float, list[str]]]:
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


def cue_totals(intake: Intake) -> dict[str, float]:
    cues = cue_scores(intake.text())
    return {r: cues[r][0] for r in REASONS}
