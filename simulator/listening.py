"""Follow-ups on what the candidate just said.

Offline (every model): the claims in the answer (``simulator.claims``) are matched with
what the asking persona probes, in the order of its goal, and a persona-voiced form from
``corpus/conversation.yaml`` quotes the claim back. A dodged concern is named in plain
words; in a split panel the doubter answers the supporter's question and the supporter
builds on a strength after the doubter's; a colleague seated beside the lead builds on a
strong answer to the lead's question.

With a chat model, the model writes the follow-up from the transcript, given as quoted
data with flagged text already removed; its reply must pass the gates (one question, on
the persona's goal, no private notes, no repeat, a quote that really is in the answer) or
the offline follow-up is asked instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from simulator.claims import Claim, extract
from simulator.conversation import Conversation
from simulator.domain import Persona
from simulator.model_calls import stream_reply
from simulator.questions import MAX_WORDS, QuestionWriter, gate

QUOTED_KINDS = {
    "measurement": ("number",),
    "ownership": ("we",),
    "decision": ("decision",),
    "hedge": ("hedge",),
    "outcome": ("action",),
    # A bare statement ("I'd like to know about the team") has nothing to look back on.
    "depth": ("result", "project", "decision", "action"),
    "strength": ("result", "number", "decision", "action"),
    "rebuttal": ("we", "number", "result", "action"),
    "transfer": ("action", "decision", "result"),
    "concern_quoted": ("result", "project", "decision", "action", "statement"),
}
CONCERN_MET = 3  # a concern_addressed grade below this is a dodged concern
# An answer to another question speaks to the doubt when one of its sentences is this close
# to the doubt's words (MiniLM cosine; on the graded dev answers, 73% of answers reach it on
# their own concern and 9% on another one).
ON_CONCERN = 0.3
MAX_FORM_WORDS = MAX_WORDS + 10  # a quoted answer makes a follow-up longer than a question


@dataclass(frozen=True)
class FollowUp:
    persona: str  # the persona id that asks it
    kind: str  # the probe: measurement, ownership, concern...
    text: str
    span: str  # the candidate's words it refers to, verbatim ("" when it names none)
    source: str = "offline"  # or "model"
    rejected: str = ""  # why the model's follow-up was not used


@dataclass(frozen=True)
class Listening:
    """What the follow-up is chosen from: the answer and who is on the panel."""

    answer: str
    sentences: Sequence[tuple[str, str]]  # the answering sentences with their roles
    question: str
    asker: Persona
    panel: Sequence[Persona]
    concern: str  # the panel's doubt in plain words ("" when none)
    concern_dodged: bool
    asked: Sequence[str]  # every question asked so far
    used_spans: Sequence[str]  # spans already followed up
    strong: bool = False  # the answer scored well enough to be praised


def _asker_for(kind_stance: str, ctx: Listening) -> Persona:
    wanted = {"doubt": "skeptical", "support": "supportive"}[kind_stance]
    return next((p for p in ctx.panel if p.stance == wanted), ctx.asker)


def _other(ctx: Listening, persona: Persona) -> Persona | None:
    return next((p for p in ctx.panel if p.id != persona.id), None)


def plan_follow_up(ctx: Listening) -> tuple[Persona, str, Claim | None]:
    """Who asks, which probe, and about which claim."""
    claims = [
        c for c in extract(ctx.answer, ctx.sentences, ctx.question) if c.span not in ctx.used_spans
    ]
    if ctx.concern_dodged and ctx.concern:
        # Named in plain words, and tied to what the answer did say when it said anything.
        asker = _asker_for("doubt", ctx)
        wanted = QUOTED_KINDS["concern_quoted"]
        said = next((c for k in wanted for c in claims if c.kind == k), None)
        return asker, "concern_quoted" if said else "concern", said
    stances = {p.stance for p in ctx.panel}
    asker = ctx.asker
    order: tuple[str, ...] = asker.probes or ("outcome", "depth")
    colleague = next((p for p in ctx.panel if p.named_only and p.id != asker.id), None)
    if {"supportive", "skeptical"} <= stances and len(ctx.panel) > 1:
        # A split panel answers itself: the doubter after the supporter, and back.
        if asker.stance == "supportive":
            asker, order = _asker_for("doubt", ctx), ("rebuttal", "measurement", "outcome")
        elif asker.stance == "skeptical":
            asker, order = _asker_for("support", ctx), ("strength", "outcome", "depth")
    elif colleague is not None and ctx.strong:
        # A colleague in the room builds on a strong answer to the lead's question.
        claim = next((c for k in QUOTED_KINDS["strength"] for c in claims if c.kind == k), None)
        if claim is not None:
            return colleague, "strength", claim
    has_result = any(c.role == "result" for c in claims)
    for kind in order:
        if kind == "outcome" and has_result:
            continue  # an answer with a result does not need "what came of it?"
        if kind == "strength" and not ctx.strong:
            continue  # praise only what earned it
        wanted = QUOTED_KINDS.get(kind, ())
        claim = next((c for k in wanted for c in claims if c.kind == k), None)
        if claim is not None:
            return asker, kind, claim
    statement = next((c for c in claims if c.kind == "statement"), None)
    if statement is not None:  # something said, but nothing that happened
        return asker, "statement", statement
    return asker, "example", None


def render(
    conversation: Conversation,
    asker: Persona,
    kind: str,
    claim: Claim | None,
    ctx: Listening,
    seed: int,
) -> str | None:
    """A form for ``kind`` in ``asker``'s voice, filled, that was not asked before."""
    other = _other(ctx, asker)
    slots = {
        "quote": claim.span if claim else "",
        "concern": ctx.concern,
        "colleague": _first_name(other.name) if other else "my colleague",
    }
    forms = conversation.forms(kind, asker.stance)
    asked = {_norm(q) for q in ctx.asked}
    for offset in range(len(forms)):
        text = forms[(seed + offset) % len(forms)].format(**slots)
        if _norm(text) not in asked:
            return text
    return None


def _first_name(name: str) -> str:
    """How a panelist names a colleague: "Helen" for Helen Ose, "Dr Okafor" as written."""
    words = name.split()
    if len(words) >= 2 and not re.fullmatch(r"(Dr|Mr|Mrs|Ms|Mx|Prof|Miss)\.?", words[0]):
        return words[0]
    return name


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def offline_follow_up(conversation: Conversation, ctx: Listening, seed: int) -> FollowUp | None:
    asker, kind, claim = plan_follow_up(ctx)
    text = render(conversation, asker, kind, claim, ctx, seed)
    if text is None:
        return None
    return FollowUp(asker.id, kind, text, claim.span if claim else "")


class FollowUpWriter:
    """Writes follow-ups: with a chat model when one is configured, offline otherwise."""

    def __init__(self, questions: QuestionWriter, conversation: Conversation) -> None:
        # The question writer's model, prompts and embeddings, and its rest after a
        # failure: one broken server is left alone by both.
        self.questions = questions
        self.conversation = conversation

    def write(
        self, ctx: Listening, transcript: Sequence[tuple[str, str]], seed: int
    ) -> FollowUp | None:
        offline = offline_follow_up(self.conversation, ctx, seed)
        if not isinstance(self.questions.llm, BaseChatModel) or offline is None:
            return offline
        if self.questions.resting():
            return _with(offline, "model error: resting after a failure")
        asker = next(p for p in ctx.panel if p.id == offline.persona)
        messages = [
            SystemMessage(
                self.questions.prompts.render(
                    "listening/chat_system.j2", persona=asker, concern=ctx.concern
                )
            ),
            HumanMessage(
                self.questions.prompts.render(
                    "listening/chat_user.j2",
                    exchanges=[(q, json.dumps(a, ensure_ascii=False)) for q, a in transcript],
                    last_answer=json.dumps(_answering_text(ctx), ensure_ascii=False),
                    probe=offline.kind,
                    concern_dodged=ctx.concern_dodged,
                )
            ),
        ]
        reply = stream_reply(self.questions.llm, messages, stop=[], limits=self.questions.limits)
        if reply.fault is not None:
            self.questions.rest()
            return _with(offline, f"model error ({reply.fault.kind})")
        written, rejected = self._check(reply.text, ctx, asker)
        if written is None:
            return _with(offline, rejected)
        return written

    def _check(self, raw: str, ctx: Listening, asker: Persona) -> tuple[FollowUp | None, str]:
        """The model's follow-up if it passes every gate, else None and why."""
        quote, question = _parse_reply(raw)
        if not question:
            return None, "no question in the reply"
        answering = _answering_text(ctx)
        if not quote:
            return None, "no quote from the answer"
        if quote not in answering:
            return None, "quote not in the answer"
        if quote not in question:
            return None, "question does not use its quote"
        reference = f"{quote or answering} {asker.goal}"
        why = gate(question, reference, ctx.asked, self.questions.embeddings, asker)
        if why.startswith("length") and len(question.split()) <= MAX_FORM_WORDS:
            why = ""
        if why:
            return None, why
        return FollowUp(asker.id, "model", question, quote, source="model"), ""


def _answering_text(ctx: Listening) -> str:
    """The answer as the scorer read it: only the sentences that answer, flagged text gone."""
    return " ".join(text for text, _ in ctx.sentences)


def _parse_reply(raw: str) -> tuple[str, str]:
    """(quote, question) from a "QUOTE: ... / QUESTION: ..." reply."""
    quote = re.search(r"QUOTE:\s*(.+)", raw)
    question = re.search(r"QUESTION:\s*(.+)", raw)
    q = question.group(1).strip() if question else ""
    if "?" in q:
        q = q[: q.index("?") + 1]
    span = quote.group(1).strip().strip("\"“”'") if quote else ""
    return span, q.strip()


def _with(follow_up: FollowUp, rejected: str) -> FollowUp:
    return FollowUp(
        follow_up.persona, follow_up.kind, follow_up.text, follow_up.span, "offline", rejected
    )
