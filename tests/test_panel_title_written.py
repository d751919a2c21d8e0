"""A panelist's title as the employer writes it when what was read is a short form, a
placeholder or a remark: before the name after "our", in a signature under the name, after
"here," in a self-introduction, after a bar with the surname first; "one of the owners" is
an owner."""

from __future__ import annotations

from simulator.panel import Panelist
from simulator.panel.reader import _fuller
from simulator.panel.title_elsewhere import title_elsewhere
from simulator.panel.title_tidy import tidy_title


def test_a_title_written_before_the_name_after_our_replaces_a_short_form() -> None:
    text = (
        "Besides Priya you will meet our Chief Risk Officer, Lena Moravec.\n"
        "Herr Abt kommt, und unsere Personalleiterin Frau Dr. Kessel-Brandt auch.\n"
        "Participa también nuestra Gerente de Compras, la Sra. Ines Olmedo.\n"
        "Ook onze Bedrijfsjurist, Daan Visser."
    )
    read = [
        Panelist("Lena Moravec", "CRO"),
        Panelist("Dr Kessel-Brandt", "PL"),
        Panelist("Ines Olmedo", "Ger. Compras"),
        Panelist("Daan Visser", "BJ"),
    ]
    assert [p.title for p in title_elsewhere(read, text)] == [
        "Chief Risk Officer",
        "Personalleiterin",
        "Gerente de Compras",
        "Bedrijfsjurist",
    ]
    # Not without "our": a sentence may name a post someone is not in.
    other = "Reporting to the Chief Risk Officer, Lena Moravec joins."
    assert [p.title for p in title_elsewhere(read[:1], other)] == ["CRO"]


def test_a_signature_or_a_self_introduction_writes_out_the_title_read() -> None:
    text = (
        "Hi Sam – Olwen Price-Davies here, Head of Department, Civil Engineering at the"
        " college. The panel is me and Prof. Ito Kenji.\n\nBest wishes,\nKenji Ito\n"
        "Professor, Institute of Fluid Dynamics\n+44 20 7946 0000\n"
        "ROSSI Marco | Director, Quality Assurance"
    )
    read = [
        Panelist("Olwen Price-Davies", "HoD"),
        Panelist("Ito Kenji", "Prof"),
        Panelist("Marco Rossi", "ROSSI"),
    ]
    assert [p.title for p in title_elsewhere(read, text)] == [
        "Head of Department, Civil Engineering",
        "Professor, Institute of Fluid Dynamics",
        "Director, Quality Assurance",
    ]


def test_one_of_a_group_has_the_group_s_title_in_the_singular() -> None:
    assert tidy_title("one of the partners") == "Partner"
    assert tidy_title("2 deputy heads") == "Deputy Head"
    assert tidy_title("both directors") == "Director"
    assert tidy_title("Three Amigos") == "Three Amigos"
    assert tidy_title("Sales") == "Sales"
    # and the group's title in the plural says no more than one member's
    assert not _fuller("Partners", "Partner")


def test_the_employer_s_title_replaces_one_with_a_remark_after_it() -> None:
    assert _fuller("Sister – Surgery", "Sister, Very Friendly")
    assert not _fuller("Sister – Surgery", "Sister, Surgical Ward Lead")


def test_a_title_in_a_list_before_a_word_of_address_and_the_name_writes_out_a_short_form() -> None:
    notes = "panel was Ana (chair) + deputy head pastoral Mrs Joan Blake, and Bursar Mr Ode"
    read = [Panelist("Joan Blake", "DH pastoral"), Panelist("Ode", "Burs.")]
    assert [p.title for p in title_elsewhere(read, notes)] == ["Deputy Head Pastoral", "Bursar"]


def test_a_seat_on_the_panel_read_as_a_title_gives_way_to_the_job_written_after_the_name() -> None:
    message = "Board:\nChair: Lt Col Ann Kerr – SO1 Logistics, HQ North\nMember: Sgt Bo Lam – QM"
    read = [Panelist("Ann Kerr", "Chair"), Panelist("Bo Lam", "Quartermaster")]
    assert [p.title for p in title_elsewhere(read, message)] == [
        "SO1 Logistics, HQ North",
        "Quartermaster",  # a job read stays
    ]


def test_a_sentence_or_the_next_persons_title_is_never_taken_for_one_written_before() -> None:
    # "our <title> and <name>": the title is the first person's, not the next one's
    text = "You will meet Ines Kolar who is our Head of Sales and Piet Dorn who's the COO."
    read = [Panelist("Ines Kolar", "Head of Sales"), Panelist("Piet Dorn", "COO")]
    assert [p.title for p in title_elsewhere(read, text)] == ["Head of Sales", "COO"]
    # a line that opens a sentence before a word of address is no title of a list
    text = "Your partners will be Dr. Ruth Asare (CTO) and Tom Baines."
    read = [Panelist("Ruth Asare", "CTO")]
    assert [p.title for p in title_elsewhere(read, text)] == ["CTO"]
    # capitals are not the initials of other capitals: a DS is not a DSU
    text = "DS OLU BANKOLE, DSU MAIRI FRASER"
    read = [Panelist("Olu Bankole", "DS"), Panelist("Mairi Fraser", "DSU")]
    assert [p.title for p in title_elsewhere(read, text)] == ["DS", "DSU"]
