"""The one settings tree: every knob, with its environment override (prefix ``CALLBACK_``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

Provider = Literal["embedded", "openai", "fake"]
QuestionSource = Literal["auto", "model", "curated"]


class LLMSettings(BaseModel):
    provider: Provider = Field("embedded", description="Which model asks the questions.")

    base_url: str | None = Field(
        None, description="OpenAI-compatible server, e.g. http://localhost:11434/v1 (openai)."
    )
    api_key: SecretStr | None = Field(None, description="API key for the OpenAI-compatible server.")
    model: str = Field("gpt-4o-mini", description="Model name on the OpenAI-compatible server.")
    chat: bool = Field(
        True, description="openai provider: use the chat API (False: plain completions)."
    )
    questions: QuestionSource = Field(
        "auto",
        description="Who words the planned questions: model (the model writes each one, which "
        "must pass the quality gates, else the curated one is asked) or curated (each as the "
        "question bank words it); auto: curated on the embedded model, whose gated questions "
        "a blind review found odd two times in three, model otherwise.",
    )
    temperature: float = Field(0.7, ge=0.0, le=2.0, description="Sampling temperature.")
    max_tokens: int = Field(64, ge=8, le=1024, description="Most tokens in one generated question.")
    timeout_s: float = Field(
        30.0,
        gt=0,
        description="Seconds one model-server request may wait to connect or for its next data.",
    )
    max_retries: int = Field(
        2,
        ge=0,
        le=10,
        description="Retries of a model-server request that failed (with exponential backoff).",
    )
    total_timeout_s: float = Field(
        60.0,
        gt=0,
        description="Most seconds one question may take from the model, retries included; "
        "after that the partial reply is dropped and the curated question asked.",
    )
    cooldown_s: float = Field(
        30.0,
        ge=0,
        description="After a model failure, ask curated questions without calling the model "
        "for this many seconds (0: call it every time).",
    )
    n_ctx: int = Field(2048, ge=256, description="Embedded model: context window in tokens.")
    n_threads: int | None = Field(None, description="Embedded model: CPU threads (default: all).")
    seed: int = Field(7, description="Embedded model: sampling seed.")

    @property
    def writes_questions(self) -> bool:
        """Whether the model words the planned questions (see ``questions``)."""
        if self.questions == "auto":
            return self.provider != "embedded"
        return self.questions == "model"


class EmbeddingSettings(BaseModel):
    provider: Provider = Field("embedded", description="Which model embeds guidance and answers.")
    base_url: str | None = Field(None, description="OpenAI-compatible embeddings server.")
    api_key: SecretStr | None = Field(None, description="API key for the embeddings server.")
    model: str = Field("text-embedding-3-small", description="Embedding model on that server.")


class ChromaSettings(BaseModel):
    url: str | None = Field(
        None, description="Chroma server URL (e.g. http://localhost:8001); unset: embedded Chroma."
    )
    collection: str = Field("guidance", description="Collection holding the guidance index.")
    timeout_s: float = Field(
        30.0, gt=0, description="Chroma server: seconds one request may take (connect, read)."
    )


class DatabaseSettings(BaseModel):
    url: str | None = Field(
        None,
        description="SQLAlchemy URL (e.g. postgresql+psycopg://...); unset: SQLite in data_dir.",
    )


class ServerSettings(BaseModel):
    host: str = Field("127.0.0.1", description="Address to listen on.")
    port: int = Field(8000, ge=1, le=65535, description="Port to listen on.")
    model_workers: int = Field(
        2,
        ge=1,
        le=64,
        description="Threads that write questions and score answers; more requests wait their turn.",
    )
    switch_interval_ms: float = Field(
        0.5,
        gt=0,
        le=50,
        description="How often (ms) Python lets another thread run; low keeps quick requests quick.",
    )
    warm_start: bool = Field(
        True,
        description="Load the models and classifiers in the background as the server starts.",
    )


JudgeMode = Literal["auto", "rules", "llm", "both"]


class ScoringSettings(BaseModel):
    judge: JudgeMode = Field(
        "auto",
        description="Who scores answers: rules (the offline scorer), llm (an LLM judge on the "
        "openai provider's chat model), both (their mean); auto: both with an OpenAI-compatible "
        "chat model, rules otherwise.",
    )
    judge_timeout_s: float = Field(
        30.0, gt=0, description="Seconds the LLM judge may take for one answer."
    )


class LimitsSettings(BaseModel):
    enabled: bool = Field(True, description="Apply the body-size and rate limits below.")
    max_body_bytes: int = Field(
        1_048_576, ge=1024, description="Largest request body, except document uploads (bytes)."
    )
    max_file_bytes: int = Field(
        5 * 1_048_576, ge=1024, description="Largest uploaded document (bytes), always applied."
    )
    max_upload_bytes: int = Field(
        5 * 1_048_576 + 65_536,
        ge=1024,
        description="Largest document upload request: the largest file plus multipart overhead.",
    )
    rate_per_s: float = Field(
        10.0, gt=0, description="Requests per second one owner token may make to /api."
    )
    burst: int = Field(30, ge=1, description="Requests one owner token may make at once.")
    address_rate_per_s: float = Field(
        300.0,
        gt=0,
        description="Requests per second one client address may make to /api, with any token "
        "or none; high, as many people can share an address (an office, a proxy).",
    )
    address_burst: int = Field(
        600, ge=1, description="Requests one client address may make to /api at once."
    )


class SpeechSettings(BaseModel):
    provider: Literal["embedded", "openai", "off"] = Field(
        "embedded",
        description="Speech to text and text to speech: embedded (Whisper base and Piper, "
        "offline), openai (an OpenAI-compatible speech server) or off.",
    )
    base_url: str | None = Field(
        None, description="OpenAI-compatible speech server, e.g. http://localhost:8000/v1 (openai)."
    )
    api_key: SecretStr | None = Field(None, description="API key for the speech server.")
    stt_model: str = Field("whisper-1", description="Speech-to-text model on the speech server.")
    tts_model: str = Field("tts-1", description="Text-to-speech model on the speech server.")
    tts_voice: str = Field("alloy", description="Voice on the speech server.")
    beam_size: int = Field(
        1, ge=1, le=10, description="Embedded Whisper: beam size (1: greedy, quickest)."
    )
    cpu_threads: int | None = Field(
        None, ge=1, description="Embedded Whisper: CPU threads (default: all)."
    )
    max_audio_bytes: int = Field(
        10 * 1_048_576, ge=1024, description="Largest recorded answer accepted (bytes)."
    )
    max_audio_seconds: float = Field(
        300.0, gt=0, description="Longest recorded answer accepted (seconds)."
    )
    pause_s: float = Field(
        2.0, gt=0, description="Silences between words longer than this count as pauses (seconds)."
    )
    guide_seconds: float = Field(
        120.0, gt=0, description="The answer length spoken answers are compared with (seconds)."
    )


class Settings(BaseSettings):
    """Everything configurable. ``CALLBACK_LLM__BASE_URL`` sets ``llm.base_url`` and so on."""

    model_config = SettingsConfigDict(
        env_prefix="CALLBACK_", env_nested_delimiter="__", extra="ignore"
    )

    provider: Provider | None = Field(
        None, description="Shortcut: sets both llm.provider and embeddings.provider."
    )
    data_dir: Path = Field(
        PROJECT_ROOT / "data", description="Index, database and model cache live here."
    )
    corpus_dir: Path = Field(
        PROJECT_ROOT / "corpus", description="Guidance cards and question bank."
    )
    prompts_dir: Path = Field(PROJECT_ROOT / "prompts", description="Prompt and report templates.")
    questions_per_session: int = Field(5, ge=1, le=20, description="Planned questions per session.")
    max_answer_chars: int = Field(10_000, ge=100, description="Longest answer accepted.")
    llm: LLMSettings = Field(default_factory=LLMSettings)
    embeddings: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
    limits: LimitsSettings = Field(default_factory=LimitsSettings)
    scoring: ScoringSettings = Field(default_factory=ScoringSettings)
    speech: SpeechSettings = Field(default_factory=SpeechSettings)

    @model_validator(mode="after")
    def _apply_provider_shortcut(self) -> Settings:
        if self.provider is not None:
            self.llm.provider = self.provider
            self.embeddings.provider = self.provider
        return self

    @property
    def judge_mode(self) -> str:
        """``scoring.judge`` with ``auto`` resolved: an LLM judge needs a chat model on an
        OpenAI-compatible server; the embedded base model cannot judge."""
        if self.scoring.judge != "auto":
            return self.scoring.judge
        return "both" if self.llm.provider == "openai" and self.llm.chat else "rules"

    @property
    def database_url(self) -> str:
        return self.database.url or f"sqlite:///{self.data_dir / 'callback.sqlite3'}"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def model_cache_dir(self) -> Path:
        return self.data_dir / "models"
