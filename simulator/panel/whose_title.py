"""Whose a title written near several names is: the person it is nearest, unless the way it
is written gives it to someone else ("Choi Dong-wook (Executive Director), Park Ji-hoon":
Choi's), or to this person although another name is nearer (a title on this person's line).

Words are counted by their index in the intake (``spans``: each word's start and end); a
title is a run of word indices (first, last).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

LOOK = 8  # words between a name and its title, at most


def gap(run: tuple[int, int], mention: int) -> int:
    """How many words lie between the title ``run`` and the word ``mention``."""
    return max(run[0] - mention, mention - run[1], 0)


def line_numbers(text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """The line each word of ``text`` is on, counted from 0."""
    starts = (i > 0 and "\n" in text[spans[i - 1][1] : spans[i][0]] for i in range(len(spans)))
    return list(itertools.accumulate(int(s) for s in starts))


def someone_elses(
    text: str,
    spans: Sequence[tuple[int, int]],
    run: tuple[int, int],
    named: tuple[Sequence[int], Sequence[int]],
    line_of: Sequence[int],
) -> bool:
    """Whether the title ``run``, near a mention of this person (``named``: their mentions,
    then everyone else's), is someone else's: it opens a bracket after another's name, it
    is on a line that names another and not this person ("• Marta Lasa – Directora
    Regional" over "• Jordi Puig i Ferrer – ..."), or another's mention is nearer, unless
    the run opens a bracket after this person's name or that mention is on another line
    than the run and this person's."""
    mentions, others = named
    if _bracketed_after(text, spans, run, mentions, others):
        return True
    line = line_of[run[0]]
    mine_line = any(line_of[m] == line for m in mentions)
    if not mine_line and any(line_of[m] == line for m in others):
        return True
    # "Choi Dong-wook (Executive Director), Park Ji-hoon": Choi's title, not Park's; and a
    # title on a line with this person's name is theirs, whoever the next line names
    if _bracketed_after(text, spans, run, others, mentions):
        return False
    near = min(gap(run, m) for m in mentions)
    rivals = [m for m in others if not mine_line or line_of[m] == line]
    return any(gap(run, m) < near for m in rivals)


def _bracketed_after(
    text: str,
    spans: Sequence[tuple[int, int]],
    run: tuple[int, int],
    mentions: Sequence[int],
    others: Sequence[int],
) -> bool:
    """Whether the title ``run`` opens a bracket written after a mention of someone else
    (``others``), with no mention of this person (``mentions``) between: "Ignacio
    Errázuriz (Gerente de Canales), Francisca Undurraga" gives Ignacio's title, however near
    Francisca it is."""
    before = [m for m in [*mentions, *others] if run[0] - LOOK <= m < run[0]]
    if not before or max(before) not in others:
        return False
    last = max(before)
    opened = text[spans[last][1] : spans[run[0]][0]]
    return "(" in opened and ")" not in opened and "\n" not in opened
