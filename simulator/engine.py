"""A practice session as a state machine: start -> (ask, answer, score)* -> finished.

Every step is persisted before it returns, so a session survives a restart and resumes
at its open question.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from simulator.consistency import contradiction
from simulator.corpus import Corpus
from simulator.diagnosis import diagnose, find_concern
from simulator.domain import AnswerScore, Intake, Passage, Persona
from simulator.errors import (
    InputTooLargeError,
    SessionFinishedError,
    SessionNotFoundError,
)
from simulator.index import GuidanceIndex
from simulator.ownership import owns
from simulator.planner import PlanItem, build_plan, fill, personas_for, placeholder_values
from simulator.questions import QuestionWriter, TokenSink
from simulator.reason_model import ReasonClassifier
from simulator.rubric import DIMENSION_SPECS, dimensions_for
from simulator.scoring import Scorer, build_context
from simulator.store import SessionRow, Store, TurnRow, new_session_id

CONSISTENCY = "consistency with round one"  # what a contradiction follow-up asks for


@dataclass
class TurnView:
    index: int
    persona: str
    persona_name: str
    persona_role: str
    question: str
    citations: list[str]
    dimensions: list[str]
    is_follow_up: bool
    used_fallback: bool
    answer: str | None = None
    score: dict[str, Any] | None = None
    notice: str = ""  # said to the candidate, e.g. that the model is unavailable

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SessionView:
    id: str
    created_at: str
    intake: dict[str, str]
    diagnosis: dict[str, Any]
    personas: list[dict[str, str]]
    state: str
    turns: list[TurnView] = field(default_factory=list)

    @property
    def current(self) -> TurnView | None:
        if self.state != "interviewing" or not self.turns or self.turns[-1].answer is not None:
            return None
        return self.turns[-1]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["current"] = self.current.to_dict() if self.current else None
        return data


class Engine:
    def __init__(
        self,
        corpus: Corpus,
        index: GuidanceIndex,
        writer: QuestionWriter,
        scorer: Scorer,
        store: Store,
        *,
        questions_per_session: int = 5,
        max_answer_chars: int = 10_000,
        model_name: str = "",
        classifier: ReasonClassifier | None = None,
    ) -> None:
        self.corpus = corpus
        self.index = index
        self.writer = writer
        self.prompts = writer.prompts
        self.classifier = classifier

        self.scorer = scorer
        self.store = store
        self.n_questions = questions_per_session
        self.max_answer_chars = max_answer_chars
        self.model_name = model_name

    # -- reading -------------------------------------------------------------------------------
    def view(self, row: SessionRow) -> SessionView:
        personas = {p["id"]: p for p in row.personas}
        turns = [
            TurnView(
                index=t.index,
                persona=t.persona,
                persona_name=personas.get(t.persona, {}).get("name", t.persona),
                persona_role=personas.get(t.persona, {}).get("role", ""),
                question=t.question,
                citations=list(t.citations),
                dimensions=list(t.dimensions),
                is_follow_up=t.is_follow_up,
                used_fallback=t.used_fallback,
                answer=t.answer,
                score=t.score,
                notice=_notice(t.generation or {}),
            )
            for t in row.turns
        ]
        return SessionView(
            id=row.id,
            created_at=row.created_at.isoformat(),
            intake=dict(row.intake),
            diagnosis=dict(row.diagnosis),
            personas=list(row.personas),
            state=row.state,
            turns=turns,
        )

    def load_owned(self, session_id: str, owner_hash: str | None) -> SessionRow:
        """The session, if it exists and (when an owner is given) belongs to that owner.

        Someone else's session is reported exactly like a missing one.
        """
        row = self.store.load(session_id)
        if row is None or (owner_hash is not None and not owns(row.owner_hash, owner_hash)):
            raise SessionNotFoundError(f"No practice session {session_id!r}.")
        return row

    def get(self, session_id: str, owner_hash: str | None = None) -> SessionView:
        return self.view(self.load_owned(session_id, owner_hash))

    # -- starting --------------------------------------------------------------------------------
    def start(
        self,
        intake: Intake,
        *,
        reason: str | None = None,
        on_token: TokenSink | None = None,
        owner_hash: str = "",
    ) -> SessionView:
        diagnosis = diagnose(
            intake, search=self.index.search, override=reason, classifier=self.classifier
        )
        concern = find_concern(intake)
        session_id = new_session_id()
        plan = build_plan(
            diagnosis.reason,
            self.corpus,
            intake,
            concern,
            self.n_questions,
            seed=session_id,
            search=self.index.search,
            similarity=self.writer.similarity,
        )

        personas = [p.to_dict() for p in personas_for(diagnosis.reason, self.corpus)]
        row = SessionRow(
            id=session_id,
            role=intake.role,
            company=intake.company,
            intake=intake.to_dict(),
            diagnosis={**diagnosis.to_dict(), "concern": concern},
            personas=personas,
            plan=[p.to_dict() for p in plan],
            state="interviewing",
            model=self.model_name,
            owner_hash=owner_hash,
            turns=[],
        )
        first = self._ask(row, plan_item=0, on_token=on_token)
        # The session and its first question are stored together: a process killed in
        # between leaves no session without a question to answer.
        with self.store.tx() as db:
            db.add(row)
            self._add_turn(db, row, first)
        return self.get(session_id)

    def _ask(
        self, row: SessionRow, *, plan_item: int, on_token: TokenSink | None
    ) -> dict[str, Any]:
        """The next planned question of ``row``, written but not yet stored."""
        item = PlanItem.from_dict(row.plan[plan_item])
        persona = self.corpus.personas[item.persona]
        intake = Intake.from_dict(row.intake)
        cards = [c for c in (self.corpus.card(i) for i in item.citations) if c is not None]
        generated = self.writer.write(
            persona,
            item,
            role=intake.role,
            company=intake.company,
            concern=str(row.diagnosis.get("concern", "")),
            previous=[t.question for t in row.turns],
            exclude={p["bank_id"] for p in row.plan},
            guidance=" ".join(c.title for c in cards),
            on_token=on_token,
        )
        return dict(
            persona=item.persona,
            question=generated.text,
            citations=item.citations,
            dimensions=item.dimensions,
            plan_item=plan_item,
            is_follow_up=False,
            used_fallback=generated.used_fallback,
            generation=generated.to_dict(),
        )

    @staticmethod
    def _follow_up(persona: Persona, missing: str, row: SessionRow, start: int) -> str | None:
        """The persona's next follow-up naming what was missing, never one already asked."""
        asked = {t.question for t in row.turns}
        templates = persona.follow_up_templates
        for offset in range(len(templates)):
            text = fill(
                templates[(start + offset) % len(templates)],
                missing=DIMENSION_SPECS[missing].follow_up,
            )
            if text not in asked:
                return text
        return None

    @staticmethod
    def _add_turn(db: Session, row: SessionRow, fields: dict[str, Any]) -> None:
        """Add the next turn of ``row`` (whose turns are those stored so far) in ``db``."""
        db.add(TurnRow(session_id=row.id, index=len(row.turns), **fields))
        db.execute(
            update(SessionRow)
            .where(SessionRow.id == row.id)
            .values(updated_at=dt.datetime.now(dt.UTC))
        )

    # -- answering --------------------------------------------------------------------------------
    def answer(
        self,
        session_id: str,
        text: str,
        *,
        on_token: TokenSink | None = None,
        owner_hash: str | None = None,
    ) -> SessionView:
        if len(text) > self.max_answer_chars:
            raise InputTooLargeError(
                f"The answer is {len(text)} characters; the limit is {self.max_answer_chars}."
            )
        row = self.load_owned(session_id, owner_hash)
        view = self.view(row)
        current = view.current
        if current is None:
            raise SessionFinishedError("This session has no open question; it has finished.")
        turn = row.turns[-1]
        score = self.score_turn(row, turn, text)
        # The next question is written before anything is stored, and the answer, its score
        # and the next question (or the end of the session) are stored in one transaction:
        # a process killed at any moment leaves this turn answered whole or still open.
        following = self._advance(row, turn, text, score, on_token)
        now = dt.datetime.now(dt.UTC)
        with self.store.tx() as db:
            # Only an open turn takes an answer: of two answers racing for the same turn
            # (two tabs, a retried request) exactly one is stored.
            stored = db.execute(
                update(TurnRow)
                .where(TurnRow.id == turn.id, TurnRow.answer.is_(None))
                .values(answer=text, score=score.to_dict(), answered_at=now)
            )
            if stored.rowcount != 1:  # type: ignore[attr-defined]
                raise SessionFinishedError(
                    "That question was already answered; reload the session."
                )
            if following is None:
                db.execute(
                    update(SessionRow).where(SessionRow.id == row.id).values(state="finished")
                )
            else:
                self._add_turn(db, row, following)
        return self.get(session_id)

    def score_turn(self, row: SessionRow, turn: TurnRow, text: str) -> AnswerScore:
        cards: list[Passage] = [
            c for c in (self.corpus.card(i) for i in turn.citations) if c is not None
        ]
        reason = str(row.diagnosis.get("reason", ""))
        concern = str(row.diagnosis.get("concern", ""))
        dims = dimensions_for(reason, tuple(turn.dimensions))
        values = placeholder_values(Intake.from_dict(row.intake), concern)
        said = [str(t.score.get("feedback", "")) for t in row.turns if t.score]
        return self.scorer.score(
            text,
            build_context(
                turn.question,
                reason,
                asked=tuple(turn.dimensions),
                cards=cards,
                concern=concern or (values["concern"] if "concern_addressed" in dims else ""),
                role=row.role,
                company=row.company,
                said=said,
            ),
        )

    def _advance(
        self,
        row: SessionRow,
        turn: TurnRow,
        answer: str,
        score: AnswerScore,
        on_token: TokenSink | None,
    ) -> dict[str, Any] | None:
        """The turn that follows ``turn`` once ``answer`` is given (None: the session ends)."""
        weakest = min(score.dimensions, key=lambda d: score.dimensions[d])
        vague = "too_short" in score.flags or "off_topic" in score.flags or score.overall < 25
        persona = self.corpus.personas[turn.persona]
        clash = contradiction(str(row.intake.get("round1_notes", "")), answer)
        if clash and (turn.generation or {}).get("missing") != CONSISTENCY:
            before, now = clash
            question = self.prompts.render(
                "followup/contradiction.j2", before=before, now=now
            ).strip()
            # Each round-one fact is queried once: asking again about "18 months" is a repeat
            # even when the new answer names yet another number.
            raised = {str((t.generation or {}).get("clash", "")) for t in row.turns}
            if before not in raised and question not in {t.question for t in row.turns}:
                return dict(
                    persona=turn.persona,
                    question=question,
                    citations=list(turn.citations),
                    dimensions=["improvement"],
                    plan_item=turn.plan_item,
                    is_follow_up=True,
                    used_fallback=False,
                    generation={"source": "follow_up", "missing": CONSISTENCY, "clash": before},
                )
        follow_up = self._follow_up(persona, weakest, row, start=turn.index) if vague else None
        if follow_up and not turn.is_follow_up:
            return dict(
                persona=turn.persona,
                question=follow_up,
                citations=list(turn.citations),
                dimensions=[weakest],
                plan_item=turn.plan_item,
                is_follow_up=True,
                used_fallback=False,
                generation={"source": "follow_up", "missing": weakest},
            )
        next_item = turn.plan_item + 1
        if next_item < len(row.plan):
            return self._ask(row, plan_item=next_item, on_token=on_token)
        return None


def _notice(generation: dict[str, Any]) -> str:
    if "notice" in generation:  # the question writer says what went wrong, if anything
        return str(generation["notice"])
    rejected = str(generation.get("rejected", ""))
    if rejected.startswith("model error"):
        return (
            "The question model is unavailable right now, so this question comes from the "
            "curated question bank. Your answers are saved as usual."
        )
    return ""
