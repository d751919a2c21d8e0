"""A title read as initials alone is written out as the intake spells it elsewhere."""

from __future__ import annotations

import pytest

from simulator.domain import Intake
from simulator.panel import Panelist, named_panel
from simulator.panel.spelled_out import spelled_out
from tests.conftest import UnreadNames


@pytest.mark.parametrize(
    ("initials", "text", "expected"),
    [
        ("CMO", "la nostra CMO, Teodora.\nOur Chief Marketing Officer joins.", "Chief Marketing Officer"),
        ("CSO", "Dr Ilse Brandvold (CSO) ... our chief scientific officer", "chief scientific officer"),
        ("HRD", "the Head of People; our Human Resources Director", "Human Resources Director"),
        ("DoF", "DoF", "DoF"),  # not initials alone: kept as written
        ("PM", "a Project Manager and a Product Manager", "PM"),  # two ways: kept
        ("PM", "the project lead", "PM"),  # not spelled out: kept
        ("GM", "General Motors has a GM", "GM"),  # the run ends in no title's head word
        ("CFO", "Chief, Finance Officer", "CFO"),  # a comma breaks the run
        ("CEO", "Chief\nExecutive Officer", "CEO"),  # so does a new line
        ("VPE", "VP Engineering", "VPE"),  # initials inside are not spelled out
    ],
)  # fmt: skip
def test_initials_are_written_out_only_as_the_intake_spells_them_one_way(
    initials: str, text: str, expected: str
) -> None:
    assert spelled_out(initials, text) == expected


def test_the_named_panel_writes_out_a_title_given_as_initials() -> None:
    intake = Intake(
        panel="Teodora Vasilescu (CMO)",
        recruiter_message="Our Chief Marketing Officer will lead the panel.",
    )
    assert named_panel(intake) == [Panelist("Teodora Vasilescu", "CMO")]
    assert named_panel(intake, UnreadNames()) == [
        Panelist("Teodora Vasilescu", "Chief Marketing Officer")
    ]


def test_the_job_description_never_spells_out_a_panelist_s_title() -> None:
    # the job description spells out the role on offer, not the panel's titles
    intake = Intake(
        panel="Idris Okonkwo (MD)",
        job_description="We are looking for a midweight designer.",
    )
    assert named_panel(intake, UnreadNames()) == [Panelist("Idris Okonkwo", "MD")]
