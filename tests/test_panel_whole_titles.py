"""Titles read whole: a title that goes on past "&", a unit's number, another language's
"of", a bracket or a name's letters, not cut short or split into someone else's name."""

from __future__ import annotations

from collections.abc import Iterable

from simulator.domain import Intake
from simulator.panel import Panelist, named_panel
from simulator.panel.parse import parse


def _pairs(people: Iterable[Panelist]) -> list[tuple[str, str]]:
    return [(p.name, p.title) for p in people]


def _names(message: str, panel: str = "", notes: str = "") -> list[tuple[str, str]]:
    """Whom the panel reader seats, with their titles, from these fields of an intake."""
    return _pairs(named_panel(Intake(panel=panel, round1_notes=notes, recruiter_message=message)))


def _parsed(text: str) -> list[tuple[str, str]]:
    """Whom the rules read from ``text`` as written (names of two words or more)."""
    return _pairs(parse(text, lowercase_ok=False, min_words=2))


def test_a_field_goes_on_after_an_ampersand_when_no_name_follows() -> None:
    message = (
        "You'll be meeting Tobias Wrenfield, Keeper of Asian & Islamic Art, and "
        "Ines Marwood, Head of Learning."
    )
    assert _names(message) == [
        ("Tobias Wrenfield", "Keeper of Asian & Islamic Art"),
        ("Ines Marwood", "Head of Learning"),
    ]


def test_a_numbered_unit_is_held_in_the_title_not_a_name() -> None:
    message = "You'll meet with Dana Kilbride, Nurse Manager for 7 South Ortho."
    assert _names(message) == [("Dana Kilbride", "Nurse Manager for 7 South Ortho")]


def test_another_languages_of_follows_a_title_word_after_the_head() -> None:
    message = "Vai conhecer a Beatriz Moura Lobo, nossa Gerente Regional de Vendas – Norte."
    assert _names(message) == [("Beatriz Moura Lobo", "Gerente Regional de Vendas – Norte")]


def test_an_acronym_after_a_titles_bracket_is_the_region_it_covers() -> None:
    message = (
        "La entrevista será con:\n• Rocío Valdés Prieto – Directora de Alianzas (Partners) EMEA"
    )
    assert _names(message) == [("Rocío Valdés Prieto", "Directora de Alianzas (Partners) EMEA")]


def test_a_rank_before_the_name_and_a_field_in_brackets_after_it_are_one_title() -> None:
    message = "You will meet Superintendent Ewan Doyle (Road Policing) next week."
    assert _names(message) == [("Ewan Doyle", "Superintendent (Road Policing)")]


def test_the_body_a_title_is_held_at_goes_on_after_its_bracket() -> None:
    message = (
        "You are called for a discussion with Shri Mohan R. Kale, Executive Engineer "
        "(Water Supply), Pune Municipal Corporation, regarding your application."
    )
    assert _names(message) == [
        ("Mohan R. Kale", "Executive Engineer (Water Supply), Pune Municipal Corporation")
    ]


def test_letters_between_commas_after_a_degree_are_no_title() -> None:
    message = "Panel: Rosa Lim Tan, RN, MAN, Director of Nursing, will meet you."
    assert _names(message) == [("Rosa Lim Tan", "Director of Nursing")]


def test_a_shortened_word_opening_a_title_ends_no_sentence() -> None:
    message = "Je spreekt met:\n- dhr. K. de Wit, wnd. directeur Belastingen\n"
    assert _names(message) == [("K. de Wit", "wnd directeur Belastingen")]


def test_a_title_glossed_in_brackets_is_read_written_out() -> None:
    notes = "- Hr. Kessler (BL = Bereichsleiter), sehr nett"
    assert _names("", panel="Kessler", notes=notes) == [("Kessler", "Bereichsleiter")]


def test_a_sender_who_introduces_themself_is_read_with_their_title() -> None:
    message = "Hi Priya – Morwenna Trelawny here, Head of Research at Kestrel. See you soon."
    assert ("Morwenna Trelawny", "Head of Research") in _parsed(message)


def test_a_bracket_in_another_language_qualifies_the_title_before_it() -> None:
    message = "A banca será:\n• Luísa Correia Matos – Gerente de Produto (Sistemas de Bordo)"
    assert _names(message) == [("Luísa Correia Matos", "Gerente de Produto (Sistemas de Bordo)")]


def test_a_shortened_word_before_a_capitalised_title_ends_no_sentence() -> None:
    message = "Teilnehmende:\n- Frau Edith Brandauer-Koch, stellv. Abteilungsleiterin Z4\n"
    assert _names(message) == [("Edith Brandauer-Koch", "stellv Abteilungsleiterin Z4")]


def test_a_field_after_a_titles_comma_ends_at_and_before_the_next_name() -> None:
    message = "You will meet Hollis Varga, Director, Tax and Imogen Sallow, Payroll Manager."
    assert _parsed(message) == [
        ("Hollis Varga", "Director, Tax"),
        ("Imogen Sallow", "Payroll Manager"),
    ]


def test_a_place_in_brackets_after_a_title_is_no_one() -> None:
    message = "He will interview you with Mr. Kojo Ampofo, Branch Manager (Central Lagos)."
    assert _names(message) == [("Kojo Ampofo", "Branch Manager (Central Lagos)")]


def test_a_department_and_the_body_that_holds_it_go_on_after_a_title() -> None:
    message = (
        "Panel:\n1. Dr Ewa Lindqvist, Professor, Dept. of Marine Biology, Northfield State "
        "University (external)"
    )
    assert _parsed(message) == [
        ("Ewa Lindqvist", "Professor, Dept of Marine Biology, Northfield State University")
    ]
