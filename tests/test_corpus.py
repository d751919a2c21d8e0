from collections import Counter

import pytest

from simulator.corpus import CorpusError, load_corpus, parse_card
from simulator.domain import DIMENSIONS, REASON_DIMENSIONS, REASONS
from simulator.prompts import Prompts
from simulator.settings import PROJECT_ROOT


def test_every_reason_and_dimension_has_cards() -> None:
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    assert len(corpus.cards) >= 40
    reasons = Counter(r for c in corpus.cards for r in c.callback_reasons)
    dims = Counter(d for c in corpus.cards for d in c.dimensions)
    assert all(reasons[r] >= 4 for r in REASONS), reasons
    assert all(dims[d] >= 4 for d in DIMENSIONS), dims


def test_question_bank_covers_each_reason_and_its_dimensions() -> None:
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    for reason in REASONS:
        questions = [q for q in corpus.bank if q.reason == reason]
        assert len(questions) >= 12, reason
        covered = {d for q in questions for d in q.dimensions}
        assert set(REASON_DIMENSIONS[reason]) <= covered, reason
        assert all(q.text.endswith("?") for q in questions)
        for q in questions:
            assert reason in corpus.personas[q.persona].reasons


def test_every_reason_has_a_persona_and_split_panel_has_two_stances() -> None:
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    for reason in REASONS:
        assert any(reason in p.reasons for p in corpus.personas.values()), reason
    stances = {p.stance for p in corpus.personas.values() if "split_panel" in p.reasons}
    assert {"supportive", "skeptical"} <= stances


def test_bad_card_is_rejected_with_its_name() -> None:
    with pytest.raises(CorpusError, match=r"x\.md"):
        parse_card(
            "---\nid: a\ntitle: t\ncallback_reasons: [nope]\ndimensions: [demeanor]\n---\nbody",
            "x.md",
        )
    with pytest.raises(CorpusError, match="front matter"):
        parse_card("no front matter", "y.md")


def test_all_prompt_templates_render_with_strict_undefined() -> None:
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    prompts = Prompts(PROJECT_ROOT / "prompts")
    persona = next(iter(corpus.personas.values()))
    context = {
        "persona": persona,
        "role": "Analyst",
        "company": "Acme",
        "topic": "specific evidence",
        "examples": [{"topic": "t", "question": "What did you do?"}],
        "concern": "SQL",
        "guidance": "Quantify results",
        "example": "What happened?",
        "previous": ["Why us?"],
        "probe": "measurement",
        "concern_dodged": True,
        "last_answer": '"I cut waiting times by a third."',
        "exchanges": [("Why us?", '"Because of the ward."')],
        "before": "18 months",
        "now": "3 years",
        "passages": ["Quantify results"],
        "transcript": [{"speaker": "Dana", "text": "Why us?"}],
        "bars": [{"label": "skill depth", "value": 2.5, "width": 150}],
        "line": [{"x": 20, "y": 80, "label": "2026-01-01", "value": 50}],
        "questions": [{"label": "Q1", "value": 50, "width": 170}],
        "wpm": [{"x": 40, "y": 60, "label": "2026-01-01", "value": 140.0}],
        "fpm": [{"x": 40, "y": 90, "label": "2026-01-01", "value": 3.5}],
        "dimensions": [{"id": "skill_depth", "label": "Skill depth", "topic": "t", "advice": "a"}],
        "cards": [{"title": "Quantify results", "text": "Give numbers."}],
        "reason": "specific_concern",
        "answer": "I rewrote the rota.",
        "question": "What did you change?",
        "r": {
            "session_id": "s",
            "created_at": "2026-01-01T00:00",
            "state": "finished",
            "role": "A",
            "company": "B",
            "overall": 50,
            "dimensions": {"skill_depth": 2.5},
            "strongest": "skill_depth",
            "weakest": "skill_depth",
            "asked_about_concerns": False,
            "coverage": {"skill_depth": True},
            "next_steps": ["x"],
            "turns": [],
            "guidance": [],
            "history": [],
            "better_answer": {
                "dimension": "skill_depth",
                "question": "Q?",
                "steps": ["a"],
                "rebuilt": [
                    {"part": "action", "text": "I rewrote it.", "missing": ""},
                    {"part": "result", "text": "", "missing": "what came of it"},
                ],
                "guidance": [],
            },
            "progress": {"improved": [], "not_improved": []},
            "diagnosis": {"label": "L", "confidence": 0.5, "rationale": "R"},
        },
    }
    names = prompts.names()
    assert names
    for name in names:
        assert prompts.render(name, **context).strip(), name
