"""Builds the core's services from settings, each on first use, and hands them out.

One ``Services`` is made per process (by the CLI or the web app's lifespan) and passed
to whoever needs it; nothing here is global.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseLanguageModel

from simulator.corpus import Corpus, load_corpus
from simulator.diagnosis import diagnose
from simulator.domain import REASON_DIMENSIONS, AnswerScore, Diagnosis, Intake, Passage, SessionView
from simulator.embeddings import MiniLMEmbeddings, build_embeddings, embedding_model_id
from simulator.engine import Engine
from simulator.errors import (
    InputTooLargeError,
    InvalidInputError,
    ModelUnavailableError,
    SessionNotFoundError,
)
from simulator.index import GuidanceIndex, IndexStatus
from simulator.ingest import IngestReport, ingest
from simulator.llm import build_llm, llm_name
from simulator.model_pool import ModelPool
from simulator.panel import Panelist, named_panel
from simulator.panel.name_tagger import NameTagger, packaged_tagger
from simulator.panel.title_tagger import TitleTagger, packaged_title_tagger
from simulator.prompts import Prompts
from simulator.questions import QuestionWriter, TokenSink
from simulator.reason_model import ReasonClassifier
from simulator.report import build_report, render_html, render_markdown
from simulator.scoring import Scorer, ScoringContext, build_context
from simulator.scoring.judge import Judge
from simulator.settings import Settings
from simulator.speech import (
    Delivery,
    InvalidAudio,
    Synthesizer,
    Transcriber,
    Transcript,
    build_synthesizer,
    build_transcriber,
    delivery,
)
from simulator.store import SessionRow, Store
from simulator.uploads import store_upload


@dataclass
class Warmth:
    """Whether the models and classifiers are loaded: "cold", "warming up", "ready" or
    "failed" (the first request then loads what it needs, and says what went wrong)."""

    state: str = "cold"
    detail: str = ""
    seconds: float | None = None


VOICE_OFF = "voice is off (speech.provider=off)"
WARM_ANSWER = "I rewrote the rota so nights were shared evenly, and sickness fell that quarter."


class Services:
    def __init__(self, settings: Settings, models: ModelPool | None = None) -> None:
        self.settings = settings
        self.warmth = Warmth()
        self.models = models or ModelPool()

    def close(self) -> None:
        """Free the loaded models (the server's lifespan and the CLI call this at the end)."""
        self.models.close()

    def warm_up(self) -> None:
        """Load now what the first session would otherwise wait for: the question model, the
        embeddings, the scorer (with its addressee reader), the panel's name tagger, the
        reason classifier and the index. Meant for a background thread at server start;
        every step is safe to race with requests."""
        began = time.perf_counter()
        self.warmth.state = "warming up"
        try:
            engine = self.engine  # builds the corpus, prompts, models, index, store, scorer
            self.embeddings.embed_query("warm up")
            self.scorer.score(
                WARM_ANSWER, build_context("Tell us about a change you made.", "standard_process")
            )
            if self.scorer.filter.addressee is not None:
                self.scorer.filter.addressee.warm()
            if self.name_tagger is not None:
                self.name_tagger.warm()
            if self.title_tagger is not None:
                self.title_tagger.warm()
            if self.index.status().ready:
                diagnose(
                    Intake(round1_notes="They wanted more detail."),
                    search=self.index.search,
                    classifier=self.classifier,
                )
            if self.settings.llm.provider == "embedded" and not engine.writer.curated:
                engine.writer.llm.invoke("Hello", max_tokens=1)  # pages the weights in
        except Exception as exc:  # reported in /api/health; the first request retries
            self.warmth.detail = f"{type(exc).__name__}: {exc}"
            self.warmth.state = "failed"
        else:
            self.warmth.state = "ready"
        finally:
            self.warmth.seconds = round(time.perf_counter() - began, 1)

    @cached_property
    def corpus(self) -> Corpus:
        return load_corpus(self.settings.corpus_dir)

    @cached_property
    def prompts(self) -> Prompts:
        return Prompts(self.settings.prompts_dir)

    @cached_property
    def embeddings(self) -> Embeddings:
        return build_embeddings(
            self.settings.embeddings, self.settings.model_cache_dir, self.models
        )

    @cached_property
    def llm(self) -> BaseLanguageModel[Any]:
        return build_llm(self.settings.llm, self.settings.model_cache_dir, self.models)

    @cached_property
    def index(self) -> GuidanceIndex:
        return GuidanceIndex(
            self.settings, self.embeddings, embedding_model_id(self.settings.embeddings)
        )

    @cached_property
    def store(self) -> Store:
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        return Store(self.settings.database_url)

    @cached_property
    def scorer(self) -> Scorer:
        # The scorer's tables were fitted on MiniLM vectors, whatever embeds the index.
        vectors = (
            self.embeddings
            if self.settings.embeddings.provider == "embedded"
            else MiniLMEmbeddings(None, self.models)
        )
        mode = self.settings.judge_mode
        return Scorer(vectors, judge=self._judge(mode), judge_mode=mode)

    def _judge(self, mode: str) -> Judge | None:
        if mode == "rules":
            return None
        llm = self.settings.llm
        if llm.provider != "openai":
            raise ModelUnavailableError(
                f"scoring.judge={mode} needs a chat model on an OpenAI-compatible server "
                "(llm.provider=openai); the embedded model cannot judge. Use scoring.judge=rules."
            )
        return Judge(
            self.prompts,
            base_url=llm.base_url,
            api_key=llm.api_key.get_secret_value() if llm.api_key else None,
            model=llm.model,
            timeout_s=self.settings.scoring.judge_timeout_s,
            max_retries=llm.max_retries,
        )

    @cached_property
    def engine(self) -> Engine:
        writer = QuestionWriter(
            self.llm,
            self.prompts,
            self.corpus,
            self.embeddings,
            curated=not self.settings.llm.writes_questions,
        )
        return Engine(
            self.corpus,
            self.index,
            writer,
            self.scorer,
            self.store,
            questions_per_session=self.settings.questions_per_session,
            max_answer_chars=self.settings.max_answer_chars,
            model_name=llm_name(self.settings.llm),
            classifier=self.classifier,
            name_tagger=self.name_tagger,
            title_tagger=self.title_tagger,
        )

    @cached_property
    def name_tagger(self) -> NameTagger | None:
        """The panel's name tagger (on the packaged MiniLM, whatever embeds the index); none
        with the test-only hashing vectors, which stand in for every model."""
        return None if self.settings.embeddings.provider == "fake" else packaged_tagger(self.models)

    @cached_property
    def title_tagger(self) -> TitleTagger | None:
        """The panel's title tagger; none with the test-only hashing vectors, as above."""
        if self.settings.embeddings.provider == "fake":
            return None
        return packaged_title_tagger(self.models)

    @cached_property
    def classifier(self) -> ReasonClassifier:
        return ReasonClassifier(
            self.embeddings,
            embedding_model_id(self.settings.embeddings),
            self.settings.corpus_dir,
            self.models,
        )

    @cached_property
    def transcriber(self) -> Transcriber | None:
        """Speech to text; None when voice is off. The model loads on first use."""
        return build_transcriber(self.settings.speech, self.settings.model_cache_dir, self.models)

    @cached_property
    def synthesizer(self) -> Synthesizer | None:
        """Text to speech; None when voice is off. The voice loads on first use."""
        return build_synthesizer(self.settings.speech, self.models)

    def providers(self) -> dict[str, str]:
        return {
            "llm": llm_name(self.settings.llm),
            # Who words the planned questions: the model, or the curated bank.
            "questions": "model" if self.settings.llm.writes_questions else "curated",
            "embeddings": embedding_model_id(self.settings.embeddings),
            "vector_store": "chroma-server" if self.settings.chroma.url else "chroma-embedded",
            "database": self.settings.database_url.split(":", 1)[0],
        }

    def ingest(self, paths: list[Any] | None = None, **kwargs: Any) -> IngestReport:
        return ingest(self.index, self.settings.corpus_dir, paths or [], **kwargs)

    def score_answer(self, item: dict[str, Any]) -> dict[str, Any]:
        """Score one answer outside a session (``callback-sim score``, ``POST /api/score``)."""
        data = self.score_item(item).to_dict()
        return {
            "id": item.get("id"),
            "overall": data["overall"],
            "dimensions": data["dimensions"],
            "flags": data["flags"],
            "evidence": data["evidence"],
            "citations": data["citations"],
            "feedback": data["feedback"],
        }

    def score_item(self, item: dict[str, Any]) -> AnswerScore:
        """Score an answer given as the fields of ``POST /api/score`` (also the evals' path)."""
        answer = str(item.get("answer") or "")
        if len(answer) > self.settings.max_answer_chars * 3:
            raise InputTooLargeError(
                f"The answer is {len(answer)} characters; the limit is {self.settings.max_answer_chars * 3}."
            )
        return self.scorer.score(answer, self.scoring_context(item))

    def scoring_context(self, item: dict[str, Any]) -> ScoringContext:
        """The context of an answer scored outside a session: the reason's dimensions and the
        guidance cards the index finds for the question."""
        reason = str(item.get("callback_reason") or "standard_process")
        if reason not in REASON_DIMENSIONS:
            raise InvalidInputError(f"unknown callback_reason {reason!r}")
        question = str(item.get("question") or "")
        cards = self.index.search(question, k=2, reasons=[reason]) if question.strip() else []
        return build_context(
            question,
            reason,
            cards=cards,
            concern=str(item.get("concern") or ""),
            role=str(item.get("role") or ""),
            company=str(item.get("company") or ""),
        )

    def add_document(
        self, session_id: str, filename: str, content: bytes, owner_hash: str | None = None
    ) -> IngestReport:
        """Store an uploaded document and index it for this session only."""
        self.engine.load_owned(session_id, owner_hash)
        folder = self.settings.data_dir / "uploads" / session_id
        path = store_upload(folder, filename, content, self.settings.limits.max_file_bytes)
        return self.ingest([path], session=session_id, include_corpus=False, progress=False)

    def delete_session(self, session_id: str, owner_hash: str | None = None) -> None:
        """Remove a session: its turns, its documents, their vectors and the stored files.

        Only the owner may (someone else's session is reported as missing). The vectors and
        files go first, so a failure part-way leaves the session listed, to be deleted again.
        """
        self.engine.load_owned(session_id, owner_hash)
        self.index.delete_session(session_id)
        shutil.rmtree(self.settings.data_dir / "uploads" / session_id, ignore_errors=True)
        self.store.delete(session_id)

    # -- the front door: routes, UI handlers, the CLI and the evals call these -----------------
    def diagnose(self, intake: Intake, reason: str | None = None) -> Diagnosis:
        """The likely callback reason of ``intake`` (``reason`` overrides it)."""
        return diagnose(
            intake, search=self.index.search, override=reason, classifier=self.classifier
        )

    def read_panel(self, intake: Intake) -> list[Panelist]:
        """The people ``intake`` names as the panel, with their titles and leanings, as a
        session would seat them: shown before a session so a misreading can be fixed."""
        return named_panel(intake, self.name_tagger, self.title_tagger)

    def get(self, session_id: str, owner_hash: str | None = None) -> SessionView:
        return self.engine.get(session_id, owner_hash)

    def answer(
        self,
        session_id: str,
        text: str,
        *,
        on_token: TokenSink | None = None,
        owner_hash: str | None = None,
        delivery: dict[str, Any] | None = None,
    ) -> SessionView:
        """Score the answer to the open question and ask the next one. ``delivery``: the
        figures of the spoken answer ``text`` was transcribed from (it may have been edited)."""
        return self.engine.answer(
            session_id, text, on_token=on_token, owner_hash=owner_hash, delivery=delivery
        )

    def transcribe(self, audio: bytes) -> tuple[Transcript, Delivery]:
        """What was said in ``audio`` (WAV, WebM, OGG or MP3) and how it was delivered."""
        if self.transcriber is None:
            raise ModelUnavailableError(VOICE_OFF)
        transcript = self.transcriber.transcribe(audio)
        speech = self.settings.speech
        return transcript, delivery(transcript, speech.pause_s, speech.guide_seconds)

    def answer_audio(
        self,
        session_id: str,
        audio: bytes,
        *,
        owner_hash: str | None = None,
        on_token: TokenSink | None = None,
    ) -> tuple[SessionView, Transcript, Delivery]:
        """Answer the open question aloud: the recording is transcribed, its delivery
        measured, and the transcript answered like a typed answer, the figures kept with it."""
        self.engine.load_owned(session_id, owner_hash)  # someone else's: nothing is heard
        transcript, figures = self.transcribe(audio)
        if not transcript.text.strip():
            raise InvalidAudio("No words were heard in the recording; speak closer or louder.")
        view = self.answer(
            session_id,
            transcript.text,
            on_token=on_token,
            owner_hash=owner_hash,
            delivery=figures.to_dict(),
        )
        return view, transcript, figures

    def speak(self, session_id: str, n: int, owner_hash: str | None = None) -> Iterator[bytes]:
        """Turn ``n``'s question (with what the panel says before it) as audio: one WAV
        file per sentence, each made as the one before it is played."""
        view = self.get(session_id, owner_hash)
        if not 0 <= n < len(view.turns):
            raise SessionNotFoundError(f"Session {session_id!r} has no turn {n}.")
        if self.synthesizer is None:
            raise ModelUnavailableError(VOICE_OFF)
        turn = view.turns[n]
        return self.synthesizer.stream_wav_sentences(f"{turn.preamble}\n{turn.question}")

    def sessions(
        self,
        role: str | None = None,
        limit: int = 100,
        owner_hash: str | None = None,
        *,
        with_turns: bool = False,
    ) -> list[SessionRow]:
        """Stored sessions, newest first (their turns only when asked for)."""
        return self.store.list_sessions(role, limit, owner_hash, with_turns=with_turns)

    def history(self, owner_hash: str, limit: int = 50) -> list[SessionView]:
        """One owner's sessions as they read, newest first."""
        rows = self.store.list_sessions(limit=limit, owner_hash=owner_hash, with_turns=True)
        return [self.engine.view(r) for r in rows]

    def stored(self, session_id: str) -> SessionRow | None:
        """The stored session with how each question was written (for the evals)."""
        return self.store.load(session_id)

    def concern(self, session_id: str) -> str:
        """The panel's doubt in a session, in plain words ("" when there is none)."""
        row = self.store.load(session_id)
        return self.engine.concern_words(row) if row is not None else ""

    def search(self, query: str, k: int = 4, **filters: Any) -> list[Passage]:
        return self.index.search(query, k=k, **filters)

    def index_status(self) -> IndexStatus:
        return self.index.status()

    def start(self, intake: Intake, reason: str | None = None, owner_hash: str = "") -> SessionView:
        return self.engine.start(intake, reason=reason, owner_hash=owner_hash)

    def report(self, session_id: str, owner_hash: str | None = None) -> dict[str, Any]:
        """The report, compared with the same owner's earlier sessions for the same role."""
        row = self.engine.load_owned(session_id, owner_hash)
        view = self.engine.view(row)
        earlier = sorted(
            (
                self.engine.view(other)
                for other in self.store.list_sessions(
                    role=view.intake.get("role", ""), owner_hash=row.owner_hash, with_turns=True
                )
                if other.id != view.id
            ),
            key=lambda s: s.created_at,
        )
        earlier = [s for s in earlier if s.created_at < view.created_at]
        return build_report(view, self.corpus, earlier)

    def report_markdown(self, session_id: str, owner_hash: str | None = None) -> str:
        return render_markdown(self.report(session_id, owner_hash), self.prompts)

    def report_html(self, session_id: str, owner_hash: str | None = None) -> str:
        return render_html(self.report(session_id, owner_hash), self.prompts)
