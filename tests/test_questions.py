"""Question generation: gates and fallback, with the hand-written fake model."""

from __future__ import annotations

import re

from simulator.llm import FakeLLM
from simulator.planner import PlanItem
from simulator.questions import (
    CURATED,
    QuestionWriter,
    clean,
    doubt_gate,
    gate,
    repeats_private_notes,
    voice_gate,
)
from simulator.services import Services
from simulator.settings import Settings


def _item() -> PlanItem:
    return PlanItem(
        bank_id="sp-01",
        persona="specialist",
        dimensions=["skill_depth"],
        text="Walk me through the hardest technical problem you solved last year and how you measured success?",
        citations=["quantify-your-results"],
    )


def _writer(services: Services) -> QuestionWriter:
    return QuestionWriter(services.llm, services.prompts, services.corpus, services.embeddings)


def test_clean_takes_one_question_without_speaker_label() -> None:
    assert (
        clean(' Rahul Venkataraman: "What did you build?" And more?\nnext') == "What did you build?"
    )
    assert clean("") == ""
    assert clean("a. What are you most confident about?") == "What are you most confident about?"


def test_gate_rejects_bad_text() -> None:
    assert gate("", "ref", [], None) == "empty"
    assert gate("Tell me about yourself.", "ref", [], None) == "not a question"
    assert gate("Why?", "ref", [], None).startswith("length")
    assert gate("What is {role} about for you here today?", "ref", [], None) == "template leak"
    asked = "What did you learn from the migration project last year?"
    assert gate(asked, "ref", [asked], None) == "exact repeat"
    assert (
        gate("What did you change in the reporting process after the audit?", "ref", [], None) == ""
    )


def test_generated_question_passing_gates_is_used(services: Services, fake_llm: FakeLLM) -> None:
    fake_llm.enqueue(
        " Which technical problem last year was hardest for you, and how did you measure success?\n"
    )
    persona = services.corpus.personas["specialist"]
    out = _writer(services).write(persona, _item(), role="Data Engineer", company="Acme")
    assert not out.used_fallback and out.rejected == ""
    assert out.text.startswith("Which technical problem")
    prompt = fake_llm.history[-1]
    assert "Rahul Venkataraman" in prompt and "Data Engineer at Acme" in prompt


def test_junk_falls_back_to_the_bank_and_says_why(services: Services, fake_llm: FakeLLM) -> None:
    fake_llm.enqueue("banana banana banana")
    persona = services.corpus.personas["specialist"]
    out = _writer(services).write(persona, _item(), role="", company="")
    assert out.used_fallback and out.rejected == "not a question"
    assert out.text == _item().text


def test_repeat_of_an_earlier_question_falls_back(services: Services, fake_llm: FakeLLM) -> None:
    q = "Which technical problem last year was hardest for you, and how did you measure success?"
    fake_llm.enqueue(q)
    persona = services.corpus.personas["specialist"]
    out = _writer(services).write(persona, _item(), role="", company="", previous=[q])
    assert out.used_fallback and "repeat" in out.rejected


def test_a_question_quoting_the_personas_private_notes_is_never_asked(
    services: Services, fake_llm: FakeLLM
) -> None:
    persona = services.corpus.personas["skeptic"]
    leak = " ".join(persona.knows.split()[:9]).rstrip(".,") + ", so what do you say?"
    fake_llm.enqueue(leak)
    out = _writer(services).write(persona, _item(), role="", company="")
    assert out.used_fallback and out.rejected == "repeats the persona's private notes"
    assert out.text == _item().text
    # Five words in common are ordinary language, not a leak.
    five = " ".join(re.findall(r"[a-z0-9']+", persona.knows.lower())[:5])
    assert not repeats_private_notes(f"Why do you think {five}?", persona)


def test_model_error_falls_back(services: Services) -> None:
    class Broken(FakeLLM):
        def _call(self, prompt, stop=None, run_manager=None, **kwargs):  # type: ignore[no-untyped-def]
            raise ConnectionError("server down")

    writer = QuestionWriter(Broken(), services.prompts, services.corpus, services.embeddings)
    out = writer.write(services.corpus.personas["specialist"], _item(), role="", company="")
    assert out.used_fallback and "server down" in out.rejected


def test_prompt_prefix_is_stable_across_turns_for_a_persona(services: Services) -> None:
    writer = _writer(services)
    persona = services.corpus.personas["skeptic"]
    a = writer.prompt(
        persona, _item(), role="R", company="C", concern="", previous=[], exclude=set(), guidance=""
    )
    b = writer.prompt(
        persona,
        PlanItem("x", "skeptic", ["improvement"], "What changed since?", []),
        role="R",
        company="C",
        concern="",
        previous=["Q1?"],
        exclude=set(),
        guidance="",
    )
    assert isinstance(a, str) and isinstance(b, str)
    prefix = a[: a.index("Position:")]
    assert b.startswith(prefix) and len(prefix) > 200


def test_a_written_question_must_speak_to_the_candidate_as_every_curated_one_does(
    services: Services,
) -> None:
    # Questions the embedded model wrote that the older gates let through.
    assert voice_gate("What do you think the candidate knows about this company?") == (
        "speaks of the candidate in the third person"
    )
    assert voice_gate("What is the candidate’s most important question to you?") != ""
    assert voice_gate("Who is the main target customer?") == "not addressed to the candidate"
    # Other candidates may be spoken of: only "the candidate" is the one being asked.
    assert voice_gate("How would you stand out from the other candidates for this post?") == ""
    assert voice_gate("What was the hardest part of this interview for you?") == (
        "about the interview itself"
    )
    rambling = (
        "I'm interested in the Museum and want to know how it is run. Can you give me an "
        "example of picking up responsibilities outside your job title?"
    )
    assert voice_gate(rambling) == "more than one sentence"
    assert voice_gate("What did you change in the reporting process after the audit?") == ""
    # Every curated question in the panel's voice passes, so the gate asks nothing of a
    # written question that the curated ones do not do.
    spoken_to = [q.text for q in services.corpus.bank if not q.text.startswith("If I ")]
    assert len(spoken_to) >= 78
    assert [q for q in spoken_to if voice_gate(q.replace("{concern}", "budgeting"))] == []


def test_a_written_question_that_speaks_of_the_candidate_gives_way_to_the_bank(
    services: Services, fake_llm: FakeLLM
) -> None:
    fake_llm.enqueue(
        " Which technical problem last year was hardest for the candidate, and how did you "
        "measure success?\n"
    )
    persona = services.corpus.personas["specialist"]
    out = _writer(services).write(persona, _item(), role="Analyst", company="Acme")
    assert out.used_fallback and out.text == _item().text
    assert out.rejected == "speaks of the candidate in the third person"


def test_a_written_question_keeps_the_doubt_its_planned_question_names(
    services: Services, fake_llm: FakeLLM
) -> None:
    concern = "handling a nurse who is not pulling their weight"
    planned = PlanItem(
        bank_id="sc-10",
        persona="skeptic",
        dimensions=["concern_addressed", "skill_depth"],
        text=f"Which former manager or colleague could vouch for you on {concern}, and what "
        "would they tell me?",
        citations=[],
    )
    # What the embedded model wrote for the nurse manager: the doubt is gone.
    odd = "What would be the most important thing to change about this new team member?"
    assert doubt_gate(odd, planned.text, concern) == "drops the panel's doubt"
    kept = "Who could tell me how you dealt with a nurse not pulling their weight?"
    assert doubt_gate(kept, planned.text, concern) == ""
    # A planned question that names no doubt asks nothing of the written one.
    assert doubt_gate(odd, _item().text, concern) == ""
    assert doubt_gate(odd, planned.text, "") == ""

    # On topic, so the other gates let it pass, but the doubt is gone.
    vague = "Which former manager could vouch for your work here, and what would they tell me?"
    fake_llm.enqueue(f" {vague}\n")
    persona = services.corpus.personas["skeptic"]
    writer = _writer(services)
    out = writer.write(persona, planned, role="Nurse Unit Manager", company="St Brigid's",
                       concern=concern)  # fmt: skip
    assert out.used_fallback and out.text == planned.text
    assert out.rejected == "drops the panel's doubt"


def test_with_curated_questions_the_bank_words_each_one_and_the_model_is_not_called(
    services: Services, fake_llm: FakeLLM
) -> None:
    fake_llm.enqueue(" Which problem was hardest for you, and how did you measure success?\n")
    writer = QuestionWriter(
        services.llm, services.prompts, services.corpus, services.embeddings, curated=True
    )
    out = writer.write(services.corpus.personas["specialist"], _item(), role="", company="")
    assert (out.text, out.used_fallback, out.rejected) == (_item().text, True, CURATED)
    assert out.ttft_ms == out.latency_ms and out.notice == ""
    assert fake_llm.history == []


def test_the_embedded_model_asks_curated_questions_unless_told_otherwise() -> None:
    def writes(**llm: str) -> bool:
        return Settings(llm=llm).llm.writes_questions

    assert not writes(provider="embedded")
    assert writes(provider="openai") and writes(provider="fake")
    assert writes(provider="embedded", questions="model")
    assert not writes(provider="openai", questions="curated")
