"""Whether someone the round-one notes or the recruiter's message name is on the panel
even though no sentence puts them in the coming round, when the panel field already names
someone ("mere & raj" in the field, "Meredith Okafor and Rajesh Iyer" only in the
message). The rules keep only the people a sentence cues in; this table, fitted by
``python -m evals.train_panel --table uncued`` on the intakes used to build the reader,
judges the rest from the words around their mentions (``in_room.features``), the field
that names them, and how many people the panel field lists."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from simulator.domain import Intake
from simulator.panel.in_room import features, load_table, probability
from simulator.panel.panelist import Panelist
from simulator.panel.text import clean_text

TABLE = Path(__file__).parent / "tables" / "uncued.json"
FIELD_KEYS = {"round1_notes": "n", "recruiter_message": "m"}


def uncued_features(intake: Intake, person: Panelist, field: str, listed: int) -> dict[str, float]:
    """The features of ``person``, named in ``field`` ("round1_notes" or
    "recruiter_message") of an intake whose panel field lists ``listed`` people."""
    feats = {
        k: v
        for k, v in features(intake, person, 0, 1).items()
        if not k.startswith(("order=", "found="))
    }
    feats[f"src={FIELD_KEYS[field]}"] = 1.0
    feats[f"listed={min(listed, 4)}"] = 1.0
    feats.update(_links(clean_text(intake.panel), person))
    return feats


_WORDS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_MINOR = {"of", "and", "the", "for", "de", "du", "la", "le", "des", "del", "van", "von", "&"}


def _links(panel: str, person: Panelist) -> dict[str, float]:
    """How the panel field might write ``person`` without their name: by initials ("PJ"
    for Pieter-Jan), a short form ("Stevo" for Steve), or their title or its initials
    ("GM" for a General Manager)."""
    words = _WORDS.findall(panel)
    lower = {w.lower() for w in words}
    name = [w.lower() for w in _WORDS.findall(person.name)]
    parts = [x for w in name for x in re.split(r"[-'’]", w) if x]
    title = [w.lower() for w in _WORDS.findall(person.title) if w.lower() not in _MINOR]
    initials = {"".join(x[0] for x in parts), "".join(x[0] for x in parts[:-1])}
    feats: dict[str, float] = {}
    if any(w.replace("-", "") in initials for w in lower if len(w.replace("-", "")) >= 2):
        feats["link:initials"] = 1.0
    if any(_short_form(w, n) for w in lower for n in name if w != n):
        feats["link:short"] = 1.0
    if title and set(title) & {w for w in lower if len(w) > 2}:
        feats["link:title_word"] = 1.0
    if len(title) > 1 and "".join(t[0] for t in title) in lower:
        feats["link:title_initials"] = 1.0
    return feats


def _short_form(word: str, name: str) -> bool:
    """``word`` shares at least its first three letters with ``name`` and most of the
    shorter one ("mere" and "meredith", "stevo" and "steve")."""
    k = 0
    while k < min(len(word), len(name)) and word[k] == name[k]:
        k += 1
    return k >= 3 and k >= 0.6 * min(len(word), len(name))


def on_panel_anyway(
    intake: Intake, people: Sequence[tuple[Panelist, str]], listed: int
) -> list[Panelist]:
    """Those of ``people`` (each with the field that names them) the table gives at least
    its threshold's odds of being on the panel."""
    if not people:
        return []
    weights, intercept, threshold = load_table(TABLE)
    return [
        p
        for p, field in people
        if probability(uncued_features(intake, p, field, listed), weights, intercept) >= threshold
    ]
