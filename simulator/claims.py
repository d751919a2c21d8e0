"""The claims in an answer that a listening interviewer would pick up: numbers, decisions,
named projects, "we" without "I", actions without an outcome, hedges.

Each claim carries a span that is a verbatim substring of the answer, short enough to
quote back (a clause of at most ``MAX_QUOTE_WORDS`` words around what was claimed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

MAX_QUOTE_WORDS = 14
MIN_QUOTE_WORDS = 3

_NUMBER = re.compile(
    r"(?:[£$€]\s?\d[\d,.]*\s?(?:k|m|bn|million|billion)?|\b\d[\d,.]*\s?(?:%|percent\b|per cent\b)?"
    r"|\b(?:by|in|to|cut) half\b|\b(?:by|to|cut|than) (?:a third|a quarter|two thirds)\b"
    r"|\b(?:doubled|halved|tripled|quadrupled)\b)",
    re.IGNORECASE,
)
_DECISION = re.compile(
    r"\bI (?:decided|chose|opted|pushed for|proposed|insisted|recommended|made the call|"
    r"went with|prioriti[sz]ed|suggested|set up|introduced|changed|rewrote|redesigned|"
    r"stopped|escalated|took the decision)\b",
    re.IGNORECASE,
)
_PROJECT = re.compile(
    r"\b(?:the\s+)?(?:[A-Z][\w&'-]+\s+){1,3}(?:project|programme|program|initiative|pilot|"
    r"review|launch|migration|rollout|roll-out|system|campaign|audit)\b"
)
HEDGE = re.compile(
    r"\b(?:I think|I guess|I suppose|probably|maybe|perhaps|sort of|kind of|I'd like to think|"
    r"hopefully|I believe|more or less|fairly sure|I feel like|somewhat|I'd say)\b",
    re.IGNORECASE,
)
_WE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
_I = re.compile(r"\b(?:I|my|me|I'm|I've|I'd)\b")
_CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s-\s|\b(?:but|because|although|which|so that)\b")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# Words a quote must not end on: they promise more.
DANGLING = {
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "by", "for", "with",
    "from", "into", "my", "our", "their", "his", "her", "its", "so", "that", "which", "who",
    "was", "were", "is", "are", "be", "been", "had", "have", "has", "i", "we", "as", "than",
    "come", "came", "get", "got", "very", "about", "after", "before", "when", "then",
    "how", "what", "why", "whether", "if", "where", "whose", "whom", "can", "could",
    "would", "will", "should", "must", "not", "just",
}  # fmt: skip
OPENS_CLAUSE = {
    "after", "when", "because", "so", "and", "but", "while", "which", "until", "before",
    "since", "where", "although", "though", "whereas", "then",
}  # fmt: skip
STORY_ROLES = ("action", "result", "reflection", "situation", "task")


@dataclass(frozen=True)
class Claim:
    kind: str  # number, decision, project, we, hedge, action, result
    span: str  # verbatim in the answer
    start: int  # where the span starts in the answer
    role: str  # the sentence's part in the story


@dataclass(frozen=True)
class Sentence:
    text: str
    role: str
    start: int


def locate(answer: str, sentences: Sequence[tuple[str, str]]) -> list[Sentence]:
    """The answer's (text, role) sentences with where each starts in the answer; sentences
    not found verbatim are dropped."""
    out, at = [], 0
    for text, role in sentences:
        i = answer.find(text, at)
        if i < 0:
            i = answer.find(text)
        if i < 0:
            continue
        out.append(Sentence(text, role, i))
        at = i + len(text)
    return out


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"'“”()").lower()


def _clause(text: str, at: int, *, at_breaks: bool = True) -> tuple[int, int]:
    """The clause of ``text`` around character ``at`` (the whole sentence when not
    ``at_breaks``), at most ``MAX_QUOTE_WORDS`` words, as (start, end) in ``text``."""
    start, end = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text) if at_breaks else ():
        if m.end() <= at:
            start = m.end()
        elif m.start() > at:
            end = m.start()
            break
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) > MAX_QUOTE_WORDS:
        around = next((i for i, w in enumerate(words) if start + w.end() > at), 0)
        # The clause's end when what was claimed is near it, else the words around it;
        # never ending on a word that needs another ("by a third in").
        first = max(0, min(around - MAX_QUOTE_WORDS // 2, len(words) - MAX_QUOTE_WORDS))
        if around >= len(words) - MAX_QUOTE_WORDS + 2:
            first = len(words) - MAX_QUOTE_WORDS
        last = first + MAX_QUOTE_WORDS
        # Cut before a word that opens a new clause ("... to monthly | after I showed").
        for j in range(last - 1, first + MIN_QUOTE_WORDS + 1, -1):
            if _bare(words[j].group(0)) in OPENS_CLAUSE:
                last = j
                break
        while last - first > MIN_QUOTE_WORDS and _bare(words[last - 1].group(0)) in DANGLING:
            last -= 1
        chosen = words[first:last]
        start, end = start + chosen[0].start(), start + chosen[-1].end()
    span = text[start:end]
    lead = len(span) - len(span.lstrip(" ,;:-–—(\"'“"))
    conj = re.match(r"(?:and|but|so|then|also)\s+", span[lead:], re.IGNORECASE)
    lead += conj.end() if conj else 0
    trail = len(span) - len(span.rstrip(" ,;:.!?-–—)\"'”"))
    return start + lead, end - trail


def _claim(kind: str, sentence: Sentence, at: int) -> Claim | None:
    """A claim quoting the clause around ``at``, or the sentence when the clause is short."""
    s, e = _clause(sentence.text, at)
    if len(sentence.text[s:e].split()) < MIN_QUOTE_WORDS:
        s, e = _clause(sentence.text, at, at_breaks=False)
    span = sentence.text[s:e]
    if len(span.split()) < MIN_QUOTE_WORDS:
        return None
    return Claim(kind, span, sentence.start + s, sentence.role)


def _copies(text: str, question: str) -> bool:
    """Whether a sentence mostly repeats the question."""
    mine = set(re.findall(r"[a-z']+", text.lower()))
    theirs = set(re.findall(r"[a-z']+", question.lower()))
    return bool(mine) and len(mine & theirs) / len(mine) > 0.7


def extract(answer: str, sentences: Sequence[tuple[str, str]], question: str = "") -> list[Claim]:
    """The claims in ``answer``, given its answering sentences and their roles."""
    located = [
        s
        for s in locate(answer, sentences)
        if s.role in STORY_ROLES or s.role in ("claim", "research")
    ]
    located = [s for s in located if not _copies(s.text, question)]
    claims: list[Claim] = []

    def add(kind: str, sentence: Sentence, at: int) -> None:
        claim = _claim(kind, sentence, at)
        if claim is not None and all(c.span != claim.span for c in claims):
            claims.append(claim)

    by_role = sorted(
        located,
        key=lambda s: (
            ("result", "action", "claim").index(s.role)
            if s.role in ("result", "action", "claim")
            else 3
        ),
    )
    for s in by_role[:3]:
        m = next((m for m in _NUMBER.finditer(s.text) if not _YEAR.match(m.group(0).strip())), None)
        if m is not None and s.role in ("result", "action", "claim"):
            add("number", s, m.start())
    for s in located:
        if (m := _DECISION.search(s.text)) is not None:
            add("decision", s, m.start())
        if (m := _PROJECT.search(s.text)) is not None:
            add("project", s, m.start())
        if (m := HEDGE.search(s.text)) is not None:
            add("hedge", s, m.start())
    story = [s for s in located if s.role in ("action", "result")]
    we = [s for s in story if _WE.search(s.text) and not _I.search(s.text)]
    mine = [s for s in story if _I.search(s.text)]
    if len(we) >= 2 and len(mine) * 2 <= len(we):
        first = we[0]
        m = _WE.search(first.text)
        add("we", first, m.start() if m else 0)
    actions = [s for s in located if s.role == "action"]
    results = [s for s in located if s.role == "result"]
    for s in results[:1]:
        add("result", s, 0)
    for s in actions[-1:]:
        add("action", s, 0)
    if not results and not actions:
        for s in located[:1]:
            add("statement", s, 0)
    return claims
