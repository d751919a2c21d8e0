from simulator.corpus import load_corpus
from simulator.domain import REASON_DIMENSIONS, Intake
from simulator.planner import build_plan
from simulator.settings import PROJECT_ROOT


def test_plan_covers_the_reason_and_prefers_questions_close_to_the_intake() -> None:
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    pool = [q for q in corpus.bank if q.reason == "different_role"]
    favourite = next(q for q in pool if REASON_DIMENSIONS["different_role"][0] in q.dimensions)
    calls: list[str] = []

    def similarity(text: str, others: list[str]) -> list[float]:
        calls.append(text)
        return [0.9 if o == favourite.text else 0.1 for o in others]

    intake = Intake(role="Store manager", job_description="Run a 40-person store")
    plan = build_plan("different_role", corpus, intake, "", 5, seed="s", similarity=similarity)
    assert plan[0].bank_id == favourite.id
    assert calls and "Run a 40-person store" in calls[0]
    covered = {d for item in plan for d in item.dimensions}
    assert set(REASON_DIMENSIONS["different_role"]) <= covered
    assert len({item.bank_id for item in plan}) == 5


def test_plans_differ_between_sessions_without_an_intake() -> None:
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    a = build_plan("split_panel", corpus, Intake(), "", 5, seed="one")
    b = build_plan("split_panel", corpus, Intake(), "", 5, seed="two")
    assert [i.bank_id for i in a] != [i.bank_id for i in b]
    assert [i.persona for i in a][:2] == ["panel_supporter", "panel_skeptic"]
