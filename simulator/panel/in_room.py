"""Whether each person the reader found is in the coming round's room: a logistic
regression over the words around their mentions, fitted by ``python -m evals.train_panel``
on labelled intakes (most written blind). It only ever drops someone the reader found in
the notes or the recruiter's message; it adds no one, and keeps whoever the panel field
names.

Its features are binary: the words just before and after each mention in each field, how
often each field mentions the person, whether they sign or are greeted by a message, their
title's words, and where they come in the list."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from pathlib import Path

from simulator.domain import Intake
from simulator.errors import ModelUnavailableError
from simulator.panel.panelist import Panelist
from simulator.panel.text import clean_text, greeted, signer
from simulator.panel.words import unaccented

TABLE = Path(__file__).parent / "tables" / "in_room.json"
FIELDS = {"panel": "p", "round1_notes": "n", "recruiter_message": "m"}
WINDOW = 5  # words each side of a mention
MAX_MENTIONS = 4
_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
_ADDRESS_LOCAL = re.compile(r"([\w.'-]+)@[\w-]+(?:\.[\w-]+)+")


# The table: constant data, read on first use, not at import.
_loaded: dict[Path, tuple[dict[str, float], float, float]] = {}


def _table(path: Path = TABLE) -> tuple[dict[str, float], float, float]:
    if path not in _loaded:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            _loaded[path] = weights, float(data["intercept"]), float(data["threshold"])
        except (OSError, ValueError, KeyError, AttributeError) as exc:
            raise ModelUnavailableError(
                f"The panel reader's table is missing or unreadable at {path}; "
                "rebuild it with `python -m evals.train_panel`."
            ) from exc
    return _loaded[path]


def in_room(intake: Intake, people: Sequence[Panelist]) -> list[Panelist]:
    """``people`` less those the table gives low odds of being in the room; never someone
    the panel field itself names."""
    weights, intercept, threshold = _table()
    return [
        p
        for k, p in enumerate(people)
        if named_in_panel(intake, p)
        or probability(features(intake, p, k, len(people)), weights, intercept) >= threshold
    ]


def named_in_panel(intake: Intake, person: Panelist) -> bool:
    """Whether the panel field writes the person's name, first name or surname, or an
    e-mail address of theirs (the address is only compared, never kept)."""
    return bool(_mentions(person.name, clean_text(intake.panel))) or _addressed(
        person.name, intake.panel
    )


def _addressed(name: str, panel: str) -> bool:
    """Whether an e-mail address in ``panel`` is made of the person's given name, or its
    first letter, and then their surname: "aisling.breathnach@" and "f.adeyemi-johnson@"
    for Aisling Breathnach and Folake Adeyemi-Johnson."""
    words = [_plain(w) for w in name.split()]
    if len(words) < 2 or len(words[0]) < 2 or len(words[-1]) < 2:
        return False
    given, surname = words[0], words[-1]
    for local in _ADDRESS_LOCAL.findall(panel):
        parts = [x for x in re.split(r"[._]", _plain(local)) if x]
        if len(parts) >= 2 and parts[-1] == surname and parts[0] in (given, given[0]):
            return True
    return False


def _plain(word: str) -> str:
    """Lower case, without accents or apostrophes, as in an address ("Wiśniewski" is
    "wisniewski", "O'Connell" is "oconnell")."""
    return unaccented(word.lower()).replace("'", "").replace("’", "")


def probability(feats: dict[str, float], weights: dict[str, float], intercept: float) -> float:
    z = intercept + sum(weights.get(f, 0.0) * v for f, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def features(intake: Intake, person: Panelist, index: int, count: int) -> dict[str, float]:
    """The person's features in this intake (``index`` of ``count`` people found)."""
    feats = {
        f"words={min(len(person.name.split()), 3)}": 1.0,
        "titled": float(bool(person.title)),
        f"order={min(index, 5)}": 1.0,
        f"found={min(count, 8)}": 1.0,
        "panel_empty": float(not intake.panel.strip()),
    }
    feats.update({f"title={w}": 1.0 for w in re.findall(r"[a-z]+", person.title.lower())})
    for field, key in FIELDS.items():
        text = clean_text(getattr(intake, field))
        feats.update(_mention_features(key, text, person.name))
        if field != "panel":
            words = {w.lower() for w in person.name.split()}
            if words & signer(text):
                feats[f"{key}:signer"] = 1.0
            if words & greeted(text):
                feats[f"{key}:greeted"] = 1.0
    return feats


def _mention_features(key: str, text: str, name: str) -> dict[str, float]:
    spans = _mentions(name, text)
    feats = {f"{key}:count={min(len(spans), 3)}": 1.0}
    for start, end in spans[:MAX_MENTIONS]:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end) % (len(text) + 1)  # the words on the mention's line
        before = _WORD.findall(text[max(line_start, start - 60) : start].lower())[-WINDOW:]
        after = _WORD.findall(text[end : min(line_end, end + 60)].lower())[:WINDOW]
        for k, w in enumerate(reversed(before)):
            feats[f"{key}:b:{w}"] = 1.0
            if k == 0:
                feats[f"{key}:b1:{w}"] = 1.0
        for k, w in enumerate(after):
            feats[f"{key}:a:{w}"] = 1.0
            if k == 0:
                feats[f"{key}:a1:{w}"] = 1.0
        feats[f"{key}:line_pos={min(start - line_start, 3)}"] = 1.0
    return feats


def _mentions(name: str, text: str) -> list[tuple[int, int]]:
    """Where ``text`` writes the name, its first word or its last word."""
    words = [w for w in name.split() if len(w) > 1]
    forms = {name} | ({words[0], words[-1]} if len(words) > 1 else set())
    spans = {
        (m.start(), m.end())
        for form in forms
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(form)}(?![\w'’-])", text, re.IGNORECASE)
    }
    # "Tom Reyes" once, not again as "Tom" and "Reyes"
    return sorted(
        (a, b)
        for a, b in spans
        if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans)
    )
