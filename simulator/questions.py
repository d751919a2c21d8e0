"""Writes the next question in a persona's voice, gated for quality, with the curated bank as fallback.

Works on any model: a few-shot completion prompt for base models (the embedded Gemma),
a chat prompt for instruction-tuned ones. Whatever comes back must pass the gates (one
question, sensible length, on topic, no repeat, no template leak) or the bank question
is used instead, and the turn records which happened and why.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel, BaseLanguageModel
from langchain_core.messages import HumanMessage, SystemMessage

from simulator.corpus import Corpus
from simulator.domain import Persona
from simulator.embeddings import cosine
from simulator.planner import DIMENSION_TOPICS, PlanItem
from simulator.prompts import Prompts

MIN_WORDS, MAX_WORDS = 6, 45
ON_TOPIC_MIN = 0.30
REPEAT_MAX = 0.85
_LEAK = re.compile(r"(\{|\}|topic:|guidance:|position:|notes from|^\W)", re.IGNORECASE)

TokenSink = Callable[[str], None]


@dataclass(frozen=True)
class GeneratedQuestion:
    text: str
    used_fallback: bool
    rejected: str  # why generated text was not used ("" when it was)
    raw: str
    latency_ms: float
    ttft_ms: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def clean(raw: str) -> str:
    """The first line of a reply, without quotes or a speaker label, cut after its question mark."""
    line = next((ln.strip() for ln in raw.strip().splitlines() if ln.strip()), "")
    line = re.sub(r"^[A-Z][\w .'-]{0,40}:\s+", "", line)  # "Dana Reyes: ..." -> "..."
    line = line.strip().strip("\"“”'").strip()
    if "?" in line:
        line = line[: line.index("?") + 1]
    return line


def gate(
    text: str,
    reference: str,
    previous: Sequence[str],
    embeddings: Embeddings | None,
) -> str:
    """Why ``text`` may not be asked, or "" when it passes every gate."""
    if not text:
        return "empty"
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


class QuestionWriter:
    def __init__(
        self,
        llm: BaseLanguageModel[Any],
        prompts: Prompts,
        corpus: Corpus,
        embeddings: Embeddings | None,
    ) -> None:
        self.llm = llm
        self.prompts = prompts
        self.corpus = corpus
        self.embeddings = embeddings

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
        ttft: float | None = None
        parts: list[str] = []
        error = ""
        try:
            for chunk in self.llm.stream(prompt, stop=["\n"]):
                piece = chunk if isinstance(chunk, str) else str(getattr(chunk, "content", ""))
                if ttft is None and piece:
                    ttft = (time.perf_counter() - start) * 1000
                parts.append(piece)
                if on_token is not None and piece:
                    on_token(piece)
        except Exception as exc:  # a model server that is down or misbehaves: fall back
            error = f"model error: {type(exc).__name__}: {exc}"[:300]
        latency = (time.perf_counter() - start) * 1000
        raw = "".join(parts)
        text = clean(raw)
        reference = f"{item.text} {DIMENSION_TOPICS[item.dimensions[0]]}"
        rejected = error or gate(text, reference, previous, self.embeddings)
        if rejected:
            return GeneratedQuestion(item.text, True, rejected, raw, latency, ttft)
        return GeneratedQuestion(text, False, "", raw, latency, ttft)
