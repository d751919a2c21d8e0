from simulator.corpus import load_corpus
from simulator.domain import REASON_DIMENSIONS, Intake
from simulator.planner import as_said, build_plan, placeholder_values
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
    plans = [build_plan("split_panel", corpus, Intake(), "", 5, seed=s) for s in "abcd"]
    assert len({tuple(i.bank_id for i in plan) for plan in plans}) > 1
    assert all(
        [i.persona for i in plan][:2] == ["panel_supporter", "panel_skeptic"] for plan in plans
    )


def test_with_no_doubt_known_no_question_names_it_in_a_stock_phrase() -> None:
    # "My colleagues came away unsure about the area they were unsure about after round one"
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    stock = placeholder_values(Intake(), "")["concern"]
    for reason in ("specific_concern", "split_panel"):
        for seed in range(30):
            plan = build_plan(reason, corpus, Intake(role="Analyst"), "", 5, seed=str(seed))
            assert [i.text for i in plan if stock in i.text] == [], (reason, seed)
    named = build_plan("specific_concern", corpus, Intake(), "my SQL", 16, seed="x")
    assert any("your SQL" in i.text for i in named)  # a known doubt is still named


def test_a_role_or_company_typed_in_capitals_is_said_as_a_person_would() -> None:
    assert as_said("GROUP FINANCIAL ACCOUNTANT") == "Group Financial Accountant"
    assert as_said("ST BRIGID'S HOSPITAL") == "St Brigid's Hospital"
    assert as_said("HEAD OF IT") == "Head of IT"
    assert as_said("NHS") == "NHS" and as_said("Senior UX Designer") == "Senior UX Designer"
    values = placeholder_values(Intake(role="DEPUTY PRACTICE MANAGER", company="IBM"), "")
    assert (values["role"], values["company"]) == ("Deputy Practice Manager", "IBM")
