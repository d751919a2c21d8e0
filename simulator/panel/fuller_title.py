"""A title the rules read, made as full as the intake writes it: the title tagger's words
next to it ("Chief General Manager" + "(Offshore Drilling)", "Team Leader" + ", Customer
Contact Centre", "Representative" after "Tenant Panel").

The rules stop a title where a qualifier, a bracket or a field of work in another language
starts; the tagger has learned which words around a panelist's name belong to a title. The
title grows only by words it reads as a title's, within the same entry: never across a new
line, a semicolon, a colon, a plus, markup, an address or a phone number, another
person's name, a bracket the title does not open, or a sentence's end; leftwards never across a comma, dash or
bracket when the title already has a head word ("MD – Chief Medical Officer"), and never to
a degree or "current". A seat on the panel after it ("– Chairperson", "(Expert Member)") is
left off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from simulator.name_words import is_first_name
from simulator.panel.name_tagger import WORD, fold, name_words
from simulator.panel.title_tidy import tidy_title
from simulator.panel.whose_title import LOOK, gap, line_numbers, someone_elses
from simulator.panel.words import BEFORE_TITLE, HONORIFICS, POSTNOMINALS, is_head, is_panel_role

# Words that join a title's words and are never labelled alone ("Head of Sales").
JOINERS = frozenset(
    {
        "of", "for", "and", "de", "da", "do", "das", "dos", "del", "della", "di", "du",
        "des", "la", "le", "van", "von", "der", "den", "für", "und", "y", "e", "et", "the", "in",
        "at", "by", "to", "on", "ds",
    }
)  # fmt: skip
# Those a title grows across: not a place or a time ("at Stratagem"), but Portuguese "em".
_LINKS = (JOINERS - {"in", "at", "by", "to", "on"}) | {"em"}
_ANDS = frozenset({"and", "und", "y", "e", "et"})
_NEVER_BETWEEN = re.compile(r"[<>@:=\"+;|\n!?]")
# Markup, an address, a link or a phone number is never echoed as a title.
NOT_A_TITLE = re.compile(r"[<>@]|://|\bwww\.|\d[\d ()./-]{5,}\d")
_SEAT_AFTER = re.compile(r"\s+[–—-]\s+([^–—-]+)$")
_SEAT_IN_BRACKETS = re.compile(
    r"\(([^()]*\b(?:online|office|nominee|member|chair\w*|pr[ée]sid\w*|jury|committee|comit\w*)"
    r"\b[^()]*)\)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Words:
    """An intake's words: where each is, as written and folded, and its title odds."""

    text: str
    spans: Sequence[tuple[int, int]]
    odds: Sequence[float]
    threshold: float

    def raw(self, i: int) -> str:
        return self.text[self.spans[i][0] : self.spans[i][1]]

    def folded(self, i: int) -> str:
        return fold(self.raw(i))

    def gap(self, i: int) -> str:
        """What is written between word ``i`` and the next."""
        return self.text[self.spans[i][1] : self.spans[i + 1][0]]

    def between(self, i: int, j: int) -> str:
        return self.text[self.spans[i][0] : self.spans[j][1]]


def fuller_title(
    text: str,
    spans: Sequence[tuple[int, int]],
    odds: Sequence[float],
    name: str,
    title: str,
    names: Sequence[str],
    threshold: float,
) -> str:
    """``title``, read by the rules for ``name``, with the words beside its mention nearest
    that name that the tagger reads as a title's (``odds`` at least ``threshold``), as
    ``text`` writes them; ``title`` itself when nothing is added."""
    words = _Words(text, spans, odds, threshold)
    mine = set(name_words(name))
    named = mine | {w for other in names for w in name_words(other)}
    found = _mention(words, title, mine, named - mine)
    if found is None:
        return title
    a, b = found
    headed = any(is_head(words.raw(i)) for i in range(a, b + 1))
    end = _right(words, b, named)
    start = _left(words, a, named, headed)
    if (start, end) == (a, b):
        return title
    return _kept(words, start, end, b, title)


def _mention(words: _Words, title: str, mine: set[str], theirs: set[str]) -> tuple[int, int] | None:
    """The words of ``title`` nearest a word of the person's name (at most ``LOOK`` words
    away) that are not someone else's as written (``someone_elses``: nearer another's name,
    in a bracket after it, or on a line that names only another), as (first, last); None
    when not written so."""
    wanted = [w for w in (fold(w) for w in WORD.findall(title)) if w]
    folded = [words.folded(i) for i in range(len(words.spans))]
    at = [i for i, w in enumerate(folded) if w in mine]
    others = [i for i, w in enumerate(folded) if w in theirs]
    line_of = line_numbers(words.text, words.spans)
    best: tuple[int, int, int] | None = None
    n = len(wanted)
    for a in (i for i in range(len(folded) - n + 1) if n and folded[i : i + n] == wanted):
        run = (a, a + n - 1)
        near = min((gap(run, m) for m in at), default=LOOK + 1)
        if near > LOOK or (best is not None and near >= best[0]):
            continue
        if not someone_elses(words.text, words.spans, run, (at, others), line_of):
            best = (near, *run)
    return None if best is None else best[1:]


def _right(words: _Words, b: int, named: set[str]) -> int:
    """The last word of the title once grown to the right of word ``b``."""
    end, i = b, b + 1
    while i < len(words.spans):
        gap, word = words.gap(i - 1), words.folded(i)
        abbreviated = len(words.raw(i - 1)) <= 4 and words.raw(i - 1)[:1].isupper()  # "Dept."
        if (
            _NEVER_BETWEEN.search(gap)
            or (re.match(r"\.\s", gap) and not abbreviated)
            or word in named
            or ("," in gap and is_first_name(words.raw(i)))
            or (word in HONORIFICS and i + 1 < len(words.spans) and words.folded(i + 1) in named)
        ):
            break  # the honorific before a name is the name's ("Manager - Sister Ann Ode")
        if word in _LINKS:
            ahead = range(i + 1, min(i + 4, len(words.spans)))
            if word in _ANDS and any(is_head(words.raw(k)) for k in ahead):
                break  # "GM and the area manager": a second title
            i += 1
            continue
        if words.odds[i] < words.threshold or ("," in gap and is_head(words.raw(i))):
            break
        end, i = i, i + 1
    return end


def _left(words: _Words, a: int, named: set[str], headed: bool) -> int:
    """The first word of the title once grown to the left of word ``a``."""
    start, i = a, a - 1
    while i >= 0:
        gap, word = words.gap(i), words.folded(i)
        if (
            _NEVER_BETWEEN.search(gap)
            or re.match(r"\.\s", gap)
            or "(" in gap
            or ")" in gap
            or (headed and re.search(r"[,–—-]", gap))
            or word in named
            or word in POSTNOMINALS
            or word in BEFORE_TITLE
        ):
            break
        if word in _LINKS:
            if word in _ANDS and i > 0 and is_head(words.raw(i - 1)):
                break  # "F&B Manager and Executive Chef"
            i -= 1
            continue
        if words.odds[i] < words.threshold:
            break
        start, i = i, i - 1
    return start


def _kept(words: _Words, start: int, end: int, b: int, title: str) -> str:
    """The grown title from word ``start`` to ``end`` (``b`` ended the rules' title), tidied,
    less a seat on the panel after a dash; the rules' ``title`` when the growth is a remark
    in lower case, leaves a bracket unclosed, ends in a seat on the panel in brackets, or
    holds an address, a link or a phone number."""
    grown = words.between(start, end)
    after = words.text[words.spans[end][1] :][:1]
    if grown.count("(") > grown.count(")") and after == ")":
        grown += ")"
    added = words.text[words.spans[b][1] : words.spans[start][0] + len(grown)].lstrip(" ")
    if (
        grown.count("(") != grown.count(")")
        or _SEAT_IN_BRACKETS.search(grown)
        or NOT_A_TITLE.search(grown)
    ):
        return title
    if re.match(r"[,(–-]\s*[a-z]", added) and not title.islower():
        return title  # "Head of PMO, civvy"
    seat = _SEAT_AFTER.search(grown)
    if seat and (is_panel_role(seat[1]) or seat[1].lower() == "chairman"):
        grown = grown[: seat.start()]
    return tidy_title(grown)
