"""Scores one answer: 0-5 per rubric dimension and 0-100 overall, with verbatim evidence.

Only sentences that are the candidate answering count. Text addressed to whoever scores
(found by the manipulation patterns or by the learned "addressed to the evaluator"
classifier) is removed with its whole sentence, markers and separators left around it are
not sentences, and a flagged answer scores at most what it would without the flagged text,
minus a penalty. Without an LLM judge, a sentence read as a claim, filler, a deflection or a
question, or one the evaluator classifier gives even odds of addressing whoever scores (too
weak to flag), can only lower the score: injected text that no detector catches often reads
as one of them. What remains is judged by tables
learned from graded answers (the role of each sentence, its relevance to the question and
the concern, and what the answer says as a whole), then capped by the deterministic rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from simulator.domain import AnswerScore
from simulator.embeddings import HashingEmbeddings, MiniLMEmbeddings
from simulator.rubric import DIMENSION_SPECS
from simulator.scoring.addressee import AddresseeReader, packaged_reader
from simulator.scoring.answering import AnswerFilter
from simulator.scoring.context import ScoringContext
from simulator.scoring.encoder import SentenceEncoder
from simulator.scoring.features import (
    ROLES,
    STORY_ROLES,
    AnswerInput,
    answer_vector,
    sentence_matrix,
)
from simulator.scoring.feedback import write_feedback
from simulator.scoring.judge import Judge, JudgeError, blend
from simulator.scoring.rules import (
    CAPS,
    OFF_TOPIC_BELOW,
    OFF_TOPIC_GRADE_BELOW,
    apply_caps,
    padding_factor,
    penalise,
    surface_flags,
)
from simulator.scoring.tables import ScorerTables, load_tables
from simulator.scoring.text import words

# What earns a score: sentences that tell, or reflect on, what happened, or know the employer.
SUBSTANCE_ROLES = ("situation", "task", "action", "result", "reflection", "research")
CHAFF_MIN = 0.6  # a sentence this likely to be claim, filler, deflection or a question


@dataclass(frozen=True)
class Graded:
    """The learned tables' view of a set of answering sentences."""

    texts: list[str]
    roles: np.ndarray
    relevance: np.ndarray  # each sentence's cosine with the question
    concern_relevance: np.ndarray | None
    grades: dict[str, float]
    off_topic: bool

    @property
    def overall(self) -> int:
        return round(100 * min(1.0, max(0.0, (self.grades["overall"] - 1) / 4)))

    def dimension(self, d: str) -> int:
        return max(1, min(5, round(self.grades[d])))

    def story_share(self) -> float:
        """The share of the answer's words in sentences that tell what happened."""
        sizes = np.asarray([len(words(t)) for t in self.texts], dtype=float)
        story = self.roles[:, [ROLES.index(r) for r in STORY_ROLES]].sum(axis=1)
        return float((sizes * story).sum() / max(1.0, sizes.sum()))

    def role_of(self, i: int) -> str:
        return ROLES[int(self.roles[i].argmax())]


@dataclass(frozen=True)
class View:
    graded: Graded
    overall: int
    scores: dict[str, int]
    flags: list[str]


class Scorer:
    """Scores answers with the learned tables; a ``judge`` adds an LLM's reading when set."""

    def __init__(
        self,
        embeddings: Embeddings,
        tables: ScorerTables | None = None,
        judge: Judge | None = None,
        judge_mode: str = "rules",
        addressee: AddresseeReader | None = None,
    ) -> None:
        self.encoder = SentenceEncoder(embeddings)
        self.tables = tables or load_tables()
        # The packaged addressee reader by default, from the MiniLM's model pool; the
        # test-only hashing vectors stand in for every model, so they go without it.
        if addressee is None and not isinstance(embeddings, HashingEmbeddings):
            pool = embeddings.pool if isinstance(embeddings, MiniLMEmbeddings) else None
            addressee = packaged_reader(pool)
        self.filter = AnswerFilter(self.encoder, self.tables, addressee)
        self.judge = judge
        self.judge_mode = judge_mode

    def grade(self, texts: list[str], ctx: ScoringContext) -> Graded:
        refs = [ctx.question or "Tell us about yourself.", ctx.concern, ctx.role]
        vectors = self.encoder.encode([*texts, *[r for r in refs if r.strip()]])
        sv, rv = vectors[: len(texts)], vectors[len(texts) :]
        question = rv[0]
        concern = rv[1] if ctx.concern.strip() else None
        roles = self.tables.roles(sentence_matrix(texts, sv))
        features = answer_vector(AnswerInput(texts, sv, roles, question, concern))
        mean = sv.mean(axis=0)
        mean = mean / max(1e-9, float(np.linalg.norm(mean)))
        topical = float(max(mean @ r for r in rv))
        grades = self.tables.predict(features)
        return Graded(
            texts=texts,
            roles=roles,
            relevance=sv @ question,
            concern_relevance=sv @ concern if concern is not None else None,
            grades=grades,
            off_topic=topical < OFF_TOPIC_BELOW and grades["overall"] < OFF_TOPIC_GRADE_BELOW,
        )

    # -- the score ------------------------------------------------------------------------

    def score(self, answer: str, ctx: ScoringContext) -> AnswerScore:
        dims = list(dict.fromkeys(ctx.dimensions)) or ["skill_depth"]
        citations = [c.id for c in ctx.cards]
        texts, flagged = self.filter.answering(answer)
        notes = ["Text addressed to the scorer was ignored and does not count."] if flagged else []
        if not texts:
            notes.append("There was no answer to score, so every dimension scores 0.")
            return AnswerScore(
                overall=0,
                dimensions={d: 0 for d in dims},
                flags=[*(["manipulation"] if flagged else []), "too_short"],
                evidence={d: [] for d in dims},
                citations=citations,
                feedback="No answer was given. " + DIMENSION_SPECS[dims[0]].advice,
                notes=notes,
            )
        view = self._view(texts, ctx, dims, notes)
        overall, scores = self._settled(view, ctx, dims)
        flags = [*(["manipulation"] if flagged else []), *view.flags]
        if flagged:
            # Beside text that was caught, a sentence that reads even partly as addressed to
            # the scorer may be the rest of it: the score is at most the answer's without it.
            strict = self.filter.unsuspicious(texts)
            # And the honest text an attack was glued to may be what held the score down.
            fuller = self.filter.with_honest_parts(answer, texts)
            for reading in (strict, fuller):
                if reading and reading != texts:
                    low, low_scores = self._settled(self._view(reading, ctx, dims, []), ctx, dims)
                    overall = min(overall, low)
                    scores = {d: min(v, low_scores[d]) for d, v in scores.items()}
            overall, scores = penalise(overall, scores)
        if "non_english" in flags:
            notes.append(
                "The answer does not read as English; the scorer was trained on English "
                "answers, so this score is a rough guide."
            )
        graded = view.graded
        evidence = {d: self._evidence(graded, d, answer) for d in dims}
        cap_lines = [c.feedback for c in CAPS if c.flag in flags]
        feedback = write_feedback(graded, scores, flags, ctx, cap_lines)
        sentences = [{"text": t, "role": graded.role_of(i)} for i, t in enumerate(graded.texts)]
        return AnswerScore(overall, scores, flags, evidence, citations, feedback, notes, sentences)

    def _settled(
        self, view: View, ctx: ScoringContext, dims: list[str]
    ) -> tuple[int, dict[str, int]]:
        """A reading's score: chaff can only lower it, unless an LLM judge takes part (it
        reads the whole answer for substance instead)."""
        if self._judging():
            return view.overall, dict(view.scores)
        return self._without_chaff_gain(view, ctx, dims)

    def _without_chaff_gain(
        self, view: View, ctx: ScoringContext, dims: list[str]
    ) -> tuple[int, dict[str, int]]:
        """The score when sentences that do not tell or reflect on what happened (claims,
        filler, deflection, questions) or that may address whoever scores ("chaff") can only
        lower it.

        It is the lowest of these readings: the substance sentences alone, and the substance
        with each chaff sentence added on its own. Adding a chaff sentence adds a reading
        and changes no other, so it never raises the score. An answer that is all chaff
        scores as its weakest sentence alone.
        """
        texts = view.graded.texts
        chaff = view.graded.roles[:, [ROLES.index(r) for r in ROLES if r not in SUBSTANCE_ROLES]]
        doubted = self.filter.suspicious(texts)
        is_chaff = [p >= CHAFF_MIN or d for p, d in zip(chaff.sum(axis=1), doubted, strict=True)]
        if not any(is_chaff):
            return view.overall, dict(view.scores)
        substance = [t for t, c in zip(texts, is_chaff, strict=True) if not c]
        readings = [substance] if substance else []
        readings += [
            [t for t, c in zip(texts, is_chaff, strict=True) if not c or t == extra]
            for extra, c in zip(texts, is_chaff, strict=True)
            if c
        ]
        views = [view if len(r) == len(texts) else self._view(r, ctx, dims, []) for r in readings]
        overall = min(v.overall for v in views)
        return overall, {d: min(v.scores[d] for v in views) for d in dims}

    def _view(
        self, texts: list[str], ctx: ScoringContext, dims: list[str], notes: list[str]
    ) -> View:
        """The full score of one reading of the answer: grades, judge, flags and caps."""
        graded = self.grade(texts, ctx)
        overall, scores = graded.overall, {d: graded.dimension(d) for d in dims}
        text = " ".join(texts)
        answer_words = words(text)
        story = graded.story_share()
        flags = surface_flags(text, answer_words, story)
        if graded.off_topic and "too_short" not in flags:
            flags.append("off_topic")
        if self._judging():
            overall, scores = self._with_judge(text, ctx, dims, overall, scores, notes)
        overall, scores = apply_caps(flags, overall, scores, padding_factor(answer_words, story))
        return View(graded, overall, scores, flags)

    def _judging(self) -> bool:
        return self.judge is not None and self.judge_mode in ("llm", "both")

    def _with_judge(
        self,
        text: str,
        ctx: ScoringContext,
        dims: list[str],
        overall: int,
        scores: dict[str, int],
        notes: list[str],
    ) -> tuple[int, dict[str, int]]:
        """The judge reads only the answering text; a failure leaves the rules' score."""
        assert self.judge is not None
        try:
            verdict = self.judge.judge(text, ctx, dims)
        except JudgeError as exc:
            notes.append(f"The LLM judge failed ({exc}); this score is from the rules alone.")
            return overall, scores
        notes.extend(verdict.notes)
        return blend(self.judge_mode, overall, scores, verdict)

    @staticmethod
    def _evidence(graded: Graded, dimension: str, answer: str) -> list[str]:
        """Verbatim sentences whose role earns this dimension, the most relevant first."""
        wanted = [ROLES.index(r) for r in DIMENSION_SPECS[dimension].evidence_roles]
        weight = graded.roles[:, wanted].sum(axis=1) * (0.5 + np.clip(graded.relevance, 0, 1))
        order = [int(i) for i in np.argsort(-weight) if graded.roles[i, wanted].sum() >= 0.4]
        return [graded.texts[i] for i in order if graded.texts[i] in answer][:2]
