"""The interview tab says which doubt the panel will press on, as read from the intake."""

from __future__ import annotations

from simulator.domain import Intake
from simulator.services import Services
from ui import handlers


def test_the_doubt_read_is_shown_before_the_session_goes_far(services: Services) -> None:
    notes = "Raj asked twice how I handle a nurse who is not pulling their weight."
    view = services.start(
        Intake(role="Ward manager", round1_notes=notes), reason="specific_concern"
    )
    shown = handlers.diagnosis_markdown(view, services)
    assert (
        "**The doubt the panel will press on:** handling a nurse who is not pulling their weight"
        in shown
    )


def test_no_doubt_found_says_how_to_name_one(services: Services) -> None:
    view = services.start(Intake(role="Ward manager"), reason="split_panel")
    shown = handlers.diagnosis_markdown(view, services)
    assert "No doubt found in your notes" in shown and "The doubt the panel" not in shown
    # A reason with no doubt to press says nothing about one.
    view = services.start(Intake(role="Ward manager"), reason="standard_process")
    assert "doubt" not in handlers.diagnosis_markdown(view, services).lower()


def test_the_doubt_shown_is_never_markup(services: Services) -> None:
    notes = "They were not convinced about my <b>budgeting</b> [link](http://x.test)."
    view = services.start(Intake(role="Analyst", round1_notes=notes), reason="specific_concern")
    shown = handlers.diagnosis_markdown(view, services)
    line = next(ln for ln in shown.splitlines() if ln.startswith("**The doubt"))
    assert "<b>" not in line and "](" not in line and "budgeting" in line
