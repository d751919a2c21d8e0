"""Who the panel reader seats, and under which name: a nickname in brackets after a full
name, a panel field typed in capitals, a given name that is an everyday word after "of",
and a town with its state in an address."""

from __future__ import annotations

from simulator.domain import Intake
from simulator.panel import named_panel
from simulator.panel.aliases import aliases, with_full_names
from simulator.panel.reader import read_panel
from simulator.panel.text import normalise


def _names(panel: str, **intake: str) -> list[str]:
    return [p.name for p in named_panel(Intake(panel=panel, **intake))]


def _seated(panel: str, **intake: str) -> list[tuple[str, str]]:
    return [(p.name, p.title) for p in named_panel(Intake(panel=panel, **intake))]


def test_a_given_name_in_brackets_after_a_full_name_is_what_they_go_by() -> None:
    text = "Park Min-seo (Sophie) | Design Lead\nSophie Park ran the portfolio review."
    assert aliases([text]) == {"sophie": "Park Min-seo"}
    assert with_full_names(text, aliases([text])) == (
        "Park Min-seo | Design Lead\nPark Min-seo ran the portfolio review."
    )


def test_a_name_someone_is_called_after_a_cue_in_brackets() -> None:
    text = "You will meet Tobias Brenner (Head of Data, everyone calls him TB) on Friday."
    assert aliases([text]) == {"tb": "Tobias Brenner"}
    assert "(Head of Data)" in with_full_names(text, aliases([text]))
    # a title or a place in brackets is no name
    assert aliases(["Meet Tobias Brenner (Director) and Ana Ruiz (Lisbon)."]) == {}


def test_a_panel_field_nicknamed_is_seated_under_the_full_name() -> None:
    found = _seated(
        "Chen + TB",
        recruiter_message=(
            "Hi Sam, the final round is with Chen Wen-li (Head of Design) and Tobias Brenner "
            "(Head of Data, everyone calls him TB)."
        ),
    )
    assert found == [("Chen Wen-li", "Head of Design"), ("Tobias Brenner", "Head of Data")]


def test_a_panel_field_typed_in_capitals_names_people() -> None:
    panel = "OSKAR + NEW FINANCE DIRECTOR (SWEDISH GUY)"
    assert [p.name for p in read_panel(Intake(panel=panel))] == ["Oskar"]


def test_a_given_name_that_is_an_everyday_word_after_of() -> None:
    found = read_panel(
        Intake(
            panel="Deputy Director, Program Manager",
            recruiter_message=(
                "Dear Applicant,\n\nThe second interview panel will consist of Will Hartley, "
                "Deputy Director; Nora Quint, Program Manager; and someone from HR.\n\n"
                "The interview is at 12 Main St., Dayton, OH 45402, Room 3."
            ),
        )
    )
    assert [p.name for p in found] == ["Will Hartley", "Nora Quint"]


def test_whom_an_invitation_lists_under_its_panel_header_is_seated() -> None:
    found = named_panel(
        Intake(
            panel="Greta + ops people",
            round1_notes="Round one with Greta Holm (Plant Manager) and Ivo from HR, who was nice.",
            recruiter_message=(
                "Dear Sam,\n\nThank you for your time last week. We are pleased to invite you to "
                "a second interview on site.\n\nInterview panel:\n"
                "Greta Holm – Plant Manager\n"
                "Pieter Claes – Maintenance Lead\n"
                "Ivo Marchetti – HR Advisor\n\n"
                "Kind regards,\nIvo Marchetti\nHR Advisor"
            ),
        )
    )
    assert [p.name for p in found] == ["Greta Holm", "Pieter Claes", "Ivo Marchetti"]


def test_a_title_typed_in_capitals_reads_its_joining_words_in_lower_case() -> None:
    assert normalise("MARTA OSEI - DIRECTOR OF FINANCE AND RISK") == (
        "Marta Osei - Director of Finance and Risk"
    )
