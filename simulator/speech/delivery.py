"""How an answer was spoken, from its transcript: pace, fillers, pauses, length against the
two-minute guide, and how many sentences were hedged.

Fillers counted: um (um, umm, uhm), uh (uh, uhh), er (er, err, erm), and the phrases
"you know", "I mean", "sort of", "kind of" (one filler each), and "like". Simple context
rules keep ordinary uses out:

* "like" is a filler only when it is set off (the first word, after a comma or full stop,
  after and/but/so/or or another filler, or followed by a comma), or after a form of "be"
  ("I was like, ...", "it's like really ...") when no article follows ("it's like a ..." is a
  comparison). Otherwise never after a pronoun, a modal or "do", "to", or a verb of
  seeming ("I like", "would like", "looks like", "feels like", "something like"), but
  always between commas ("I, like, froze").
* "sort of" and "kind of" are not fillers after a word that makes them a noun phrase
  ("what kind of", "that sort of", "a kind of").
* "you know" is not a filler in a question or clause of its own ("do you know", "if you
  know", "as you know", "what you know"), nor "I mean" after "what" or "if", or before
  "it" or "to".

Hedged sentences: those with a hedge from the written-answer list (``simulator.claims``:
"I think", "maybe", "probably", "sort of", "I guess", ...) or a spoken one ("not sure",
"might", "I don't know").

Words per minute count every word spoken, fillers included, over the time from the first
word to the last; pauses are gaps between consecutive words longer than ``pause_s``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from simulator.claims import HEDGE as ANSWER_HEDGES
from simulator.speech.transcript import Transcript

SINGLE_FILLERS = {
    "um": "um", "umm": "um", "ummm": "um", "uhm": "um", "uh": "uh", "uhh": "uh",
    "er": "er", "err": "er", "erm": "er",
}  # fmt: skip
PHRASE_FILLERS = ("you know", "i mean", "sort of", "kind of")
# Spoken hedges the written-answer list (simulator.claims) does not have.
_SPOKEN_HEDGES = re.compile(r"\b(?:not sure|might|I don't know)\b", re.IGNORECASE)
_BE = {"is", "was", "were", "am", "are", "it's", "i'm", "he's", "she's", "that's", "they're"}
_ARTICLES = {"a", "an", "the", "this", "that", "my", "our", "his", "her", "their", "your"}
_SETS_OFF = {"and", "but", "so", "or", "then", *SINGLE_FILLERS}
_LIKE_VERB = {
    "i", "you", "we", "they", "he", "she", "who", "people", "would", "wouldn't", "i'd", "we'd",
    "you'd", "they'd", "do", "don't", "does", "doesn't", "did", "didn't", "to", "really",
    "also", "might", "will", "i'll", "we'll", "look", "looks", "looked", "looking", "seem",
    "seems", "seemed", "sound", "sounds", "sounded", "feel", "feels", "felt", "something",
    "anything", "nothing", "more", "much", "exactly", "just", "not",
}  # fmt: skip
_NOUN_BEFORE = {
    "what", "which", "a", "the", "this", "that", "these", "those", "some", "any", "every",
    "one", "same", "other", "different", "right", "wrong", "what's", "no",
}  # fmt: skip
_YOU_KNOW_NOT = {"do", "did", "does", "don't", "didn't", "if", "as", "would", "will", "what"}
_I_MEAN_NOT_BEFORE = {"what", "if"}
_I_MEAN_NOT_AFTER = {"it", "to"}


@dataclass(frozen=True)
class Token:
    word: str  # lower case, no punctuation
    set_off_before: bool  # the previous token ended with punctuation (or this is the first)
    comma_after: bool


@dataclass(frozen=True)
class Pause:
    after: str  # the word before the pause
    start: float
    end: float

    @property
    def seconds(self) -> float:
        return round(self.end - self.start, 2)


@dataclass(frozen=True)
class Delivery:
    words: int
    spoken_s: float  # first word to last (the recording's length without word timings)
    words_per_minute: float
    fillers: dict[str, int]  # by filler, e.g. {"um": 2, "you know": 1}
    filler_count: int
    fillers_per_minute: float
    pauses: tuple[Pause, ...]  # longer than pause_s
    pause_s: float
    longest_pause_s: float | None  # longest gap between words; None without word timings
    guide_s: float
    over_guide_s: float  # seconds over the guide (negative: under it)
    sentences: int
    hedged_sentences: int
    hedged_share: float
    timed: bool  # word timings were available

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["pauses"] = [{**asdict(p), "seconds": p.seconds} for p in self.pauses]
        return out


def tokens(transcript: Transcript) -> list[Token]:
    """The transcript's words, lower-cased and stripped, with punctuation context."""
    raw = [w.text for w in transcript.words] or transcript.text.split()
    out: list[Token] = []
    set_off = True
    for text in raw:
        word = re.sub(r"[^\w']+", "", text.lower().replace("’", "'")).strip("'")
        if word:
            out.append(Token(word, set_off, text.rstrip().endswith(",")))
        set_off = bool(re.search(r"[,.;:!?…—-]$", text.strip()))
    return out


def _like_is_filler(toks: list[Token], i: int) -> bool:
    prev = toks[i - 1].word if i else ""
    after = toks[i + 1].word if i + 1 < len(toks) else ""
    if toks[i].set_off_before and toks[i].comma_after:  # ", like,"
        return True
    if prev in _LIKE_VERB:
        return False
    if toks[i].set_off_before or toks[i].comma_after or prev in _SETS_OFF:
        return True
    return prev in _BE and after not in _ARTICLES


def _phrase_is_filler(toks: list[Token], i: int, phrase: str) -> bool:
    prev = toks[i - 1].word if i else ""
    after = toks[i + 2].word if i + 2 < len(toks) else ""
    if phrase in ("sort of", "kind of"):
        return prev not in _NOUN_BEFORE
    if phrase == "you know":
        return prev not in _YOU_KNOW_NOT
    return prev not in _I_MEAN_NOT_BEFORE and after not in _I_MEAN_NOT_AFTER


def count_fillers(toks: list[Token]) -> Counter[str]:
    """Fillers by name; a two-word filler counts once."""
    found: Counter[str] = Counter()
    i = 0
    while i < len(toks):
        word = toks[i].word
        pair = f"{word} {toks[i + 1].word}" if i + 1 < len(toks) else ""
        if word in SINGLE_FILLERS:
            found[SINGLE_FILLERS[word]] += 1
        elif pair in PHRASE_FILLERS and _phrase_is_filler(toks, i, pair):
            found[pair] += 1
            i += 2
            continue
        elif word == "like" and _like_is_filler(toks, i):
            found["like"] += 1
        i += 1
    return found


def pauses(transcript: Transcript, pause_s: float) -> tuple[list[Pause], float | None]:
    """Gaps between consecutive words longer than ``pause_s``, and the longest gap
    (None without word timings)."""
    words = transcript.words
    if not words:
        return [], None
    gaps = [Pause(a.text, a.end, b.start) for a, b in itertools.pairwise(words)]
    longest = max((g.end - g.start for g in gaps), default=0.0)
    return [g for g in gaps if g.end - g.start > pause_s], round(max(longest, 0.0), 2)


def sentences(text: str) -> list[str]:
    """The transcript cut after . ! ? (Whisper punctuates)."""
    return [s for s in re.split(r"(?<=[.!?…])\s+", text.strip()) if re.search(r"\w", s)]


def is_hedged(sentence: str) -> bool:
    return bool(ANSWER_HEDGES.search(sentence) or _SPOKEN_HEDGES.search(sentence))


def _per_minute(count: float, seconds: float) -> float:
    return round(count * 60 / seconds, 1) if seconds > 0 else 0.0


def delivery(transcript: Transcript, pause_s: float = 2.0, guide_s: float = 120.0) -> Delivery:
    """The delivery figures of one spoken answer."""
    toks = tokens(transcript)
    timed = bool(transcript.words)
    spoken = (
        transcript.words[-1].end - transcript.words[0].start if timed else transcript.duration_s
    )
    spoken = round(max(spoken, 0.0), 2)
    fillers = count_fillers(toks)
    gaps, longest = pauses(transcript, pause_s)
    said = sentences(transcript.text)
    hedged = sum(is_hedged(s) for s in said)
    return Delivery(
        words=len(toks),
        spoken_s=spoken,
        words_per_minute=_per_minute(len(toks), spoken),
        fillers=dict(fillers),
        filler_count=sum(fillers.values()),
        fillers_per_minute=_per_minute(sum(fillers.values()), spoken),
        pauses=tuple(gaps),
        pause_s=pause_s,
        longest_pause_s=longest,
        guide_s=guide_s,
        over_guide_s=round(spoken - guide_s, 2),
        sentences=len(said),
        hedged_sentences=hedged,
        hedged_share=round(hedged / len(said), 3) if said else 0.0,
        timed=timed,
    )
