"""Writes the next question in a persona's voice, gated for quality, with the curated bank as fallback.

Works on any model: a few-shot completion prompt for base models (the embedded Gemma),
a chat prompt for instruction-tuned ones. Whatever comes back must pass the gates (one
question, sensible length, on topic, no repeat, no template leak) or the bank question
is used instead, and the turn records which happened and why.

A model that fails (an error, a timeout, a reply cut off or unreadable, or one too slow to
finish within ``llm.total_timeout_s``) also yields the bank question, with a notice for
the candidate that says what happened; after a failure the model is left alone for
``llm.cooldown_s`` so that one broken server does not slow every turn.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel, BaseLanguageModel
from langchain_core.messages import HumanMessage, SystemMessage

from simulator.concern import content_words
from simulator.corpus import Corpus
from simulator.domain import Persona
from simulator.embeddings import cosine
from simulator.model_calls import ModelFault, call_limits, stream_reply
from simulator.planner import PlanItem
from simulator.prompts import Prompts
from simulator.rubric import DIMENSION_TOPICS

MIN_WORDS, MAX_WORDS = 6, 45
CURATED = "curated question (llm.questions)"  # why a planned question is the bank's own
ON_TOPIC_MIN = 0.30
REPEAT_MAX = 0.85
_LEAK = re.compile(r"(\{|\}|topic:|guidance:|position:|notes from|^\W)", re.IGNORECASE)

TokenSink = Callable[[str], None]

_FROM_BANK = (
    "so this question comes from the curated question bank. Your answers are saved as usual."
)
_FAULT_NOTICES = {
    "deadline": "The model server was too slow to write this question in time, ",
    "timeout": "The model server did not answer in time, ",
    "http_error": "The model server answered with an error (HTTP {status}), ",
    "cut_off": "The model server's reply broke off before it was finished, ",
    "unreachable": "The question model is unavailable right now (no connection), ",
    "bad_reply": "The model server sent a reply that could not be read, ",
    "cooldown": "The question model failed a moment ago and is being given a short rest, ",
}


def fault_notice(kind: str, status: int | None = None) -> str:
    """What the candidate is told when the model could not write their question."""
    return _FAULT_NOTICES[kind].format(status=status) + _FROM_BANK


@dataclass(frozen=True)
class GeneratedQuestion:
    text: str
    used_fallback: bool
    rejected: str  # why generated text was not used ("" when it was)
    raw: str
    latency_ms: float
    ttft_ms: float | None
    fault: str = ""  # the kind of model failure ("" when the model replied)
    notice: str = ""  # said to the candidate about it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def clean(raw: str) -> str:
    """The first line of a reply, without quotes or a speaker label, cut after its question mark."""
    line = next((ln.strip() for ln in raw.strip().splitlines() if ln.strip()), "")
    line = re.sub(r"^[A-Z][\w .'-]{0,40}:\s+", "", line)  # "Dana Reyes: ..." -> "..."
    line = re.sub(r"^(?:\d{1,2}[.)]|[a-h][.)]|[-*•])\s+", "", line)  # "1. What" -> "What"
    line = line.strip().strip("\"“”'").strip()
    if "?" in line:
        line = line[: line.index("?") + 1]
    return line


SECRET_RUN = 6  # this many words in a row from a persona's private notes is a leak


def repeats_private_notes(text: str, persona: Persona, run: int = SECRET_RUN) -> bool:
    """Whether ``text`` quotes ``run`` or more words in a row of the persona's private
    notes (its goal, style and what it knows), which the candidate must never see."""
    words = _norm(text).split()
    said = {tuple(words[i : i + run]) for i in range(len(words) - run + 1)}
    for note in (persona.goal, persona.style, persona.knows):
        secret = _norm(note).split()
        if any(tuple(secret[i : i + run]) in said for i in range(len(secret) - run + 1)):
            return True
    return False


def gate(
    text: str,
    reference: str,
    previous: Sequence[str],
    embeddings: Embeddings | None,
    persona: Persona | None = None,
) -> str:
    """Why ``text`` may not be asked, or "" when it passes every gate."""
    if not text:
        return "empty"
    if persona is not None and repeats_private_notes(text, persona):
        return "repeats the persona's private notes"
    if not text.endswith("?"):
        return "not a question"
    if text.count("?") > 1:
        return "more than one question"
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        return f"length {words} words"
    if _LEAK.search(text):
        return "template leak"
    if _norm(text) in {_norm(p) for p in previous}:
        return "exact repeat"
    if embeddings is not None:
        vecs = embeddings.embed_documents([text, reference, *previous])
        if cosine(vecs[0], vecs[1]) < ON_TOPIC_MIN:
            return "off topic"
        if any(cosine(vecs[0], v) > REPEAT_MAX for v in vecs[2:]):
            return "near repeat"
    return ""


# What every curated question does, and a written one must too: speak to the candidate
# ("you"), in one sentence, about their work rather than this interview, never of "the
# candidate" in the third person.
_YOU = re.compile(r"\b(?:you|your|yours|yourself|you['’](?:re|ve|d|ll))\b", re.IGNORECASE)
_THIRD_PERSON = re.compile(r"\b(?:the|a|this|our)\s+candidate\b", re.IGNORECASE)
_SENTENCE_BEFORE = re.compile(r"[.!?]\s+[A-Z\"“]")


def voice_gate(text: str) -> str:
    """Why a planned question the model wrote does not read as a panelist asking the
    candidate, or "" when it does ("What do you think the candidate knows about this
    company?", "Who is the main target customer?")."""
    if _SENTENCE_BEFORE.search(text):
        return "more than one sentence"
    if _THIRD_PERSON.search(text):
        return "speaks of the candidate in the third person"
    if not _YOU.search(text):
        return "not addressed to the candidate"
    if re.search(r"\bthis interview\b", text, re.IGNORECASE):
        return "about the interview itself"
    return ""


def doubt_gate(text: str, planned: str, concern: str) -> str:
    """Why a written question drops the panel's doubt that its planned question names, or
    "" ("...unsure about handling a nurse who is not pulling their weight; ..." rewritten as
    "What would you change about this new team member?")."""
    if not concern or concern.lower() not in planned.lower():
        return ""
    if content_words(concern) & content_words(text):
        return ""
    return "drops the panel's doubt"


class QuestionWriter:
    def __init__(
        self,
        llm: BaseLanguageModel[Any],
        prompts: Prompts,
        corpus: Corpus,
        embeddings: Embeddings | None,
        *,
        curated: bool = False,
    ) -> None:
        self.llm = llm
        self.prompts = prompts
        self.corpus = corpus
        self.embeddings = embeddings
        self.curated = curated  # planned questions are asked as the bank words them
        self.limits = call_limits(llm)
        self._resting_until = 0.0  # time.monotonic() until which the model is not called
        self._lock = threading.Lock()

    def resting(self) -> bool:
        """Whether the model failed a moment ago and is left alone for now."""
        with self._lock:
            return time.monotonic() < self._resting_until

    def rest(self) -> None:
        """Leave the model alone for ``llm.cooldown_s`` after a failure."""
        with self._lock:
            self._resting_until = time.monotonic() + self.limits.cooldown_s

    def similarity(self, text: str, others: list[str]) -> list[float]:
        """Cosine of ``text`` with each of ``others`` (0.0 each without embeddings)."""
        if self.embeddings is None or not others:
            return [0.0] * len(others)
        vectors = self.embeddings.embed_documents([text, *others])
        return [cosine(vectors[0], v) for v in vectors[1:]]

    def _examples(self, persona: Persona, exclude: set[str]) -> list[dict[str, str]]:

        # The same examples every turn for a persona: a stable prompt prefix the
        # embedded model reuses from its cache.
        own = [q for q in self.corpus.bank if q.persona == persona.id and "{" not in q.text]
        picked = [q for q in own if q.id not in exclude][:4]
        return [{"topic": DIMENSION_TOPICS[q.dimensions[0]], "question": q.text} for q in picked]

    def prompt(
        self,
        persona: Persona,
        item: PlanItem,
        *,
        role: str,
        company: str,
        concern: str,
        previous: Sequence[str],
        exclude: set[str],
        guidance: str,
    ) -> str | list[Any]:
        topic = DIMENSION_TOPICS[item.dimensions[0]]
        ctx = {"persona": persona, "role": role, "company": company, "topic": topic}
        if isinstance(self.llm, BaseChatModel):
            system = self.prompts.render("question/chat_system.j2", concern=concern, **ctx)
            user = self.prompts.render(
                "question/chat_user.j2",
                guidance=guidance,
                example=item.text,
                previous=list(previous),
                **ctx,
            )
            return [SystemMessage(system), HumanMessage(user)]
        return self.prompts.render(
            "question/fewshot.j2", examples=self._examples(persona, exclude), **ctx
        )

    def write(
        self,
        persona: Persona,
        item: PlanItem,
        *,
        role: str,
        company: str,
        concern: str = "",
        previous: Sequence[str] = (),
        exclude: set[str] | None = None,
        guidance: str = "",
        on_token: TokenSink | None = None,
    ) -> GeneratedQuestion:
        began = time.perf_counter()
        if self.curated:  # shown whole: its first text is all of it
            took = (time.perf_counter() - began) * 1000
            return GeneratedQuestion(item.text, True, CURATED, "", took, took)
        prompt = self.prompt(
            persona,
            item,
            role=role or "this role",
            company=company or "the company",
            concern=concern,
            previous=previous,
            exclude=exclude or set(),
            guidance=guidance or item.text,
        )
        start = time.perf_counter()
        if self.resting():
            return GeneratedQuestion(
                item.text,
                True,
                "model error: resting after a failure",
                "",
                0.0,
                None,
                fault="cooldown",
                notice=fault_notice("cooldown"),
            )
        reply = stream_reply(
            self.llm,
            prompt,
            stop=["\n"],
            limits=self.limits,
            on_piece=on_token,
        )
        latency = (time.perf_counter() - start) * 1000
        if reply.fault is not None:
            return self._failed(item, reply.fault, reply.text, latency, reply.ttft_ms)
        text = clean(reply.text)
        reference = f"{item.text} {DIMENSION_TOPICS[item.dimensions[0]]}"
        rejected = (
            gate(text, reference, previous, self.embeddings, persona)
            or voice_gate(text)
            or doubt_gate(text, item.text, concern)
        )
        if rejected:
            return GeneratedQuestion(item.text, True, rejected, reply.text, latency, reply.ttft_ms)
        return GeneratedQuestion(text, False, "", reply.text, latency, reply.ttft_ms)

    def _failed(
        self, item: PlanItem, fault: ModelFault, raw: str, latency: float, ttft: float | None
    ) -> GeneratedQuestion:
        """The bank question after a model failure, which also starts the model's rest."""
        self.rest()
        return GeneratedQuestion(
            item.text,
            True,
            f"model error ({fault.kind}): {fault.detail}",
            raw,  # what arrived before the failure, kept for the record, never asked
            latency,
            ttft,
            fault=fault.kind,
            notice=fault_notice(fault.kind, fault.status),
        )
