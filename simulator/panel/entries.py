"""Entries written in other ways, rewritten as "Name – Title" or "Given Surname" before the
panel is read: a pasted profile card ("Raj Patel · 3rd" over "Head of Maths at Oakfield"),
a list entry with the surname first in capitals ("DUBOIS Marie-Hélène"), and a note
"Becky Hale = General Manager"."""

from __future__ import annotations

import re

from simulator.name_words import could_start_name
from simulator.panel.words import TITLE_WORDS, bare, has_head, is_head


def as_entries(text: str) -> str:
    """``text`` with each such entry rewritten."""
    text = _PROFILE.sub(_profile_entry, text)
    text = _CAPS_SURNAME_FIRST.sub(_given_name_first, text)
    return _EQUALS_TITLE.sub(_titled_entry, text)


# A list entry written SURNAME Given ("VAN DEN BROECK Pieter; CLAES Els").
_CAPS_SURNAME_FIRST = re.compile(
    r"(?<![\w'’-])(?P<surname>(?:[A-ZÀ-Ý][A-ZÀ-Ý'’-]+[ \t]+){0,3}[A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,})[ \t]+"
    r"(?P<given>[A-ZÀ-Ý][a-zß-ÿ]+(?:-[A-ZÀ-Ý][a-zß-ÿ]+)?)(?=[ \t]*(?:[;,\n]|$))"
)


def _given_name_first(match: re.Match[str]) -> str:
    """A SURNAME Given entry written Given Surname; a title written in capitals before a
    word ("HR Manager", "CEO Office") is left alone."""
    surname, given = match.group("surname"), match.group("given")
    caps = surname.split()
    particles = {"van", "von", "de", "den", "der", "du", "le", "la", "da", "di", "dos", "das"}
    titled = any(
        bare(w) in TITLE_WORDS or len(w) <= 3 for w in caps if w.lower() not in particles
    )  # "HR", "CEO", "NHS", "MANAGER"
    if titled or not could_start_name(given) or is_head(given):
        return match.group(0)
    written = [w.lower() if w.lower() in particles else w.capitalize() for w in caps]
    written[0] = written[0][:1].upper() + written[0][1:]
    return f"{given} {' '.join(written)}"


# "Name = Title" in notes ("Becky Hale = General Manager"); "Dee = Deandre Williams" is a
# name written two ways (``simulator.panel.aliases``).
_EQUALS_TITLE = re.compile(
    r"^(?P<lead>[ \t]*(?:[-*•][ \t]*)?)(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2})"
    r"[ \t]*=[ \t]*(?P<title>[^\n=]{2,80})$",
    re.MULTILINE,
)


def _titled_entry(match: re.Match[str]) -> str:
    """A note "Name = Title" as a "Name – Title" entry, when the right side holds a title
    word; "Dee = Deandre Williams" is left alone."""
    title = match.group("title")
    head = re.split(r"[.,;(]", title, maxsplit=1)[0]
    if not has_head(head):
        return match.group(0)
    return f"{match.group('lead')}{match.group('name')} – {title}"


# A pasted professional-network card: a name with its degree of connection, then a headline.
_PROFILE = re.compile(
    r"^[ \t]*(?P<name>[^\n·•]{2,60}?)[ \t]*[·•][ \t]*(?:1st|2nd|3rd\+?)[ \t]*\n"
    r"[ \t]*(?P<headline>[^\n]{2,120})$",
    re.MULTILINE,
)


def _profile_entry(match: re.Match[str]) -> str:
    """A profile card as a "Name – Title" entry ("Head of Mathematics at Oakfield Academy" is
    the title "Head of Mathematics")."""
    title = re.split(r"\s+(?:at|@)\s+", match.group("headline"), maxsplit=1)[0]
    return f"{match.group('name').strip()} – {title.strip()}"
