"""What every route returns, as models: ``/openapi.json`` describes each response, and
clients can be generated from it. (Request bodies are in ``server.schemas``.)"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ScoreOut(BaseModel):
    overall: int = Field(description="0-100")
    dimensions: dict[str, int] = Field(description="0-5 per rubric dimension that applies")
    flags: list[str]
    evidence: dict[str, list[str]] = Field(description="sentences of the answer, verbatim")
    citations: list[str] = Field(description="guidance cards the score is judged against")
    feedback: str
    notes: list[str] = []
    sentences: list[dict[str, str]] = Field(
        [], description="the answering sentences and the part each plays in the story"
    )


class ScoredItemOut(BaseModel):
    id: str | int | None
    overall: int
    dimensions: dict[str, int]
    flags: list[str]
    evidence: dict[str, list[str]]
    citations: list[str]
    feedback: str


class PauseOut(BaseModel):
    after: str = Field(description="the word before the pause")
    start: float
    end: float
    seconds: float


class DeliveryOut(BaseModel):
    """How a spoken answer was delivered (see the README's "Voice practice")."""

    words: int
    spoken_s: float = Field(description="seconds from the first word to the last")
    words_per_minute: float
    fillers: dict[str, int] = Field(description='by filler, e.g. {"um": 2, "you know": 1}')
    filler_count: int
    fillers_per_minute: float
    pauses: list[PauseOut] = Field(description="silences between words longer than pause_s")
    pause_s: float
    longest_pause_s: float | None = Field(description="None without word timings")
    guide_s: float = Field(description="the answer length spoken answers are compared with")
    over_guide_s: float = Field(description="seconds over the guide (negative: under it)")
    sentences: int
    hedged_sentences: int
    hedged_share: float
    timed: bool = Field(description="word timings were available")


class WordOut(BaseModel):
    text: str
    start: float
    end: float


class TranscriptOut(BaseModel):
    text: str
    words: list[WordOut] = Field(description="each word with its start and end (seconds)")
    duration_s: float = Field(description="length of the recording")
    language: str


class TurnOut(BaseModel):
    index: int
    persona: str
    persona_name: str
    persona_role: str
    question: str
    citations: list[str]
    dimensions: list[str]
    is_follow_up: bool
    used_fallback: bool
    answer: str | None
    score: ScoreOut | None
    notice: str = Field(description="what the candidate is told, e.g. that the model is down")
    preamble: str = Field(description="said by the panel before the question")
    reply: str = Field(description="the panel's answer to the candidate's questions")
    kind: str = Field(description="question, follow_up or close")
    delivery: DeliveryOut | None = Field(
        None, description="how the answer was spoken, when it was answered aloud"
    )


class DiagnosisOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    reason: str
    confidence: float
    ranked: list[tuple[str, float]]
    rationale: str
    citations: list[str]


class PersonaOut(BaseModel):
    id: str
    name: str
    role: str
    stance: str


class SessionOut(BaseModel):
    id: str
    created_at: str
    intake: dict[str, str]
    diagnosis: DiagnosisOut
    personas: list[PersonaOut]
    state: str
    turns: list[TurnOut]
    current: TurnOut | None = Field(description="the open question, if any")


class CreatedSessionOut(SessionOut):
    owner_token: str = Field(description="send as 'Authorization: Bearer <token>'; shown once")


class AnsweredSessionOut(SessionOut):
    last_score: ScoreOut | None = Field(description="the score of the answer just given")


class VoiceAnswerOut(BaseModel):
    transcript: TranscriptOut = Field(description="what was heard")
    delivery: DeliveryOut
    session: AnsweredSessionOut | None = Field(
        description="as POST /answers returns it; null with transcribe_only"
    )


class SessionSummaryOut(BaseModel):
    id: str
    role: str
    company: str
    state: str
    created_at: str


class DocumentOut(BaseModel):
    document: str
    summary: str
    chunks: int


class PanelistOut(BaseModel):
    name: str
    title: str = Field(description="as written; empty when none is given")
    leaning: str = Field(description='"doubts", "supports" or empty')


class PassageOut(BaseModel):
    id: str
    title: str
    text: str
    source: str
    callback_reasons: list[str]
    dimensions: list[str]
    score: float


class WarmOut(BaseModel):
    state: str = Field(description="cold, warming up, ready or failed")
    detail: str
    seconds: float | None


class IndexOut(BaseModel):
    ready: bool
    documents: int
    chunks: int
    detail: str


class HealthOut(BaseModel):
    status: str = Field(description="ok, warming up or degraded")
    warm: WarmOut
    providers: dict[str, str]
    index: IndexOut


class ReportOut(BaseModel):
    """The feedback report (``format=json``); its sections are described in the README."""

    model_config = ConfigDict(extra="allow")

    session_id: str
    created_at: str
    role: str
    company: str
    state: str
    diagnosis: dict[str, Any]
    overall: float
    dimensions: dict[str, float]
    strongest: str | None
    weakest: str | None
    asked_about_concerns: bool
    coverage: dict[str, bool]
    next_steps: list[Any]
    better_answer: dict[str, Any] | None
    progress: Any
    delivery: dict[str, Any] | None = Field(
        None, description="words and fillers per minute over this session's spoken answers"
    )
    turns: list[dict[str, Any]]
    guidance: list[dict[str, str]]
    history: list[dict[str, Any]] = Field(
        description="earlier sessions for the role: overall, dimensions and delivery"
    )
