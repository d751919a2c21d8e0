"""The panel's title tagger: its trainer marks the words of a panelist's title near their
name, a person with no title gets the run of title words beside their name as the intake
writes it, a title the rules read grows by the title words beside it but never shortens and
never takes in a remark, another title or a seat on the panel, and sessions use it except on
the test-only hashing vectors."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.domain import Intake
from simulator.model_pool import ModelPool
from simulator.panel import Panelist, named_panel
from simulator.panel.name_tagger import intake_text, packaged_tagger, word_spans
from simulator.panel.title_tagger import TitleTagger, packaged_title_tagger, title_word_marks
from simulator.services import Services
from simulator.settings import Settings
from tests.conftest import UnreadNames

TEXT = (
    "Estarão presentes Sandra Regina Figueiredo, Chefe de Redação, e Otávio Lemos, "
    "editor. Assinado: Ana Costa, Recrutamento."
)


class _Odds(TitleTagger):
    """Fixed probabilities by word, for the logic around the model."""

    def __init__(self, odds: dict[str, float]) -> None:
        self.odds = odds
        self.runs = 0

    def word_odds(self, text: str) -> list[float]:
        self.runs += 1
        return [self.odds.get(text[s:e], 0.0) for s, e in word_spans(text)]


def test_the_trainer_marks_a_title_s_words_only_near_the_person_s_name() -> None:
    text = (
        "Chefe de Redação: Sandra Figueiredo. Later: the Chefe of another desk, far away "
        + ("and more words here " * 5)
        + "Chefe again."
    )
    marks = title_word_marks(text, [{"name": "Sandra Figueiredo", "title": "Chefe de Redação"}])
    marked = [text[s:e] for (s, e), m in zip(word_spans(text), marks, strict=True) if m]
    assert marked == ["Chefe", "Redação", "Chefe"]  # "de" joins, the far "Chefe" is not hers


def test_someone_without_a_title_gets_the_run_of_title_words_beside_their_name() -> None:
    odds = {"Chefe": 0.9, "Redação": 0.8, "editor": 0.7, "Recrutamento": 0.9}
    tagger = _Odds(odds)
    people = [Panelist("Sandra Regina Figueiredo", ""), Panelist("Otávio Lemos", "Editor-chefe")]
    found = tagger.titled(TEXT, people)
    assert [(p.name, p.title) for p in found] == [
        ("Sandra Regina Figueiredo", "Chefe de Redação"),
        ("Otávio Lemos", "Editor-chefe"),  # the rules' title stays
    ]
    lone = tagger.titled(
        "Ana Costa visits. " + "filler " * 20 + "Chefe de Redação", [Panelist("Ana Costa", "")]
    )
    assert lone == [Panelist("Ana Costa", "")]  # too far from her name
    assert tagger.titled(TEXT, [Panelist("Sandra Figueiredo", "")]) != []
    low = _Odds({"Chefe": 0.2, "Redação": 0.1})
    assert low.titled(TEXT, [Panelist("Sandra Figueiredo", "")]) == [
        Panelist("Sandra Figueiredo", "")
    ]


def test_a_title_beside_a_name_leaves_out_the_end_of_a_bracket_before_it() -> None:
    # The nickname in brackets is the same person's, so no other name stops the run there.
    text = "Se suma Antonio Garza Villalobos (Toño), Registrador, y Ana Costa, Jefa de Sala."
    odds = {"Toño": 0.6, "Registrador": 0.9, "Jefa": 0.9, "Sala": 0.8}
    people = [Panelist("Antonio Garza Villalobos", ""), Panelist("Ana Costa", "")]
    found = _Odds(odds).titled(text, people)
    assert [p.title for p in found] == ["Registrador", "Jefa de Sala"]


@pytest.mark.parametrize("sign_off", ["Pozdrawiam,", "Un saludo,", "Mit freundlichen Grüßen"])
def test_a_sign_off_above_a_name_is_never_its_title(sign_off: str) -> None:
    # A word of a sign-off the tagger gives high odds stays out; the title below is read.
    text = f"Do zobaczenia w środę.\n\n{sign_off}\nMarta Nowicka\nSpecjalistka ds. Kadr"
    odds = {w: 0.9 for w in (*sign_off.rstrip(",").split(), "Specjalistka", "ds", "Kadr")}
    found = _Odds(odds).titled(text, [Panelist("Marta Nowicka", "")])
    assert [p.title for p in found] == ["Specjalistka ds. Kadr"]


def test_a_shared_surname_beside_someone_else_or_in_the_firm_name_is_not_her_mention() -> None:
    # The signature's title is as near "Varga" in the firm's name as Tess Varga's own title
    # is to her name, and likelier; neither that mention nor "Dominik Varga III" is hers.
    text = (
        "Company: Varga & Daughters Roofing\nNotes: met Dominik and his aunt Tess Varga, "
        "office bookkeeper, who keeps the books\nMessage: see you then\n"
        "Dominik Varga III, Site Manager\nVarga & Daughters Roofing"
    )
    odds = {"Site": 0.99, "Manager": 0.99, "office": 0.9, "bookkeeper": 0.9}
    people = [Panelist("Tess Varga", ""), Panelist("Dominik Varga III", "")]
    found = _Odds(odds).titled(text, people)
    assert [p.title for p in found] == ["office bookkeeper", "Site Manager"]
    signed = _Odds(odds).titled("Tess Varga will join. Dominik Varga, Site Manager.", people)
    assert [p.title for p in signed] == ["", "Site Manager"]


@pytest.mark.parametrize(
    "between",
    [
        "<b>de</b>",
        "de jane.doe@example.com de",
        "de https://x.example/jd de",
        "de +351 21 555 0199 de",
    ],
)
def test_markup_addresses_links_and_numbers_are_never_echoed_as_a_title(between: str) -> None:
    text = f"Sandra Figueiredo, Chefe {between} Redação."
    odds = {w: 0.9 for w in ("Chefe", "Redação", "b", "jane.doe", "example.com", "https",
                             "x.example", "jd", "351", "21", "555", "0199")}  # fmt: skip
    found = _Odds(odds).titled(text, [Panelist("Sandra Figueiredo", "")])
    assert found == [Panelist("Sandra Figueiredo", "")]


def test_the_model_does_not_run_for_no_one() -> None:
    tagger = _Odds({})
    assert tagger.titled(TEXT, []) == []
    assert tagger.runs == 0


_TITLE_WORDS = {
    w: 0.9
    for w in (
        "Chief", "General", "Manager", "Offshore", "Drilling", "Tenant", "Panel",
        "Representative", "Joint", "Secretary", "Fisheries", "Chairperson", "Head", "PMO",
        "civvy", "GM", "area", "manager", "Founding", "Partner", "Competitions", "MD",
        "Medical", "Officer", "Expert", "Member", "Team", "Leader", "Customer", "Contact",
        "Centre", "Dept", "Civil", "Engineering", "Professor", "Chairman", "président", "comité",
        "0171", "555", "0199", "www.example.org",
    )
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "name", "rules", "fuller"),
    [
        (
            "Panel: Shri Gurpreet Singh Bedi, Chief General Manager (Offshore Drilling); HR.",
            "Gurpreet Singh Bedi", "Chief General Manager",
            "Chief General Manager (Offshore Drilling)",
        ),
        (
            "You will meet Mr Desmond Quarshie, Tenant Panel Representative.",
            "Desmond Quarshie", "Representative", "Tenant Panel Representative",
        ),
        (
            "Panel: Mrs Angela Barr, Team Leader, Customer Contact Centre and Mr Jim Bell.",
            "Angela Barr", "Team Leader", "Team Leader, Customer Contact Centre",
        ),
        (
            "Panel: Prof. Kavita Rao, Professor, Dept. of Civil Engineering.",
            "Kavita Rao", "Professor", "Professor, Dept. of Civil Engineering",
        ),
        # a seat on the panel after the job is left off
        (
            "(i) Shri Arun Mishra, Joint Secretary (Fisheries) – Chairperson",
            "Arun Mishra", "Joint Secretary", "Joint Secretary (Fisheries)",
        ),
    ],
)  # fmt: skip
def test_a_title_the_rules_cut_short_grows_by_the_title_words_beside_it(
    text: str, name: str, rules: str, fuller: str
) -> None:
    found = _Odds(_TITLE_WORDS).titled(text, [Panelist(name, rules)])
    assert [p.title for p in found] == [fuller]


@pytest.mark.parametrize(
    ("text", "name", "rules"),
    [
        ("Siobhan Kelly (Head of PMO, civvy) chairs.", "Siobhan Kelly", "Head of PMO"),
        ("Panel: Mark (GM and the area manager Jo).", "Mark", "GM"),
        ("Marguerite Halden (Founding Partner) and the Head of Competitions", "Marguerite Halden",
         "Founding Partner"),
        ("Dr Samuel Okafor, MD – Chief Medical Officer", "Samuel Okafor", "Chief Medical Officer"),
        ("Dr Shahid Masood, Professor (Expert Member)", "Shahid Masood", "Professor"),
        ("Dr Lisa Chen, Professor (Chairman)", "Lisa Chen", "Professor"),
        ("M. Paul Roy, Professor (président du comité)", "Paul Roy", "Professor"),
        ("Dr Lisa Chen, Professor; Team Leader: Jim Bell", "Lisa Chen", "Professor"),
        ("Dr Lisa Chen, Professor: Team Leader", "Lisa Chen", "Professor"),
        ("Dr Lisa Chen, Professor <b>Head</b>", "Lisa Chen", "Professor"),
        ("Dr Lisa Chen, Professor 0171 555 0199", "Lisa Chen", "Professor"),
        ("Dr Lisa Chen, Professor www.example.org", "Lisa Chen", "Professor"),
    ],
)  # fmt: skip
def test_a_title_never_grows_into_a_remark_another_title_a_degree_or_a_seat(
    text: str, name: str, rules: str
) -> None:
    others = [Panelist("Jo", ""), Panelist("Jim Bell", "")]
    found = _Odds(_TITLE_WORDS).titled(text, [Panelist(name, rules), *others])
    assert found[0].title == rules


def test_the_named_panel_takes_titles_from_the_title_tagger() -> None:
    intake = Intake(panel="Sandra Figueiredo", recruiter_message=TEXT)
    odds = {"Chefe": 0.9, "Redação": 0.8}
    without = named_panel(intake, UnreadNames())
    with_titles = named_panel(intake, UnreadNames(), _Odds(odds))
    assert [p.title for p in without] == [""]
    assert [(p.name, p.title) for p in with_titles] == [
        ("Sandra Regina Figueiredo", "Chefe de Redação")
    ]


@pytest.mark.model
def test_the_packaged_title_tagger_reads_a_title_in_another_language() -> None:
    intake = Intake(panel="Sandra Figueiredo", recruiter_message=TEXT)
    odds = packaged_title_tagger(ModelPool()).word_odds(intake_text(intake))
    spans = word_spans(intake_text(intake))
    by_word = {intake_text(intake)[s:e]: o for (s, e), o in zip(spans, odds, strict=True)}
    assert by_word["Chefe"] >= 0.5 and by_word["Redação"] >= 0.5
    assert by_word["Estarão"] < 0.5 and by_word["Sandra"] < 0.5


@pytest.mark.model
def test_the_packaged_title_tagger_makes_a_title_cut_short_as_full_as_written() -> None:
    pool = ModelPool()
    message = (
        "Bonjour,\nVous rencontrerez Mme Claire Morel, Directrice des achats internationaux."
        "\nPanel:\n- Dr Ravi Shankar, Professor, Dept. of Mechanical Engineering\n"
        "- Ms Anita Das, Registrar\nCordialement,\nPaul"
    )
    intake = Intake(recruiter_message=message, role="Buyer")
    rules = {p.name: p.title for p in named_panel(intake)}
    taggers = packaged_tagger(pool), packaged_title_tagger(pool)
    found = {p.name: p.title for p in named_panel(intake, *taggers)}
    assert rules["Claire Morel"] == "Directrice" and rules["Ravi Shankar"] == "Professor"
    assert found == {
        "Claire Morel": "Directrice des achats internationaux",
        "Ravi Shankar": "Professor, Dept. of Mechanical Engineering",
        "Anita Das": "Registrar",
    }


def test_sessions_use_the_title_tagger_except_on_hashing_vectors(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    fake = Services(Settings(database={"url": url}, embeddings={"provider": "fake"}))
    assert fake.title_tagger is None
    services = Services(Settings(database={"url": url}))
    assert isinstance(services.title_tagger, TitleTagger)
    assert services.title_tagger is packaged_title_tagger(services.models)
    assert services.engine.title_tagger is services.title_tagger


def test_a_bracketed_title_belongs_to_the_name_before_its_bracket() -> None:
    # The bracket after Okonkwo's name is nearer Lindgren's mention, but it is Okonkwo's.
    text = (
        "Interviewers: Okonkwo Chidi 이사 (Chief Technology Officer), Lindgren Maja 과장 "
        "(Lead Data Engineer)\nand Tomas Berg (Sales Director), Ruth Obi"
    )
    odds = {w: 0.9 for w in ("Chief", "Technology", "Officer", "Lead", "Data", "Engineer")}
    odds |= {"Sales": 0.9, "Director": 0.9}
    people = [
        Panelist("Okonkwo Chidi", ""),
        Panelist("Lindgren Maja", ""),
        Panelist("Tomas Berg", ""),
        Panelist("Ruth Obi", ""),
    ]
    found = _Odds(odds).titled(text, people)
    assert [p.title for p in found] == [
        "Chief Technology Officer",
        "Lead Data Engineer",
        "Sales Director",
        "",  # Berg's bracket is none of hers
    ]


def test_a_title_on_a_line_that_names_someone_else_is_theirs() -> None:
    # Ines's title is one word from Pau's name on the next line, Pau's own three words away.
    text = (
        "Panel:\n• Ines Roca Vidal – Directora Comercial\n• Pau Soler i Mas – Jefe de Tienda\n"
        "• Ona Puig (yo)"
    )
    odds = {w: 0.9 for w in ("Directora", "Comercial", "Jefe", "Tienda")}
    people = [Panelist("Ines Roca Vidal", ""), Panelist("Pau Soler", ""), Panelist("Ona Puig", "")]
    found = _Odds(odds).titled(text, people)
    assert [p.title for p in found] == ["Directora Comercial", "Jefe de Tienda", ""]


def test_a_title_grows_on_its_own_line_when_the_next_line_names_someone_nearer() -> None:
    # "Jefe" is four words from Pau's surname and three from Ona's name on the next line; it
    # is on Pau's line, so it is Pau's, and it grows as far as his line writes it.
    text = "Panel:\n• Pau Soler i Mas Ferrer – Jefe de Tienda\n• Ona Puig – Cajera"
    odds = {w: 0.9 for w in ("Jefe", "Tienda", "Cajera")}
    people = [Panelist("Pau Soler", "Jefe"), Panelist("Ona Puig", "Cajera")]
    found = _Odds(odds).titled(text, people)
    assert [p.title for p in found] == ["Jefe de Tienda", "Cajera"]


def test_a_title_before_the_name_never_grows_into_the_names_honorific() -> None:
    text = "Panel:\nDeputy Manager - Grace Adeyemi\nHome Manager - Sister Bernadette Walsh"
    odds = {w: 0.9 for w in ("Deputy", "Manager", "Home", "Sister")}
    people = [Panelist("Grace Adeyemi", "Deputy Manager"), Panelist("Bernadette Walsh", "Manager")]
    found = _Odds(odds).titled(text, people)
    assert [p.title for p in found] == ["Deputy Manager", "Home Manager"]
