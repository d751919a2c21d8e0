"""The panel's doubt read from round-one notes and the recruiter's message."""

from __future__ import annotations

import pytest

from simulator.concern import spoken
from simulator.concern_finder import MAX_CONCERN, find_concern
from simulator.domain import Intake


@pytest.mark.parametrize(
    ("notes", "message", "doubt"),
    [
        # A doubt voiced in the notes, in many ways.
        ("Marlize wasn't convinced about my modelling in Excel.", "", "my modelling in Excel"),
        ("Dr K thought I was too quiet for front desk :/", "", "being too quiet for front desk"),
        ("He said my court experience was a concern.", "", "my court experience"),
        ("Simon kept coming back to the 6-year gap.", "", "6-year gap"),
        (
            "She asked if I can handle ventilator patients alone.",
            "",
            "handling ventilator patients alone",
        ),
        (
            "Not convinced, felt I haven't handled a 483 response directly.",
            "",
            "handling a 483 response directly",
        ),
        (
            "He thinks I've not had enough experience with dementia residents.",
            "",
            "experience with dementia residents",
        ),
        (
            "Rebecca pushed hard on my advocacy experience - only two hearings.",
            "",
            "my advocacy experience",
        ),
        # The message says what the coming round is for.
        (
            "",
            "Hemi would like to catch up to talk through your pathway to CPEng.",
            "your pathway to CPEng",
        ),
        (
            "",
            "Dr Imran has requested a brief case-based discussion on antimicrobial stewardship.",
            "antimicrobial stewardship",
        ),
        (
            "",
            "The panel would like to ask you more about stakeholder management.",
            "stakeholder management",
        ),
    ],
)
def test_a_doubt_is_read_as_a_short_phrase(notes: str, message: str, doubt: str) -> None:
    assert find_concern(Intake(round1_notes=notes, recruiter_message=message)) == doubt


def test_the_doubt_of_the_issue_example_is_named_in_plain_words() -> None:
    notes = (
        "Round 1 went well on patient flow. Director of Nursing Raj Patel asked twice how I "
        "handle a nurse who is not pulling their weight; I talked about the rota instead."
    )
    assert spoken(find_concern(Intake(round1_notes=notes))) == (
        "handling a nurse who is not pulling their weight"
    )
    # The message's doubt wins over the notes' when they do not share a word: it says what
    # the coming round is for.
    message = "Raj wants to go deeper on performance management."
    doubt = find_concern(Intake(round1_notes=notes, recruiter_message=message))
    assert doubt == "performance management"


def test_a_doubt_the_message_echoes_wins_over_a_firmer_one_it_does_not() -> None:
    notes = (
        "Greg asked a ton about discipline referrals. I fumbled the data question, "
        "never formally led a data team."
    )
    message = "Dr Abernathy has a question about your experience leading data teams."
    assert find_concern(Intake(round1_notes=notes, recruiter_message=message)) == (
        "your experience leading data teams"
    )


@pytest.mark.parametrize(
    "message",
    [
        "We would like to invite you to a second interview on Thursday at 10am.",
        "If you have any questions about the role, let me know.",
        "Could we have a quick chat on Monday 20th January at 3pm?",
        "Let us know if you have further questions about parking.",
        "Hannah would like to have a follow-up conversation with you and Ms Farrell.",
    ],
)
def test_logistics_name_no_doubt(message: str) -> None:
    assert find_concern(Intake(recruiter_message=message)) == ""


def test_a_long_doubt_is_cut_at_a_word() -> None:
    notes = (
        "They want to go over my experience with housing applications and the Housing "
        "Assistance Payment scheme and the appeals process for the whole county."
    )
    doubt = find_concern(Intake(round1_notes=notes))
    assert doubt.startswith("my experience with housing applications")
    assert len(doubt) <= MAX_CONCERN and notes.count(doubt) == 1


def test_a_negation_typed_without_its_apostrophe_reads_as_one() -> None:
    notes = "dave rang after, said he's worried i havent done enough commercial and wants to see me do a board"
    assert find_concern(Intake(round1_notes=notes)) == "doing enough commercial"
    got = "she was worried i havent got my 2391 inspection & testing yet"
    assert find_concern(Intake(round1_notes=got)).startswith("getting my 2391")
