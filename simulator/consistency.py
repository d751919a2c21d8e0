"""Spots an answer that contradicts the candidate's own round-one notes on a hard fact.

Facts are numbers with a unit (durations, team sizes, money, percentages). When the
answer states a different value for the same kind of fact, the persona asks about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty": 20,
}  # fmt: skip
_UNITS = {
    "year": "duration", "years": "duration", "month": "duration", "months": "duration",
    "people": "team", "reports": "team", "staff": "team", "engineers": "team", "nurses": "team",
    "%": "percent", "percent": "percent",
}  # fmt: skip
_FACT = re.compile(
    r"\b(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")\s*(%|percent\b|years?\b|months?\b|"
    r"people\b|reports\b|staff\b|engineers\b|nurses\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Fact:
    kind: str
    value: float
    text: str


# A number is a fact about the candidate only in context: "stayed 18 months", "led 4 people".
_CONTEXT = {
    "duration": re.compile(
        r"\b(stayed|worked|been|spent|was (there|at)|tenure|employed|for)\b", re.I
    ),
    "team": re.compile(
        r"\b(led|lead|managed|manage|team of|supervised|ran|headed|reports?)\b", re.I
    ),
    "percent": re.compile(r"\b(cut|reduced|increased|grew|improved|raised|lowered|by)\b", re.I),
}


def facts(text: str) -> list[Fact]:
    found = []
    for match in _FACT.finditer(text):
        raw, unit = match.group(1).lower(), match.group(2).lower()
        value = float(_NUMBER_WORDS.get(raw, raw))
        kind = _UNITS[unit]
        before = text[max(0, match.start() - 30) : match.start()]
        if not _CONTEXT[kind].search(before):
            continue

        if unit.startswith("year"):
            value *= 12  # compare durations in months
        found.append(Fact(kind, value, match.group(0)))
    return found


def contradiction(round1_notes: str, answer: str) -> tuple[str, str] | None:
    """(what round one said, what the answer says) for the first clash, if any."""
    before = facts(round1_notes)
    if not before:
        return None
    for fact in facts(answer):
        same_kind = [b for b in before if b.kind == fact.kind]
        # Only a clear clash: more than a quarter apart from everything said before.
        if same_kind and all(
            abs(b.value - fact.value) > 0.25 * max(b.value, fact.value) for b in same_kind
        ):
            return same_kind[0].text, fact.text

    return None
