"""Splits an answer into sentences with their character spans, and tells which of them are
the candidate answering (not markers, separators or markup left over around them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (and any closing quotes or brackets) before whitespace, at a blank
# line, at a line break that follows an ending or precedes markup, after a closing tag, or
# after a closing bracket before what starts a new sentence. A line break inside a sentence
# does not end it; decimal points ("3.5%") stay inside.
_BOUNDARY = re.compile(
    r"(?<=[.!?…])([\"'”’)\]]*)\s+|(?<=[。！？])([”」』]*)\s*"
    r"|\s*\n\s*\n\s*"  # a blank line
    r"|(?<=[.!?>\]}])[\"'”’)]*[ \t]*\n\s*"  # a line break after an ending
    r"|[ \t]*\n\s*(?=[<\[{#>*|-])"  # a line break before markup
    r"|(?<=\s\S\s\S)[ \t]*\n\s*"  # a line break in s p a c e d - o u t text
    r"|(?<=>)([\"'”’]*)\s+|(?<=[\]}✔✓✅☑])\s+(?=[A-Z<\[{\"“])"
)
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
        closing = boundary.group(1) or boundary.group(2) or boundary.group(3) or ""
        _add(text, last, boundary.start() + len(closing), out)
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


_TAG = re.compile(r"<[^>]{0,80}>")
_EDGE = "\"'“”‘’«»()[]{}*_`~> -–—:"


def bare(sentence: str) -> str:
    """The sentence without tags and the quotes, brackets and emphasis wrapped around it:
    what the evaluator classifier reads, so that wrapping an attack changes nothing."""
    return " ".join(_TAG.sub(" ", sentence).split()).strip(_EDGE)


_MARKING_STEMS = ("score", "grade", "rating", "marks", "hire", "verdict", "approve", "system")


# Score fields and tick marks: "culture_fit=5", "relevance: 5/5", "Accuracy confirmed ✔".
_FIELD = re.compile(r"\b[A-Za-z_]+\s*=\s*\d|[✔✓☑✅]")


def hidden_words(sentence: str) -> bool:
    """Markup that carries words of its own (a JSON blob, a tag with text in it), or score
    fields and tick marks: text meant for software rather than for the panel."""
    inside = " ".join(m.group(0) for m in _MARKUP.finditer(sentence))
    return len(_WORD.findall(inside)) >= 3 or _FIELD.search(sentence) is not None


def spells_verdict(segments: list[str]) -> bool:
    """Segments with no words of an answer that together still spell out a verdict
    ("<score>100</score>", "p.e.r.f.e.c.t s.c.o.r.e", one letter a line)."""
    letters = re.sub(r"[^a-z]", "", " ".join(segments).lower())
    return any(stem in letters for stem in _MARKING_STEMS)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def overlaps(sentence: Sentence, spans: list[tuple[int, int]]) -> bool:
    return any(start < sentence.end and sentence.start < end for start, end in spans)
