"""The panel's doubt as a phrase any question can hold."""

from __future__ import annotations

import pytest

from simulator.concern import gerund, noun_phrase, spoken


@pytest.mark.parametrize(
    ("notes_phrase", "said"),
    [
        (
            "how I deal with underperformance in my team",
            "dealing with underperformance in your team",
        ),
        ("how I handled the budget", "handling the budget"),
        ("how well I manage conflict", "managing conflict"),
        ("how I'd cope with night shifts", "coping with night shifts"),
        ("how I run my meetings", "running your meetings"),
        ("my budgeting", "your budgeting"),
        ("stakeholder management", "stakeholder management"),
    ],
)
def test_a_doubt_from_the_notes_is_said_to_the_candidate_as_a_noun_phrase(
    notes_phrase: str, said: str
) -> None:
    assert spoken(notes_phrase) == said


@pytest.mark.parametrize(
    ("verb", "form"),
    [("deal", "dealing"), ("handle", "handling"), ("run", "running"), ("lie", "lying"),
     ("see", "seeing"), ("led", "leading"), ("negotiated", "negotiating"), ("dealt", "dealing"),
     ("been", "being"), ("done", "doing"), ("submit", "submitting"), ("gone", "going")],
)  # fmt: skip
def test_gerunds(verb: str, form: str) -> None:
    assert gerund(verb) == form


def test_a_phrase_that_is_not_a_how_clause_is_kept_as_written() -> None:
    assert noun_phrase("  the gap in my CV ") == "the gap in my CV"
