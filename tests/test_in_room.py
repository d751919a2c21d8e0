"""The learned table that drops, from the people the panel reader found, those outside the
coming round's room: it acts on the notes and the message, never on the panel field."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.domain import Intake
from simulator.errors import ModelUnavailableError
from simulator.panel import named_panel
from simulator.panel.in_room import _mentions, _table
from simulator.panel.reader import read_panel


def test_a_recruiter_from_round_one_who_will_not_be_there_is_dropped() -> None:
    intake = Intake(
        panel="final panel TBC",
        round1_notes=(
            "Final interview with a lady called Ms Pardo from recruitment, she is Madrid-based "
            "so won't be in Dubai."
        ),
    )
    assert [p.name for p in read_panel(intake)] == ["Ms Pardo"]  # the rules alone keep her
    assert named_panel(intake) == []


def test_whoever_a_message_says_will_meet_you_is_kept() -> None:
    intake = Intake(
        round1_notes="Round one was with Priya Shah and Tom Reyes.",
        recruiter_message="Dear Sam,\nTom Reyes would like to meet you again.\nBest,\nAnna Cole",
    )
    assert [p.name for p in named_panel(intake)] == ["Tom Reyes"]


@pytest.mark.parametrize(
    "panel",
    [
        "ruairi, camille, ngozi",
        "Jane Smith (Head of Product); Tom Lee - CTO",
        "interviewer: Check-in with Sol, then Ana Ruiz",
        "same as before minus Aroha",
    ],
)
def test_whom_the_panel_field_names_is_never_dropped(panel: str) -> None:
    notes = "Panel: Aroha Walker (Head of Data), Ben Fraser, Mere Tuhiwai (Analytics Lead)"
    intake = Intake(panel=panel, round1_notes=notes)
    assert named_panel(intake) == read_panel(intake)


def test_a_mention_counts_once_whichever_form_it_takes() -> None:
    text = "Tom Reyes joins; Tom said Reyes is fine"
    assert _mentions("Tom Reyes", text) == [(0, 9), (17, 20), (26, 31)]


def test_a_missing_table_says_how_to_rebuild_it(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match=r"evals\.train_panel"):
        _table(tmp_path / "in_room.json")
