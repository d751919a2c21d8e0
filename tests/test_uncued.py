"""The learned table that judges whom the notes and message name with no sentence putting
them in the coming round, when the panel field names someone: the rules leave them out,
the table can bring them back."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.domain import Intake
from simulator.errors import ModelUnavailableError
from simulator.panel import named_panel, reader, uncued
from simulator.panel.in_room import load_table
from simulator.panel.panelist import Panelist
from simulator.panel.reader import uncued_people

# The panel field writes one name and a post; only the message says who holds it.
PLANT = Intake(
    role="Ingeniero de Procesos",
    company="Aceros del Bajío",
    panel="Marisol Quintero + plant manager",
    recruiter_message=(
        "Buen día Daniel, la segunda entrevista será el jueves a las 10:00 en planta. "
        "Le recibirán la Ing. Marisol Quintero Vela y el Ing. Rodrigo Alcázar, Gerente de "
        "Planta. Favor de traer zapato de seguridad. Saludos, Lupita"
    ),
)
# The panel field shortens a surname ("V-W"); the message's list writes it whole.
SHORTENED = Intake(
    role="Fraud Analyst",
    company="Sable Bank",
    panel="Thandiwe Mokoena, Pieter V-W, HR rep TBC",
    recruiter_message=(
        "Good day Lerato,\n\nVenue: 12 Rivonia Road, Sandton\n\nThe panel:\n"
        "Thandiwe Mokoena – Head: Fraud Risk\n"
        "Pieter van der Westhuizen – Senior Forensic Investigator\n\n"
        "Please bring your ID.\nRegards\nNomsa"
    ),
)


@pytest.mark.parametrize(
    ("intake", "brought_back"),
    [
        (PLANT, ("Rodrigo Alcázar", "Gerente de Planta")),
        (SHORTENED, ("Pieter van der Westhuizen", "Senior Forensic Investigator")),
    ],
)
def test_whom_the_panel_field_writes_another_way_is_brought_back(
    intake: Intake, brought_back: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, people, _ = uncued_people(intake)
    assert brought_back[0] in [p.name for p, _ in people]  # no sentence cues them in
    assert brought_back in [(p.name, p.title) for p in named_panel(intake)]
    # the rules alone leave them out
    monkeypatch.setattr(reader, "on_panel_anyway", lambda *a: [])
    assert brought_back[0] not in [p.name for p in named_panel(intake)]


def test_someone_the_notes_only_mention_stays_out() -> None:
    intake = Intake(
        panel="Dave Okoro (produce lead)",
        round1_notes="rd 1 with Dave - friendly. He said Marta Lindqvist left last year.",
        recruiter_message="Round two Thursday 10am. Cheers, Pat (HR)",
    )
    _, people, _ = uncued_people(intake)
    assert [p.name for p, _ in people] == ["Marta Lindqvist"]
    assert [p.name for p in named_panel(intake)] == ["Dave Okoro"]


def test_with_a_panel_field_that_names_no_one_there_is_nothing_to_judge() -> None:
    intake = Intake(panel="", round1_notes="Met Dave Okoro and Marta Lindqvist.")
    assert uncued_people(intake)[1] == []
    assert uncued.on_panel_anyway(intake, [], 0) == []


def test_a_missing_table_says_how_to_rebuild_it(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match=r"train_panel --table uncued"):
        load_table(tmp_path / "uncued.json")


def test_the_features_say_which_field_names_them_and_how_the_panel_field_may() -> None:
    intake, people, listed = uncued_people(PLANT)
    person: Panelist = people[0][0]
    feats = uncued.uncued_features(intake, person, "recruiter_message", listed)
    assert feats["src=m"] == feats[f"listed={listed}"] == feats["title=planta"] == 1.0
    assert "order=0" not in feats and "found=1" not in feats
    pj = uncued.uncued_features(
        Intake(panel="PJ, Stevo"), Panelist("Pieter-Jan Claes", ""), "round1_notes", 2
    )
    assert pj["link:initials"] == 1.0 and "link:short" not in pj
    steve = uncued.uncued_features(
        Intake(panel="PJ, Stevo"), Panelist("Steve Kowal", ""), "recruiter_message", 2
    )
    assert steve["link:short"] == 1.0 and steve["src=m"] == 1.0
    gm = uncued.uncued_features(
        Intake(panel="Dave, GM"), Panelist("Ana Ruiz", "General Manager"), "round1_notes", 1
    )
    assert gm["link:title_initials"] == 1.0
