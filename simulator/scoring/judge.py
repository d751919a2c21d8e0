"""An LLM judge for a capable chat model on any OpenAI-compatible server.

It sees only the answering text (flagged manipulation already removed), inside delimiters
and marked as data; it replies in a JSON schema; a dimension whose evidence is not a
verbatim quote of the answer is dropped with its grade. Any failure is a ``JudgeError``,
and the scorer then keeps the rules' score and says so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from simulator.prompts import Prompts
from simulator.rubric import DIMENSION_SPECS
from simulator.scoring.context import ScoringContext

MAX_TOKENS = 800  # a verdict on six dimensions fits; a runaway reply is cut, then rejected


class JudgeError(RuntimeError):
    """The judge could not give a usable verdict (unreachable, timed out, unparseable)."""


class DimensionVerdict(BaseModel):
    score: int = Field(ge=0, le=5)
    reason: str = Field(max_length=600)
    evidence: list[str] = Field(max_length=4)


@dataclass
class Verdict:
    """The judge's grades that survived the checks, with notes on what was dropped."""

    dimensions: dict[str, int]
    notes: list[str] = field(default_factory=list)


def verdict_schema(dims: list[str]) -> dict[str, Any]:
    one = {
        "type": "object",
        "properties": {
            "score": {"type": "integer", "minimum": 0, "maximum": 5},
            "reason": {"type": "string", "maxLength": 200},
            "evidence": {
                "type": "array",
                "items": {"type": "string", "maxLength": 300},
                "maxItems": 2,
            },
        },
        "required": ["score", "reason", "evidence"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {d: one for d in dims},
        "required": list(dims),
        "additionalProperties": False,
    }


def _norm(text: str) -> str:
    return " ".join(text.split()).strip(" \"'“”‘’").casefold()


def check_verdict(raw: str, answer: str, dims: list[str]) -> Verdict:
    """Parse the judge's reply; keep only dimensions whose quotes are in the answer."""
    match = re.search(r"\{.*\}", raw, re.DOTALL)
    try:
        data = json.loads(match.group(0) if match else raw, strict=False)  # raw newlines in strings
    except json.JSONDecodeError as exc:
        raise JudgeError("its reply was not valid JSON") from exc
    if not isinstance(data, dict):
        raise JudgeError("its reply was not a JSON object")
    haystack = _norm(answer)
    verdict = Verdict({})
    for d in dims:
        if d not in data:
            verdict.notes.append(f"The judge gave no grade for {d}.")
            continue
        try:
            one = DimensionVerdict.model_validate(data[d])
        except ValidationError:
            verdict.notes.append(f"The judge's grade for {d} was malformed and was dropped.")
            continue
        quotes = [q for q in one.evidence if q.strip()]
        if not quotes or any(_norm(q) not in haystack for q in quotes):
            verdict.notes.append(
                f"The judge's grade for {d} quoted words that are not in the answer; "
                "it was dropped."
            )
            continue
        verdict.dimensions[d] = one.score
    if not verdict.dimensions:
        raise JudgeError("none of its grades could be checked against the answer")
    return verdict


class Judge:
    """Asks a chat model on an OpenAI-compatible server for a graded verdict."""

    def __init__(
        self,
        prompts: Prompts,
        *,
        base_url: str | None,
        api_key: str | None,
        model: str,
        timeout_s: float = 30.0,
        max_retries: int = 1,
    ) -> None:
        self.prompts = prompts
        self.model = model
        self._format: int | None = None  # which structured-output form the server took
        from openai import OpenAI

        self.client = OpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",
            timeout=timeout_s,
            max_retries=max_retries,
        )

    def judge(self, answer: str, ctx: ScoringContext, dims: list[str]) -> Verdict:
        return check_verdict(self.ask(answer, ctx, dims), answer, dims)

    def ask(self, answer: str, ctx: ScoringContext, dims: list[str]) -> str:
        """The judge's raw reply (JSON in the verdict schema, if the server keeps to it)."""
        specs = [DIMENSION_SPECS[d] for d in dims]
        system = self.prompts.render("scoring/judge_system.j2", dimensions=specs, cards=ctx.cards)
        user = self.prompts.render(
            "scoring/judge_user.j2",
            reason=ctx.callback_reason,
            role=ctx.role,
            concern=ctx.concern,
            question=ctx.question,
            answer=answer,
        )
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        schema = verdict_schema(dims)
        formats: list[dict[str, Any]] = [
            # OpenAI and vLLM take a JSON schema this way; llama-cpp-python's server takes it
            # as a "json_object" with a "schema" and refuses the first form.
            {
                "type": "json_schema",
                "json_schema": {"name": "verdict", "schema": schema, "strict": True},
            },
            {"type": "json_object", "schema": schema},
        ]
        create: Any = self.client.chat.completions.create  # the schema forms differ by server
        start = self._format or 0
        for i in range(start, len(formats)):
            try:
                reply = create(
                    model=self.model,
                    messages=messages,
                    temperature=0,
                    max_tokens=MAX_TOKENS,
                    response_format=formats[i],
                )
            except Exception as exc:  # the client's many network and server errors
                if "response_format" in str(exc) and i + 1 < len(formats):
                    continue  # this server wants the other form
                raise JudgeError(f"{type(exc).__name__}: {str(exc)[:120]}") from exc
            self._format = i
            return str(reply.choices[0].message.content or "")
        raise JudgeError("the server accepted no structured-output format")


def blend(
    mode: str, overall: int, scores: dict[str, int], verdict: Verdict
) -> tuple[int, dict[str, int]]:
    """The rules' and the judge's grades together: the judge's alone in ``llm`` mode, their
    mean in ``both``. A dimension the judge lost keeps the rules' grade."""
    merged = dict(scores)
    for d, value in verdict.dimensions.items():
        if d in merged:
            merged[d] = value if mode == "llm" else round((merged[d] + value) / 2)
    judged = [verdict.dimensions[d] for d in scores if d in verdict.dimensions]
    judge_overall = round(100 * sum(judged) / (5 * len(judged))) if judged else overall
    new_overall = judge_overall if mode == "llm" else round((overall + judge_overall) / 2)
    return new_overall, merged
