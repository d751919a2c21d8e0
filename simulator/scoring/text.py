"""Splits an answer into sentences with their character spans, and tells which of them are
the candidate answering (not markers, separators or markup left over around them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (and any closing quotes or brackets) before whitespace, or at a
# line break. Decimal points ("3.5%") and abbreviations without a following space stay inside.
_BOUNDARY = re.compile(r"(?<=[.!?…])([\"'”’)\]]*)\s+|\s*\n\s*")
# Markup and markers that carry no words of an answer: [system], <|im_start|>, {json}, ---.
_MARKUP = re.compile(
    r"\[[^\]]{0,80}\]|<[^>]{0,80}>|\{[^}]{0,200}\}|[#*_=~`|>-]{2,}|^\s*[#>*-]+\s*", re.MULTILINE
)
_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_ANSWER_WORDS = 2  # a segment with fewer words outside markup is not a sentence of the answer


@dataclass(frozen=True)
class Sentence:
    """One sentence of the answer, verbatim, with where it sits in the answer."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    last = 0
    for boundary in _BOUNDARY.finditer(text):
        _add(text, last, boundary.start() + len(boundary.group(1) or ""), out)
        last = boundary.end()
    _add(text, last, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        offset = start + piece.index(stripped)
        out.append(Sentence(stripped, offset, offset + len(stripped)))


def is_answering(sentence: str) -> bool:
    """Whether a segment has words of its own once markup and markers are taken out."""
    return len(_WORD.findall(_MARKUP.sub(" ", sentence))) >= MIN_ANSWER_WORDS


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def overlaps(sentence: Sentence, spans: list[tuple[int, int]]) -> bool:
    return any(start < sentence.end and sentence.start < end for start, end in spans)
