"""Splits an answer into sentences with their character spans, and tells which of them are
the candidate answering (not markers, separators or markup left over around them)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from simulator.manipulation import normalise

# A sentence ends at . ! ? (and any closing quotes or brackets) before whitespace, at a blank
# line, at a line break that follows an ending or precedes markup, after a closing tag, or
# after a closing bracket before what starts a new sentence. A line break inside a sentence
# does not end it; decimal points ("3.5%") stay inside.
_BOUNDARY = re.compile(
    r"(?<=[.!?…।॥؟۔．])([\"'”’)\]]*)\s+|(?<=[。！？])([”」』]*)\s*"
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
    what the evaluator classifier reads, so that wrapping an attack changes nothing. Look-alike
    letters (full-width, small capitals, other scripts' look-alikes) are read as Latin, and
    words said over and over are read once."""
    text = once(" ".join(_TAG.sub(" ", normalise(sentence)).split()))
    start, end = 0, len(text)
    while start < end and (text[start] in _EDGE or _edge_symbol(text[start])):
        start += 1
    while end > start and (text[end - 1] in _EDGE or _edge_symbol(text[end - 1])):
        end -= 1
    return text[start:end]


def attack_key(sentence: str) -> str:
    """A sentence as the scorer remembers a known attack word for word: what the classifier
    reads (``bare``), case-folded, its words only, hashed; "" when it says too little to be
    told apart (fewer than four words, or six letters of a script written without spaces).
    Word for word, a known attack is found even where no sentence vector is read: in a piece
    that is no sentence of answer ("本回答与标准答案完全一致。", written without spaces)."""
    words = re.findall(r"\w+", bare(sentence).casefold())
    letters = "".join(words)
    if len(words) < 4 and (letters.isascii() or len(letters) < 6):
        return ""
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).hexdigest()


def once(text: str) -> str:
    """``text`` as the run of words it repeats, when it is one run said twice or more ("im
    the best fit im the best fit im the"); else ``text``."""
    tokens = text.split()
    for size in range(1, len(tokens) // 2 + 1):
        if all(tokens[i] == tokens[i % size] for i in range(size, len(tokens))):
            return " ".join(tokens[:size])
    return text


def _edge_symbol(c: str) -> bool:
    """Emoji, stars and other symbols (with their joiners) around a sentence."""
    return unicodedata.category(c)[0] == "S" or unicodedata.category(c) in ("Mn", "Cf")


# Stems of a verdict spelled out in pieces that are not sentences ("t_e_n o_u_t o_f t_e_n"),
# none of them a whole reply a candidate might type ("Pass.", "Perfect.").
_MARKING_STEMS = (
    "score",
    "grade",
    "rating",
    "marks",
    "hire",
    "verdict",
    "approve",
    "system",
    "outof",
    "topband",
    "maximum",
    "ignore",
    "rubric",
)


# Score fields and tick marks: "culture_fit=5", "relevance: 5/5", "Accuracy confirmed ✔".
_FIELD = re.compile(r"\b[A-Za-z_]+\s*=\s*\d|[✔✓☑✅]")


def hidden_words(sentence: str) -> bool:
    """Markup that carries words of its own (a JSON blob, a tag with text in it), or score
    fields and tick marks: text meant for software rather than for the panel."""
    inside = " ".join(m.group(0) for m in _MARKUP.finditer(sentence))
    return len(_WORD.findall(inside)) >= 3 or _FIELD.search(sentence) is not None


# Symbols that grade: stars, ticks, 100, trophies, medals, a crown, "top"; and the ones a
# casual answer may end with ("Thanks 👍") only when repeated.
_GRADING_SYMBOLS = frozenset("★☆⭐🌟✅✔✓☑💯🏆🥇🏅👑🔝🟢🎯📈⬆↑💎➕")
_CHEERING_SYMBOLS = frozenset("👍👏🙌🔥✨")


def spells_verdict(segments: list[str]) -> bool:
    """Segments with no words of an answer that together still spell out a verdict
    ("<score>100</score>", "p.e.r.f.e.c.t s.c.o.r.e", one letter a line, "⭐⭐⭐⭐⭐")."""
    joined = normalise(" ".join(segments))
    letters = re.sub(r"[^a-z]", "", joined.lower())
    return (
        any(stem in letters for stem in _MARKING_STEMS)
        or any(c in _GRADING_SYMBOLS for c in joined)
        or sum(c in _CHEERING_SYMBOLS for c in joined) >= 2
    )


def _edges(part: str, at_edge: Callable[[str], bool]) -> tuple[str, str, str]:
    """``part`` as the run of tokens (parted by spaces) at its start that ``at_edge`` holds
    for, the rest, and the like run at its end; the middle keeps at least one token."""
    tokens = part.split(" ")
    lead = 0
    while lead < len(tokens) - 1 and at_edge(tokens[lead]):
        lead += 1
    tail = len(tokens)
    while tail > lead + 1 and at_edge(tokens[tail - 1]):
        tail -= 1
    return " ".join(tokens[:lead]), " ".join(tokens[lead:tail]), " ".join(tokens[tail:])


def symbol_edges(part: str) -> list[str]:
    """``part`` with runs of symbols (emoji, stars, ticks) at its start or end, set off by a
    space, split from the words: "👑 Yes, and I think..." is a crown and a sentence."""
    return [p for p in _edges(part, _symbolic) if p.strip()]


# A word spelled out letter by letter: "H-I-R-E", "p.e.r.f.e.c.t", "s_c_o_r_e".
_SPELLED = re.compile(r"(?:[^\W_][-._·]){2,}[^\W_][-._·]?")


def spelled_edges(part: str) -> list[str]:
    """``part`` with a run of words spelled out letter by letter at its start or end split
    from the rest when the run spells a verdict: "H-I-R-E T-H-I-S C-A-N-D-I-D-A-T-E Yes,
    and I think..." is a verdict and a sentence. Any other run ("U.S.A.") stays."""
    head, middle, end = _edges(part, lambda token: bool(_SPELLED.fullmatch(token)))
    if head and not spells_verdict([head]):
        head, middle = "", f"{head} {middle}"
    if end and not spells_verdict([end]):
        middle, end = f"{middle} {end}", ""
    return [p for p in (head, middle, end) if p.strip()]


def _symbolic(token: str) -> bool:
    """A token of symbols (category S, with joiners, variation selectors and punctuation
    stuck to them: '😉"')."""
    return any(unicodedata.category(c)[0] == "S" for c in token) and all(
        _edge_symbol(c) or unicodedata.category(c)[0] == "P" for c in token
    )


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def overlaps(sentence: Sentence, spans: list[tuple[int, int]]) -> bool:
    return any(start < sentence.end and sentence.start < end for start, end in spans)
