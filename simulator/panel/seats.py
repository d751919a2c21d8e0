"""Which seat each named panelist takes: the doubter the doubting seat, the supporter the
supporting one, the rest in the order written, those with a title first; a seat nobody
named keeps its generic persona, with a title fitting the role's field
(``corpus/fields.yaml``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from simulator.domain import FieldTitles, Intake, Persona
from simulator.panel.panelist import Panelist

UNTITLED = "Panel member"  # a named person whose title nobody gave


def field_of(intake: Intake, fields: dict[str, FieldTitles]) -> str:
    """The field whose keywords the role and job description mention most."""
    text = f" {intake.role} {intake.job_description} {intake.company} ".lower()
    hits = {
        name: sum(len(re.findall(rf"\b{re.escape(k)}\b", text)) for k in spec.keywords)
        for name, spec in fields.items()
    }
    best = max(hits, key=lambda f: (hits[f], f == "general"), default="general")
    return best if hits.get(best) else "general"


def cast(
    seats: Sequence[Persona],
    panel: Sequence[Panelist],
    titles: FieldTitles | None,
) -> tuple[list[Persona], list[Panelist]]:
    """The seats with the named panelists in them, and the named people left without a
    seat (who are introduced, but do not ask)."""
    free = list(panel)
    chosen: dict[str, Panelist] = {}
    for stance, leaning in (("skeptical", "doubts"), ("supportive", "supports")):
        seat = next((s for s in seats if s.stance == stance and s.id not in chosen), None)
        person = next((p for p in free if p.leaning == leaning), None)
        if seat is not None and person is not None:
            chosen[seat.id] = person
            free.remove(person)
    for seat in seats:
        if seat.id not in chosen and free:
            chosen[seat.id] = free.pop(free.index(next_up(free)))
    out = []
    for seat in seats:
        default_title = (titles.titles.get(seat.id) if titles else None) or seat.role
        person = chosen.get(seat.id)
        if person is None:
            out.append(replace(seat, role=default_title))
        else:  # a named person's title is never made up
            out.append(replace(seat, name=person.name, role=person.title or UNTITLED))
    return out, free


def next_up(free: Sequence[Panelist]) -> Panelist:
    """Who takes the next open seat: the first written with a title, as one named with their
    title is more often on the panel than one named in passing ("Danny", beside "Duc Dang,
    Senior Software Engineer"); the first written when nobody has one."""
    return next((p for p in free if p.title), free[0])


def seat_the_rest(
    seated: Sequence[Persona], unseated: Sequence[Panelist], colleague: Persona | None
) -> tuple[list[Persona], list[Panelist]]:
    """A reason with one seat gives the next named person it left out (``next_up``) a
    colleague's seat, so that someone named is heard and not only introduced."""
    if colleague is None or len(seated) != 1 or not unseated:
        return list(seated), list(unseated)
    person = next_up(unseated)
    seat = replace(colleague, name=person.name, role=person.title or UNTITLED)
    return [*seated, seat], [p for p in unseated if p is not person]
