"""Request bodies of the REST API (responses are the core's own dictionaries)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from simulator.domain import Reason

MAX_FIELD = 20_000


class IntakeIn(BaseModel):
    role: str = Field("", max_length=300)
    company: str = Field("", max_length=300)
    job_description: str = Field("", max_length=MAX_FIELD)
    round1_notes: str = Field("", max_length=MAX_FIELD)
    recruiter_message: str = Field("", max_length=MAX_FIELD)
    panel: str = Field("", max_length=2000)
    reason: Reason | None = Field(None, description="Override the diagnosed callback reason.")


class AnswerIn(BaseModel):
    # Its length limit is the setting max_answer_chars, checked by the engine (413).
    answer: str = Field(..., description="The candidate's answer (may be empty).")


class ScoreIn(BaseModel):
    id: str | int | None = None
    question: str = Field(..., max_length=2000)
    answer: str = Field(..., max_length=30_000)
    callback_reason: Reason | None = None
    concern: str = Field("", max_length=2000)
    role: str = Field("", max_length=300)
