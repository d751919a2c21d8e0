"""The panel the candidate names: who they are, their titles, and which seat each takes.

Names and titles come from the intake's panel field, and from the people the round-one notes
and the recruiter's message put in the coming round (``reader``, ``coming``). The reader
runs a sentence parser on each field (``parse``: names in ``name_spans``, titles in
``title_spans``), keeps each person once (``same_person``, ``merged``) and, with the
taggers, drops whom they read as not in the room and fills in titles. E-mail
addresses, phone numbers, links and markup are removed first and never echoed (``text``).
A named panelist said to have doubts takes the doubting seat, one said to be in favour the
supporting seat (``leanings``); the rest fill the seats in the order written, those with a
title first. A seat nobody named keeps its generic persona, with a title fitting the role's
field (``seats``). A reason with one seat gives the next named person left over (by the same
order) a colleague's seat, so they ask too.
"""

from simulator.panel.panelist import Panelist
from simulator.panel.reader import MAX_PANEL, named_panel
from simulator.panel.seats import UNTITLED, cast, field_of, seat_the_rest
from simulator.panel.text import clean_text

__all__ = [
    "MAX_PANEL",
    "UNTITLED",
    "Panelist",
    "cast",
    "clean_text",
    "field_of",
    "named_panel",
    "seat_the_rest",
]
