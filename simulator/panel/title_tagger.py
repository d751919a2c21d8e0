"""Which words of an intake give the job title of someone in the coming round's room:
all-MiniLM-L6-v2 with low-rank adapters and a head on each token
(``tables/title_tagger.npz``, fitted by ``python -m evals.train_name_tagger --titles`` on
labelled intakes, as the name tagger is).

The panel reader uses it for two things: someone it seats with no title gets the run of
words beside one of their mentions that reads as a title ("Estarão presentes Sandra
Figueiredo, Chefe de Redação, e ..."), copied as the intake writes it; and a title the rules
read grows by the words next to it that read as a title's ("Chief General Manager (Offshore
Drilling)", ``fuller_title``). It never shortens or replaces a title, and names no one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import numpy as np

from simulator.adapters import AdapterTables
from simulator.model_pool import ModelPool
from simulator.panel.fuller_title import JOINERS, NOT_A_TITLE, fuller_title
from simulator.panel.name_tagger import (
    WORD,
    TokenTagger,
    fold,
    name_words,
    token_word_index,
    word_spans,
)
from simulator.panel.panelist import Panelist
from simulator.panel.text import signs_off
from simulator.panel.whose_title import LOOK, gap, line_numbers, someone_elses

TITLE_TABLE = Path(__file__).parent / "tables" / "title_tagger.npz"
NEAR = 12  # words either side of a mention within which the trainer labels a title
TITLED = 0.5  # a word reads as part of the title at least this likely


class TitleTaggerTables(AdapterTables):
    """The title tagger's adapters and per-token head."""

    owner: ClassVar[str] = "The panel's title tagger"
    rebuild: ClassVar[str] = "python -m evals.train_name_tagger --titles"


def title_word_marks(text: str, people: Sequence[dict[str, str]]) -> list[bool]:
    """For each word of ``text``: whether it is a word of the title of one of ``people``
    (``name``, ``title``) within ``NEAR`` words of a word of their name. What the trainer
    labels."""
    words = [fold(text[s:e]) for s, e in word_spans(text)]
    marks = [False] * len(words)
    for person in people:
        wanted = {fold(w) for w in WORD.findall(person["title"])} - JOINERS
        named = set(name_words(person["name"]))
        at = [i for i, w in enumerate(words) if w in named]
        for i, w in enumerate(words):
            if w in wanted and any(abs(i - j) <= NEAR for j in at):
                marks[i] = True
    return marks


class TitleTagger(TokenTagger):
    """Each word's probability of being part of the title of someone in the room; the
    model is built on first use and shared by the threads of one server."""

    def word_odds(self, text: str) -> list[float]:
        """The highest probability any token of each word of ``text`` gets, in order."""
        spans = word_spans(text)
        best = [0.0] * len(spans)
        for offsets, odds in self.token_odds(text):
            for k, i in enumerate(token_word_index(spans, offsets)):
                if i >= 0:
                    best[i] = max(best[i], float(odds[k]))
        return best

    def titled(self, text: str, people: Sequence[Panelist]) -> list[Panelist]:
        """``people``, each with no title given the title ``text`` writes beside one of
        their mentions, if any, and each title the rules read made as full as ``text``
        writes it (``fuller_title``); the model does not run for no one."""
        if not people:
            return []
        odds = self.word_odds(text)
        spans = word_spans(text)
        names = [p.name for p in people]
        return [
            replace(p, title=fuller_title(text, spans, odds, p.name, p.title, names, TITLED))
            if p.title
            else replace(p, title=title_beside(text, spans, odds, p.name, names))
            for p in people
        ]


def title_beside(
    text: str,
    spans: Sequence[tuple[int, int]],
    odds: Sequence[float],
    name: str,
    names: Sequence[str] = (),
) -> str:
    """The run of title words (joiners allowed inside a run, not at its ends) nearest a
    mention of ``name``, within ``LOOK`` words and no nearer a mention of anyone else of
    ``names``, as ``text`` writes it; the likelier run when two are as near; "" if none."""
    words = [fold(text[s:e]) for s, e in spans]
    mine = set(name_words(name))
    theirs = {w for other in names for w in name_words(other)} - mine
    # A word of both names ("Delgado" for Norma Delgado and Ray Delgado Jr.) beside a word of
    # only the other's is a mention of the other.
    # Not when the other holds every word of the name: that is the same person written
    # out ("Lan Nguyen" and "Nguyen Thi Lan").
    shared = {
        w for other in names if not mine <= set(name_words(other)) for w in name_words(other)
    } & mine
    theirs_at = {
        i
        for i, w in enumerate(words)
        if w in theirs or (w in shared and _beside(words, i) & theirs)
    }
    firm = _firm_words(text, words) - mine
    mentions = [
        i
        for i, w in enumerate(words)
        if w in mine and i not in theirs_at and not _beside(words, i) & firm
    ]
    others = sorted(theirs_at)
    best: tuple[int, float, int, int] | None = None
    line_of = line_numbers(text, spans)
    for run in _runs(words, odds, mine | theirs, line_of):
        start = spans[run[0]][0]
        line = text[text.rfind("\n", 0, start) + 1 :].split("\n", 1)[0]
        if signs_off(line):  # "Pozdrawiam," above the sender's name is no title
            continue
        near = min((gap(run, m) for m in mentions), default=LOOK + 1)
        if near > LOOK or someone_elses(text, spans, run, (mentions, others), line_of):
            continue
        said = [odds[i] for i in range(run[0], run[1] + 1) if words[i] not in JOINERS]
        key = (-near, float(np.mean(said)), *run)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        return ""
    title = text[spans[best[2]][0] : spans[best[3]][1]]
    if title.count("(") > title.count(")"):
        title = title.split("(")[0]  # "Deputy Director (vacancy holder"
    elif title.count(")") > title.count("("):
        title = title.split(")")[-1]  # "Toño), Registrador": a nickname's bracket before it
    # Markup, an address, a link or a phone number is never echoed as a title.
    return "" if NOT_A_TITLE.search(title) else title.strip(" ,;:-–")


def _beside(words: Sequence[str], i: int) -> set[str]:
    """The words just before and just after word ``i``."""
    return {*words[max(0, i - 1) : i], *words[i + 1 : i + 2]}


def _firm_words(text: str, words: Sequence[str]) -> set[str]:
    """The words of the company's name when ``text`` starts with it ("Company: Delgado & Sons
    Heating and Air"): a surname beside them ("Delgado & Sons") names the firm, not anyone."""
    if not text.startswith("Company:"):
        return set()
    first = len(WORD.findall(text.split("\n", 1)[0]))
    return {w for w in words[1:first] if w not in JOINERS and len(w) > 3}


def _runs(
    words: Sequence[str], odds: Sequence[float], named: set[str], line_of: Sequence[int]
) -> list[tuple[int, int]]:
    """Maximal runs of words reading as a title (no word of a name), joined by joiners,
    each within one line (``line_of``: each word's line)."""
    runs: list[tuple[int, int]] = []
    start = end = -1
    for i, w in enumerate(words):
        if odds[i] < TITLED or w in named or w in JOINERS:
            continue
        gap = range(end + 1, i)
        joined = start >= 0 and i - end <= 3 and all(words[k] in JOINERS for k in gap)
        if joined and line_of[i] == line_of[end]:
            end = i
            continue
        if start >= 0:
            runs.append((start, end))
        start = end = i
    if start >= 0:
        runs.append((start, end))
    return runs


def packaged_title_tagger(pool: ModelPool | None = None) -> TitleTagger:
    """The title tagger of the packaged tables, one per model pool."""
    return (pool or ModelPool()).get(
        ("title-tagger", str(TITLE_TABLE)),
        lambda: TitleTagger(TitleTaggerTables.load(TITLE_TABLE)),
    )
