"""The panel the candidate names: names and titles read from the intake, cast into seats,
and whatever else the field held (addresses, numbers, markup) never echoed."""

from __future__ import annotations

from pathlib import Path

from simulator.corpus import load_corpus
from simulator.domain import Intake
from simulator.panel import MAX_PANEL, cast, field_of, named_panel
from simulator.planner import personas_for

CORPUS = load_corpus(Path(__file__).resolve().parents[1] / "corpus")


def _names(panel: str, **intake: str) -> list[tuple[str, str]]:
    return [(p.name, p.title) for p in named_panel(Intake(panel=panel, **intake))]


def test_names_and_titles_in_either_order() -> None:
    assert _names("Matron Helen Ose, Director of Nursing Raj Patel") == [
        ("Helen Ose", "Matron"),
        ("Raj Patel", "Director of Nursing"),
    ]
    assert _names("Jane Smith (Head of Product); Tom Lee - CTO") == [
        ("Jane Smith", "Head of Product"),
        ("Tom Lee", "CTO"),
    ]


def test_people_named_only_in_the_notes_and_not_the_sender_or_the_candidate() -> None:
    found = _names(
        "",
        round1_notes="Priya Shah seemed unconvinced about my budgeting.",
        recruiter_message="Dear Sam,\nYou'll meet Tom Reyes, our Head of Product.\nBest,\nAnna Cole",
    )
    assert found == [("Priya Shah", ""), ("Tom Reyes", "Head of Product")]


def test_no_names_titles_only_and_prose_without_people() -> None:
    assert _names("two partners, one from corporate and one from disputes") == []
    assert _names("Same as last time I think") == []
    assert _names("") == []


def test_twelve_names_are_cut_to_a_panel() -> None:
    many = "; ".join(f"Person{chr(65 + i)} Surname{chr(65 + i)}" for i in range(12))
    found = _names(many)
    assert len(found) == MAX_PANEL and found[0][0] == "PersonA SurnameA"


def test_addresses_numbers_and_markup_are_never_echoed() -> None:
    found = named_panel(
        Intake(
            panel="<b>Ana Lopez</b> ana.lopez@example.com +44 7700 900123, "
            "<script>alert(1)</script>Head of Finance"
        )
    )
    text = repr(found)
    assert "Ana Lopez" in text
    for bad in ("@", "7700", "<", "script", "alert"):
        assert bad not in text


def test_the_doubter_takes_the_doubting_seat_and_unnamed_seats_fit_the_field() -> None:
    intake = Intake(
        role="Ward Manager",
        job_description="Lead a 28-bed surgical ward in an NHS hospital.",
        round1_notes="Sara Lind loved my rota work, but Omar Said had doubts about my budgeting.",
    )
    seats, rest = cast(
        personas_for("split_panel", CORPUS),
        named_panel(intake),
        CORPUS.fields[field_of(intake, CORPUS.fields)],
    )
    by_stance = {p.stance: p.name for p in seats}
    assert by_stance == {"supportive": "Sara Lind", "skeptical": "Omar Said"} and rest == []
    alone, _ = cast(personas_for("specific_concern", CORPUS), [], CORPUS.fields["healthcare"])
    assert alone[0].role == "Matron"  # no "Team Lead" on a hospital panel
    assert field_of(Intake(role="Associate", company="Harrow LLP"), CORPUS.fields) == "law"
