"""The domain's vocabulary: callback reasons, rubric dimensions and the value types passed around."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

# The reasons' dimensions and labels live in the rubric registry; re-exported here.
from simulator.rubric import REASON_DIMENSIONS as REASON_DIMENSIONS
from simulator.rubric import REASON_LABELS as REASON_LABELS

Reason = Literal[
    "standard_process", "specific_concern", "different_role", "second_choice", "split_panel"
]
# The type names the registry's reasons; tests/test_rubric.py checks the two agree.
REASONS: tuple[Reason, ...] = get_args(Reason)

Dimension = Literal[
    "concern_addressed", "skill_depth", "role_research", "culture_fit", "demeanor", "improvement"
]
# The type names the registry's dimensions; tests/test_rubric.py checks the two agree.
DIMENSIONS: tuple[Dimension, ...] = get_args(Dimension)


INTAKE_FIELDS = ("role", "company", "job_description", "round1_notes", "recruiter_message", "panel")


# A search over the guidance: (query, k=..., reasons=..., dimensions=..., session=...).
SearchFn = Callable[..., list["Passage"]]
# How close in meaning a text is to each of some others.
Similarity = Callable[[str, list[str]], list[float]]


@dataclass(frozen=True)
class Passage:
    """One retrieved piece of guidance (a card or a chunk of a user document)."""

    id: str
    title: str
    text: str
    source: str
    callback_reasons: tuple[str, ...]
    dimensions: tuple[str, ...]
    score: float = 0.0
    look_for: tuple[str, ...] = ()
    situations: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "source": self.source,
            "callback_reasons": list(self.callback_reasons),
            "dimensions": list(self.dimensions),
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Intake:
    """What the candidate tells us before a session. Every field may be empty."""

    role: str = ""
    company: str = ""
    job_description: str = ""
    round1_notes: str = ""
    recruiter_message: str = ""
    panel: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Intake:
        return cls(**{k: str(data.get(k) or "").strip() for k in INTAKE_FIELDS})

    def to_dict(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in INTAKE_FIELDS}

    def text(self) -> str:
        return "\n".join(getattr(self, k) for k in INTAKE_FIELDS if getattr(self, k))


@dataclass(frozen=True)
class Diagnosis:
    reason: str
    confidence: float
    ranked: list[tuple[str, float]]
    rationale: str
    citations: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "confidence": round(self.confidence, 3),
            "ranked": [[r, round(p, 3)] for r, p in self.ranked],
            "rationale": self.rationale,
            "citations": self.citations,
        }


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    role: str
    reasons: tuple[str, ...]
    stance: str
    goal: str
    style: str
    knows: str
    concern: str = ""
    opening: str = ""
    probes: tuple[str, ...] = ()  # what it probes in an answer, in order of its goal
    move_on_templates: tuple[str, ...] = ()
    # Seated only for someone the intake names whom the reason's own seats leave out.
    named_only: bool = False

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "role": self.role, "stance": self.stance}


@dataclass(frozen=True)
class FieldTitles:
    """The titles of a field's panel seats (persona id -> title) and how to spot the field."""

    keywords: tuple[str, ...]
    titles: dict[str, str]


@dataclass(frozen=True)
class BankQuestion:
    """A curated question from the bank; the fallback when generation fails its gates."""

    id: str
    reason: str
    persona: str
    dimensions: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class AnswerScore:
    """The score of one answer: 0-100 overall, 0-5 per applicable dimension, with evidence."""

    overall: int
    dimensions: dict[str, int]
    flags: list[str]
    evidence: dict[str, list[str]]
    citations: list[str]
    feedback: str
    notes: list[str] = field(default_factory=list)
    # The answering sentences with the role each plays in the story (situation, action...).
    sentences: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall,
            "dimensions": dict(self.dimensions),
            "flags": list(self.flags),
            "evidence": {k: list(v) for k, v in self.evidence.items()},
            "citations": list(self.citations),
            "feedback": self.feedback,
            "notes": list(self.notes),
            "sentences": [dict(s) for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnswerScore:
        return cls(
            overall=int(data["overall"]),
            dimensions={k: int(v) for k, v in data.get("dimensions", {}).items()},
            flags=list(data.get("flags", [])),
            evidence={k: list(v) for k, v in data.get("evidence", {}).items()},
            citations=list(data.get("citations", [])),
            feedback=str(data.get("feedback", "")),
            notes=list(data.get("notes", [])),
            sentences=[dict(s) for s in data.get("sentences", [])],
        )


# -- what a session looks like to its readers (the API, the UI, the report, the evals) --
@dataclass
class TurnView:
    index: int
    persona: str
    persona_name: str
    persona_role: str
    question: str
    citations: list[str]
    dimensions: list[str]
    is_follow_up: bool
    used_fallback: bool
    answer: str | None = None
    score: dict[str, Any] | None = None
    notice: str = ""  # said to the candidate, e.g. that the model is unavailable
    preamble: str = ""  # said by the panel before the question (the opening, a reply...)
    reply: str = ""  # the panel's answer to the candidate's questions at the close
    kind: str = "question"  # "question", "follow_up" or "close"
    delivery: dict[str, Any] | None = None  # how a spoken answer was delivered (pace, fillers...)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SessionView:
    id: str
    created_at: str
    intake: dict[str, str]
    diagnosis: dict[str, Any]
    personas: list[dict[str, str]]
    state: str
    turns: list[TurnView] = field(default_factory=list)

    @property
    def current(self) -> TurnView | None:
        if self.state != "interviewing" or not self.turns or self.turns[-1].answer is not None:
            return None
        return self.turns[-1]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["current"] = self.current.to_dict() if self.current else None
        return data
