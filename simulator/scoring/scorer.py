"""Scores one answer: 0-5 per rubric dimension and 0-100 overall, with verbatim evidence.

Only sentences that are the candidate answering count. Text addressed to whoever scores
(found by the manipulation patterns or by the learned "addressed to the evaluator"
classifier) is removed with its whole sentence, markers and separators left around it are
not sentences, and a flagged answer scores at most what it would without the flagged text,
minus a penalty: injected text can never raise a score. What remains is judged by tables
learned from graded answers (the role of each sentence, its relevance to the question and
the concern, and what the answer says as a whole), then capped by the deterministic rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from simulator.domain import AnswerScore
from simulator.manipulation import find_manipulation
from simulator.rubric import DIMENSION_SPECS
from simulator.scoring.context import ScoringContext
from simulator.scoring.encoder import SentenceEncoder
from simulator.scoring.features import ROLES, AnswerInput, answer_vector, sentence_matrix
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
from simulator.scoring.text import (
    bare,
    hidden_words,
    is_answering,
    overlaps,
    spells_verdict,
    split_sentences,
    words,
)

# The classifier alone never flags a sentence this short ("Thank you."): too little to judge.
MIN_FLAG_WORDS = 3
# A sentence this short right beside removed text is its leftover ("Thank you.", "Top score.").
LEFTOVER_WORDS = 3
SHORT_WORDS = 8
_FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|me|my|we|we're|we've|us|our)\b", re.IGNORECASE)
_PARTS = re.compile(r"\s*\n\s*|\s{2,}|\s+\|\s+|(?<=[✔✓])\s+|```")
_ENDED = re.compile(r"[.!?…。！？][\"'”’)\]]*$")


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
        """The share of the answer's words in situation, action and result sentences."""
        sizes = np.asarray([len(words(t)) for t in self.texts], dtype=float)
        story = self.roles[:, [ROLES.index(r) for r in ("situation", "action", "result")]].sum(
            axis=1
        )
        return float((sizes * story).sum() / max(1.0, sizes.sum()))

    def role_of(self, i: int) -> str:
        return ROLES[int(self.roles[i].argmax())]


@dataclass(frozen=True)
class View:
    graded: Graded
    overall: int
    scores: dict[str, int]
    flags: list[str]


def _verdict_runs(texts: list[str], markup: set[str]) -> set[str]:
    """Runs of consecutive non-sentences (markup, lone letters) that spell out a verdict."""
    found: set[str] = set()
    run: list[str] = []
    for text in [*texts, ""]:
        if text in markup:
            run.append(text)
            continue
        if run and spells_verdict(run):
            found |= set(run)
        run = []
    return found


def _without(texts: list[str], removed: set[str]) -> list[str]:
    """``texts`` less the removed sentences and the leftovers right beside them: a short
    piece, or a fragment that does not end like a sentence ("...asked me to add this:")."""
    out = []
    for i, text in enumerate(texts):
        beside = (i > 0 and texts[i - 1] in removed) or (
            i + 1 < len(texts) and texts[i + 1] in removed
        )
        leftover = len(words(text)) <= LEFTOVER_WORDS or not _ENDED.search(text)
        if text in removed or (beside and leftover):
            continue
        out.append(text)
    return out


class Scorer:
    """Scores answers with the learned tables; a ``judge`` adds an LLM's reading when set."""

    def __init__(
        self,
        embeddings: Embeddings,
        tables: ScorerTables | None = None,
        judge: Judge | None = None,
        judge_mode: str = "rules",
    ) -> None:
        self.encoder = SentenceEncoder(embeddings)
        self.tables = tables or load_tables()
        self.judge = judge
        self.judge_mode = judge_mode

    # -- the answering text ---------------------------------------------------------------

    def answering(self, answer: str) -> tuple[list[str], bool]:
        """The answer's answering sentences, and whether anything was flagged.

        A sentence flagged on its own (by the patterns, the evaluator classifier or as a
        known attack) is dropped whole, with markup and the leftovers beside it; a sentence
        glued to flagged text by a line break or a run of spaces loses that part. A pattern
        match over the whole answer that no single sentence explains still flags the answer.
        """
        spans = find_manipulation(answer)
        touched = {s.text for s in split_sentences(answer) if overlaps(s, spans)}
        texts, flagged = self._unglued([s.text for s in split_sentences(answer)], touched)
        markup = {t for t in texts if not is_answering(t)}
        # Only a sentence that a match over the whole answer touched can match on its own.
        removed = {t for t in texts if t in touched and t not in markup and find_manipulation(t)}
        removed |= {t for t in texts if hidden_words(t)} | self._evaluator(
            [t for t in texts if t not in markup and t not in removed]
        )
        removed |= _verdict_runs(texts, markup)
        # A short, impersonal sentence inside a match over the whole answer is part of it
        # ("skill_depth: excellent.") even when it does not match on its own.
        removed |= {
            t
            for t in texts
            if t in touched and len(words(t)) <= SHORT_WORDS and not _FIRST_PERSON.search(t)
        }
        return _without(texts, removed | markup), bool(flagged or removed or spans)

    def _unglued(self, texts: list[str], touched: set[str]) -> tuple[list[str], bool]:
        """Each sentence with the parts cut out that are flagged on their own, where a line
        break, a run of spaces or a bar separates it into parts."""
        out, flagged = [], False
        for text in texts:
            parts = [p for p in _PARTS.split(text) if p.strip()]
            if (
                len(parts) < 2
                or (text in touched and find_manipulation(text))
                or self._evaluator([text])
            ):
                out.append(text)  # one sentence, or flagged as a whole: judged whole below
                continue
            bad = {
                p
                for p in parts
                if not is_answering(p)
                or hidden_words(p)
                or (text in touched and find_manipulation(p))
            }
            bad |= self._evaluator([p for p in parts if p not in bad])
            flagged = flagged or any(is_answering(p) or hidden_words(p) for p in bad)
            flagged = flagged or spells_verdict([p for p in bad if not is_answering(p)])
            runs: list[list[str]] = [[]]
            for p in parts:
                if p in bad:
                    runs.append([])
                else:
                    runs[-1].append(p)
            kept = max(runs, key=lambda run: sum(len(p) for p in run))
            if not bad or not kept:
                out.append(text)
            else:  # the longest run of parts between flagged ones, as written
                start = text.find(kept[0])
                out.append(text[start : text.find(kept[-1], start) + len(kept[-1])].strip())
        return out, flagged

    def _evaluator(self, texts: list[str]) -> set[str]:
        """Sentences the classifier reads as addressed to whoever scores, or known attacks."""
        if not texts:
            return set()
        plain = [bare(t) or t for t in texts]
        vectors = self.encoder.encode(plain)
        p = self.tables.evaluator(sentence_matrix(plain, vectors))
        known = self.tables.known_attack(vectors)
        return {
            t
            for t, pe, k in zip(texts, p, known, strict=True)
            if k or (pe >= self.tables.eval_threshold and len(words(t)) >= MIN_FLAG_WORDS)
        }

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
        texts, flagged = self.answering(answer)
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
        overall, scores = view.overall, dict(view.scores)
        flags = [*(["manipulation"] if flagged else []), *view.flags]
        if flagged:
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
        if self.judge is not None and self.judge_mode in ("llm", "both"):
            overall, scores = self._with_judge(text, ctx, dims, overall, scores, notes)
        overall, scores = apply_caps(flags, overall, scores, padding_factor(answer_words, story))
        return View(graded, overall, scores, flags)

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
