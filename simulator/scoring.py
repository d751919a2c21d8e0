"""Deterministic, offline answer scoring: 0-5 per rubric dimension, 0-100 overall, with evidence.

No model judges here. Each dimension is scored from features of the answer (specific
actions, numbers, outcomes, ownership, hedging, arrogance, research and team language,
references to round one, relevance to the question and to the stated concern) and each
score is backed by verbatim quotes from the answer. Answer text is data: text addressed to
the scorer is flagged and removed before scoring, so it can never raise a score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.embeddings import Embeddings

from simulator.domain import AnswerScore, Passage
from simulator.embeddings import cosine
from simulator.manipulation import find_manipulation, strip_spans

OFF_TOPIC_BELOW = 0.10
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

MANIPULATION_PENALTY = 10  # points off an answer that tried to steer its own score
BUZZWORDS = re.compile(
    r"\b(synerg\w*|stakeholders?|results?-driven|data-driven|kpis?|leverag\w*|alignment|aligned|"
    r"best practices?|impactful|impact|dynamic|passionate|innovat\w*|strategic|holistic|proactive|"
    r"value-add\w*|deliverables?|empower\w*|scalab\w*|agile|roi|end-to-end|cross-functional|"
    r"ecosystem|paradigm|robust|seamless\w*|thought leadership|growth mindset|collaborat\w*|"
    r"culture|outcomes?|excellence|drive|driven|game-?changer|move the needle|circle back|"
    r"bandwidth|actionable|transformation\w*|optimi[sz]\w*|mindset|visionary|customer-centric)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*", re.MULTILINE)

FEATURES: dict[str, str] = {
    "number": r"\b\d[\d,.]*\s*(%|percent|k\b|m\b|x\b|hours?|days?|weeks?|months?|years?|people|"
    r"users?|clients?|customers?|staff|million|thousand)?|\$\s?\d|£\s?\d|€\s?\d",
    "action": r"\bi (led|built|designed|wrote|ran|set up|created|launched|negotiated|reduced|cut|"
    r"increased|improved|fixed|rewrote|automated|organi[sz]ed|managed|trained|introduced|"
    r"analy[sz]ed|delivered|owned|drove|coached|resolved|migrated|implemented|proposed|decided)\b",
    "outcome": r"\b(result(ed)? in|which (led|meant)|as a result|so that|outcome|saved|grew|"
    r"dropped|rose|fell|reduc\w+|increas\w+|improv\w+|cut|on time|under budget|won|retained)\b",
    "context": r"\b(when i|at my (last|previous|current)|in my (last|previous|current) (role|job)|"
    r"for example|for instance|last (year|quarter|month)|one time|the situation)\b",
    "hedge": r"\b(maybe|perhaps|i guess|i think maybe|kind of|sort of|probably|not sure|i suppose|"
    r"hopefully|i don't know|whatever)\b",
    "arrogance": r"\b(i'?m the best|obviously|better than (anyone|everyone|all)|nobody (else )?(could|"
    r"can)|everyone else|i never (make|made) mistakes|i'?m always right|frankly beneath|"
    r"i know more than|you'?re lucky|easily the (best|smartest)|without me)\b",
    "research": r"\b(i (read|researched|looked (at|into)|saw|noticed|studied|spoke (to|with))|your "
    r"(recent|latest|new|annual|quarterly|strategy|product|report|launch|clients?|customers?|"
    r"mission|values)|job description|the role (requires|needs|calls for)|announced|this quarter)\b",
    "team": r"\b(team|colleagues?|collaborat\w+|together|we |mentor\w*|feedback|stakeholders?|"
    r"partner(ed)? with|values|culture|support(ed)?|listen\w*|trust)\b",
    "improvement": r"\b(last time|first (interview|round|conversation)|round one|when we (first )?"
    r"(spoke|met)|i didn'?t (mention|explain|get to)|i'?d like to (add|correct|revisit)|since "
    r"(then|we spoke)|better answer|on reflection|looking back|i should have)\b",
    "concern": r"\b(concerns?|worry|worries|worried|doubts?|reservations?|gaps?|weakness(es)?|"
    r"to address|head[- ]on|directly|you (asked|mentioned)|i understand why)\b",
    # Asking the panel what still worries it is what the guidance recommends.
    "asks_concern": r"\b(any|what|which|is there)\b[^?]{0,60}\b(concerns?|reservations?|doubts?|"
    r"hesitations?|worries)\b[^?]*\?",
}
_COMPILED = {k: re.compile(v, re.IGNORECASE) for k, v in FEATURES.items()}

DIMENSION_ADVICE: dict[str, str] = {
    "concern_addressed": "Name the concern yourself and answer it with one concrete example.",
    "skill_depth": "Give one specific example: what you did, with numbers and the outcome.",
    "role_research": "Show up-to-date research: what the company is doing now and what the role needs.",
    "culture_fit": "Show how you work with others: a team situation, your part in it, what you learned.",
    "demeanor": "Sound sure of your skills without dismissing others; drop hedges and boasts.",
    "improvement": "Say what you would add to or correct from round one, explicitly.",
}


@dataclass(frozen=True)
class ScoringContext:
    question: str
    dimensions: Sequence[str]
    cards: Sequence[Passage] = ()
    callback_reason: str = ""
    concern: str = ""
    role: str = ""
    company: str = ""


def sentences(text: str) -> list[str]:
    return [m.group(0).strip() for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def _quotes(text: str, feature: str, limit: int = 2) -> list[str]:
    """Whole sentences of the answer (verbatim) where a feature shows."""
    found = [s for s in sentences(text) if _COMPILED[feature].search(s)]
    return found[:limit]


def _count(text: str, feature: str) -> int:
    return len(_COMPILED[feature].findall(text))


def asks_about_concerns(text: str) -> bool:
    """Whether the answer asks the panel what still worries it (the guidance's advice)."""
    return _COMPILED["asks_concern"].search(text) is not None


def _clamp(value: float) -> int:

    return max(0, min(5, round(value)))


# Padding is also length without substance: from this many words, fewer than this many
# concrete features (numbers, actions, outcomes, research, changes, context) per 100 words.
PADDING_MIN_WORDS = 120
PADDING_CONCRETE_PER_100 = 2.0
CONCRETE_FEATURES = ("number", "action", "outcome", "research", "improvement", "context")


class Scorer:
    """Scores one answer; ``embeddings`` adds relevance to the question and to the concern."""

    def __init__(self, embeddings: Embeddings | None = None) -> None:
        self.embeddings = embeddings

    def score(self, answer: str, ctx: ScoringContext) -> AnswerScore:
        flags: list[str] = []
        notes: list[str] = []
        spans = find_manipulation(answer)
        if spans:
            flags.append("manipulation")
            notes.append("Text addressed to the scorer was ignored and does not count.")
        text = strip_spans(answer, spans)
        words = re.findall(r"\w+", text)
        dims = list(dict.fromkeys(ctx.dimensions)) or ["skill_depth"]
        citations = [c.id for c in ctx.cards]

        if not text.strip():
            notes.append("The answer was empty, so every dimension scores 0.")
            return AnswerScore(
                overall=0,
                dimensions={d: 0 for d in dims},
                flags=[*flags, "too_short"],
                evidence={d: [] for d in dims},
                citations=citations,
                feedback="No answer was given. " + DIMENSION_ADVICE[dims[0]],
                notes=notes,
            )
        if len(words) < 15:
            flags.append("too_short")
        unique_ratio = len({w.lower() for w in words}) / max(1, len(words))
        if len(words) > 60 and unique_ratio < 0.35:
            flags.append("padding")
        english = sum(w.lower() in _STOPWORDS for w in words)
        if len(words) >= 5 and english / len(words) < 0.08:
            flags.append("non_english")
            notes.append(
                "The answer does not read as English; the rubric's language features are "
                "English-only, so this score is a rough guide."
            )
        buzz = len(BUZZWORDS.findall(text))
        if buzz >= 6 and buzz / max(1, len(words)) > 0.10:
            flags.append("keyword_stuffing")

        relevance = self._relevance(text, ctx.question, ctx.concern, ctx.role)
        if relevance is not None and relevance < OFF_TOPIC_BELOW and len(words) >= 15:
            flags.append("off_topic")
        concern_rel = self._relevance(text, ctx.concern) if ctx.concern else None

        n = {k: _count(text, k) for k in FEATURES}
        concrete = sum(n[k] for k in CONCRETE_FEATURES)
        if (
            "padding" not in flags
            and len(words) >= PADDING_MIN_WORDS
            and 100 * concrete / len(words) < PADDING_CONCRETE_PER_100
        ):
            flags.append("padding")  # long, but hardly anything concrete in it
        length_factor = min(1.0, len(words) / 60)
        raw: dict[str, float] = {
            "skill_depth": 1.2 * min(n["action"], 2)
            + 0.8 * min(n["number"], 3)
            + 0.8 * min(n["outcome"], 2)
            + 0.5 * min(n["context"], 1),
            "role_research": 1.5 * min(n["research"], 2)
            + (1.5 if ctx.company and ctx.company.lower() in text.lower() else 0)
            + (1.0 if ctx.role and ctx.role.lower() in text.lower() else 0)
            + 0.5 * min(n["number"], 1),
            "culture_fit": 0.8 * min(n["team"], 4)
            + 0.6 * min(n["context"], 1)
            + 0.4 * min(n["action"], 1),
            "demeanor": 3.5
            + 0.5 * min(n["action"], 2)
            - 0.8 * min(n["hedge"], 3)
            - 2.0 * min(n["arrogance"], 2),
            "improvement": 1.8 * min(n["improvement"], 2)
            + 0.6 * min(n["action"], 1)
            + 0.5 * min(n["number"], 1),
            "concern_addressed": 1.2 * min(n["concern"], 2)
            + 1.5 * min(n["asks_concern"], 1)
            + 0.8 * min(n["action"], 2)
            + 0.5 * min(n["number"], 2)
            + (2.0 * concern_rel if concern_rel else 0.0),
        }
        coverage = self._coverage(text, ctx.cards)
        scores: dict[str, int] = {}
        for d in dims:
            # A real attempt (15+ words) is never "nothing at all".
            floor = 0.6 if len(words) >= 15 else 0.0
            value = floor + raw[d] * (0.5 + 0.5 * length_factor) + coverage

            if relevance is not None:
                value *= min(1.0, 0.6 + 3.0 * max(relevance, 0.0))
            scores[d] = _clamp(value)
        if "off_topic" in flags:
            scores = {d: min(v, 1) for d, v in scores.items()}
        if "too_short" in flags:
            scores = {d: min(v, 2) for d, v in scores.items()}
        # Quotes are verbatim: a sentence rejoined around removed text is not one.
        evidence = {d: [q for q in self._evidence(text, d) if q in answer] for d in dims}
        overall = round(100 * sum(scores.values()) / (5 * len(scores)))
        if "padding" in flags:
            overall = round(overall * 0.7)
        if "keyword_stuffing" in flags:
            # Buzzwords are not evidence: only what the answer shows beyond them counts.
            scores = {d: min(v, 2) for d, v in scores.items()}
            overall = min(overall, round(100 * sum(scores.values()) / (5 * len(scores))))
        if "manipulation" in flags:
            overall = max(0, overall - MANIPULATION_PENALTY)

        weakest = min(scores, key=lambda d: (scores[d], dims.index(d)))
        feedback = self._feedback(scores, weakest, flags)
        return AnswerScore(overall, scores, flags, evidence, citations, feedback, notes)

    def _relevance(self, text: str, *references: str) -> float | None:
        """Highest cosine between the answer and any of the references (question, concern...)."""
        refs = [r for r in references if r.strip()]
        if self.embeddings is None or not refs:
            return None
        vectors = self.embeddings.embed_documents([text[:4000], *refs])
        return max(cosine(vectors[0], v) for v in vectors[1:])

    @staticmethod
    def _coverage(text: str, cards: Sequence[Passage]) -> float:
        phrases = [p for c in cards for p in c.look_for]
        if not phrases:
            return 0.0
        lowered = text.lower()
        return min(1.0, 2.0 * sum(p in lowered for p in phrases) / len(phrases))

    @staticmethod
    def _evidence(text: str, dimension: str) -> list[str]:
        feature = {
            "skill_depth": ["action", "number", "outcome"],
            "role_research": ["research"],
            "culture_fit": ["team"],
            "demeanor": ["arrogance", "hedge", "action"],
            "improvement": ["improvement"],
            "concern_addressed": ["concern", "asks_concern", "action"],
        }[dimension]
        quotes: list[str] = []
        for f in feature:
            for q in _quotes(text, f):
                if q not in quotes:
                    quotes.append(q)
        return quotes[:3]

    @staticmethod
    def _feedback(scores: dict[str, int], weakest: str, flags: list[str]) -> str:
        parts = []
        if "too_short" in flags:
            parts.append("The answer is very short; a callback answer needs a worked example.")
        if "off_topic" in flags:
            parts.append("The answer does not address the question that was asked.")
        if "padding" in flags:
            parts.append(
                "Much of the answer repeats itself or stays general; cut it to one clear "
                "example with what you did and the result."
            )
        if "keyword_stuffing" in flags:
            parts.append(
                "Buzzwords do not count as evidence; replace them with what you actually did."
            )
        if "manipulation" in flags:
            parts.append("Text aimed at the scorer was ignored and cost points.")

        parts.append(
            f"Weakest here: {weakest.replace('_', ' ')} ({scores[weakest]}/5). "
            f"{DIMENSION_ADVICE[weakest]}"
        )
        return " ".join(parts)
