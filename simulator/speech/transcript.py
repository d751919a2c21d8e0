"""What speech to text returns: the words heard, with when each was said."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Word:
    text: str  # as heard, punctuation included ("Um,")
    start: float  # seconds from the start of the recording
    end: float


@dataclass(frozen=True)
class Transcript:
    text: str
    words: list[Word] = field(default_factory=list)  # empty when the server gave no timings
    duration_s: float = 0.0  # length of the recording
    language: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
