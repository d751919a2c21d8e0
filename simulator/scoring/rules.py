"""The deterministic part of scoring, as readable tables: which flags an answer raises and
what each flag caps. No rule here can raise a score; the learned tables set it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that carry no evidence when they stand alone; many of them in few words is stuffing.
BUZZWORDS = re.compile(
    r"\b(synerg\w*|stakeholders?|results?-driven|data-driven|kpis?|leverag\w*|alignment|aligned|"
    r"best practices?|impactful|impact|dynamic|passionate|innovat\w*|strategic|holistic|proactive|"
    r"value-add\w*|deliverables?|empower\w*|scalab\w*|agile|roi|end-to-end|cross-functional|"
    r"ecosystem|paradigm|robust|seamless\w*|thought leadership|growth mindset|collaborat\w*|"
    r"culture|outcomes?|excellence|drive|driven|game-?changer|move the needle|circle back|"
    r"bandwidth|actionable|transformation\w*|optimi[sz]\w*|mindset|visionary|customer-centric)\b",
    re.IGNORECASE,
)
_STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "i",
        "my",
        "me",
        "we",
        "our",
        "you",
        "your",
        "it",
        "this",
        "that",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "not",
        "so",
        "if",
        "then",
        "than",
        "which",
        "who",
        "what",
        "when",
        "how",
    ]
)
# Asking the panel what still worries it is what the guidance recommends.
ASKS_CONCERN = re.compile(
    r"\b(any|what|which|is there)\b[^?]{0,60}\b(concerns?|reservations?|doubts?|hesitations?|"
    r"worries)\b[^?]*\?",
    re.IGNORECASE,
)

MIN_WORDS = 15  # fewer answering words than this is too short to show anything
PADDING_MIN_WORDS = 120
PADDING_STORY_SHARE = 0.25  # below this share of story sentences a long answer is padding
OFF_TOPIC_BELOW = 0.20  # cosine of the answer with the question, concern and role (MiniLM)
# ...and only when the tables also find little in it: a strong story told in its own words
# can sit far from the question's wording.
OFF_TOPIC_GRADE_BELOW = 2.5
MANIPULATION_PENALTY = 10  # points off an answer that tried to steer its own score
MANIPULATION_DIMENSION_PENALTY = 1


@dataclass(frozen=True)
class Cap:
    """What a flag does to a score: a ceiling per dimension and overall, and its feedback.
    (Padding is a smooth factor instead: ``padding_factor``.)"""

    flag: str
    dimension_max: int = 5
    overall_max: int = 100
    feedback: str = ""


CAPS: tuple[Cap, ...] = (
    Cap(
        "too_short",
        2,
        40,
        feedback="The answer is very short; a callback answer needs a worked example.",
    ),
    Cap("off_topic", 1, 20, feedback="The answer does not address the question that was asked."),
    Cap(
        "padding",
        feedback="Much of the answer repeats itself or stays general; cut it to one clear "
        "example with what you did and the result.",
    ),
    Cap(
        "keyword_stuffing",
        2,
        40,
        feedback="Buzzwords do not count as evidence; replace them with what you actually did.",
    ),
    Cap("manipulation", feedback="Text aimed at the scorer was ignored and cost points."),
)


def padding_factor(words: list[str], story: float) -> float:
    """What is left of the overall score (0.7-1.0) for length without substance: repetition,
    or a long answer whose sentences hardly tell a story (``story``: the share of its words
    in situation, action and result sentences). It changes smoothly, so removing a few words
    never flips it."""
    n = len(words)
    unique_ratio = len({w.lower() for w in words}) / max(1, n)
    repeats = _ramp(n, 40, 80) * _ramp(0.45 - unique_ratio, 0.0, 0.2)
    general = _ramp(n, PADDING_MIN_WORDS - 40, PADDING_MIN_WORDS) * _ramp(
        PADDING_STORY_SHARE - story, 0.0, 0.15
    )
    return 1.0 - 0.3 * max(repeats, general)


def _ramp(x: float, low: float, high: float) -> float:
    return min(1.0, max(0.0, (x - low) / (high - low)))


def surface_flags(text: str, words: list[str], story: float) -> list[str]:
    """Flags that follow from the answering text (too short, padding, stuffing, language)."""
    flags: list[str] = []
    n = len(words)
    if n < MIN_WORDS:
        flags.append("too_short")
    if padding_factor(words, story) <= 0.85:
        flags.append("padding")
    buzz = len(BUZZWORDS.findall(text))
    if buzz >= 6 and buzz / max(1, n) > 0.10:
        flags.append("keyword_stuffing")
    english = sum(w.lower() in _STOPWORDS for w in words)
    if n >= 5 and english / n < 0.08:
        flags.append("non_english")
    return flags


def asks_about_concerns(text: str) -> bool:
    """Whether the answer asks the panel what still worries it (the guidance's advice)."""
    return ASKS_CONCERN.search(text) is not None


def apply_caps(
    flags: list[str], overall: int, dimensions: dict[str, int], padding: float = 1.0
) -> tuple[int, dict[str, int]]:
    overall = round(overall * padding)
    for cap in CAPS:
        if cap.flag in flags:
            dimensions = {d: min(v, cap.dimension_max) for d, v in dimensions.items()}
            overall = min(overall, cap.overall_max)
    return overall, dimensions


def penalise(overall: int, dimensions: dict[str, int]) -> tuple[int, dict[str, int]]:
    """What an answer that tried to steer its own score loses: points overall, one band per
    dimension."""
    return max(0, overall - MANIPULATION_PENALTY), {
        d: max(0, v - MANIPULATION_DIMENSION_PENALTY) for d, v in dimensions.items()
    }
