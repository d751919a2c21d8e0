import pytest

from simulator.concern_finder import find_concern
from simulator.diagnosis import diagnose
from simulator.domain import REASONS, Intake


@pytest.mark.parametrize(
    ("intake", "reason"),
    [
        (
            {
                "recruiter_message": "Good news: the position is open again, the candidate we chose declined."
            },
            "second_choice",
        ),
        (
            {
                "recruiter_message": "We'd also like you to meet the manager of a different team, we think you may be a better fit there."
            },
            "different_role",
        ),
        (
            {
                "round1_notes": "The panel was split; one of the panel was unconvinced while the others were keen."
            },
            "split_panel",
        ),
        (
            {"round1_notes": "I fumbled the budgeting question and they seemed worried about it."},
            "specific_concern",
        ),
        (
            {
                "recruiter_message": "Congratulations, you progressed to the final round with two partners, as every candidate does."
            },
            "standard_process",
        ),
    ],
)
def test_clear_signals_are_recognised(intake: dict[str, str], reason: str) -> None:
    d = diagnose(Intake.from_dict(intake))
    assert d.reason == reason
    assert abs(sum(p for _, p in d.ranked) - 1.0) < 1e-6
    assert d.confidence == d.ranked[0][1]


def test_empty_intake_gets_a_neutral_reason_with_low_confidence() -> None:
    d = diagnose(Intake())
    assert d.reason == "standard_process"
    assert d.confidence < 0.3
    assert "no clear signal" in d.rationale


def test_override_wins_and_unknown_override_is_refused() -> None:
    d = diagnose(Intake(round1_notes="I fumbled a question"), override="split_panel")
    assert d.reason == "split_panel" and d.confidence == 1.0
    with pytest.raises(ValueError, match="unknown callback reason"):
        diagnose(Intake(), override="bogus")
    assert set(REASONS) == {r for r, _ in d.ranked}


def test_concern_phrase_is_found_in_round_one_notes() -> None:
    notes = "Overall fine, but I fumbled the question on SQL window functions and rambled."
    assert find_concern(Intake(round1_notes=notes)) == "SQL window functions"
    assert find_concern(Intake()) == ""
