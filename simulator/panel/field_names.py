"""People the panel field names by a word of their name, whom the rest of the reader left
out: "rosario bustos y el gerente de operaciones" for Rosario Bustos Arancibia, Jefa de
Control de Calidad, whom the recruiter's message names in full; "SHAUN TRANSPORT MGR" for
Shaun Ridley.

The field is what the candidate wrote as the panel, so a name in it puts that person in
the room, however it is written. Only someone the intake names in full counts: two words of
name or more, each capitalised, none a title's; a given name known as one, or a title
written with them. The word the field shares with them must be one no one already on the
panel has ("Rodrigo Bañuelos + Vale" adds no other Rodrigo), and three letters or more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from simulator.name_words import could_be_name, is_first_name
from simulator.panel.panelist import Panelist
from simulator.panel.same_person import plain_words, same_person
from simulator.panel.words import PARTICLES, is_head


def named_in_field(
    field: str, panel: Sequence[Panelist], candidates: Sequence[Panelist]
) -> list[Panelist]:
    """The ``candidates`` not on ``panel`` whom the panel ``field`` names by a word of their
    name that no one on the panel has, in the order found."""
    words = set(plain_words(re.sub(r"[^\w'’-]+", " ", field)))
    covered = {w for p in panel for w in plain_words(p.name)}
    added: list[Panelist] = []
    for person in candidates:
        if same_person(person.name, [p.name for p in [*panel, *added]]) is not None:
            continue
        shared = {w for w in set(plain_words(person.name)) & words - covered if len(w) >= 3}
        if shared and _named_in_full(person):
            added.append(person)
    return added


def _named_in_full(person: Panelist) -> bool:
    """Whether ``person`` is written by a name in full: two words or more, no honorific,
    each capitalised, none a title's or a particle first, and a known given name or a
    title with it."""
    words = person.name.split()
    return (
        len(words) >= 2
        and len(plain_words(person.name)) == len(words)
        and all(w[:1].isupper() for w in words)
        and not any(is_head(w) for w in words)
        and words[0].lower() not in PARTICLES
        and could_be_name(words)
        and (is_first_name(words[0].split("-")[0]) or bool(person.title))
    )
