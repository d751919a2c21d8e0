"""The panel's name tagger: the packaged one reads the panel's names as names and the words
around them as none, a person is dropped only when none of their name words reads as a
name, someone the notes name joins only when their name surely reads as one, a title read
as a name it drops goes back to whom it follows, its tables fail clearly, its trainer marks
the tokens of expected names, and sessions use it except on the test-only hashing
vectors."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.train_name_tagger import _targets
from simulator.adapters import base_encoder
from simulator.domain import Intake
from simulator.model_pool import ModelPool
from simulator.panel import Panelist, named_panel
from simulator.panel.name_tagger import (
    ADD,
    KEEP,
    MAX_TOKENS,
    STRIDE,
    WORD,
    NameTagger,
    intake_text,
    name_words,
    packaged_tagger,
)
from simulator.panel.reader import read_panel
from simulator.services import Services
from simulator.settings import Settings


class _Odds(NameTagger):
    """Fixed word probabilities, for the logic around the model."""

    def __init__(self, odds: dict[str, float]) -> None:
        self.odds = odds

    def word_odds(self, text: str) -> dict[str, float]:
        return self.odds


def test_a_person_is_dropped_only_when_no_word_of_their_name_reads_as_one() -> None:
    people = [
        Panelist("Dr Ama Owusu", "CFO"),  # a known given name: never in doubt
        Panelist("Brunsvold Thorkelsen", ""),  # one word high is enough
        Panelist("Harbour View", ""),  # every word low: not a person
        Panelist("Quill", "HR"),  # never seen by the tagger: kept
    ]
    odds = {"ama": 0.01, "owusu": 0.01, "brunsvold": 0.05, "thorkelsen": 0.9, "harbour": 0.1}
    tagger = _Odds({**odds, "view": KEEP / 2})
    kept = [p.name for p in tagger.named(Intake(panel="x"), people)]
    assert kept == ["Dr Ama Owusu", "Brunsvold Thorkelsen", "Quill"]
    assert tagger.named(Intake(), []) == []
    assert name_words("Dr. Ama O. Owusu-Mensah") == ["ama", "owusu-mensah"]


def test_someone_named_elsewhere_joins_only_when_their_name_surely_reads_as_one() -> None:
    people = [Panelist("Ama Owusu", "CFO")]
    others = [
        Panelist("Brunsvold Thorkelsen", "Head of Sales"),  # surely a name in the room
        Panelist("Harbour View", ""),  # likely, not surely
        Panelist("Quill", "HR"),  # never seen by the tagger: not added
    ]
    odds = {"brunsvold": ADD, "thorkelsen": 0.2, "harbour": KEEP, "view": 0.1}
    found = _Odds(odds).named(Intake(panel="Ama Owusu"), people, others)
    assert [(p.name, p.title) for p in found] == [
        ("Ama Owusu", "CFO"),
        ("Brunsvold Thorkelsen", "Head of Sales"),
    ]
    assert KEEP < ADD < 1.0


def test_the_model_does_not_run_when_everyone_has_a_known_given_name() -> None:
    class _Refuses(NameTagger):
        def __init__(self) -> None:
            pass

        def word_odds(self, text: str) -> dict[str, float]:
            raise AssertionError("the model ran")

    people = [Panelist("Ama Owusu", "CFO"), Panelist("Zeynep Kaya", "HR")]
    assert _Refuses().named(Intake(panel="Ama Owusu, Zeynep Kaya"), people) == people


@pytest.mark.model
def test_the_packaged_tagger_reads_the_panel_s_names_and_not_the_words_around_them() -> None:
    intake = Intake(
        panel="Ingrid Solheim + Tobias Brandt",
        recruiter_message=(
            "Dear Mr Osei,\n\nyou will meet Ingrid Solheim (Head of Grid Planning) and "
            "Tobias Brandt (Abteilungsleiter Netze Wärme) at our office on Palm Jumeirah, "
            "Building C.\n\nKind regards,\nRecruiting Team"
        ),
    )
    odds = packaged_tagger(ModelPool()).word_odds(intake_text(intake))
    for word in ("ingrid", "solheim", "tobias", "brandt"):
        assert odds[word] >= KEEP, word
    for word in ("dear", "head", "grid", "planning", "office", "palm", "building", "team"):
        assert odds[word] < 0.2, word  # far below KEEP


@pytest.mark.model
def test_whom_the_panel_field_names_in_capitals_is_in_the_room() -> None:
    intake = Intake(
        panel="SHAUN TRANSPORT MGR",
        recruiter_message="Morning Dave, Shaun Ridley transport manager at Crest. Fri 2pm at"
        " the depot? itll just be me. Shaun",
    )
    found = named_panel(intake, packaged_tagger(ModelPool()))
    assert [(p.name, p.title) for p in found] == [("Shaun Ridley", "Transport Manager")]


def test_a_long_intake_is_read_in_overlapping_windows() -> None:
    filler = "We look forward to meeting you and hope the journey is easy. " * 60
    intake = Intake(recruiter_message=filler + "You will meet Ingrid Solheim, Head of Grid.")
    odds = packaged_tagger(ModelPool()).word_odds(intake_text(intake))
    assert odds["solheim"] >= 0.5  # past the first window of tokens


def test_the_trainer_marks_every_token_of_an_expected_name_and_nothing_else() -> None:
    _, tokenizer = base_encoder()
    row = {"expected": [{"name": "Dr Siobhán Ní Bhriain", "title": "Chair"}]}
    text = intake_text(Intake(panel="Dr Siobhán Ní Bhriain (Chair), not Mr Quill"))
    batch = tokenizer(
        [text], truncation=True, max_length=MAX_TOKENS, stride=STRIDE,
        return_overflowing_tokens=True, return_offsets_mapping=True, return_tensors="pt",
    )  # fmt: skip
    marked = _targets([text], [row], batch)[0].tolist()
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    words = {
        text[a:b]
        for (s, e), y in zip(batch["offset_mapping"][0].tolist(), marked, strict=True)
        for a, b in spans
        if y == 1.0 and a <= s < b
    }
    assert words == {"Siobhán", "Ní", "Bhriain"}


def test_sessions_use_the_tagger_except_on_hashing_vectors(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/s.sqlite3"
    assert (
        Services(Settings(database={"url": url}, embeddings={"provider": "fake"})).name_tagger
        is None
    )
    services = Services(Settings(database={"url": url}))
    assert isinstance(services.name_tagger, NameTagger)
    assert services.name_tagger is packaged_tagger(services.models)  # one per model pool
    intake = Intake(panel="Ama Owusu + Harbour View")
    tagger = _Odds({"ama": 0.9, "owusu": 0.9, "harbour": 0.01, "view": 0.01})
    assert [p.name for p in named_panel(intake)] != [p.name for p in named_panel(intake, tagger)]
    assert [p.name for p in named_panel(intake, tagger)] == ["Ama Owusu"]
    # With the panel field naming her, a sentence must put anyone else in the coming round
    # for the rules; the tagger adds whom the notes name when their name surely reads as one.
    intake = Intake(panel="Ama Owusu", round1_notes="Met Tomasz Wrzesniewski from finance.")
    assert [p.name for p in named_panel(intake)] == ["Ama Owusu"]
    tagger = _Odds({"ama": 0.9, "owusu": 0.9, "tomasz": 0.995, "wrzesniewski": 0.99})
    assert [p.name for p in named_panel(intake, tagger)] == ["Ama Owusu", "Tomasz Wrzesniewski"]
    tagger = _Odds({"ama": 0.9, "owusu": 0.9, "tomasz": 0.95, "wrzesniewski": 0.95})
    assert [p.name for p in named_panel(intake, tagger)] == ["Ama Owusu"]


def test_a_title_read_as_a_name_the_tagger_drops_goes_back_to_whom_it_follows() -> None:
    # "Prüfstand E-Achse" reads to the rules as a Teamleiter's name; the tagger reads it
    # as no one's, and Jens Albrecht's title is the whole of what follows his name.
    intake = Intake(
        panel="see invite (Schäfer, HR lady, Jens)",
        round1_notes="R1 w/ Herr Schäfer + Jens from Prüfstand",
        recruiter_message=(
            "Teilnehmer auf unserer Seite:\n"
            "- Herr Dr. Matthias Schäfer, Leiter Vorentwicklung Antriebstechnik\n"
            "- Frau Katrin Wöhrle-Bauer, HR Business Partnerin\n"
            "- Herr Jens Albrecht, Teamleiter Prüfstand E-Achse\n\nMit freundlichen Grüßen"
        ),
    )
    assert ("Prüfstand E-Achse", "Teamleiter") in [(p.name, p.title) for p in read_panel(intake)]
    tagger = _Odds({"prüfstand": 0.01, "e-achse": 0.01})
    assert [(p.name, p.title) for p in named_panel(intake, tagger)] == [
        ("Matthias Schäfer", "Leiter Vorentwicklung Antriebstechnik"),
        ("Jens Albrecht", "Teamleiter Prüfstand E-Achse"),
        ("Katrin Wöhrle-Bauer", "HR Business Partnerin"),
    ]
    # someone the tagger adds from the message gets theirs the same way
    intake = Intake(
        panel="Marloes + her manager",
        recruiter_message=(
            "Je spreekt dan met Marloes van der Meer (Teamleider Aansprakelijkheid) en met "
            "Henk-Jan de Boer, Manager Schade Zakelijk. Henk-Jan wil graag verder praten."
        ),
    )
    tagger = _Odds({"henk-jan": 0.999, "boer": 0.999, "schade": 0.01, "zakelijk": 0.01})
    assert [(p.name, p.title) for p in named_panel(intake, tagger)] == [
        ("Marloes van der Meer", "Teamleider Aansprakelijkheid"),
        ("Henk-Jan de Boer", "Manager Schade Zakelijk"),
    ]


def test_a_dropped_person_s_name_is_never_taken_as_a_title() -> None:
    # Greg is a given name: "AP Greg Sandoval" is someone (not in the room), not her title.
    intake = Intake(panel="Tamika Rowe", round1_notes="Round one: Tamika Rowe, AP Greg Sandoval.")
    tagger = _Odds({"greg": 0.01, "sandoval": 0.01})
    assert [(p.name, p.title) for p in named_panel(intake, tagger)] == [("Tamika Rowe", "")]
    # "daw" (so they say) is a word after his title, read as a name, not part of the title
    intake = Intake(
        panel="Pearl Villanueva (F&B Manager) tsaka si Sir Jun Reyes, Executive Chef daw"
    )
    assert ("Daw", "Executive Chef") in [(p.name, p.title) for p in read_panel(intake)]
    tagger = _Odds({"daw": 0.01})
    assert [(p.name, p.title) for p in named_panel(intake, tagger)] == [
        ("Pearl Villanueva", "F&B Manager"),
        ("Jun Reyes", ""),
    ]
