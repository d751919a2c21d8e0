"""The panel the candidate names: names and titles read from the intake, cast into seats,
and whatever else the field held (addresses, numbers, markup) never echoed."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.corpus import load_corpus
from simulator.domain import Intake
from simulator.name_words import could_be_name
from simulator.panel import MAX_PANEL, cast, field_of, named_panel, seat_the_rest
from simulator.panel.abbreviations import abbreviates
from simulator.panel.coming import SELF_JOIN
from simulator.panel.field_names import named_in_field
from simulator.panel.in_room import named_in_panel
from simulator.panel.merged import merged_by_title
from simulator.panel.panelist import Panelist
from simulator.panel.same_person import plain_words, same_person
from simulator.panel.text import clean_text, greeted, signer
from simulator.panel.title_elsewhere import title_elsewhere
from simulator.panel.title_tidy import no_title
from simulator.planner import (
    PlanItem,
    about_concern,
    build_plan,
    colleague_for,
    personas_for,
    share,
)

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


@pytest.mark.parametrize(
    ("panel", "expected"),
    [
        ("orla devlin - line producer\nkofi mensah - production manager",
         [("Orla Devlin", "Line Producer"), ("Kofi Mensah", "Production Manager")]),
        ("Chief Geologist/Dr. Thandi Moko; Mine Manager/Rodrigo Sánchez Herrera",
         [("Thandi Moko", "Chief Geologist"), ("Rodrigo Sánchez Herrera", "Mine Manager")]),
        ("OPS DIR - STUART MACLEAN", [("Stuart Maclean", "OPS DIR")]),
        ("J. Okoro (Head of RAN), Robert 'Bob' Fairley (MD)",
         [("J. Okoro", "Head of RAN"), ("Robert Fairley", "MD")]),
        ("Bill Hare, Contracts Manager / Sunita Rao, Health & Safety Manager",
         [("Bill Hare", "Contracts Manager"), ("Sunita Rao", "Health & Safety Manager")]),
        ("kevin doyle (owner), lorraine doyle - office manager",
         [("Kevin Doyle", "Owner"), ("Lorraine Doyle", "Office Manager")]),
        ("Sarah Odutola KC (Head of Chambers); Ms. Hannah Lee, Senior Associate",
         [("Sarah Odutola", "Head of Chambers"), ("Hannah Lee", "Senior Associate")]),
        ("Dr. Fiona Hay, Consultant Anaesthetist<br>Dr. Yusuf Karim, Clinical Lead",
         [("Fiona Hay", "Consultant Anaesthetist"), ("Yusuf Karim", "Clinical Lead")]),
        ("Dr Léa Moreau, Lecturer in Soft Matter", [("Léa Moreau", "Lecturer in Soft Matter")]),
        ("You'll meet Ade Bankole who heads up the employment team",
         [("Ade Bankole", "Head of Employment")]),
        ("Freya Lind who is our Head of Growth and Tobias Kern who's the CMO",
         [("Freya Lind", "Head of Growth"), ("Tobias Kern", "CMO")]),
        # a department of one word that is no everyday word, after the title
        ("Ms Wen Ling, Deputy Head, Pharmacy; Mr Arjun Das, Head, Radiology.",
         [("Wen Ling", "Deputy Head, Pharmacy"), ("Arjun Das", "Head, Radiology")]),
        # a title in another language with more than one "de" in it
        ("Marta Solís Peña, Directora de Riesgo de Mercado; Luis Ortega, Gerente de Modelos",
         [("Marta Solís Peña", "Directora de Riesgo de Mercado"),
          ("Luis Ortega", "Gerente de Modelos")]),
        # a table of "Name | Title" rows, a name with particles in it
        ("Pieter van der Berg | Principal\nNomsa Dube | Rentals Manager",
         [("Pieter van der Berg", "Principal"), ("Nomsa Dube", "Rentals Manager")]),
    ],
)  # fmt: skip
def test_the_many_ways_people_write_a_panel(panel: str, expected: list[tuple[str, str]]) -> None:
    assert _names(panel) == expected


@pytest.mark.parametrize(
    ("panel", "expected"),
    [
        # A calendar invite: time, place, organiser and join links are not people.
        ("Second interview\nWhen: Tuesday 14 May 10:00 (UTC) Dublin, Lisbon, London\n"
         "Where: Microsoft Teams Meeting\nOrganizer: Rachel Ng <rachel.ng@example.com>\n"
         "Required Attendees: Daniel Okafor <d.okafor@example.com>; Sunita Patel\n"
         "Join on your computer\nClick here to join the meeting\nMeeting ID: 382 114",
         [("Daniel Okafor", ""), ("Sunita Patel", "")]),
        # Signature blocks: a name line, its title line, then contact lines.
        ("Jan Kowalski\nLibrary Services Manager\nKirkdale MBC | Libraries, Arts & Heritage\n"
         "Tel: 0161 496 0457\n\nAmara Nwosu\nCustomer Services Team Leader\n"
         "Tel: 0161 496 0882 | amara.nwosu@example.gov.uk",
         [("Jan Kowalski", "Library Services Manager"),
          ("Amara Nwosu", "Customer Services Team Leader")]),
        # A list written title first gives each name the title before it.
        ("Contracts Manager - Steve Barraclough, Health & Safety Advisor - Nadia Ahmadi",
         [("Steve Barraclough", "Contracts Manager"), ("Nadia Ahmadi", "Health & Safety Advisor")]),
        ("Engineering Manager, Hamid Rahimi / Production Manager, Karen Stott",
         [("Hamid Rahimi", "Engineering Manager"), ("Karen Stott", "Production Manager")]),
        # ... but a rank before a name does not make a list title first.
        ("Chef Luca Bianchi (Executive Chef), Ms. Freya Lindqvist — Operations Director",
         [("Luca Bianchi", "Executive Chef"), ("Freya Lindqvist", "Operations Director")]),
        # Contact details in brackets, headers, bullets and emphasis.
        ("Greg Hollis (greg.hollis@example.com, 0161 496 0123) – Regional Sales Director",
         [("Greg Hollis", "Regional Sales Director")]),
        ("**Interview panel**\n* Prof. Elena Marchetti — Group Leader\n"
         "* _Lab Manager_: Ruth Oyelaran\n2. Dr Rhiannon Pugh – Trustee (Clinical Governance)",
         [("Elena Marchetti", "Group Leader"), ("Ruth Oyelaran", "Lab Manager"),
          ("Rhiannon Pugh", "Trustee (Clinical Governance)")]),
        # A field of work after a title is part of it; words that are only everyday
        # English ("Emergency Medicine") are no one's name.
        ("Omar Haddad – Engineering Manager, Payments\nNguyen Van Minh / Associate Director "
         "– Structures\nClinical Director, Emergency Medicine: Dr Farhan Siddiqui",
         [("Omar Haddad", "Engineering Manager, Payments"),
          ("Nguyen Van Minh", "Associate Director – Structures"),
          ("Farhan Siddiqui", "Clinical Director, Emergency Medicine")]),
        ("Panel chair: Deborah Ansah, Grade 7 Policy Lead\n"
         "Independent panel member: HEO from another directorate (tbc)",
         [("Deborah Ansah", "Grade 7 Policy Lead")]),
        # An initial is not a contact line's key ("M: 07700 ...").
        ("M. Dupont – Head of Sales\nE. Ruiz – CFO\nM: 07700 900123",
         [("M. Dupont", "Head of Sales"), ("E. Ruiz", "CFO")]),
        # Tables, in Markdown or HTML: a row is an entry, a header row is nobody.
        ("| Name | Title |\n|---|---|\n| Jennifer O'Malley | Managing Director |\n"
         "| Kevin Zhou | Head of Credit Risk |",
         [("Jennifer O'Malley", "Managing Director"), ("Kevin Zhou", "Head of Credit Risk")]),
        ("<table><tr><td><b>Nicole Park</b></td><td>Head of Engineering</td></tr>"
         "<tr><td>Tom Sato</td><td>Staff Frontend Engineer</td></tr></table>",
         [("Nicole Park", "Head of Engineering"), ("Tom Sato", "Staff Frontend Engineer")]),
        # A list of "Name, Title" lines is not a signature block ("Vice-Chair" is a title).
        ("- Janet McAllister, Board Chair\n- Raj Patel, Vice-Chair\n"
         "- Dr. Olivia Harwood-Wong, Governance Committee Chair\n- Gordon Fehr, Treasurer",
         [("Janet McAllister", "Board Chair"), ("Raj Patel", "Vice-Chair"),
          ("Olivia Harwood-Wong", "Governance Committee Chair"), ("Gordon Fehr", "Treasurer")]),
        # Letters after a name are no title; a title's own qualifier stays with it.
        ("Hollie Grant RVN - Head Nurse\nKimberly Johnson, MSN, RN – Nurse Manager, ICU",
         [("Hollie Grant", "Head Nurse"), ("Kimberly Johnson", "Nurse Manager, ICU")]),
        ("Ann-Marie (same as before) and Head of Trusts Ravinder Gill.",
         [("Ann-Marie", ""), ("Ravinder Gill", "Head of Trusts")]),
        # Honorifics and titles of other languages; a rank and one word is a title.
        ("Dhr. Pieter de Vries – Site Manager\nBibliotekschef Annika Lindgren\n"
         "Luis Ortega, Senior Adjuster",
         [("Pieter de Vries", "Site Manager"), ("Annika Lindgren", "Bibliotekschef"),
          ("Luis Ortega", "Senior Adjuster")]),
        # A seat on the panel gives way to the job after the name; a title's qualifier
        # before a name stays with it.
        ("Chair: Deborah Fenwick, Deputy Director\n"
         "Head of Nursing, Urgent Care – Bernadette Quigley",
         [("Deborah Fenwick", "Deputy Director"),
          ("Bernadette Quigley", "Head of Nursing, Urgent Care")]),
        # A possessive is no panelist; whoever the field says will not be there is not.
        ("as per Ruth's email", []),
        ("Technical Manager: Dr. Harriet Okonjo-Blythe\nIPM Coordinator: Mateo Fernández\n"
         "(Jaroslav Novák won't be there)",
         [("Harriet Okonjo-Blythe", "Technical Manager"), ("Mateo Fernández", "IPM Coordinator")]),
        # Typed in lower case: a first name with its title in brackets.
        ("jonas (creative director), aimee (senior motion designer), ruth (producer)",
         [("Jonas", "Creative Director"), ("Aimee", "Senior Motion Designer"),
          ("Ruth", "Producer")]),
        # Typed in lower case: a first name right after a title.
        ("production manager ffion, artistic director kojo mensah-bonsu",
         [("Ffion", "Production Manager"), ("Kojo Mensah-bonsu", "Artistic Director")]),
    ],
)  # fmt: skip
def test_pasted_invites_signatures_and_lists(panel: str, expected: list[tuple[str, str]]) -> None:
    assert _names(panel) == expected


def test_leanings_through_missing_apostrophes_and_pronouns() -> None:
    people = named_panel(
        Intake(
            panel="Steve Barraclough (Contracts Manager), Nadia Ahmadi (H&S Advisor)",
            round1_notes="steve said my ratings are fine but hes worried ive mostly done "
            "domestic work. Nadia wasnt sure either, at first, but then she was really positive.",
        )
    )
    assert [(p.name, p.leaning) for p in people] == [
        ("Steve Barraclough", "doubts"),
        ("Nadia Ahmadi", "doubts"),
    ]


def test_leanings_of_two_people_in_one_sentence() -> None:
    people = named_panel(
        Intake(
            panel="Mateusz Kowalczyk (Staff Engineer), Hannah Lee (Engineering Manager)",
            round1_notes="Feedback was mixed: Mateusz really liked my ledger design and wants "
            "to move forward, Hannah felt I was slow in the pairing and isn’t sure about my "
            "Go depth.",
        )
    )
    assert [(p.name, p.leaning) for p in people] == [
        ("Mateusz Kowalczyk", "supports"),
        ("Hannah Lee", "doubts"),
    ]


def test_the_notes_add_to_a_written_panel_only_the_people_they_put_in_the_room() -> None:
    found = _names(
        "Hamish Stewart, Head of Electrical Engineering",
        round1_notes="I worked with Claire Dobson, a design engineer, on the substation job.",
        recruiter_message="Hi Sam, Priya Rao from our grid team will also join the panel.",
    )
    assert found == [("Hamish Stewart", "Head of Electrical Engineering"), ("Priya Rao", "")]


def test_a_father_and_son_of_one_given_name_are_two_people() -> None:
    # Bob and Rob are both short for Robert; "Sr" and "Jr." tell them apart.
    message = (
        "Hi Sam,\n\nRob Okafor Jr. here. We went another way on the estimator role, but my "
        "sister Della Okafor, our Office Manager, thinks you'd suit the coordinator job. Dad "
        "(Bob Okafor, Owner) will sit in too. I'm on site all week so I won't be there.\n\nRob"
    )
    found = _names("Bob Sr + Della", recruiter_message=message)
    assert found == [("Bob Okafor", "Owner"), ("Della Okafor", "Office Manager")]


def test_notes_written_all_in_lower_case_still_name_people() -> None:
    found = _names(
        "marta + ines again",
        round1_notes="met w/ marta kowal (ops director) + ines duarte (finance lead)\n"
        "marta keen, ines asked a lot about budgets",
    )
    assert found == [("Marta Kowal", "Ops Director"), ("Ines Duarte", "Finance Lead")]


def test_the_employer_is_not_a_panelist() -> None:
    assert (
        _names(
            "", round1_notes="Round one at Northern Ledger went well.", company="Northern Ledger"
        )
        == []
    )


def test_people_named_only_in_the_notes_and_not_the_sender_or_the_candidate() -> None:
    found = _names(
        "",
        round1_notes="Round one was with Priya Shah and Tom Reyes.",
        recruiter_message="Dear Sam,\nTom Reyes would like to meet you again.\nBest,\nAnna Cole",
    )
    assert found == [("Tom Reyes", "")]
    # With no sentence about the coming round, everyone the notes name but the sender.
    assert _names(
        "", recruiter_message="Dear Sam,\nPriya Shah liked your portfolio.\nBest,\nAnna Cole"
    ) == [("Priya Shah", "")]


def test_round_one_people_stay_out_unless_a_sentence_or_list_brings_them_back() -> None:
    notes = "Met Dave Kowalski (Mechanical Engineering Lead). He won't be in the next interview."
    message = (
        "Hi Ethan,\nDave shared your profile and they'd love to talk to you. You'll meet our "
        "Director of Process Engineering, Marc-André Gagnon.\nBest,\nKelsey Brown"
    )
    assert _names("", round1_notes=notes, recruiter_message=message) == [
        ("Marc-André Gagnon", "Director of Process Engineering")
    ]
    schedule = (
        "Dear Ms Alvarez,\nWe are pleased to invite you to callback interviews on Friday. "
        "Your schedule is as follows:\n\n9:00 – Rebecca Stein, Partner\n"
        "9:30 – David Okonkwo-Hart, Partner\n\nBest regards,\nMichelle Tran"
    )
    assert _names(
        "", round1_notes="I was referred by Jason Patel, an associate.", recruiter_message=schedule
    ) == [("Rebecca Stein", "Partner"), ("David Okonkwo-Hart", "Partner")]


@pytest.mark.parametrize(
    ("notes", "message", "expected"),
    [
        # Someone kept out of the next round; who the recruiter said you will meet.
        ("First interview was Parveen Akhtar (Revenues Manager) and Aled Pritchard. Parveen "
         "won't be there next time. The recruiter said I'll meet Keith Armitage, the Head of "
         "Revenues and Benefits.", "",
         [("Keith Armitage", "Head of Revenues and Benefits")]),
        # A first name alone, brought back by a sentence; someone who may pop in is not
        # on the panel.
        ("had interview with Lorraine (Registered Manager) and Tasha. the recruiter said "
         "id see Lorraine again on friday. Our CEO, Martin Cole, may pop in at the end.", "",
         [("Lorraine", "Registered Manager")]),
        # A sender who says they will sit on the panel is on it, talent partner or not.
        ("", "Hi Tom, you'll be meeting Priya Nair, Head of Finance, on Tuesday. I'll also "
         "sit on the panel. Best, Hannah Green, Talent Partner",
         [("Priya Nair", "Head of Finance"), ("Hannah Green", "Talent Partner")]),
        # "along with myself" puts the sender on it too; a greeting names the candidate.
        ("", "Good day Ayesha,\nThis time you'd meet our Rooms Division Manager, Callum "
         "Frost, along with myself.\nKind regards,\nMargot Lefèvre\nGeneral Manager",
         [("Callum Frost", "Rooms Division Manager"), ("Margot Lefèvre", "General Manager")]),
    ],
)  # fmt: skip
def test_with_no_panel_field_only_those_said_to_come_to_the_next_round(
    notes: str, message: str, expected: list[tuple[str, str]]
) -> None:
    assert _names("", round1_notes=notes, recruiter_message=message) == expected


def test_no_names_titles_only_and_prose_without_people() -> None:
    assert _names("two partners, one from corporate and one from disputes") == []
    assert _names("Same as last time I think") == []
    assert _names("") == []


def test_more_names_than_a_panel_are_cut_to_one() -> None:
    many = "; ".join(f"Person{chr(65 + i)} Surname{chr(65 + i)}" for i in range(MAX_PANEL + 2))
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


def test_someone_named_whom_a_one_seat_reason_leaves_out_takes_a_colleagues_seat() -> None:
    intake = Intake(
        role="Nurse Unit Manager", panel="Matron Helen Ose, Director of Nursing Raj Patel"
    )
    one = personas_for("specific_concern", CORPUS)
    colleague = colleague_for("specific_concern", CORPUS)
    assert len(one) == 1 and colleague is not None and colleague not in one
    seats, rest = seat_the_rest(*cast(one, named_panel(intake), None), colleague)
    assert [(p.name, p.role) for p in seats] == [
        ("Helen Ose", "Matron"),
        ("Raj Patel", "Director of Nursing"),
    ]
    assert seats[1].id == colleague.id and rest == []
    # No one left out, or a reason with seats enough: nothing changes.
    alone = cast(one, [], None)
    assert seat_the_rest(*alone, colleague) == alone
    assert colleague_for("split_panel", CORPUS) is None
    # The colleague asks every other question after the first, but not those mainly about
    # the doubt nor those in the other asker's own voice.
    plan = [
        PlanItem("a", "skeptic", ["concern_addressed"], "What settles the doubt?"),
        PlanItem("b", "skeptic", ["skill_depth"], "How big was the team you led?"),
        PlanItem("c", "skeptic", ["improvement"], "What did you change since?"),
        PlanItem("d", "skeptic", ["concern_addressed"], "Who could vouch for you?"),
        PlanItem("e", "skeptic", ["skill_depth"], "What would you do in my team first?"),
        PlanItem("f", "skeptic", ["skill_depth"], "What figures can you share?"),
    ]
    asked_by = [item.persona for item in share(plan, colleague.id, "")]
    assert asked_by == ["skeptic", colleague.id, "skeptic", "skeptic", "skeptic", colleague.id]
    # The first question the colleague may ask is theirs, wherever it falls.
    doubtful = [plan[0], plan[3], plan[1], plan[3], plan[2]]
    asked_by = [item.persona for item in share(doubtful, colleague.id, "")]
    assert asked_by == ["skeptic", "skeptic", colleague.id, "skeptic", "skeptic"]


def test_a_colleague_always_has_a_question_that_a_settled_doubt_does_not_drop() -> None:
    # For a one-seat reason, questions mainly about the doubt stay with the one who holds it
    # and are dropped once it is settled: the plan keeps one the colleague may ask.
    intake = Intake(role="Ward manager", round1_notes="Raj was worried about my budgeting.")
    for reason in ("specific_concern", "different_role", "second_choice"):
        colleague = colleague_for(reason, CORPUS)
        assert colleague is not None
        for seed in range(60):
            plan = build_plan(
                reason, CORPUS, intake, "my budgeting", 5, seed=str(seed), colleague=colleague.id
            )
            theirs = [item for item in plan if item.persona == colleague.id]
            assert theirs, (reason, seed)
            assert not any(about_concern(i.to_dict(), "your budgeting") for i in theirs)
            assert len(plan) == 5


def test_everyday_english_alone_is_no_name() -> None:
    assert not could_be_name(["Emergency", "Medicine"])
    assert not could_be_name(["Requires", "Improvement"])
    # English words made from others, not surnames: headings and fields of work.
    assert not could_be_name(["Coding"]) and not could_be_name(["Appointments"])
    assert not could_be_name(["Model", "Validation"])
    assert could_be_name(["Mark", "Dunn"])  # a first name
    assert could_be_name(["Okafor"])  # not everyday English
    assert could_be_name(["Gareth"]) and could_be_name(["Harding"])  # a name, a surname
    assert could_be_name(["Stacey-Jo"])
    assert could_be_name(["ben", "taylor"], lower_case=True)
    assert not could_be_name(["another", "directorate"], lower_case=True)


def test_one_person_per_line_as_name_dash_title_is_read_as_written() -> None:
    # The form step 1 asks for when the panel was misread: names that are English words
    # or honorifics ("Dean", "Summer Day") and one-word names included.
    people = [
        ("Will Price", "CFO"),
        ("Dean Smith", "Head of Sales"),
        ("Summer Day", "Chef"),
        ("Early Bird", "Store Manager"),
        ("Ng", "Nurse"),
        ("Kimberly Johnson", "Nurse Manager, ICU"),
    ]
    panel = "\n".join(f"{name} – {title}" for name, title in people)
    assert _names(panel) == people
    assert _names("Dr Priya Nair - Clinical Director") == [("Priya Nair", "Clinical Director")]


@pytest.mark.parametrize(
    ("panel", "expected"),
    [
        # A heading in markup, a schedule's session names and a street address are no one.
        ("<p><strong>Advisory Appointments Committee</strong></p><ul><li>Mr Ravi Kohli, "
         "Medical Director</li></ul>", [("Ravi Kohli", "Medical Director")]),
        ("Schedule:\n10:00 - Coding - Claire Ng (Senior Software Engineer)\n11:00 - Break",
         [("Claire Ng", "Senior Software Engineer")]),
        ("Dr.-Ing. Jonas Weber\nHead of Acoustics\nBorsigstraße 14, 70469 Stuttgart\n"
         "Tel. +49 711 9834-221", [("Jonas Weber", "Head of Acoustics")]),
        ("Dr. Anil Rao - Ext 2104", [("Anil Rao", "")]),
        # Titles across a slash, a shortened word, a second title after a comma.
        ("MD/CEO – Mr. Tunde Bello", [("Tunde Bello", "MD/CEO")]),
        ("Ms. Pooja Nair - Sr. Manager, Total Rewards", [("Pooja Nair", "Sr. Manager, Total Rewards")]),
        ("Raj Patel-Moore – Trustee, Chair of Finance & Audit",
         [("Raj Patel-Moore", "Trustee, Chair of Finance & Audit")]),
        ("Principal Mr J. van Rensburg", [("J. van Rensburg", "Principal")]),
        ("Deputy Manager - Sue", [("Sue", "Deputy Manager")]),
    ],
)  # fmt: skip
def test_headings_addresses_and_compound_titles(
    panel: str, expected: list[tuple[str, str]]
) -> None:
    assert _names(panel) == expected


def test_who_the_message_puts_in_the_room() -> None:
    # Someone from before, named in a sentence about the coming round, is not seated.
    message = (
        "Following your discussion with Sergeant Fiona Hale, you have been invited to an "
        "interview. Your panel will be Mark Rees, Control Room Inspector, and Yvonne Addo, "
        "Contact Centre Manager."
    )
    assert _names("", recruiter_message=message) == [
        ("Mark Rees", "Control Room Inspector"),
        ("Yvonne Addo", "Contact Centre Manager"),
    ]
    # One word with its title after it is a name; a sender who introduces themself and
    # says "with me and" joins.
    assert sorted(
        _names(
            "",
            recruiter_message="Hi, we'd love to see you again for a chat with myself and "
            "Bronwen, our Field Care Supervisor.\nKind regards,\nJoy Mbeki\nRegistered Manager",
        )
    ) == [("Bronwen", "Field Care Supervisor"), ("Joy Mbeki", "Registered Manager")]
    assert _names(
        "",
        recruiter_message="Hi its Clare Fenwick (owner). Could you come in for a chat with "
        "me and Tomasz (Head Chef) on Monday?",
    ) == [("Clare Fenwick", "Owner"), ("Tomasz", "Head Chef")]
    # "Just me on site that day": the sender who signs is the panel.
    trial = (
        "[SMS] G'day Liam, Garry here from Pettigrew Electrical. Happy to have u out for a trial"
        " day + chat Tues 7am. Bring boots. {} Cheers\nGarry Pettigrew\nDirector | Pettigrew"
        " Electrical"
    )
    assert _names("", recruiter_message=trial.format("Just me on site that day.")) == [
        ("Garry Pettigrew", "Director")
    ]
    assert SELF_JOIN.search("itll just be me on the day")
    assert not SELF_JOIN.search("Just let me know. If it's just me know-how you need, ask.")
    # A panel field of titles only: a round-one interviewer the notes name is not seated.
    assert (
        _names(
            "Head: Human Resources, Finance representative (TBC)",
            round1_notes="Panel interview with Busi (Payroll Manager) and someone from HR.",
        )
        == []
    )
    # A sentence ending in a capitalised word ends there ("... NVH. We would like ...").
    assert _names(
        "Matthias Weber - Head of NVH",
        recruiter_message="Dr. Vogel has forwarded your application to the NVH group. We "
        "would like to invite you to an interview with Elif Kaya, Senior NVH Engineer.",
    ) == [("Matthias Weber", "Head of NVH"), ("Elif Kaya", "Senior NVH Engineer")]


@pytest.mark.parametrize(
    ("panel", "expected"),
    [
        # Table rows with a company column, and a table whose header names the columns.
        ("Hemi Walker | Operations Manager | Te Awa Dairy Ltd\n"
         "Grant Oduya | Herd Health Lead | Te Awa Dairy Ltd",
         [("Hemi Walker", "Operations Manager"), ("Grant Oduya", "Herd Health Lead")]),
        ("| Name | Title |\n|---|---|\n| Dr. Ewa Kowalski | Professor & Search Chair |",
         [("Ewa Kowalski", "Professor & Search Chair")]),
        ("<table><tr><th>Name</th><th>Role</th></tr>"
         "<tr><td>Lena Hoffmann</td><td>Head of Growth</td></tr></table>",
         [("Lena Hoffmann", "Head of Growth")]),
        # A surname that is a title in the plural; one word after a dash that is no census
        # first name; a department after a dash; Ward Sister; a degree after a name.
        ("Head of Academy - Grant Fellows, Lead Physio - Ellie",
         [("Grant Fellows", "Head of Academy"), ("Ellie", "Lead Physio")]),
        ("Senior Metallurgist - Mick / HR Advisor - Tash Brown",
         [("Mick", "Senior Metallurgist"), ("Tash Brown", "HR Advisor")]),
        ("Capt. Khalid Al-Mansoori - Chief Pilot; Ms. Sarah O'Connell - Talent Acquisition",
         [("Khalid Al-Mansoori", "Chief Pilot"), ("Sarah O'Connell", "Talent Acquisition")]),
        ("Matron Sue Bellamy, Ward Sister Hope Adeyemi",
         [("Sue Bellamy", "Matron"), ("Hope Adeyemi", "Ward Sister")]),
        ("Dr Aroha Ngata BVSc (Clinical Director)", [("Aroha Ngata", "Clinical Director")]),
        ("tom (HR bp), Raj Mehta - Sr Scientist", [("Tom", "HR bp"), ("Raj Mehta", "Sr Scientist")]),
        # Titles qualified before the name, in other languages, and in brackets after it.
        ("Partner - Employment (Rebecca Stansfield), Senior Associate Ollie Mensah-Baird",
         [("Rebecca Stansfield", "Partner - Employment"),
          ("Ollie Mensah-Baird", "Senior Associate")]),
        ("Gerente de Operações Agrícolas: Fernanda Oliveira da Silva",
         [("Fernanda Oliveira da Silva", "Gerente de Operações Agrícolas")]),
        ("Tom Hartigan, Director, Engineering (Claims Platforms)",
         [("Tom Hartigan", "Director, Engineering (Claims Platforms)")]),
        ("Convenor: Michelle Tran (Director, Regional Planning)",
         [("Michelle Tran", "Director, Regional Planning")]),
        ("Prof Helen Marchetti (Chair), Head of School", [("Helen Marchetti", "Head of School")]),
        # A child's or parent's mark after a surname is part of the name; letters are not.
        ("Cole Brannigan III, Director of Sales + Wes Brannigan Sr.",
         [("Cole Brannigan III", "Director of Sales"), ("Wes Brannigan Sr", "")]),
        ("Dana Okafor Jr., Operations Manager", [("Dana Okafor Jr", "Operations Manager")]),
        ("Jo Marsh Sr. Product Manager", [("Jo Marsh", "Sr Product Manager")]),  # a rank
        ("Aoife Brennan MPharm MPSI, Lead Pharmacist", [("Aoife Brennan", "Lead Pharmacist")]),
    ],
)  # fmt: skip
def test_tables_plural_surnames_and_qualified_titles(
    panel: str, expected: list[tuple[str, str]]
) -> None:
    assert _names(panel) == expected


def test_the_message_s_own_words_and_headers_name_no_one() -> None:
    message = (
        "From: Jessica Palmieri <jp@brightline.example>\nTo: Ahmed Karimi\n\n"
        "Kia ora Ahmed,\n\nThanks again for your time. You'll meet Dana Whitfield, Partner, "
        "on Thursday.\n\nCould you do 11 a.m.?\n\nDana Whitehorse\nHuman Resources\nCalgary, AB"
    )
    assert _names("", recruiter_message=message) == [("Dana Whitfield", "Partner")]


def test_whom_the_candidate_will_meet_is_in_the_room_even_from_hr() -> None:
    message = (
        "Hi Jamal, you'll be meeting with Derek Washington, Regional Operations Manager, and "
        "Carla Jiménez, HR Generalist.\n\nBrittany Shaw\nTalent Acquisition Specialist"
    )
    notes = "Phone screen with Janet (recruitment). Next is a face to face with Derek."
    assert _names("not sure", round1_notes=notes, recruiter_message=message) == [
        ("Derek Washington", "Regional Operations Manager"),
        ("Carla Jiménez", "HR Generalist"),
    ]


def test_a_title_given_anywhere_reaches_a_listed_panelist() -> None:
    notes = "interviewed for comms officer w/ Grace + Rich. Met the SENCo Ms Ann Oyelaran too."
    message = (
        "Hi Aisha, you'll meet Grace (our Director of Fundraising), Rich Patel, Head of "
        "Digital, and Ms Oyelaran on Monday."
    )
    assert _names("Grace Mensah, Rich Patel, Ms Oyelaran", round1_notes=notes,
                  recruiter_message=message) == [
        ("Grace Mensah", "Director of Fundraising"),
        ("Rich Patel", "Head of Digital"),
        ("Ann Oyelaran", "SENCo"),
    ]  # fmt: skip


def test_whom_someone_replaces_is_not_in_the_room() -> None:
    message = (
        "Dear Ms Delgado,\n\nYour schedule:\n9:30 – Lucinda Park, Partner\n"
        "10:30 – Samuel Adeyemi-Brooks, Partner & Chair\n\nPlease note: Diane Whitford, Partner, "
        "will meet with you at 10:30 in place of Sam Adeyemi-Brooks."
    )
    panel = "Lucinda Park, Sam Adeyemi-Brooks, Whitford, Robson"
    names = [n for n, _ in _names(panel, recruiter_message=message)]
    assert "Diane Whitford" in names and "Lucinda Park" in names and "Robson" in names
    assert not any("Adeyemi" in n for n in names)
    schedule = "Your schedule:\n9:30 – Lucinda Park\n10:30 – Samuel Adeyemi-Brooks, Partner & Chair"
    panel = "Lucinda Park, Sam Adeyemi-Brooks, Diane Whitford (subbing for Adeyemi-Brooks)"
    names = [n for n, _ in _names(panel, recruiter_message=schedule)]
    assert names == ["Lucinda Park", "Diane Whitford"]
    # Whom "her" stands for is replaced, not the person named after it.
    message = (
        "Rosa is away next week, so Martin Kaye (Head of Tax) is sitting in for her "
        "alongside Dev Sharma (Tax Manager)."
    )
    names = [n for n, _ in _names("Dev Sharma (tax), Martin Kaye", recruiter_message=message)]
    assert names == ["Dev Sharma", "Martin Kaye"]


def test_a_change_of_plan_keeps_out_whom_it_names_and_seats_who_stands_in() -> None:
    panel = "Ines Ferraz + Tomas Leal + finance person"
    # A plan that changed, an absence said with "he", and who covers for them.
    message = (
        "You will meet Ines Ferraz (Head of Logistics) and Tomas Leal (Fleet Lead). "
        "Oskar Brandt was originally scheduled to join but will be replaced by Mira Holm "
        "(Finance Controller)."
    )
    assert [n for n, _ in _names(panel, recruiter_message=message)] == [
        "Ines Ferraz", "Tomas Leal", "Mira Holm",
    ]  # fmt: skip
    message = (
        "The panel was due to include Mr Oskar Brandt, our Finance Director; unfortunately he "
        "is now unable to attend, so Ms Mira Holm (Finance Controller) will join Ines Ferraz "
        "(Head of Logistics) and Tomas Leal (Fleet Lead) instead."
    )
    names = [n for n, _ in _names(panel, recruiter_message=message)]
    assert "Mira Holm" in names and "Oskar Brandt" not in names
    message = (
        "Panel: Ines Ferraz (Head of Logistics); Tomas Leal (Fleet Lead); normally Oskar "
        "Brandt (Finance Director), but he's travelling that week, so Mira Holm (Finance "
        "Controller) will cover it."
    )
    names = [n for n, _ in _names(panel, recruiter_message=message)]
    assert "Mira Holm" in names and "Oskar Brandt" not in names
    # "unavailable", and a clause that names someone not coming
    message = (
        "Oskar Brandt is now unavailable due to an audit. Mira Holm, Finance Controller, "
        "will take his place."
    )
    names = [n for n, _ in _names("Ines Ferraz, Oskar Brandt", recruiter_message=message)]
    assert "Mira Holm" in names and "Oskar Brandt" not in names
    names = [n for n, _ in _names("Ines Ferraz, Mira Holm. not Oskar Brandt this time?")]
    assert names == ["Ines Ferraz", "Mira Holm"]
    # Travelling but joining by video is in the room; "he" with no one named before it in
    # its sentence is not the person named in the sentence before.
    message = (
        "You'll meet Ines Ferraz (Head of Logistics) and Oskar Brandt (Finance Director). "
        "Oskar is travelling that week and will join by video. "
        "Coach Silva is on the road with the team so he won't be there."
    )
    names = [n for n, _ in _names("Ines Ferraz, Oskar Brandt", recruiter_message=message)]
    assert names == ["Ines Ferraz", "Oskar Brandt"]


def test_a_sender_who_signs_below_a_blank_line_and_joins_is_in_the_room() -> None:
    # A sign-off, a blank line, then a name with a particle or a title before it.
    assert signer("Can you come?\n\nGroetjes,\nMarit van der Laan\nHead of Sport") >= {
        "marit", "laan",
    }  # fmt: skip
    assert signer("Nos vemos.\n\nUn saludo,\n\nLic. Rocío Salas Prieto\nRRHH") >= {
        "rocío", "salas", "prieto",
    }  # fmt: skip
    # "y yo": the sender sits on the panel, and no table drops them.
    message = (
        "Hola Ana:\n\nTe esperamos el jueves a las 12:00h.\n\nEstaremos Tomás Vidal Ruiz "
        "(Director de Operaciones) y yo.\n\nUn saludo,\n\nRocío Salas Prieto\n"
        "Directora de Personas"
    )
    assert _names("", recruiter_message=message) == [
        ("Tomás Vidal Ruiz", "Director de Operaciones"),
        ("Rocío Salas Prieto", "Directora de Personas"),
    ]
    message = (
        "Can you come to the office on Friday? You'd meet me and Joost Meijer, our Head of "
        "Operations.\n\nGroetjes,\nMarit van der Laan\nHead of Performance"
    )
    assert [n for n, _ in _names("", recruiter_message=message)] == [
        "Joost Meijer", "Marit van der Laan",
    ]  # fmt: skip


def test_a_nickname_quoted_before_a_surname_and_an_absence_in_lower_case() -> None:
    notes = '- "Tommy" Vu: system design, did not like my caching answer'
    message = (
        "The team would like one more round with Thanh Vu (Senior Engineer) and Ilse Brandt "
        "(Staff Engineer)."
    )
    assert _names("Tommy + Ilse Brandt", round1_notes=notes, recruiter_message=message) == [
        ("Thanh Vu", "Senior Engineer"),
        ("Ilse Brandt", "Staff Engineer"),
    ]
    # a name inside a full one is no nickname before a surname
    notes = "Alberto 'Beto' Garza (owner) and his brother Ramiro Garza (paint shop)"
    names = [n for n, _ in _names("Beto + Ramiro", round1_notes=notes)]
    assert "Ramiro Garza" in names and not any(n.startswith("Alberto Ramiro") for n in names)
    notes = (
        "phone chat w practice mgr (Declan) - logistics, rota, salary\n- he said next step "
        "is meeting the clinical side\n- declan won't be at the interview, he's just admin side"
    )
    message = (
        "Hi,\n\nThanks for chatting with me on Friday. We'd love you to come in for an "
        "interview on Wed 19th at 2pm.\n\nYou'll be meeting:\nNiamh Burke MVB MRCVS – "
        "Clinical Director\nOrla Kenny RVN – Head Nurse\n\nThanks,\nDeclan Farrell\n"
        "Practice Manager"
    )
    panel = "dr niamh burke (clinical dir) and orla? head nurse"
    names = [n for n, _ in _names(panel, round1_notes=notes, recruiter_message=message)]
    assert "Declan Farrell" not in names


def test_a_given_name_is_not_the_end_of_a_hyphenated_one() -> None:
    assert same_person("Lena", ["Anna-Lena Schulz"]) is None
    assert same_person("Segun", ["Olusegun Bakare"]) == "Olusegun Bakare"


def test_a_seat_given_by_title_or_initials_is_taken_by_whom_the_message_names() -> None:
    message = (
        "Hi Sam, you'll meet Dr Amira Haddad, Director of Nursing, and our Creative Director "
        "Marco Bellini on Friday. Ruth Okafor (Head of Enterprise Solutions) may join too."
    )
    assert _names("DON + the CD", recruiter_message=message) == [
        ("Amira Haddad", "Director of Nursing"),
        ("Marco Bellini", "Creative Director"),
    ]
    assert _names("Head of Enterprise Solutions", recruiter_message=message)[-1] == (
        "Ruth Okafor",
        "Head of Enterprise Solutions",
    )


def test_calendar_names_surname_first_and_name_lines_among_entries() -> None:
    # An address book's "Surname, First <address>" is one person, first name first.
    invite = (
        "Required: Okonkwo, Emeka <e.okonkwo@example.co.uk>; Lindqvist, Hannah "
        "<h.lindqvist@example.co.uk>\nOptional: Recruitment Team <recruitment@example.co.uk>"
    )
    assert [n for n, _ in _names(invite)] == ["Emeka Okonkwo", "Hannah Lindqvist"]
    assert "Dana Kind" not in clean_text("Kind Regards, Dana <dana@example.com>")
    # A line with a name alone among "Name – Title" lines; the next line is not its title.
    assert _names("Dr Ravi Patel\nElaine McAllister – Head of Analytics") == [
        ("Ravi Patel", ""),
        ("Elaine McAllister", "Head of Analytics"),
    ]
    # A title that starts with a word that is also an honorific ("Dean").
    assert _names("Prof. Helen Armitage – Dean, Faculty of Arts") == [
        ("Helen Armitage", "Dean, Faculty of Arts")
    ]


def test_the_fuller_name_wins_over_an_honorific_and_surname() -> None:
    panel = "Dr.-Ing. Katrin Vogel (Leiterin Qualitätsmanagement), Herr Schäfer (Werkleiter)"
    message = "Ihre Gesprächspartner: Dr.-Ing. Katrin Vogel und Jörg Schäfer, Werkleiter."
    assert [n for n, _ in _names(panel, recruiter_message=message)] == [
        "Katrin Vogel",
        "Jörg Schäfer",
    ]


def test_one_person_however_their_name_is_shortened() -> None:
    # "Jen", then "Jen Wong", then "Jennifer Wong" is one person; so are Rick and Richard.
    notes = "Round 1 was with Jen Wong and Omar. Jen said the panel liked my triage audit."
    message = "You'll meet Jennifer Wong, Director, Clinical Education, and Dr Omar Haddad."
    assert _names("Dr. Omar Haddad, Jen", round1_notes=notes, recruiter_message=message) == [
        ("Omar Haddad", ""),
        ("Jennifer Wong", "Director, Clinical Education"),
    ]
    message = "Kate Moss (Head of Retail) will join Katherine Moss's panel."
    assert [n for n, _ in _names("Katherine Moss", recruiter_message=message)] == ["Katherine Moss"]
    message = "You'll meet with Richard Okafor-Lane, Plant Manager, and Deepa Subramanian."
    assert [n for n, _ in _names("Rick (plant manager), Deepa", recruiter_message=message)] == [
        "Richard Okafor-Lane",
        "Deepa Subramanian",
    ]
    # A title held whole by a fuller one gives way to it.
    message = "You'll see Hugh Tennant (Partner, Employment) again."
    assert _names("Hugh Tennant (Partner)", recruiter_message=message) == [
        ("Hugh Tennant", "Partner, Employment")
    ]


def test_invites_that_list_the_panel_after_with() -> None:
    attendees = "Attendees: Nguyen, Thao; Kessler, Mark; Abernathy, Summer"
    assert [n for n, _ in _names(attendees)] == ["Thao Nguyen", "Mark Kessler", "Summer Abernathy"]
    message = (
        "You are invited for a discussion with Mr. Venkatesh Iyer, Chief Risk Officer, and "
        "Ms. Farah Siddiqui, Head – Model Risk Management. Dr. Alan Cho will also dial in."
    )
    assert [n for n, _ in _names("CRO + head of model risk", recruiter_message=message)] == [
        "Venkatesh Iyer",
        "Farah Siddiqui",
        "Alan Cho",
    ]


def test_a_title_no_title_word_marks_before_an_honorific_and_a_name() -> None:
    panel = "Pflegedienstleitung Frau Özdemir, Proprietress Mrs. Nkechi Uzor"
    assert _names(panel) == [
        ("Frau Özdemir", "Pflegedienstleitung"),
        ("Nkechi Uzor", "Proprietress"),
    ]
    # A title word, or an honorific that is a title, is read as it stands; a greeting is no title.
    assert _names("Deputy Principal Mrs N. Mahlangu, Ward Sister Hope Adeyemi") == [
        ("N. Mahlangu", "Deputy Principal"),
        ("Hope Adeyemi", "Ward Sister"),
    ]


def test_a_title_qualified_by_a_field_after_a_comma() -> None:
    assert _names("Chair: Nadia Haddad, Assistant Director, Cyber Operations") == [
        ("Nadia Haddad", "Assistant Director, Cyber Operations")
    ]
    # ... but not by a name after it.
    assert _names("Aisha Rahman, GP Partner, Grace Adeyemi") == [
        ("Aisha Rahman", "GP Partner"),
        ("Grace Adeyemi", ""),
    ]


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("Exec Dir Secondary", "Executive Director of Secondary Schools"),
        ("Asst Head", "Assistant Headteacher"),
        ("DVC (Academic Affairs)", "Deputy Vice-Chancellor (Academic Affairs)"),
        ("VP Eng", "VP Engineering"),
        ("Head of DevRel", "Head of Developer Relations"),
        ("CFO", "Chief Financial Officer"),
        ("Clinical Mgr", "Clinical Pharmacy Manager"),
        ("Dean FHS", "Executive Dean, Faculty of Health Sciences"),
    ],
)
def test_a_shortened_title_is_read_as_the_one_it_shortens(short: str, long: str) -> None:
    assert abbreviates(short, long)


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("CEO", "Chief Operating Officer"),  # an acronym's letters each start a word
        ("Partner", "Partners"),  # the plural is the firm's partners
        ("Partner", "Principal Engineer"),
        ("Manager", "Marketing Director"),
    ],
)
def test_a_different_title_is_no_shortening(short: str, long: str) -> None:
    assert not abbreviates(short, long)


def test_a_title_written_out_elsewhere_replaces_its_short_form() -> None:
    message = (
        "You will meet Lionel Abernathy, Executive Director of Secondary Schools, and "
        "Tamika Rowe, Principal."
    )
    assert _names(
        "Lionel Abernathy (Exec Dir Secondary), Tamika Rowe", recruiter_message=message
    ) == [
        ("Lionel Abernathy", "Executive Director of Secondary Schools"),
        ("Tamika Rowe", "Principal"),
    ]


def test_the_employers_own_words_for_a_title_and_a_name() -> None:
    # The message's title replaces a note that holds more than a title.
    message = "Guests:\n  Priya Nair – Finance Manager\n  Tom Okafor – Head of Audit"
    notes = "met Priya Nair (Fin Mgr, very warm) and Tom Okafor"
    assert _names("Priya + Tom", round1_notes=notes, recruiter_message=message) == [
        ("Priya Nair", "Finance Manager"),
        ("Tom Okafor", "Head of Audit"),
    ]
    # The job description gives the full name and title of someone the panel field
    # shortens, and adds no one.
    description = (
        "Reports to Executive Chef Stanisław Kowal and Bakery Director Ruth Ellison; "
        "works with Finance Manager Ola Berg."
    )
    assert _names("chef stan, ruth ellison (bakery dir)", job_description=description) == [
        ("Stanisław Kowal", "Executive Chef"),
        ("Ruth Ellison", "Bakery Director"),
    ]
    # So does a line the message is copied to.
    message = "Hi Sam, Ruth and I would like to see you again.\ncc: Ruth Ellison (Director, Bakery)"
    assert _names("ruth + tom", recruiter_message=message)[0] == (
        "Ruth Ellison",
        "Director, Bakery",
    )


def test_a_quoted_nickname_and_a_title_that_lists_fields_before_its_head() -> None:
    message = (
        "Panel:\nMs Johanna 'Hanna' Pretorius – Executive: Fleet & Logistics\n"
        "Your Health, Safety & Environment Manager, Mr. Sipho Ndlovu, will join."
    )
    assert _names("Hanna Pretorius (Exec Fleet), Ndlovu", recruiter_message=message) == [
        ("Johanna Pretorius", "Executive: Fleet & Logistics"),
        ("Sipho Ndlovu", "Health, Safety & Environment Manager"),
    ]
    # ... or after it, in a bulleted list whose long lines join name and title by a comma.
    message = (
        "Selection Panel:\n"
        "• Professor Declan Moran, Head of School of Physiotherapy, Podiatry & Sports "
        "Science (Chair)\n"
        "• Ms Aoife Brennan, HR Business Partner, Faculty of Health Sciences (Secretary)"
    )
    assert _names("", recruiter_message=message) == [
        ("Declan Moran", "Head of School of Physiotherapy, Podiatry & Sports Science"),
        ("Aoife Brennan", "HR Business Partner, Faculty of Health Sciences"),
    ]


def test_son_of_and_daughter_of_are_part_of_a_name() -> None:
    message = (
        "Interview panel:\n1. Ms Kavitha d/o Raman, Director (Planning)\n"
        "2. Mr Arjun s/o Pillai, Deputy Director, Estates & Facilities Division"
    )
    assert _names("Director + Deputy Director (same as before)", recruiter_message=message) == [
        ("Kavitha d/o Raman", "Director (Planning)"),
        ("Arjun s/o Pillai", "Deputy Director, Estates & Facilities Division"),
    ]


def test_a_list_of_interviewers_headed_in_chinese_and_a_sender_who_will_be_there() -> None:
    message = (
        "恭喜进入二面!\n面试官：\n- 王建国 Wang Jianguo – COO\n- 周敏 Zhou Min – Finance Director"
    )
    assert _names("COO + 周总监", recruiter_message=message) == [
        ("Wang Jianguo", "COO"),
        ("Zhou Min", "Finance Director"),
    ]
    # A name in brackets after the same name in its own script, then the title.
    message = "面接官：\n・山田 花子 (Yamada Hanako) – Head of Legal\n・Tom Reed – CTO"
    assert _names("Yamada-san, Tom", recruiter_message=message) == [
        ("Yamada Hanako", "Head of Legal"),
        ("Tom Reed", "CTO"),
    ]
    message = (
        "Hi Sam,\n\nIt'll be myself and Joe Bloggs (CTO) on Friday.\n\n"
        "Kind regards,\nAnna Whitlock\nEngineering Manager"
    )
    assert _names("", recruiter_message=message) == [
        ("Joe Bloggs", "CTO"),
        ("Anna Whitlock", "Engineering Manager"),
    ]


def test_words_for_a_person_are_no_names_and_a_surname_may_be_cut_short() -> None:
    message = (
        "You'll meet:\n- Choi Min-seo – Head of Quality\n- Ines Duarte – HR Partner\n"
        "- Ruben Castillo – Counsel"
    )
    assert _names("QA guy choi, HR lady, counsel (Spanish guy)", recruiter_message=message) == [
        ("Choi Min-seo", "Head of Quality"),
        ("Ines Duarte", "HR Partner"),
        ("Ruben Castillo", "Counsel"),
    ]
    notes = "Oluwaseun Adebay (HoD) grilled me on audits"
    message = "Panel:\n- Oluwaseun Adebayo-Cole, Head of Department\n- Amaka Eze, Matron"
    assert _names(
        "Oluwaseun Adebay + Amaka Eze", round1_notes=notes, recruiter_message=message
    ) == [
        ("Oluwaseun Adebayo-Cole", "Head of Department"),
        ("Amaka Eze", "Matron"),
    ]


def test_a_title_before_a_name_in_brackets_is_that_persons() -> None:
    assert _names("Mia Jansen, tax partner (Pieter)") == [
        ("Mia Jansen", ""),
        ("Pieter", "Tax Partner"),
    ]
    assert _names("Mia Jansen, Tax Partner (Pieter de Wit)") == [
        ("Mia Jansen", ""),
        ("Pieter de Wit", "Tax Partner"),
    ]
    # A bracket right after a name still holds that name's title.
    assert _names("Mia Jansen (Tax Partner), Pieter") == [
        ("Mia Jansen", "Tax Partner"),
        ("Pieter", ""),
    ]


def test_particles_do_not_count_towards_a_names_length() -> None:
    assert _names("María José de la Torre (directora), Ilse van der Linden-Koster") == [
        ("María José de la Torre", "Directora"),
        ("Ilse van der Linden-Koster", ""),
    ]
    # "D." before a first name is Don, not a first initial: the name without it is the fuller.
    message = "Estaremos Javier Ortega Ruiz, yo y D. Enrique de la Fuente."
    assert ("Enrique de la Fuente", "Gerente") in _names(
        "Javier Ortega, Enrique de la Fuente (gerente)", recruiter_message=message
    )


def test_one_person_written_with_a_surname_initial_a_particle_initial_or_a_short_first_name() -> (
    None
):
    notes = "Nadia K was tough on enforcement. Prof Vd Merwe asked about funding."
    panel = "Nadia Kowalczyk (Compliance Manager), Pieter J. van der Merwe (Head of School)"
    assert _names(panel, round1_notes=notes) == [
        ("Nadia Kowalczyk", "Compliance Manager"),
        ("Pieter J. van der Merwe", "Head of School"),
    ]
    # An honorific of respect is not part of the name, and "Funmi" is Funmilayo.
    assert _names("Madam Funmi (owner/CEO), Funmilayo Adebayo-Okafor, Uncle Tunde Bello") == [
        ("Funmilayo Adebayo-Okafor", "owner/CEO"),
        ("Tunde Bello", ""),
    ]


def test_a_name_the_intake_writes_out_in_full_elsewhere() -> None:
    notes = "Dee = Deandre Williams, head stylist.\nsenior stylist si Jun-Jun (Ferdinand Reyes)"
    assert _names("Kwame Asante + Dee + Jun-Jun", round1_notes=notes) == [
        ("Kwame Asante", ""),
        ("Deandre Williams", "Head Stylist"),
        ("Ferdinand Reyes", "Senior Stylist"),
    ]
    # A title in brackets is not another name, even one in German.
    assert _names("Frau Keller (Teamleitung Kundenservice), Herr Yilmaz") == [
        ("Frau Keller", "Teamleitung Kundenservice"),
        ("Herr Yilmaz", ""),
    ]


def test_pronouns_degrees_and_the_next_line_do_not_cut_a_title_off() -> None:
    message = (
        "You'll meet Dana Whitcombe (she/her), Director of ML Platform, and Tomás "
        "Ferreira-Lind (he/him), Principal Engineer, again."
    )
    assert _names(
        "Dana Whitcombe (she/her)\nTomás Ferreira-Lind (he/him)", recruiter_message=message
    ) == [
        ("Dana Whitcombe", "Director of ML Platform"),
        ("Tomás Ferreira-Lind", "Principal Engineer"),
    ]
    notes = (
        "- Dr. Monique Ferrante, MD (Medical Director, Hematology/Oncology)\n"
        "- CEO Martin Blythe\nrecruiter = Rachel"
    )
    assert _names("Dr Ferrante, Martin Blythe", round1_notes=notes) == [
        ("Monique Ferrante", "Medical Director, Hematology/Oncology"),
        ("Martin Blythe", "CEO"),
    ]


def test_a_nickname_in_brackets_or_after_an_equals_sign() -> None:
    assert _names(
        "Bongani (Bongi) Dlamini - Depot Manager\nThandeka Mokoena - HR Business Partner"
    ) == [
        ("Bongani Dlamini", "Depot Manager"),
        ("Thandeka Mokoena", "HR Business Partner"),
    ]
    notes = "kuya Bong = Bonifacio Dimaculangan, shift supervisor"
    assert _names("Ms Tin & kuya Bong", round1_notes=notes)[-1] == (
        "Bonifacio Dimaculangan",
        "Shift Supervisor",
    )
    # A field of work in brackets after a title is no nickname.
    assert _names("Ms Amara Nwachukwu – Trustee (Fundraising)\nMr Callum Fraser – Trustee") == [
        ("Amara Nwachukwu", "Trustee (Fundraising)"),
        ("Callum Fraser", "Trustee"),
    ]


def test_titles_and_greetings_in_other_languages() -> None:
    assert _names("Ruud van 't Hof - eigenaar\nLotte van 't Hof - bedrijfsleider") == [
        ("Ruud van 't Hof", "Eigenaar"),
        ("Lotte van 't Hof", "Bedrijfsleider"),
    ]
    message = "Buenas Manolo, estaremos Jordi Puig y Núria Soler. Saludos, Montse"
    assert [n for n, _ in _names("", recruiter_message=message)] == ["Jordi Puig", "Núria Soler"]
    # The seat on the panel after a job title is not part of it.
    assert _names("Mrs Deborah Quayle – Head of Nursing, Medicine Division (Chair)") == [
        ("Deborah Quayle", "Head of Nursing, Medicine Division")
    ]


def test_a_listed_panelist_from_hr_keeps_the_title_the_message_gives() -> None:
    message = "At the interview: Erik Johansson (HR-partner) and Mikael Berg, avdelningschef."
    assert _names("Erik J, Mikael Berg", recruiter_message=message) == [
        ("Erik Johansson", "HR-partner"),
        ("Mikael Berg", "Avdelningschef"),
    ]
    # A given name before "bin" or "binti" is what colleagues call them.
    message = (
        "You will meet Ahmad Faizal bin Yusof, Chief Risk Officer, and Nur Syafiqah binti "
        "Abdullah, HR Business Partner."
    )
    assert _names("Datuk Faizal, Syafiqah", recruiter_message=message) == [
        ("Ahmad Faizal bin Yusof", "Chief Risk Officer"),
        ("Nur Syafiqah binti Abdullah", "HR Business Partner"),
    ]


def test_a_seat_the_panel_field_writes_shorter_and_someone_stepping_in() -> None:
    message = (
        "Mr Adeyemi would like to see you teach, followed by a conversation with him and Ms "
        "Farrell.\n\nPanel for reference: Tunde Adeyemi, Head of Mathematics; Claire Farrell, "
        "Deputy Headteacher"
    )
    assert _names("Head of Maths + deputy head", recruiter_message=message) == [
        ("Tunde Adeyemi", "Head of Mathematics"),
        ("Claire Farrell", "Deputy Headteacher"),
    ]
    message = "Then we will sit down with myself and Lucy Harland (Owner/Director).\n\nBen Tawhai"
    assert ("Lucy Harland", "Owner/Director") in _names(
        "Ben and the owner", recruiter_message=message
    )
    message = "Frank can't make it tomorrow. Head Chef Alicia Romero will step in for him."
    assert _names("Carlos Mendez, Frank DiMaggio", recruiter_message=message) == [
        ("Carlos Mendez", ""),
        ("Alicia Romero", "Head Chef"),
    ]


def test_titles_joined_by_link_words_of_other_languages() -> None:
    message = (
        "Sie treffen Prof. Dr. Martin Vogel, Chefarzt der Klinik für Anästhesiologie und "
        "Intensivmedizin."
    )
    assert _names("Martin Vogel", recruiter_message=message) == [
        ("Martin Vogel", "Chefarzt der Klinik für Anästhesiologie und Intensivmedizin")
    ]
    assert _names("Daniela Hernández Ríos (Gerente de Transporte y Distribución)") == [
        ("Daniela Hernández Ríos", "Gerente de Transporte y Distribución")
    ]


def test_a_group_label_an_invites_organiser_and_w_for_with() -> None:
    message = (
        "You will meet with Sunita Patel, Partner, and James Romano, Senior Associate, "
        "followed by a brief conversation with Linda Cho, our Office Manager."
    )
    assert _names("Attorneys: S. Patel, J. Romano; Office mgr", recruiter_message=message) == [
        ("Sunita Patel", "Partner"),
        ("James Romano", "Senior Associate"),
        ("Linda Cho", "Office Manager"),
    ]
    assert [n for n, _ in _names("Marcus Reed (Organizer); Tina Alvarez; Jordan Pike")] == [
        "Tina Alvarez",
        "Jordan Pike",
    ]
    notes = "Interview w Principal Michelle Dunn, went well"
    assert _names("Michelle Dunn", round1_notes=notes) == [("Michelle Dunn", "Principal")]


def test_fields_between_commas_a_sender_who_is_me_and_a_sentence_that_adds_also() -> None:
    assert _names("Geneviève Tremblay-Roy – Director, Private Banking, GTA") == [
        ("Geneviève Tremblay-Roy", "Director, Private Banking, GTA")
    ]
    message = (
        "Danny and I would love to get you back in. It'll be me, Danny Fletcher (Director) "
        "and Aisha from our Leeds office.\n\nCheers,\nKelly Marsh\nSenior Consultant"
    )
    assert ("Kelly Marsh", "Senior Consultant") in _names("", recruiter_message=message)
    message = (
        "2nd stage Friday. Area sales mgr Kev Doyle will be there again, have ur figures "
        "ready. Also regional director Sandra Bloom. Good luck!! Jade x"
    )
    assert _names("", recruiter_message=message) == [
        ("Kev Doyle", "Area sales mgr"),
        ("Sandra Bloom", "Regional Director"),
    ]


def test_a_first_name_that_is_also_a_word_with_its_title_and_hr_listed_for_the_round() -> None:
    message = (
        "Next step is a chat with Bec Tran, the Store Manager for Chadstone, and Jordan, our "
        "Visual Merchandising Lead."
    )
    assert ("Jordan", "Visual Merchandising Lead") in _names("", recruiter_message=message)
    message = (
        "Hi Wei Ling,\n\nSecond round (in person, HarbourFront office):\n- Capt. Rajesh Nair, "
        "Fleet Personnel Manager\n- Ms Goh Siew Mei, HR Business Partner\n\nRegards,\nDaniel Tan"
    )
    assert _names("", recruiter_message=message) == [
        ("Rajesh Nair", "Fleet Personnel Manager"),
        ("Goh Siew Mei", "HR Business Partner"),
    ]


def test_a_panel_field_of_addresses_names_whose_addresses_they_are() -> None:
    intake = Intake(
        role="Duty social worker",
        company="Northside Family Services",
        panel="m.oconnell@northside.example; piotr.zajac@northside.example; sam99@mail.example",
        recruiter_message="Hi Sam, it will be myself (Máire O'Connell, Principal Social Worker) "
        "and Piotr Zając, Senior Practitioner. Kind regards, Máire",
    )

    def named(name: str) -> bool:
        return named_in_panel(intake, Panelist(name, ""))

    assert named("Máire O'Connell") and named("Piotr Zając")
    assert not named("Sam Reilly") and not named("Maura Byrne") and not named("Piotr Nowak")
    assert all("@" not in p.name + p.title for p in named_panel(intake))


def test_a_known_short_form_of_a_given_name_is_the_same_person() -> None:
    notes = "Panel: Bec (artistic director), Nick (GM), & Tash from the board"
    message = (
        "Rebecca Lim-Harrison (Artistic Director) and Nicholas Papadopoulos (General Manager) "
        "will be joined by our Head of Technical, Kai Whitehead."
    )
    assert _names("Bec, Nick, Kai", round1_notes=notes, recruiter_message=message) == [
        ("Rebecca Lim-Harrison", "Artistic Director"),
        ("Nicholas Papadopoulos", "General Manager"),
        ("Kai Whitehead", "Head of Technical"),
    ]
    assert [n for n, _ in _names("John Price, Nathan Price")] == ["John Price", "Nathan Price"]
    # Short forms of other languages that do not begin like the name: Kuba is Jakub, Toño
    # Antonio, Paty Patricia, Nando (Luiz) Fernando.
    message = (
        "Na rozmowie będą Jakub Lis (HR Business Partner), Patricia Hernández (Reclutadora) "
        "oraz Antonio Garza (Registrador) i Luiz Fernando Pires (Gerente de Contrato)."
    )
    assert [n for n, _ in _names("Kuba, Paty, Toño, Nando", recruiter_message=message)] == [
        "Jakub Lis",
        "Patricia Hernández",
        "Antonio Garza",
        "Luiz Fernando Pires",
    ]


def test_profile_cards_reversed_names_and_letters_with_a_subject() -> None:
    panel = (
        "Helen Marsh-Whitby · 2nd\nHeadteacher at Oakfield Academy\n\n"
        "Raj Patel · 3rd\nHead of Mathematics at Oakfield Academy"
    )
    assert _names(panel) == [
        ("Helen Marsh-Whitby", "Headteacher"),
        ("Raj Patel", "Head of Mathematics"),
    ]
    message = "Participants:\nMikko Virtanen, Development Director\nRiikka Laine, GIS Team Lead"
    assert len(_names("Virtanen Mikko, Laine Riikka", recruiter_message=message)) == 2
    notes = "1st interview – HOD Dr Venkataraman + Dr Iyer (Sr Consultant)"
    message = (
        "The interview panel will consist of:\n1. Dr. (Mrs.) Sunita Venkataraman, MD, DM "
        "(Cardiology), FACC – Head of Department, Cardiology\n2. Dr. Arvind K. Menon, MBBS, "
        "MHA – Medical Superintendent"
    )
    assert _names(
        "HOD (Dr Sunita V) + MS Dr Menon", round1_notes=notes, recruiter_message=message
    ) == [
        ("Sunita Venkataraman", "Head of Department, Cardiology"),
        ("Arvind K. Menon", "Medical Superintendent"),
    ]
    assert _names("Yvonne Bright CMIOSH – SHEQ Manager") == [("Yvonne Bright", "SHEQ Manager")]


def test_a_sender_who_will_sit_in_is_on_a_panel_given_by_titles() -> None:
    message = (
        "Would you be available Friday at 11:00 to meet our General Manager, Mr. Lorenzo De "
        "Santis? I will be sitting in again. Kind regards, Fatima Al-Mansouri, HR Manager"
    )
    assert _names("GM + hr lady again", recruiter_message=message) == [
        ("Fatima Al-Mansouri", "HR Manager"),
        ("Lorenzo De Santis", "General Manager"),
    ]
    message = (
        "Thanks for taking the time to chat with me. You will meet with our Front Office "
        "Manager and General Manager.\n\nCiara Hegarty\nHR & Training Coordinator"
    )
    assert _names("Front Office Manager + General Manager", recruiter_message=message) == []


def test_a_fuller_title_in_plain_words_replaces_one_cut_short_but_not_a_plain_one() -> None:
    notes = "R1 w/ Gisèle (ED manager)"
    message = (
        "You'll meet Gisèle Thibodeau, Manager, Emergency Services, and Omar Haddad, ED "
        "Medical Lead."
    )
    assert _names("Gisèle Thibodeau, Omar Haddad", round1_notes=notes, recruiter_message=message)[
        0
    ] == ("Gisèle Thibodeau", "Manager, Emergency Services")
    message = (
        "This time we will focus on the Director, ML Platform position rather than Head of "
        "Data Science (Beatrix will explain more)."
    )
    panel = "| Name | Title |\n|---|---|\n| Beatrix Olanrewaju | Chief Data Officer |"
    assert _names(panel, recruiter_message=message) == [
        ("Beatrix Olanrewaju", "Chief Data Officer")
    ]


def test_a_lower_case_list_of_first_names_and_a_sender_who_will_not_be_there() -> None:
    assert _names("ruairi, camille, ngozi") == [("Ruairi", ""), ("Camille", ""), ("Ngozi", "")]
    assert _names("melanie + owner (luc)") == [("Melanie", ""), ("Luc", "Owner")]
    assert _names("not sure") == []
    notes = "- Bazza (Barry Nguyen, Principal Geotech Engineer) on mute most of the time"
    message = (
        "Hey mate it's Shaz. Macca wants another chat. It'll be him + Bazza this time, I "
        "won't be on it. Cheers Sharon"
    )
    assert ("Barry Nguyen", "Principal Geotech Engineer") in _names(
        "Macca + Bazza", round1_notes=notes, recruiter_message=message
    )


def test_numbered_units_hyphenated_surnames_and_a_middle_surname() -> None:
    assert _names("Siobhan Duffy – Ward Manager, Ward 7B") == [
        ("Siobhan Duffy", "Ward Manager, Ward 7B")
    ]
    message = "Panel: Owen Lloyd-Price, Service Manager."
    assert _names("", recruiter_message=message) == [("Owen Lloyd-Price", "Service Manager")]
    panel = "Raúl Domínguez Ortega – Senior Mission Analyst\nFrédérique Lapointe – Producer"
    notes = "Dominguez asked about orbits; Fred liked my reel"
    assert [n for n, _ in _names(panel, round1_notes=notes)] == [
        "Raúl Domínguez Ortega",
        "Frédérique Lapointe",
    ]


def test_surnames_in_capitals_first_a_long_unit_and_a_list_under_the_round() -> None:
    assert [n for n, _ in _names("VAN DEN BROECK Pieter; CLAES Els; DUBOIS Marie-Hélène")] == [
        "Pieter Van den Broeck",
        "Els Claes",
        "Marie-Hélène Dubois",
    ]
    assert [n for n, _ in _names("J. vd Meulen, F. El Amrani")] == ["Vd Meulen", "F. El Amrani"]
    message = "Panel: Beverley Adjei-Mensah, Team Manager, Children in Need Team 2; Owen Price."
    assert _names("", recruiter_message=message)[0] == (
        "Beverley Adjei-Mensah",
        "Team Manager, Children in Need Team 2",
    )
    message = (
        "Second interview: Monday 8/19.\n\nYou'll meet with:\n• Dr. Patricia Mwangi-Odhiambo, "
        "DNP, RN – Chief Nursing Officer\n• Dr. Aaron Feldman, MD – Medical Director, Critical "
        "Care\n\nThanks!\nBrianna Cole"
    )
    assert ("Aaron Feldman", "Medical Director, Critical Care") in _names(
        "the Chief Nursing Officer, ICU medical director (dr. feld)", recruiter_message=message
    )


def test_a_surname_that_is_a_place_word_a_sender_with_and_and_a_title_after_equals() -> None:
    message = "The panel will comprise:\n• Mrs Deborah Lane, Development Management Team Leader"
    assert _names("D Lane", recruiter_message=message) == [
        ("Deborah Lane", "Development Management Team Leader")
    ]
    notes = "Becky Hale = General Manager, 2 yrs there"
    message = (
        "Hiya Jordan! Becky here from the Fox. Can you come back Thurs 4pm? A proper sit "
        "down with me & Dave our Area Manager. Nothing formal x"
    )
    assert _names("", round1_notes=notes, recruiter_message=message) == [
        ("Becky Hale", "General Manager"),
        ("Dave", "Area Manager"),
    ]


def test_monsieur_before_a_name_is_an_honorific_and_an_initial_is_not() -> None:
    message = "You will meet with Mme Sylvie Gagnon, Principal, and M. Tom Birch, Vice-Principal."
    assert _names("Mme Gagnon & M. Birch", recruiter_message=message) == [
        ("Sylvie Gagnon", "Principal"),
        ("Tom Birch", "Vice-Principal"),
    ]
    assert _names("M. K. Patel – Finance Director") == [("M. K. Patel", "Finance Director")]


def test_a_title_right_after_a_full_name_a_short_given_name_and_a_remark_after_a_title() -> None:
    assert _names("Jonah Smith VP Customer Success") == [("Jonah Smith", "VP Customer Success")]
    assert _names("Jonah ___ VP Customer Success") == [("Jonah", "VP Customer Success")]
    assert _names("Jonah Smith Director of Sales, Grant Manager Lee Chan") == [
        ("Jonah Smith", "Director of Sales"),
        ("Lee Chan", "Grant Manager"),
    ]
    # "Dom" is a short form of Dominic in the nickname table, so a name.
    message = (
        "Hey Kyle, Bec here. Want u back Sat 9am. Just me and Dom (area mgr) - he wants a chat."
    )
    assert ("Dom", "Area Mgr") in _names("bec & dom", recruiter_message=message)
    message = (
        "Dave Kettleson (Produce Manager, he's retiring in Aug) thinks you'd be great. "
        "Can you chat w Dave + Maren (GM) Tuesday at 2? -Hollie, HR"
    )
    assert _names("Dave (produce), GM", recruiter_message=message)[0] == (
        "Dave Kettleson",
        "Produce Manager",
    )


def test_a_name_after_an_everyday_of_a_cut_surname_and_a_subject_before_a_name() -> None:
    message = (
        "The panel will consist of Lorraine Bishop, Budget Director; Glen Haraldsen, Deputy "
        "County Administrator."
    )
    assert _names("Budget Dir (Lorraine?), Deputy County Admin", recruiter_message=message) == [
        ("Lorraine Bishop", "Budget Director"),
        ("Glen Haraldsen", "Deputy County Administrator"),
    ]
    message = (
        "Our Clinical Director, Dr Liam O'Sullivan, would like to discuss the role. He'll be "
        "joined by our Regional Operations Manager, Hayley Brandt."
    )
    assert _names("Liam O'S + Hayley (ops)", recruiter_message=message)[0] == (
        "Liam O'Sullivan",
        "Clinical Director",
    )
    notes = "panel: Principal (Wiremu Reihana), HOD Maths Jo Ferguson, DP Mrs Lam"
    assert ("Jo Ferguson", "HOD Maths") in _names("", round1_notes=notes)
    assert [n for n, _ in _names("Johan van der Merwe – NOC Manager")] == ["Johan van der Merwe"]


def test_everyday_words_of_other_languages_are_no_names_but_names_that_are_words_are() -> None:
    from simulator.name_words import is_foreign_word

    for word in ("Teilnehmer", "Einkauf", "Gerente", "Senhora", "Weet", "Ressources"):
        assert is_foreign_word(word), word
        assert not could_be_name([word]), word
    # Common names somewhere that are words too ("weil" is German for "because").
    for word in ("Jürgen", "Fischer", "Weil", "Feld", "Marta", "O'Neill", "Brenner"):
        assert not is_foreign_word(word), word
    notes = "Teilnehmer: Jonas Weil (Postdoc)\nEinkauf ist auch dabei"
    assert _names("", round1_notes=notes) == [("Jonas Weil", "Postdoc")]


def test_honorifics_after_a_name_and_a_sign_off_in_another_language() -> None:
    notes = "Mehmet Kaya (Kredi Riskleri Müdürü) ve Serkan Yıldız gelecek"
    message = "Merhaba, Mehmet Bey and Serkan Bey will see you again on Monday."
    assert [n for n, _ in _names("", round1_notes=notes, recruiter_message=message)] == [
        "Mehmet Kaya",
        "Serkan Yıldız",
    ]
    assert _names("Mdm Lee Hwee Ling (General Counsel), Eng. Faisal Al-Otaibi") == [
        ("Lee Hwee Ling", "General Counsel"),
        ("Faisal Al-Otaibi", ""),
    ]
    # The sender who signs "Ngā mihi," and will sit in ("with Tomasi and myself").
    message = (
        "Kia ora Ana,\n\nYou'll cook with our Head Chef, Tomasi Fifita, then chat with Tomasi "
        "and myself.\n\nNgā mihi,\nRachel Ngata\nOperations Manager"
    )
    assert _names("", recruiter_message=message) == [
        ("Tomasi Fifita", "Head Chef"),
        ("Rachel Ngata", "Operations Manager"),
    ]


def test_a_panel_field_that_points_back_to_round_one() -> None:
    notes = (
        "Panel: Aroha Walker (Head of Data), Ben Fraser (Senior Data Engineer), Mere Tuhiwai "
        "(Analytics Lead)\nfamily firm, Dieter Walsh started it in 1987"
    )
    assert _names("same as before minus Aroha (on leave)", round1_notes=notes) == [
        ("Ben Fraser", "Senior Data Engineer"),
        ("Mere Tuhiwai", "Analytics Lead"),
    ]
    assert [n for n, _ in _names("same two as last time", round1_notes=notes)] == [
        "Aroha Walker",
        "Ben Fraser",
        "Mere Tuhiwai",
    ]
    # A lone verb after a title is a remark: "(Head of School, chaired)".
    notes = "Panel: Prof. Fionnuala Ní Bhriain (Head of School, chaired), Dr Declan Mullarkey"
    assert ("Fionnuala Ní Bhriain", "Head of School") in _names(
        "same as before", round1_notes=notes
    )


def test_dotted_letters_an_again_before_a_bracket_a_committee_seat_and_he_is_the() -> None:
    notes = "• Amanda Lee, P.Eng. – Project Director\n• Darren Fox – VP Operations"
    assert _names("Amanda Lee, Darren Fox", round1_notes=notes) == [
        ("Amanda Lee", "Project Director"),
        ("Darren Fox", "VP Operations"),
    ]
    message = "You'll meet Carl Jennings again (ops manager) and Latoya, our night shift lead."
    assert ("Carl Jennings", "Ops Manager") in _names("carl + latoya", recruiter_message=message)
    # A seat on the committee gives way to the job ("Director of Advising").
    notes = "search cttee: Tom Becker (Director of Advising, chair), Dr. Lynn Harper"
    assert _names("Tom Becker (committee chair)", round1_notes=notes) == [
        ("Tom Becker", "Director of Advising")
    ]
    message = "You'll see Gareth again (he's the Production Manager) and Sunita (HR Lead)."
    assert ("Gareth", "Production Manager") in _names("", recruiter_message=message)


def test_two_english_words_written_as_one_are_no_name_and_a_trade_mark_is_no_break() -> None:
    from simulator.name_words import joins_two_words

    assert joins_two_words("Superday") and joins_two_words("Sandeep")  # "sand" + "deep"
    assert not could_be_name(["Superday"]) and not could_be_name(["Footwear"])
    assert could_be_name(["Sandeep"]) and could_be_name(["Goodwin"])  # names all the same
    message = (
        "Please find your Superday schedule below.\n\n"
        "9:00 – Gregory T. Halvorsen, Managing Director\n"
        "9:30 – Priscilla Owusu, CFP®, Senior Wealth Advisor\n"
    )
    assert _names("Superday – 2 interviews (see schedule)", recruiter_message=message) == [
        ("Gregory T. Halvorsen", "Managing Director"),
        ("Priscilla Owusu", "Senior Wealth Advisor"),
    ]


def test_titles_in_other_languages_and_the_grammar_before_them() -> None:
    notes = "Haastattelijat: Mervi Laaksonen (rehtori) ja apulaisrehtori Jukka Salo"
    assert _names("Mervi Laaksonen, Jukka Salo", round1_notes=notes) == [
        ("Mervi Laaksonen", "Rehtori"),
        ("Jukka Salo", "Apulaisrehtori"),
    ]
    assert _names("Randi Solheim, avdelingssykepleier") == [
        ("Randi Solheim", "Avdelingssykepleier")
    ]
    # English words that are everyday words elsewhere too stay in the title.
    assert _names("Kenji Watanabe (Art Director), Joy Villanueva – TA Manager") == [
        ("Kenji Watanabe", "Art Director"),
        ("Joy Villanueva", "TA Manager"),
    ]


def test_given_names_common_elsewhere_are_first_names() -> None:
    from simulator.name_words import is_first_name

    for name in ("Gilad", "Priya", "Sipho", "Declan", "Päivi"):
        assert is_first_name(name), name
    for word in ("Teilnehmer", "Manager", "Budget"):
        assert not is_first_name(word), word
    message = "You'll meet Gilad again + Yael Peretz (Data Science Lead)."
    notes = "R1 w/ Gilad Mizrahi (Head of Agronomy)."
    assert sorted(_names("gilad, yael peretz", round1_notes=notes, recruiter_message=message)) == [
        ("Gilad Mizrahi", "Head of Agronomy"),
        ("Yael Peretz", "Data Science Lead"),
    ]


def test_the_accented_spelling_and_the_title_written_out_win() -> None:
    message = "The second interview will be with our Chief Executive, Dr Tomás Herrera."
    assert _names("Tomas Herrera CEO", recruiter_message=message) == [
        ("Tomás Herrera", "Chief Executive")
    ]


def test_lower_case_first_names_described_after_them_are_names() -> None:
    assert _names("anita from finance and gregor the site manager") == [
        ("Anita", ""),
        ("Gregor", "Site Manager"),
    ]


@pytest.mark.parametrize(
    ("panel", "notes", "expected"),
    [
        # a bracket after the first name alone, a form of address between
        ("Rohan Mehta, Bea Lund", "rohan sir (Plant Head) was strict; bea (quality lead) less so",
         [("Rohan Mehta", "Plant Head"), ("Bea Lund", "quality lead")]),
        # a short form of the first name before the surname
        ("Katherine Ross", "Round one: Kate Ross (Head of Audit) asked about sampling.",
         [("Katherine Ross", "Head of Audit")]),
        # someone else's surname: Anna's title is not Michał's
        ("Michał Nowak", "The practice belongs to Anna Nowak (owner), who was away.",
         [("Michał Nowak", "")]),
        # a pronoun or a plan in brackets is no title
        ("Tariq Hussain", "Tariq (he/him) joined late; Tariq (on Zoom) asked two questions.",
         [("Tariq Hussain", "")]),
    ],
)  # fmt: skip
def test_a_title_in_brackets_after_any_mention_of_someone_read_without_one(
    panel: str, notes: str, expected: list[tuple[str, str]]
) -> None:
    assert _names(panel, round1_notes=notes) == expected


@pytest.mark.parametrize(
    ("panel", "message", "expected"),
    [
        # Spanish: "con ..., y la ..." puts a second person in the room the field left out
        ("Lucía Ortega (Directora de Obra)",
         "Estimado Sr. Campos:\n\nNos gustaría invitarle a una segunda entrevista con la "
         "Ing. Lucía Ortega, Directora de Obra, y el Sr. Tomás Herrera, Jefe de Compras.\n\n"
         "Atte.\nNuria Vidal",
         [("Lucía Ortega", "Directora de Obra"), ("Tomás Herrera", "Jefe de Compras")]),
        # French: "Vous rencontrerez ... ainsi que ..."; the greeted candidate is no one
        ("Hélène Roux",
         "Bonjour M. Lambert,\n\nVous rencontrerez Mme Hélène Roux, Directrice Technique, "
         "ainsi que M. Karim Benali, Chef d'équipe.\n\nCordialement,\nSophie Martin",
         [("Hélène Roux", "Directrice Technique"), ("Karim Benali", "Chef d'équipe")]),
        # German: a greeting with an honorific, "wird ... nicht dabei sein", a dotless i
        ("Jana Wolf, Emre Yilmaz",
         "Hallo Herr Brandt,\n\nzum zweiten Gespräch treffen Sie Frau Jana Wolf "
         "(Teamleiterin Einkauf) und Herrn Emre Yılmaz (Leiter Logistik). Herr Vogt wird "
         "nicht dabei sein.\n\nViele Grüße\nAnja Roth",
         [("Jana Wolf", "Teamleiterin Einkauf"), ("Emre Yılmaz", "Leiter Logistik")]),
    ],
)  # fmt: skip
def test_an_invitation_in_another_language_says_who_is_coming(
    panel: str, message: str, expected: list[tuple[str, str]]
) -> None:
    assert _names(panel, recruiter_message=message) == expected


def test_lower_case_honorifics_seats_by_initials_and_a_surname_cut_short() -> None:
    # "mrs okoro" typed in lower case is someone; so is "dr shah" in a list with a first name
    assert _names("the head mrs okoro and the deputy head, mr tunde bello") == [
        ("Mrs Okoro", "Head"),
        ("Tunde Bello", "Deputy Head"),
    ]
    assert [n for n, _ in _names("dr shah, marnie")] == ["Dr Shah", "Marnie"]
    # "a PM" is the Senior Project Manager the invite lists: a grade is not in the initials
    invite = "Guests:\nGreta Lindahl – Site Manager\nOwen Price – Senior Project Manager"
    assert _names("site manager + a PM, names in the invite", recruiter_message=invite) == [
        ("Greta Lindahl", "Site Manager"),
        ("Owen Price", "Senior Project Manager"),
    ]
    # "dr rosen" in the notes is Dr Miriam Rosenthal, but "Clarke" is not Clarke-Morgan
    notes = "- dr rosen (clinical lead) asked about audits"
    message = "You'll meet Dr Miriam Rosenthal, Clinical Lead, again on Monday."
    assert [n for n, _ in _names("", round1_notes=notes, recruiter_message=message)] == [
        "Miriam Rosenthal"
    ]
    both = "GM Winston Clarke-Morgan, Rooms Div Mgr Dwayne Clarke"
    assert [n for n, _ in _names(both)] == ["Winston Clarke-Morgan", "Dwayne Clarke"]


def test_a_list_under_a_panel_heading_and_a_seat_after_with() -> None:
    # An HR adviser listed under "Interview panel:" sits on it, though HR arranges interviews
    message = (
        "Dear Ms Quinn,\n\nYou are invited to the second stage.\n\nInterview panel:\n"
        "Cllr Ruth Doyle – Chair of Housing Committee\nOmar Haddad – HR Advisor\n\n"
        "Yours sincerely\nHR Services"
    )
    assert [n for n, _ in _names("", recruiter_message=message)] == ["Ruth Doyle", "Omar Haddad"]
    # "trial shift w/ exec chef + GM": the seats are after "w/"
    message = (
        "Hi Jo, you'll be seeing Chef Ines Moreau, the executive chef, and the GM Rob Kerr "
        "will pop in at the end. Cheers, Kelly"
    )
    assert _names("trial shift w/ exec chef + GM", recruiter_message=message) == [
        ("Ines Moreau", "Executive Chef"),
        ("Rob Kerr", "GM"),
    ]


def test_a_panel_field_typed_in_capitals_is_read_as_lower_case() -> None:
    # "YOU WILL MEET" names no Will; a title after a dash stays with its name
    shouted = "YOU WILL MEET NOOR HAMDAN (HEAD OF TAX) AGAIN AND THE CFO, PETRA NOVAK."
    assert [n for n, _ in _names(shouted)] == ["Noor Hamdan", "Petra Novak"]
    assert _names("STORE MANAGER - GAIL ADEYEMI AND AREA HR PARTNER - TOMAS RIVA")[1] == (
        "Tomas Riva",
        "area HR partner",
    )


def test_a_lower_case_first_name_after_be_or_a_relation() -> None:
    assert [n for n, _ in _names("it'll be priya and her boss dan osei, who runs the site")] == [
        "Priya",
        "Dan Osei",
    ]
    assert [n for n, _ in _names("mick the foreman and his son lewis who does the quotes")] == [
        "Mick",
        "Lewis",
    ]


def test_words_of_address_polite_endings_and_given_names_inside_a_full_name() -> None:
    # Vietnamese kinship words and a given name that is also a short day ("Thu")
    message = (
        "Interviewers: Ms. Phạm Thị Lan, Head of Housekeeping, and Mr. Võ Minh Đức, General "
        "Manager."
    )
    assert _names("chị Lan + anh Đức (GM)", recruiter_message=message) == [
        ("Phạm Thị Lan", "Head of Housekeeping"),
        ("Võ Minh Đức", "General Manager"),
    ]
    message = "Your panel: Ms. Lê Thu Trang, Director of Rooms, and Mr. Sun Jiahao, Chief Engineer."
    assert _names("", recruiter_message=message) == [
        ("Lê Thu Trang", "Director of Rooms"),
        ("Sun Jiahao", "Chief Engineer"),
    ]
    # Malay "Pn", a Chinese polite ending, given names inside a name, a Yoruba short form
    message = "The panel: Siti Noor binti Ismail, HR Manager; Zhao Lifeng, Vice President, Sales."
    assert _names("Pn Siti Noor (HR) + Zhao总", recruiter_message=message) == [
        ("Siti Noor binti Ismail", "HR Manager"),
        ("Zhao Lifeng", "Vice President, Sales"),
    ]
    message = "You will meet Huang Xiu Ying, Finance Director, and Olufemi Adeyemi, Head of Audit."
    assert _names("Xiu Ying and Femi", recruiter_message=message) == [
        ("Huang Xiu Ying", "Finance Director"),
        ("Olufemi Adeyemi", "Head of Audit"),
    ]
    # Polish "Pan" before a full name; a German title before a surname
    assert _names("Pan Tadeusz Nowak - Dyrektor Handlowy") == [
        ("Tadeusz Nowak", "Dyrektor Handlowy")
    ]
    message = "Teilnehmer: Frau Anja Weber, Disponentin"
    assert _names("Disponentin Weber", recruiter_message=message) == [("Anja Weber", "Disponentin")]


def test_a_title_written_out_elsewhere_replaces_initials_or_a_hyphenated_part() -> None:
    message = "Teilnehmende:\n- Frau Greta Vogel, Pflegedirektorin\n- Tom Lee, Chief Sub-Editor"
    assert _names("Greta Vogel (PDL), Tom Lee (Chief Sub)", recruiter_message=message) == [
        ("Greta Vogel", "Pflegedirektorin"),
        ("Tom Lee", "Chief Sub-Editor"),
    ]
    # ... but not by a word that merely ends like a title
    message = "The panel will consist of Prof. Ana Lim and Dr. Rui Sato."
    assert _names("Prof. Ana Lim – PI\nDr. Rui Sato – Co-PI", recruiter_message=message) == [
        ("Ana Lim", "PI"),
        ("Rui Sato", "Co-PI"),
    ]


def test_a_list_under_a_header_past_blank_lines_and_a_panel_on_the_header_s_line() -> None:
    message = (
        "Hi there,\n\nWe'd love to talk to you about the Area Lead role.\n\nYou'll meet:\n \n"
        " Priya Nair  – Regional Director\n\n Owen Hughes  – Head of Buying\n \n"
        "Owen saw your portfolio and is keen to meet you.\n\nKind regards,\nEmma Royce\n"
        "People Team"
    )
    assert _names("regional dir + buying head (names in email)", recruiter_message=message) == [
        ("Priya Nair", "Regional Director"),
        ("Owen Hughes", "Head of Buying"),
    ]
    message = (
        "Dear Ms. Reyes,\n\nWe would like to invite you to interview for the post of Year 5 "
        "Lead.\n\nDate: Wednesday 15 May, 16:00\nPanel: Ms. Noriko Sato (Head of Primary) and "
        "Mr. Kenji Mori (Deputy Head)\n\nKind regards,\nHR Office"
    )
    assert _names("Sato-sensei + someone else", recruiter_message=message) == [
        ("Noriko Sato", "Head of Primary"),
        ("Kenji Mori", "Deputy Head"),
    ]


def test_a_table_s_serial_column_a_street_zone_and_a_master_s_title_are_no_one() -> None:
    table = "Sl | Name | Designation\n1 | Dr. Meena Iyer | Medical Director\n2 | Mr. Arun Pillai | HR Manager"
    assert _names(table) == [("Meena Iyer", "Medical Director"), ("Arun Pillai", "HR Manager")]
    assert _names("3 ppl!! Aroha, Liam + Grace from HR") == [
        ("Aroha", ""),
        ("Liam", ""),
        ("Grace", ""),
    ]
    message = (
        "Dear Ada,\n\nPlease come for a second interview at Plot 1187 Cadastral Zone, Abuja."
        "\n\nPanel:\n- Thandi Mokoena, Cellar Master\n- Kobus Venter, Owner\n\nRegards,\nLerato"
    )
    assert _names("", recruiter_message=message) == [
        ("Thandi Mokoena", "Cellar Master"),
        ("Kobus Venter", "Owner"),
    ]


def test_people_who_will_observe_and_a_listed_name_with_an_initial() -> None:
    message = (
        "Dear Ms Hadley,\n\nI'd like to invite you back on Friday to teach a 30-minute lesson."
        "\n\nThe lesson will be observed by Mrs Jane Doyle (Headteacher), Mr Sam Okoro (Deputy "
        "Headteacher) and Dr Ann Leigh, Chair of Governors.\n\nMs Ruth Carey may be present as "
        "an observer; she will not take part in questioning.\n\nYours sincerely\n\nJanet Crowe"
        "\nHR Manager"
    )
    assert _names("head, deputy + chair of govs", recruiter_message=message) == [
        ("Jane Doyle", "Headteacher"),
        ("Sam Okoro", "Deputy Headteacher"),
        ("Ann Leigh", "Chair of Governors"),
    ]
    message = (
        "Dear Candidate,\n\nWe are pleased to invite you for the second round.\n\nDate: "
        "21-Jun-2024\n\nPanel Members:\n• Mr. R. Krishnan, Head of Compliance\n• Ms. Priya Rao, "
        "AVP – Risk\n\nKindly carry a copy of your resume.\n\nRegards,\nArjun Mehta\nHR Executive"
    )
    assert _names("krishnan sir + priya ma'am (AVP)", recruiter_message=message) == [
        ("R. Krishnan", "Head of Compliance"),
        ("Priya Rao", "AVP – Risk"),
    ]


def test_a_title_that_starts_with_sr_is_no_name() -> None:
    names = [
        n for n, _ in _names("Name | Title\nJane Roy | Director\nR. Singh | Sr Policy Advisor")
    ]
    assert "Jane Roy" in names
    assert "Sr Policy" not in names


def test_irish_particles_and_a_field_of_work_after_a_title() -> None:
    message = (
        "Dear Niamh,\n\nYour second interview panel:\n\nMs Úna Ní Cheallaigh, Clinical Nurse "
        "Manager, Acute Floor\nMr Pádraig Ó Briain, Director of Nursing, Scheduled Care\n\n"
        "Kind regards,\nHR"
    )
    assert _names("", recruiter_message=message) == [
        ("Úna Ní Cheallaigh", "Clinical Nurse Manager, Acute Floor"),
        ("Pádraig Ó Briain", "Director of Nursing, Scheduled Care"),
    ]
    # A bracket that carries the rest of an Irish name is no title.
    assert _names("", round1_notes="CNM3 Úna (Ní Cheallaigh?) and HR lady Orla")[0][1] != (
        "Ní Cheallaigh"
    )
    assert "Pádraig Adon" not in dict(_names("Úna again + ADON Pádraig"))


def test_a_word_in_capitals_for_emphasis_is_no_title() -> None:
    notes = "- went ok. Rhona pushed A LOT on budgets"
    assert _names("Rhona again", round1_notes=notes) == [("Rhona", "")]


def test_short_forms_of_other_languages() -> None:
    notes = "- Agnieszka Zielinska (ops)\n- Eduardo Paredes (finance)"
    names = [n for n, _ in _names("Aga and Lalo", round1_notes=notes)]
    assert names == ["Agnieszka Zielinska", "Eduardo Paredes"]


def test_the_fullest_title_written_for_someone_wins() -> None:
    message = (
        "Hi Tom,\n\nJoining you on Thursday:\n\n| Name | Role |\n| Femi Ola | Deputy Chief "
        "Executive & Chief Operating Officer |\n| Jo Hart | Head of Digital |\n\nThanks"
    )
    assert _names(
        "Femi Ola - Deputy CEO/COO\nJo Hart - Head of Digital", recruiter_message=message
    ) == [
        ("Femi Ola", "Deputy Chief Executive & Chief Operating Officer"),
        ("Jo Hart", "Head of Digital"),
    ]


def test_a_panel_field_that_points_to_the_message_seats_whom_it_lists() -> None:
    message = (
        "Hi Priya,\n\nHere is the plan for Friday:\n\n10:00 - Architecture - Marta Kowal, "
        "Staff Engineer\n11:00 - Pairing - Tunde Bello, Principal Engineer\n12:00 - Manager "
        "chat - Sean Roche, Engineering Manager\n\nBest,\nLiz Grant | Recruiter"
    )
    names = [n for n, _ in _names("Sean + 2 engineers (see invite)", recruiter_message=message)]
    assert names == ["Sean Roche", "Marta Kowal", "Tunde Bello"]
    # Where the panel was copied from says nothing about who else is coming.
    names = [n for n, _ in _names("Sean Roche (from his email)", recruiter_message=message)]
    assert names == ["Sean Roche"]


def test_a_title_keeps_the_body_it_is_held_at() -> None:
    message = (
        "Dear Sam,\n\nYour panel on Tuesday:\n\n- Hana Kim, Chief Engineer, Chester District\n"
        "- Rob Dale, Head of Assets, Kent Water Authority\n\nRegards,\nRecruitment"
    )
    assert _names("", recruiter_message=message) == [
        ("Hana Kim", "Chief Engineer, Chester District"),
        ("Rob Dale", "Head of Assets, Kent Water Authority"),
    ]


def test_a_title_joined_by_a_portuguese_or_italian_and() -> None:
    message = (
        "Olá Ana,\n\nA entrevista será com o Paulo Reis Lima, o nosso Diretor Comercial e "
        "Marketing, na quinta-feira às 10h.\n\nCumprimentos,\nRH"
    )
    assert _names("", recruiter_message=message) == [
        ("Paulo Reis Lima", "Diretor Comercial e Marketing")
    ]


def test_a_french_lawyers_honorific_and_title() -> None:
    notes = "1re entrevue : Me Claire Dufour-Lévesque (associée, fiscalité) + Me Paul Tran"
    message = "Me Dufour-Lévesque et Me Paul Tran aimeraient vous revoir jeudi."
    assert _names(
        "Me Dufour-Lévesque et Me Tran", round1_notes=notes, recruiter_message=message
    ) == [
        ("Claire Dufour-Lévesque", "Associée, Fiscalité"),
        ("Paul Tran", ""),
    ]


def test_more_titles_of_other_languages() -> None:
    message = (
        "Olá Rita, a segunda entrevista será com a Joana Moura, Responsável de Logística, e "
        "com o Nuno Faria, diretor-presidente.\n\nAtenciosamente"
    )
    assert _names("", recruiter_message=message) == [
        ("Joana Moura", "Responsável de Logística"),
        ("Nuno Faria", "Diretor-presidente"),
    ]


def test_a_title_goes_on_past_a_slash_between_capitalised_words() -> None:
    message = (
        "Bonjour Léa,\n\nSeront présents : Marc Petit, Responsable de Zone Bénin/Togo ; "
        "Inès Roux, Chargée de projets.\n\nCordialement"
    )
    assert _names("", recruiter_message=message)[0] == (
        "Marc Petit",
        "Responsable de Zone Bénin/Togo",
    )


def test_a_calendar_invites_required_attendees_are_listed_for_the_round() -> None:
    from simulator.panel.reader import _listed_for_round

    invite = (
        "INVITATION: Panel interview\nOrganiser: Lee Shaw <lshaw@school.example>\n"
        "Required attendees:\n  Grant Ellery <ge@school.example>\n  You\n"
    )
    assert _listed_for_round(invite, "Grant Ellery", same_line=True)
    assert not _listed_for_round(invite, "Lee Shaw", same_line=True)


def test_a_numbered_list_item_may_be_long_and_ends_at_the_sign_off() -> None:
    message = (
        "Dear Dr Bello,\n\nWe are pleased to invite you to a second stage as follows:\n"
        "Date: Friday\n\nPanel:\n"
        "i. Prof. Kemi Adeyinka - Director, Institute for Tropical Crop Research\n"
        "ii. Prof. Yusuf Garba - Dean, Faculty of Agricultural Sciences\n\n"
        "Bring your certificates.\n\nYours faithfully,\nMrs. Bisi Ogun\nRegistrar\n"
    )
    assert _names("director + dean", recruiter_message=message) == [
        ("Kemi Adeyinka", "Director, Institute for Tropical Crop Research"),
        ("Yusuf Garba", "Dean, Faculty of Agricultural Sciences"),
    ]


def test_a_panel_not_known_yet_names_no_one_from_round_one() -> None:
    notes = "1st interview: Mrs Adeyemi (head of year) and Mr Clarke (SENCo), went well"
    message = (
        "Hi Sam,\n\nWe'd love to see you again next Thursday. I'm still checking who will "
        "sit on the panel and will let you know.\n\nBest,\nPriya Shah\nHR Officer"
    )
    assert _names("TBC", round1_notes=notes, recruiter_message=message) == []
    assert _names("not sure yet - Priya will confirm", recruiter_message=message) == []


def test_a_panel_not_known_yet_still_seats_whom_the_message_names() -> None:
    message = (
        "Hi Craig,\n\nSecond stage is a site visit with our Contracts Director, Dana Whyte, "
        "on Monday at 7am.\n\nThanks,\nThe office"
    )
    assert _names("no idea", recruiter_message=message) == [("Dana Whyte", "Contracts Director")]


def test_a_title_with_initials_gives_way_to_the_title_they_stand_for() -> None:
    message = (
        "Kia ora Mere,\n\nYou'll meet Dylan Parata, General Manager, and Tui Walker, "
        "Board Chair, on Friday.\n\nNgā mihi"
    )
    assert _names("Dylan (club GM) and Tui", recruiter_message=message) == [
        ("Dylan Parata", "General Manager"),
        ("Tui Walker", "Board Chair"),
    ]


def test_titles_of_other_languages_after_a_name() -> None:
    message = (
        "Buongiorno Marco,\n\nAl colloquio saranno presenti: Elena Ricci, Vicedirettrice; "
        "Franco Gatti, Referente Risorse Umane.\n\nCordiali saluti"
    )
    assert _names("", recruiter_message=message) == [
        ("Elena Ricci", "Vicedirettrice"),
        ("Franco Gatti", "Referente Risorse Umane"),
    ]


def test_a_word_alone_in_the_panel_field_seats_the_person_the_message_names() -> None:
    # "Schwarzwald" alone reads as a place, but the message names Jens Schwarzwald.
    message = (
        "Sehr geehrte Frau Adeyemi,\n\nwir laden Sie noch einmal ein.\n\n"
        "Am Gespräch nehmen teil:\n- Herr Jens Schwarzwald, Bereichsleiter Technik\n"
        "- Frau Petra Lindqvist, Gruppenleiterin Planung\n\nMit freundlichen Grüßen\n"
        "Ute Brandl\nPersonalabteilung"
    )
    notes = "1. Runde: Schwarzwald + Kessler (Gruppenleiter), Fr. Brandl HR"
    panel = "Schwarzwald, Lindqvist (neu, statt Kessler)"
    assert [n for n, _ in _names(panel, round1_notes=notes, recruiter_message=message)] == [
        "Petra Lindqvist",
        "Jens Schwarzwald",
    ]


def test_maitre_is_an_honorific_not_part_of_the_name() -> None:
    message = (
        "Madame,\n\nVous serez reçue par Maître Odile Garnier, Associée, et Maître Paul Viala, "
        "Counsel.\n\nBien à vous"
    )
    assert [n for n, _ in _names("", recruiter_message=message)] == ["Odile Garnier", "Paul Viala"]


def test_a_pet_form_a_nickname_inside_a_full_name_and_a_word_of_address() -> None:
    # A pet form of a given name written out in full elsewhere is that person.
    message = "You will meet Charlotte Nkemelu (Head of Audit) and Bartłomiej Nowicki (CFO)."
    assert _names("Charlie + Bartek", recruiter_message=message) == [
        ("Charlotte Nkemelu", "Head of Audit"),
        ("Bartłomiej Nowicki", "CFO"),
    ]
    # Not two different names that share a stem ("Marco", "Marcus Oyelowo").
    assert [n for n, _ in _names("Marco Bianchi, Marcus Oyelowo")] == [
        "Marco Bianchi",
        "Marcus Oyelowo",
    ]
    # A quoted nickname inside a full name, or a short given name with the full one in
    # brackets, and the short one in lower case where the candidate wrote it so.
    notes = "- Gwendolyn 'Gwen' Abara Okafor, plant manager\n- Del (Delbert) Ruiz – QA lead"
    assert _names("gwen and Del", round1_notes=notes) == [
        ("Gwendolyn Abara Okafor", "Plant Manager"),
        ("Delbert Ruiz", "QA lead"),
    ]
    # A word of address before a full name is no part of it.
    assert _names(
        "", recruiter_message="Te esperan el Ignacio Barragán Soto y la Pilar Ortiz Vega."
    ) == [
        ("Ignacio Barragán Soto", ""),
        ("Pilar Ortiz Vega", ""),
    ]


def test_the_recruiters_own_words_for_a_title_win_when_fuller() -> None:
    # The candidate's shorthand in the notes gives way to the title the employer's message
    # writes beside the name.
    message = (
        "Your final interview is on Monday. You will meet Aoife Brennan, Senior Operations "
        "Manager, and Wiremu Tane, Head of Network Planning."
    )
    notes = "R1 with Aoife (ops lead, big on rotas) and Wiremu (team lead)."
    assert _names("", round1_notes=notes, recruiter_message=message) == [
        ("Aoife Brennan", "Senior Operations Manager"),
        ("Wiremu Tane", "Head of Network Planning"),
    ]
    # A fuller title already read stays: the message's shorter one does not replace it.
    assert _names(
        "Dr Ines Carvalho (Director of Clinical Governance)",
        recruiter_message="You will meet Dr Ines Carvalho, Director.",
    ) == [("Ines Carvalho", "Director of Clinical Governance")]


def test_a_title_between_dashes_ends_where_the_next_person_begins() -> None:
    notes = "R1 w/ Dr. Fiachra Dunne – senior partner – and Orla the practice mgr"
    assert ("Fiachra Dunne", "Senior Partner") in _names("", round1_notes=notes)


def test_a_name_someone_goes_by_before_their_full_name_in_brackets() -> None:
    # Written family name first in brackets: "Tony Lê" is Lê Văn Toàn, and so is "Tony".
    message = "You will meet our Clinical Care Manager Tony Lê (Lê Văn Toàn) and Ms Ruth Kemp."
    assert _names("CCM Tony + Ruth", recruiter_message=message) == [
        ("Lê Văn Toàn", "Clinical Care Manager"),
        ("Ruth Kemp", ""),
    ]


def test_a_short_first_name_ending_in_s_is_a_name() -> None:
    assert _names("Jas (Art Director), Milo (Head of Prod)") == [
        ("Jas", "Art Director"),
        ("Milo", "Head of Prod"),
    ]
    # while capitals ending in s are still no one ("CVs", "IDs")
    assert not could_be_name(["CVs"])


def test_a_sender_who_signs_with_a_first_name_and_then_in_full_and_will_be_there() -> None:
    message = (
        "Hi Sam,\n\nConfirmed for Tuesday. It'll be myself, Tomasz Wójcik (Lead Engineer) and "
        "Dr Ann Kerr, Head of Platform.\n\nKind regards,\nPriya\n\nPriya Raman\n"
        "Engineering Manager"
    )
    found = _names("priya.raman@acme-health.org + Tomasz + Ann", recruiter_message=message)
    assert [n for n, _ in found] == ["Tomasz Wójcik", "Ann Kerr", "Priya Raman"]
    assert all("@" not in n + t for n, t in found)  # an address is never echoed


def test_a_seat_given_by_the_initials_of_a_titles_head_or_a_bodys_rep() -> None:
    message = (
        "Tomasz Wójcik (Lead Engineer) will run the session. I have shared your file with "
        "Dr Ann Kerr, Platform Team Leader for Payments, and Mr. Yusuf Al Amri (HR Specialist, "
        "Civil Service Bureau)."
    )
    found = _names("Tomasz + TL + CSB rep", recruiter_message=message)
    assert ("Ann Kerr", "Platform Team Leader for Payments") in found
    assert ("Yusuf Al Amri", "HR Specialist, Civil Service Bureau") in found


def test_a_proprietress_holds_her_seat() -> None:
    notes = "R1: Proprietress Mrs Funmi Adeyemi and Mr Kunle Bello (bursar)"
    assert sorted(_names("Proprietress + Mr Bello (bursar)", round1_notes=notes)) == [
        ("Funmi Adeyemi", "Proprietress"),
        ("Kunle Bello", "Bursar"),
    ]


def test_vietnamese_anh_typed_in_lower_case_is_a_word_of_address() -> None:
    message = "Thành phần: anh Lê Minh Khoa (Audit Partner) và chị Thu Hà (Audit Manager)."
    found = _names("anh Khoa (partner), chị Hà", recruiter_message=message)
    assert ("Lê Minh Khoa", "Audit Partner") in found
    assert not any(n.startswith("Anh") for n, _ in found)


def test_gulf_names_a_surname_in_brackets_and_an_office_address() -> None:
    notes = "- Dr Maryam (Al Harthy) – head of finance, liked my audit story"
    message = (
        "Please come to our Head Office, Al Seeb, Building 2. The committee:\n"
        "Sheikh Khalid bin Nasser Al Habsi, General Manager – Operations\n"
        "Dr. Maryam bint Said Al Harthy, Head of Finance"
    )
    assert _names("Dr Maryam, Khalid", round1_notes=notes, recruiter_message=message) == [
        ("Maryam bint Said Al Harthy", "Head of Finance"),
        ("Khalid bin Nasser Al Habsi", "General Manager – Operations"),
    ]


def test_a_sender_who_lists_themself_or_says_me_and_a_colleague_will_be_there() -> None:
    message = (
        "Dear Mr. Haddad,\n\nYou will meet:\n• Mr. Omar Farouk – Projects Director\n"
        "• Ms. Leena Pereira – HR Manager\n\nKindly bring your certificates.\n\nRegards,\n"
        "Leena Pereira\nHR Manager"
    )
    assert _names("", recruiter_message=message) == [
        ("Omar Farouk", "Projects Director"),
        ("Leena Pereira", "HR Manager"),
    ]
    message = (
        "Hi Brenda this is Tom Okafor. Can you come by the shop Monday at 8? Me and my "
        "business partner Ade Cole will be there.\n\nTom Okafor, Owner"
    )
    assert [n for n, _ in _names("", recruiter_message=message)] == ["Tom Okafor", "Ade Cole"]


def test_capitals_of_any_script_are_put_in_title_case_whole() -> None:
    assert _names("FRAU ÖZTÜRK (LEITERIN EINKAUF) UND HERR BRÄUER (GESCHÄFTSFÜHRER)") == [
        ("Frau Öztürk", "Leiterin Einkauf"),
        ("Herr Bräuer", "Geschäftsführer"),
    ]


def test_a_dutch_committee_with_initials_and_given_names_in_brackets() -> None:
    message = (
        "Geachte heer Smit,\n\nDe selectiecommissie bestaat uit:\n"
        "- mevrouw drs. J.K. (Johanna) Bos, afdelingshoofd Toezicht (voorzitter)\n"
        "- de heer mr. K. (Karim) Haddou, plaatsvervangend directeur Fiscale Zaken\n"
        "- de heer P. Jansen, lid Ondernemingsraad\n\nMet vriendelijke groet,\nL. de Graaf"
    )
    found = _names("3 pers: afdelingshoofd, plv directeur, OR-lid", recruiter_message=message)
    assert ("Johanna Bos", "afdelingshoofd Toezicht") in found
    assert ("Karim Haddou", "plaatsvervangend directeur Fiscale Zaken") in found
    assert "P. Jansen" in [n for n, _ in found]
    assert not any("Fiscale" in n for n, _ in found)  # a field of work is no one


def test_a_german_verb_before_an_honorific_is_no_title() -> None:
    message = (
        "Teilnehmen werden Frau Petra Kühn (Abteilungsleiterin Netze Wärme) und Herr Jonas "
        "Weber (Gruppenleiter Bau)."
    )
    assert _names("Kühn, Weber", recruiter_message=message) == [
        ("Petra Kühn", "Abteilungsleiterin Netze Wärme"),
        ("Jonas Weber", "Gruppenleiter Bau"),
    ]


def test_a_hyphenated_surname_cut_short_part_by_part_is_the_same_person() -> None:
    assert same_person("Krzysztof Sz-L", ["Krzysztof Szczepański-Lis"]) is not None
    assert same_person("Prof D-N", ["Zanele Dlamini-Nkosi"]) == "Zanele Dlamini-Nkosi"
    assert same_person("W-N", ["Agnieszka Wróblewska-Nowak"]) is not None
    # the parts must each start the fuller part, and be as many
    assert same_person("D-K", ["Zanele Dlamini-Nkosi"]) is None
    assert same_person("Krzysztof Sz", ["Krzysztof Szczepański-Lis"]) is None
    assert same_person("Anna Sz-L", ["Krzysztof Szczepański-Lis"]) is None
    # "Mª" and "Ma." are María, as "Bob" is Robert
    assert same_person("Mª José Ferrer", ["María José Ferrer Ballester"]) is not None
    assert same_person("Ma Li", ["Ma Jun"]) is None


def test_a_title_written_in_full_after_the_whole_name_elsewhere_replaces_the_one_read() -> None:
    message = (
        "Lo entrevistarán el Ing. Rubén Castañeda Luévano, Gerente General de Unidad, y el Dr."
        " Ignacio Treviño Saldívar, Metalurgista en Jefe, quien profundizará en flotación.\n"
        "Attendees:\n- Ruan van Wyk Pr Eng – Technical Director, Structures\n"
        "Joining: Femi Adeleke (Director of Engineering), Yusuf Haddad (Staff Engineer)\n"
        "Jaume Ribera Climent – Jefe de Servicios Médicos – 654 220 817"
    )
    read = [
        Panelist("Ignacio Treviño Saldívar", "Metalurgista"),
        Panelist("Ruan van Wyk", "Director"),
        Panelist("Femi Adeleke", "Director Eng"),
        Panelist("Jaume Ribera Climent", "Jefe Servicios Médicos"),
        Panelist("Yusuf Haddad", "Principal Engineer"),  # not written out: stays
    ]
    assert [p.title for p in title_elsewhere(read, message)] == [
        "Metalurgista en Jefe",
        "Technical Director, Structures",
        "Director of Engineering",
        "Jefe de Servicios Médicos",  # never the phone number after it
        "Principal Engineer",
    ]
    # Text after the name that is not this person's title changes nothing: the next
    # person's title in a title-then-name list, someone else, a remark.
    notes = (
        "Principal - Mrs Helen Tran, Deputy Principal Curriculum - Mr Greg Oldfield\n"
        "Colette Arsenault, and our Vice-Principal Tom Reyes\n"
        "Rania Haddad - Customer Care Manager - really liked me"
    )
    read = [
        Panelist("Helen Tran", "Principal"),
        Panelist("Colette Arsenault", "Principal"),
        Panelist("Rania Haddad", "Customer Care Manager"),
    ]
    assert title_elsewhere(read, notes) == read
    # Markup, an address or a phone number after the name is never taken for a title.
    read = [Panelist("Jane Roe", "CFO"), Panelist("Tom Lee", "Director")]
    markup = "Jane Roe, <b>Chief Financial Officer</b>\nTom Lee, Director jane@x.org 020 7946 0018"
    assert title_elsewhere(read, markup) == read
    # What was read is no title in words (letters after a name, a nickname in capitals, a
    # word that joins it to the sentence): a title in words after the whole name replaces it.
    message = (
        "Vous rencontrerez Nathalie Gagnon, CRHA, Directrice des ressources humaines, et"
        " Tomasz Grabowski (Manager). Roberto Garza, Gerente Regional de Ventas, y yo."
    )
    read = [
        Panelist("Nathalie Gagnon", "CRHA"),
        Panelist("Tomasz Grabowski", "TOMEK"),
        Panelist("Roberto Garza", "de RH"),
    ]
    assert [p.title for p in title_elsewhere(read, message)] == [
        "Directrice des ressources humaines",
        "Manager",
        "Gerente Regional de Ventas",
    ]


def test_the_panel_field_puts_in_the_room_whom_it_names_by_a_word_of_their_name() -> None:
    read = [Panelist("Rodrigo Bañuelos", "Director de Animación")]
    others = [
        Panelist("Rodrigo Amó Mi Reel"),  # the field's "Rodrigo" is already on the panel
        Panelist("Valeria Iñiguez", "Productora"),
        Panelist("Rotating Eq"),  # no name in full
        Panelist("Bustos Arancibia"),  # not named in the field
    ]
    assert named_in_field("Rodrigo Bañuelos + Valeria", read, others) == [others[1]]
    assert named_in_field("rodrigo y vale", read, others) == []


def test_two_mentions_of_one_title_whose_names_agree_are_one_person() -> None:
    read = [
        Panelist("Nigel Fairbrother", "Branch Manager"),
        Panelist("Andy", "Regional Sales Manager"),
        Panelist("Anand Mistry", "Regional Sales Manager", "doubts"),
        Panelist("Mari Carmen", "Directora de Enfermería"),
        Panelist("María del Carmen Fernández-Villanueva López", "Directora de Enfermería"),
    ]
    assert merged_by_title(read) == [
        Panelist("Nigel Fairbrother", "Branch Manager"),
        Panelist("Anand Mistry", "Regional Sales Manager", "doubts"),
        Panelist("María del Carmen Fernández-Villanueva López", "Directora de Enfermería"),
    ]
    # Two people of one title: other names, a one-word title, or another given name.
    apart = [
        Panelist("Jordi Puig", "Directora Regional Centro"),
        Panelist("Marta Echeverría Lasa", "Directora Regional Centro"),
        Panelist("Anna Smith", "Partner"),
        Panelist("Anna Jones", "Partner"),
        Panelist("Tom", "Senior Engineer"),
        Panelist("Tim Roe", "Senior Engineer"),
    ]
    assert merged_by_title(apart) == apart


def test_a_named_person_with_a_title_is_seated_before_one_named_in_passing() -> None:
    one = personas_for("specific_concern", CORPUS)
    panel = [Panelist("Danny"), Panelist("Wenjun Zhou", "Staff Engineer"), Panelist("Duc Dang")]
    seats, rest = cast(one, panel, None)
    assert [(p.name, p.role) for p in seats] == [("Wenjun Zhou", "Staff Engineer")]
    assert rest == [Panelist("Danny"), Panelist("Duc Dang")]
    # the colleague's seat goes the same way; with no title anywhere, the first written
    colleague = colleague_for("specific_concern", CORPUS)
    titled = [Panelist("Danny"), Panelist("Duc Dang", "Senior Engineer")]
    seats, rest = seat_the_rest(seats, titled, colleague)
    assert [p.name for p in seats] == ["Wenjun Zhou", "Duc Dang"] and rest == [Panelist("Danny")]
    seats, rest = cast(one, [Panelist("Danny"), Panelist("Duc Dang")], None)
    assert [p.name for p in seats] == ["Danny"]


def test_a_name_with_its_words_in_another_order_and_more_of_them_is_the_same_person() -> None:
    # "Tuấn" is a given name, not the Malay honorific "Tuan", when it is not first.
    assert plain_words("Nguyễn Anh Tuấn") == ["nguyen", "anh", "tuan"]
    assert plain_words("Tuan Haji Ismail") == ["haji", "ismail"]
    assert plain_words("Mehmet Bey") == ["mehmet"]
    assert same_person("Anh Tuấn", ["Nguyễn Anh Tuấn"]) == "Nguyễn Anh Tuấn"
    # A name written given name first, inside one written family name first.
    assert same_person("Kelvin Wong", ["Wong Ka-Ming Kelvin"]) == "Wong Ka-Ming Kelvin"
    assert same_person("Quân Trần", ["Trần Minh Quân"]) == "Trần Minh Quân"
    assert same_person("Dr Sandhu", ["Amrit Sandhu"]) == "Amrit Sandhu"
    assert same_person("Kevin Doyle", ["Lorraine Doyle"]) is None
    assert same_person("Kelvin Wong", ["Wong Ka-Ming Raymond"]) is None


def test_someone_from_hr_who_will_sit_in_and_whom_you_will_be_with_are_on_the_panel() -> None:
    message = (
        "Dear Sami,\n\nYou will meet Rania Haddad and Omar Khalil again. I will be on leave "
        "that week, so my colleague Dina Saleh (HR Business Partner) will sit in instead of "
        "me.\n\nBest regards,\nLina Nasser\nSenior HR Officer"
    )
    assert _names("Rania, Omar, Lina (HR)", recruiter_message=message) == [
        ("Rania Haddad", ""),
        ("Omar Khalil", ""),
        ("Dina Saleh", "HR Business Partner"),
    ]
    # an HR partner named in passing still is not
    message = "Dina Saleh (HR Business Partner) booked the room. You will meet Rania Haddad."
    assert [n for n, _ in _names("Rania", recruiter_message=message)] == ["Rania Haddad"]
    message = (
        "You'll be with Jess Alvarado (Creative Director) and Tom Reilly (Associate Creative "
        "Director) for a live brief."
    )
    assert _names("Creative Director (Jess Alvarado)", recruiter_message=message) == [
        ("Jess Alvarado", "Creative Director"),
        ("Tom Reilly", "Associate Creative Director"),
    ]


def test_a_polish_invitation_lists_who_will_take_part() -> None:
    message = (
        "Szanowny Panie,\n\nzapraszamy Pana na drugi etap rekrutacji w dniu 9 kwietnia.\n\n"
        "W rozmowie wezmą udział:\n– Joanna Kowalczyk-Nowak, Kierownik Sekcji\n"
        "– Marek Zieliński, Instruktor\n\nZ poważaniem\nMonika Lis\nDział Kadr"
    )
    assert _names("p. Asia K-N + instruktor Zieliński", recruiter_message=message) == [
        ("Marek Zieliński", "Instruktor"),
        ("Joanna Kowalczyk-Nowak", "Kierownik Sekcji"),
    ]


def test_an_attendance_table_a_bracket_with_its_own_subject_and_presentes() -> None:
    message = (
        "The second interview spans several teams:\n\nName | Role | Attending\n"
        "Bart Verhoeven | Head Grower | In person\nTariq Mahmood | IT Manager | Teams\n"
        "Richard Pembury | Managing Director | Apologies\n\nBest wishes,\nOla"
    )
    names = [
        n
        for n, _ in _names(
            "see email - Bart, Tariq, Ola (MD not coming)", recruiter_message=message
        )
    ]
    assert "Richard Pembury" not in names and "Ola" in names
    message = (
        "Nos gustaría reunirnos contigo nuevamente el viernes. Estarán presentes Rosario "
        "Bustos, Jefa de Calidad, y Hernán Sepúlveda Ortúzar, Director Técnico."
    )
    assert _names("rosario bustos y el director técnico", recruiter_message=message)[-1] == (
        "Hernán Sepúlveda Ortúzar",
        "Director Técnico",
    )


def test_a_short_name_noted_as_a_full_one_with_a_doubt_is_that_person() -> None:
    notes = "1st: teams w/ Bart + Ola (HR).\n- Ola = Aleksandra Nowicka?"
    assert ("Aleksandra Nowicka", "HR") in _names("Bart, Ola", round1_notes=notes)


def test_a_polish_greeting_names_the_candidate_who_is_no_panelist() -> None:
    message = "Temat: Budmat – drugi etap\n\nCześć Aleksandra,\n\ndziękujemy za spotkanie."
    assert "aleksandra" in greeted(message)
    assert "tomaszu" in greeted("Szanowny Panie Tomaszu,\n\nzapraszamy na drugi etap.")


def test_a_nickname_a_retirement_or_the_employer_is_no_title() -> None:
    assert no_title("Memo", "Guillermo Ochoa", "Lone Star Air")
    assert not no_title("Memo", "Ana Ochoa", "Lone Star Air")
    message = (
        "Panel:\n- Sgt. Maj. Derrick Coleman (USA, Ret.), Facility Security Officer\n"
        "- Ms. Linda Hsu, Contracting Officer's Representative"
    )
    assert _names("", recruiter_message=message)[0] == (
        "Derrick Coleman",
        "Facility Security Officer",
    )
    assert no_title("K&B Heating", "Gary Whitmore", "K&B Heating Services (Croydon)")
    assert not no_title("Owner", "Gary Whitmore", "K&B Heating Services (Croydon)")
    assert not no_title("Head of Heating", "Gary Whitmore", "K&B Heating Services")
