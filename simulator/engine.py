"""A practice session as a state machine: start -> (ask, answer, score)* -> finished.

Every step is persisted before it returns, so a session survives a restart and resumes
at its open question.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from simulator.concern import spoken
from simulator.concern_finder import find_concern
from simulator.consistency import contradiction
from simulator.conversation import (
    PanelFacts,
    invites_questions,
    is_question_to_panel,
    is_sign_off,
    opening,
    reply,
)
from simulator.corpus import Corpus
from simulator.diagnosis import diagnose
from simulator.domain import AnswerScore, Intake, Passage, Persona, SessionView, TurnView
from simulator.errors import (
    InputTooLargeError,
    SessionFinishedError,
    SessionNotFoundError,
)
from simulator.index import GuidanceIndex
from simulator.listening import CONCERN_MET, ON_CONCERN, FollowUp, FollowUpWriter, Listening
from simulator.ownership import owns
from simulator.panel import Panelist, cast, field_of, named_panel, seat_the_rest
from simulator.panel.name_tagger import NameTagger
from simulator.panel.title_tagger import TitleTagger
from simulator.planner import (
    PlanItem,
    about_concern,
    build_plan,
    colleague_for,
    fill,
    personas_for,
    placeholder_values,
)
from simulator.questions import QuestionWriter, TokenSink
from simulator.reason_model import ReasonClassifier
from simulator.rubric import dimensions_for
from simulator.scoring import Scorer, build_context
from simulator.store import SessionRow, Store, TurnRow, new_session_id

CONSISTENCY = "consistency with round one"  # what a contradiction follow-up asks for
MAX_INTRODUCED = 3  # named people without a seat who are introduced in the opening
STRONG_ANSWER = 50  # an overall score at which the supportive panelist builds on a strength
MAX_CONCERN_PROBES = 2  # follow-ups pressing the same concern in one session


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
        max_answer_chars: int,
        model_name: str = "",
        classifier: ReasonClassifier | None = None,
        name_tagger: NameTagger | None = None,
        title_tagger: TitleTagger | None = None,
    ) -> None:
        self.corpus = corpus
        self.index = index
        self.writer = writer
        self.prompts = writer.prompts
        self.follow_ups = FollowUpWriter(writer, corpus.conversation)
        self.classifier = classifier
        self.name_tagger = name_tagger
        self.title_tagger = title_tagger

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
                preamble=str((t.generation or {}).get("preamble", "")),
                reply=str((t.generation or {}).get("reply", "")),
                kind=_kind(t),
                delivery=_delivery(t.generation or {}),
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
        seated, unseated = self._seat(intake, diagnosis.reason)
        # the colleague's seat: they ask some of the questions
        colleague = seated[-1].id if seated[-1].named_only else None
        plan = build_plan(
            diagnosis.reason,
            self.corpus,
            intake,
            concern,
            self.n_questions,
            seed=session_id,
            search=self.index.search,
            similarity=self.writer.similarity,
            colleague=colleague,
        )
        personas = [p.to_dict() for p in seated]
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
        lead = seated[0]
        others = [f"{p.name} ({p.role})" for p in seated[1:]] + [
            f"{p.name} ({p.title})" if p.title else p.name for p in unseated[:MAX_INTRODUCED]
        ]
        values = placeholder_values(intake, concern)
        first["generation"]["preamble"] = opening(
            self.corpus.conversation, fill(lead.opening, **values), lead.name, lead.role, others
        )
        # The session and its first question are stored together: a process killed in
        # between leaves no session without a question to answer.
        with self.store.tx() as db:
            db.add(row)
            self._add_turn(db, row, first)
        return self.get(session_id)

    def _seat(self, intake: Intake, reason: str) -> tuple[list[Persona], list[Panelist]]:
        """The reason's seats with the people the intake names in them (and a colleague's
        seat for one left over, when the reason has one seat), and those left to introduce."""
        return seat_the_rest(
            *cast(
                personas_for(reason, self.corpus),
                named_panel(intake, self.name_tagger, self.title_tagger),
                self.corpus.fields.get(field_of(intake, self.corpus.fields)),
            ),
            colleague_for(reason, self.corpus),
        )

    def _ask(
        self, row: SessionRow, *, plan_item: int, on_token: TokenSink | None
    ) -> dict[str, Any]:
        """The next planned question of ``row``, written but not yet stored."""
        item = PlanItem.from_dict(row.plan[plan_item])
        persona = self.persona(row, item.persona)
        intake = Intake.from_dict(row.intake)
        cards = [c for c in (self.corpus.card(i) for i in item.citations) if c is not None]
        generated = self.writer.write(
            persona,
            item,
            role=intake.role,
            company=intake.company,
            concern=spoken(str(row.diagnosis.get("concern", ""))),
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

    def persona(self, row: SessionRow, persona_id: str) -> Persona:
        """The persona as cast in this session: its voice, with the name and title the
        session gave its seat."""
        base = self.corpus.personas[persona_id]
        seat = next((p for p in row.personas if p.get("id") == persona_id), None)
        if seat is None:
            return base
        return replace(base, name=str(seat["name"]), role=str(seat["role"]))

    def panel(self, row: SessionRow) -> list[Persona]:
        return [
            self.persona(row, p["id"]) for p in row.personas if p.get("id") in self.corpus.personas
        ]

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
        delivery: dict[str, Any] | None = None,
    ) -> SessionView:
        """Score the answer and ask the next question; ``delivery`` is kept with the turn."""
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
        closing = (turn.generation or {}).get("kind") == "close"
        # The close is the candidate asking the panel: it is answered, not scored. An answer
        # that only thanks the panel or says there is nothing more ends the questions (unless
        # the question asked whether they had anything to ask): it is not scored, and the
        # close follows.
        signed_off = not closing and is_sign_off(text) and not invites_questions(turn.question)
        score = None if closing or signed_off else self.score_turn(row, turn, text)
        generation = self._answered(row, turn, text, score, delivery, closing=closing)
        if signed_off:
            generation["signed_off"] = True
        # The next question is written before anything is stored, and the answer, its score
        # and the next question (or the end of the session) are stored in one transaction:
        # a process killed at any moment leaves this turn answered whole or still open.
        following = self._following(row, turn, text, score, generation, on_token)
        now = dt.datetime.now(dt.UTC)
        with self.store.tx() as db:
            # Only an open turn takes an answer: of two answers racing for the same turn
            # (two tabs, a retried request) exactly one is stored.
            stored = db.execute(
                update(TurnRow)
                .where(TurnRow.id == turn.id, TurnRow.answer.is_(None))
                .values(
                    answer=text,
                    score=score.to_dict() if score else None,
                    answered_at=now,
                    generation=generation,
                )
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

    def _following(
        self,
        row: SessionRow,
        turn: TurnRow,
        text: str,
        score: AnswerScore | None,
        generation: dict[str, Any],
        on_token: TokenSink | None,
    ) -> dict[str, Any] | None:
        """The turn after an answer (None: the session ends): the close after a sign-off,
        nothing after the close, else whatever ``_advance`` chooses."""
        if generation.get("signed_off"):
            return self._wrap_up(row, turn)
        if score is None:
            return None
        return self._advance(row, turn, text, score, on_token, bool(generation.get("on_concern")))

    def _answered(
        self,
        row: SessionRow,
        turn: TurnRow,
        text: str,
        score: AnswerScore | None,
        delivery: dict[str, Any] | None,
        *,
        closing: bool,
    ) -> dict[str, Any]:
        """The turn's record once answered: how it was spoken, whether the answer spoke to the
        panel's doubt, and at the close the panel's reply."""
        generation = dict(turn.generation or {})
        if delivery is not None:
            generation["delivery"] = delivery
        if score is not None and self.concern_words(row):
            generation["on_concern"] = self._on_concern(row, score)
        if closing:  # the candidate asked the panel
            generation["reply"] = reply(
                self.corpus.conversation, text, self._facts(row), closing=True
            )
        return generation

    def _on_concern(self, row: SessionRow, score: AnswerScore) -> bool:
        """Whether some answering sentence is about the panel's doubt."""
        texts = [s["text"] for s in score.sentences]
        if not texts:
            return False
        vectors = self.scorer.encoder.encode([*texts, self.concern_words(row)])
        return bool((vectors[:-1] @ vectors[-1]).max() >= ON_CONCERN)

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
                concern=values["concern"] if concern or "concern_addressed" in dims else "",
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
        on_concern: bool,
    ) -> dict[str, Any] | None:
        """The turn that follows ``turn`` once ``answer`` is given (None: the session ends).

        A question from the candidate is answered first. Then: a clash with round one or an
        earlier answer is queried; a planned question gets one follow-up on what the answer
        said; otherwise the next planned question (once the doubt is settled, not one that is
        mainly about it), and after the last one the close.
        """
        settled = (
            _settles(turn.dimensions, score.dimensions.get("concern_addressed", 0), on_concern)
            or _settled_by(row, exclude=turn.id) is not None
        )
        preamble = ""
        if is_question_to_panel(answer):
            preamble = reply(self.corpus.conversation, answer, self._facts(row), closing=False)
        clash = self._clash(row, turn, answer, preamble)
        if clash is not None:
            return clash
        if not turn.is_follow_up:
            follow_up = (
                self._again(turn, preamble)
                if preamble
                else self._follow_up(row, turn, answer, score, preamble)
            )
            if follow_up is not None:
                return follow_up
        next_item = turn.plan_item + 1
        concern = self.concern_words(row)
        while settled and next_item < len(row.plan) and about_concern(row.plan[next_item], concern):
            next_item += 1
        if next_item < len(row.plan):
            following = self._ask(row, plan_item=next_item, on_token=on_token)
            asker = self.persona(row, following["persona"])
            # After answering the candidate's question, the next question follows it; so does
            # one that stays on the doubt the last one was about (no "let me push on a
            # different area" before it).
            stays = about_concern(row.plan[turn.plan_item], concern) and about_concern(
                row.plan[next_item], concern
            )
            if following["persona"] == turn.persona and not preamble and not stays:
                said = [str((t.generation or {}).get("preamble", "")) for t in row.turns]
                move_on = _move_on(asker.move_on_templates, score.overall >= STRONG_ANSWER, said)
                preamble = f"{preamble} {move_on}".strip()
            following["generation"]["preamble"] = preamble
            return following
        if any((t.generation or {}).get("kind") == "close" for t in row.turns):
            return None
        return self._close(row, turn, preamble)

    def _follow_up(
        self, row: SessionRow, turn: TurnRow, answer: str, score: AnswerScore, preamble: str
    ) -> dict[str, Any] | None:
        """The follow-up on what the answer to a planned question said, if there is one."""
        began = time.perf_counter()
        follow = self._listen(row, turn, answer, score)
        if follow is None:
            return None
        return dict(
            persona=follow.persona,
            question=follow.text,
            citations=list(turn.citations),
            dimensions=self._probe_dimensions(follow.kind, turn),
            plan_item=turn.plan_item,
            is_follow_up=True,
            used_fallback=False,
            generation={
                "source": "follow_up",
                "probe": follow.kind,
                "span": follow.span,
                "written_by": follow.source,
                "rejected": follow.rejected,
                "latency_ms": round((time.perf_counter() - began) * 1000, 1),
                "preamble": preamble,
            },
        )

    def _again(self, turn: TurnRow, preamble: str) -> dict[str, Any]:
        """The planned question asked again, once the candidate's own question to the panel
        (``preamble`` answers it) is answered."""
        return dict(
            persona=turn.persona,
            question=f"{self.corpus.conversation.again} {turn.question}",
            citations=list(turn.citations),
            dimensions=list(turn.dimensions),
            plan_item=turn.plan_item,
            is_follow_up=True,
            used_fallback=False,
            generation={"source": "follow_up", "probe": "again", "span": "", "preamble": preamble},
        )

    def _wrap_up(self, row: SessionRow, turn: TurnRow) -> dict[str, Any] | None:
        """The close, once the candidate says they have nothing more (None: it was asked)."""
        if any((t.generation or {}).get("kind") == "close" for t in row.turns):
            return None
        return self._close(row, turn, self.corpus.conversation.sign_off)

    def _close(self, row: SessionRow, turn: TurnRow, preamble: str) -> dict[str, Any]:
        """The lead's close: "what would you like to ask us?" (answered, not scored)."""
        lead = self.panel(row)[0]
        closes = self.corpus.conversation.close
        return dict(
            persona=lead.id,
            question=closes[len(row.turns) % len(closes)],
            citations=[c for c in self.corpus.conversation.close_cards if self.corpus.card(c)],
            dimensions=[],
            plan_item=turn.plan_item,
            is_follow_up=False,
            used_fallback=False,
            generation={"source": "close", "kind": "close", "preamble": preamble},
        )

    def _clash(
        self, row: SessionRow, turn: TurnRow, answer: str, preamble: str
    ) -> dict[str, Any] | None:
        """A follow-up on a number that disagrees with round one or an earlier answer,
        each earlier fact queried once."""
        earlier = [str(row.intake.get("round1_notes", ""))] + [
            t.answer for t in row.turns if t.answer and t.id != turn.id
        ]
        clash = contradiction("\n".join(earlier), answer)
        if clash is None or (turn.generation or {}).get("missing") == CONSISTENCY:
            return None
        before, now = clash
        raised = {str((t.generation or {}).get("clash", "")) for t in row.turns}
        persona = self.persona(row, turn.persona)
        forms = self.corpus.conversation.forms("contradiction", persona.stance)
        question = forms[turn.index % len(forms)].format(before=before, now=now)
        if before in raised or question in {t.question for t in row.turns}:
            return None
        return dict(
            persona=turn.persona,
            question=question,
            citations=list(turn.citations),
            dimensions=["improvement"],
            plan_item=turn.plan_item,
            is_follow_up=True,
            used_fallback=False,
            generation={
                "source": "follow_up",
                "missing": CONSISTENCY,
                "probe": "contradiction",
                "clash": before,
                "span": now,
                "preamble": preamble,
            },
        )

    def _listen(
        self, row: SessionRow, turn: TurnRow, answer: str, score: AnswerScore
    ) -> FollowUp | None:
        concern = self.concern_words(row)
        settled = _settled_by(row, exclude=turn.id) is not None
        probes = [str((t.generation or {}).get("probe", "")) for t in row.turns]
        pressed = sum(p.startswith("concern") for p in probes)
        # A dodged concern: this question asked about it, the answer went round it, nothing
        # earlier settled it, and the panel has not pressed it twice already.
        dodged = (
            "concern_addressed" in turn.dimensions
            and score.dimensions.get("concern_addressed", 5) < CONCERN_MET
            and not settled
            and pressed < MAX_CONCERN_PROBES
        )
        ctx = Listening(
            answer=answer,
            sentences=[(s["text"], s.get("role", "")) for s in score.sentences],
            question=turn.question,
            asker=self.persona(row, turn.persona),
            panel=self.panel(row),
            concern=concern,
            concern_dodged=dodged,
            asked=[t.question for t in row.turns],
            used_spans=[str((t.generation or {}).get("span", "")) for t in row.turns],
            strong=score.overall >= STRONG_ANSWER,
        )
        transcript = [(t.question, t.answer or "") for t in row.turns if t.answer]
        return self.follow_ups.write(ctx, transcript, seed=sum(bool(p) for p in probes))

    @staticmethod
    def _probe_dimensions(kind: str, turn: TurnRow) -> list[str]:
        if kind in ("concern", "concern_quoted"):
            return ["concern_addressed"]
        return list(turn.dimensions)

    def concern_words(self, row: SessionRow) -> str:
        """The panel's doubt in plain words, addressed to the candidate."""
        concern = str(row.diagnosis.get("concern", ""))
        reason = str(row.diagnosis.get("reason", ""))
        if concern:
            return spoken(concern)
        if reason in ("specific_concern", "split_panel"):
            return "the area the first panel was unsure about"
        return ""

    def _facts(self, row: SessionRow) -> PanelFacts:
        """What the panel can honestly tell the candidate about this session so far."""
        scored = [t for t in row.turns if t.score and t.answer]
        settled = ""
        if (settling := _settled_by(row)) is not None:
            evidence = (settling.score or {}).get("evidence", {})
            quotes = evidence.get("concern_addressed") or [
                q for qs in evidence.values() for q in qs
            ]
            settled = _short_quote(quotes[0] if quotes else settling.answer or "")
        best = max(scored, key=lambda t: (t.score or {}).get("overall", 0), default=None)
        liked = ""
        if best is not None and best.score and best.score.get("overall", 0) >= 50:
            quotes = [q for qs in best.score.get("evidence", {}).values() for q in qs]
            liked = _short_quote(quotes[0]) if quotes else ""
        totals: dict[str, list[int]] = {}
        for t in scored:
            for d, v in (t.score or {}).get("dimensions", {}).items():
                totals.setdefault(d, []).append(int(v))
        weakest = min(totals, key=lambda d: sum(totals[d]) / len(totals[d]), default="")
        intake = Intake.from_dict(row.intake)
        values = placeholder_values(intake, "")
        summary = _first_sentence(intake.job_description) or (
            f"it is the {values['role']} job at {values['company']}, as advertised."
        )
        reason = str(row.diagnosis.get("reason", ""))
        return PanelFacts(
            concern=self.concern_words(row),
            concern_settled_by=settled,
            weakest=self.corpus.conversation.areas.get(weakest, "your examples"),
            liked=liked,
            role_summary=summary,
            next_steps=self.corpus.conversation.next_steps.get(reason, ""),
        )


def _move_on(lines: Sequence[str], strong: bool, said: Sequence[str]) -> str:
    """The persona's line before its next question: the first after a strong answer, the
    second otherwise; nothing rather than a line the panel has already said."""
    if not lines:
        return ""
    line = lines[0] if strong or len(lines) == 1 else lines[1]
    return "" if any(line in earlier for earlier in said) else line


def _settles(asked: Sequence[str], concern_grade: int, on_concern: bool) -> bool:
    """Whether an answer settled the panel's doubt: it spoke to the doubt (graded on the
    concern at least ``CONCERN_MET``), under a question about the doubt or, under any other
    question, with a sentence about it (``on_concern``)."""
    return concern_grade >= CONCERN_MET and ("concern_addressed" in asked or on_concern)


def _settled_by(row: SessionRow, exclude: int | None = None) -> TurnRow | None:
    """The answer that settled the panel's doubt (the same rule decides whether the panel
    presses the doubt, which questions it still asks, and what it says at the close)."""
    return next(
        (
            t
            for t in row.turns
            if t.id != exclude
            and _settles(
                t.dimensions,
                (t.score or {}).get("dimensions", {}).get("concern_addressed", 0),
                bool((t.generation or {}).get("on_concern")),
            )
        ),
        None,
    )


def _short_quote(text: str, words: int = 20) -> str:
    parts = text.split()
    return " ".join(parts[:words]).rstrip(",;:") + ("..." if len(parts) > words else "")


def _first_sentence(text: str, words: int = 30) -> str:
    first = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0] if text.strip() else ""
    return _short_quote(first, words) if first else ""


def _kind(turn: TurnRow) -> str:
    if (turn.generation or {}).get("kind") == "close":
        return "close"
    return "follow_up" if turn.is_follow_up else "question"


def _delivery(generation: dict[str, Any]) -> dict[str, Any] | None:
    figures = generation.get("delivery")
    return dict(figures) if isinstance(figures, dict) else None


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
