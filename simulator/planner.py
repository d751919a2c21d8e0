"""The question plan: which personas ask which curated questions, grounded in which cards."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from simulator.concern import spoken
from simulator.corpus import Corpus
from simulator.domain import REASON_DIMENSIONS, BankQuestion, Intake, Persona, SearchFn, Similarity


@dataclass
class PlanItem:
    bank_id: str
    persona: str
    dimensions: list[str]
    text: str
    citations: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlanItem:
        return cls(**data)


class _SafeDict(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, **values: str) -> str:
    """Fill ``{role}``-style placeholders; unknown ones stay visible rather than crash."""
    return template.format_map(_SafeDict(values))


_SMALL_WORDS = {"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with"}
_SHORT_WORDS = {"st", "dr", "mr", "mrs", "ms", "mt", "ltd", "inc", "co", "new", "old", "big"}


def as_said(name: str) -> str:
    """A role or company typed all in capitals as a person would say it ("GROUP FINANCIAL
    ACCOUNTANT" -> "Group Financial Accountant"); short words of two or three capitals that
    are not everyday ones stay as they are ("HEAD OF IT" -> "Head of IT")."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 6 or not all(c.isupper() for c in letters) or len(name.split()) < 2:
        return name

    def word(w: str, first: bool) -> str:
        if w.lower() in _SMALL_WORDS and not first:
            return w.lower()
        if len(w) <= 3 and w.lower() not in _SMALL_WORDS | _SHORT_WORDS:
            return w
        return w.capitalize()

    return " ".join(word(w, i == 0) for i, w in enumerate(name.split()))


def placeholder_values(intake: Intake, concern: str) -> dict[str, str]:
    return {
        "role": as_said(intake.role) or "this role",
        "company": as_said(intake.company) or "the company",
        "concern": spoken(concern)
        if concern
        else "the area they were unsure about after round one",
    }


def personas_for(reason: str, corpus: Corpus) -> list[Persona]:
    chosen = [p for p in corpus.personas.values() if reason in p.reasons and not p.named_only]
    # Supportive before skeptical, so a split panel opens warmly and then turns.
    order = {"supportive": 0, "neutral": 1, "skeptical": 2}
    return sorted(chosen, key=lambda p: (order.get(p.stance, 1), p.id))


def colleague_for(reason: str, corpus: Corpus) -> Persona | None:
    """The seat a reason gives someone named whom its own seats leave out, if any."""
    return next((p for p in corpus.personas.values() if p.named_only and reason in p.reasons), None)


# A question in its own asker's voice ("my team", "our first meeting, as I said") stays theirs.
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine)\b")
_DOUBT_WORDS = re.compile(
    r"reservation|doubt|hesitat|concern|worr|unsure|misread|raised|least certain", re.I
)


def about_concern(item: dict[str, Any], concern: str) -> bool:
    """A planned question about the doubt: its first dimension is the concern, or it names
    the concern or the panel's doubt ("My colleague has some reservations; ...", "in the
    area we are least certain about")."""
    dims, text = item.get("dimensions") or [], str(item.get("text", ""))
    if not dims:
        return False
    if _DOUBT_WORDS.search(text) is not None:
        return True
    named = bool(concern) and concern.lower() in text.lower()
    return "concern_addressed" in dims and (dims[0] == "concern_addressed" or named)


def colleague_may_ask(dimensions: Sequence[str], text: str, concern: str) -> bool:
    """Whether a colleague may ask a planned question: not one about the doubt (that stays
    with whoever holds it, and is dropped once the doubt is settled), nor one in its own
    asker's voice."""
    return (
        "concern_addressed" not in dimensions[:1]
        and not about_concern({"dimensions": list(dimensions), "text": text}, concern)
        and _FIRST_PERSON.search(text) is None
    )


def share(plan: Sequence[PlanItem], colleague: str, concern: str) -> list[PlanItem]:
    """The plan with ``colleague`` asking every other question it may ask after the first,
    starting with the first of them (see ``colleague_may_ask``; ``concern``: the doubt in
    plain words)."""
    out, turn = list(plan), 0
    for i, item in enumerate(plan[1:], start=1):
        if not colleague_may_ask(item.dimensions, item.text, concern):
            continue
        if turn % 2 == 0:
            out[i] = replace(item, persona=colleague)
        turn += 1
    return out


def _rng(seed_text: str) -> random.Random:
    return random.Random(int(hashlib.sha256(seed_text.encode()).hexdigest()[:12], 16))


def build_plan(
    reason: str,
    corpus: Corpus,
    intake: Intake,
    concern: str,
    n: int,
    *,
    seed: str,
    search: SearchFn | None = None,
    similarity: Similarity | None = None,
    colleague: str | None = None,
) -> list[PlanItem]:
    """``n`` questions that cover the dimensions the reason calls for, personas taking turns.

    Among the questions that fit a turn, those closest in meaning to the intake (role, job
    description, round-one notes) come first, so the plan is about this candidate's job.
    With a ``colleague`` (a persona id) beside the asker, the plan holds at least one
    question they may ask (the third, if none of the others after the first is), and they
    ask every other one they may (``share``).
    """
    personas = [p.id for p in personas_for(reason, corpus)]
    pool: list[BankQuestion] = [q for q in corpus.bank if q.reason == reason]
    if not concern:  # with no doubt known, none that would name it in a stock phrase
        named = [q for q in pool if "{concern}" not in q.text]
        pool = named if len(named) >= n else pool
    _rng(seed).shuffle(pool)
    context = " ".join(x for x in (intake.role, intake.job_description, intake.round1_notes) if x)
    fit: dict[str, float] = {}
    if similarity is not None and context.strip():
        fit = dict(
            zip([q.id for q in pool], similarity(context, [q.text for q in pool]), strict=True)
        )
    needed = list(REASON_DIMENSIONS[reason])
    chosen: list[BankQuestion] = []
    while len(chosen) < min(n, len(pool)):
        turn_persona = personas[len(chosen) % len(personas)] if personas else None
        want = needed[len(chosen) % len(needed)]
        candidates = [q for q in pool if q not in chosen]
        best = max(
            candidates,
            key=lambda q: (
                (2 * (want in q.dimensions)) + (q.persona == turn_persona) + fit.get(q.id, 0.0)
            ),
        )
        chosen.append(best)
    values = placeholder_values(intake, concern)
    doubt = spoken(concern) if concern else ""
    if colleague is not None and len(chosen) > 1:
        chosen = _with_one_for_colleague(chosen, pool, fit, values, doubt)
    plan = []
    for q in chosen:
        text = fill(q.text, **values)
        citations: list[str] = []
        if search is not None:
            query = f"{text} {intake.role}".strip()
            hits = search(query, k=2, reasons=[reason], dimensions=list(q.dimensions))
            citations = [p.id for p in hits] or [p.id for p in search(query, k=2)]
        plan.append(PlanItem(q.id, q.persona, list(q.dimensions), text, citations))
    return plan if colleague is None else share(plan, colleague, doubt)


def _with_one_for_colleague(
    chosen: list[BankQuestion],
    pool: Sequence[BankQuestion],
    fit: dict[str, float],
    values: dict[str, str],
    concern: str,
) -> list[BankQuestion]:
    """``chosen`` with a question the colleague may ask in third place (or second, in a plan
    of two) when none after the first is one: the best fitting spare one, in place of the
    last of those mainly about the doubt (or of the last question, when none is)."""

    def may(q: BankQuestion) -> bool:
        return colleague_may_ask(q.dimensions, fill(q.text, **values), concern)

    if any(may(q) for q in chosen[1:]):
        return chosen
    spare = [q for q in pool if q not in chosen and may(q)]
    doubt = [i for i, q in enumerate(chosen) if i > 0 and "concern_addressed" in q.dimensions[:1]]
    if not spare:
        return chosen
    gone = (doubt or [len(chosen) - 1])[-1]
    out = [q for i, q in enumerate(chosen) if i != gone]
    out.insert(min(2, len(out)), max(spare, key=lambda q: fit.get(q.id, 0.0)))
    return out
