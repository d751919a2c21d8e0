"""Speech to text: Whisper base on the CPU (embedded), or any OpenAI-compatible
``/audio/transcriptions`` endpoint (openai)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Protocol

import httpx

from simulator.model_pool import ModelPool
from simulator.settings import SpeechSettings
from simulator.speech.audio import DecodedAudio, decode
from simulator.speech.errors import INSTALL_HINT, InvalidAudio, SpeechUnavailable
from simulator.speech.models import whisper_model_dir
from simulator.speech.transcript import Transcript, Word

# Whisper writes what it expects to hear: a prompt full of fillers keeps "um" and "uh"
# in the transcript instead of tidying them away.
FILLER_PROMPT = "Um, uh, so, I mean, like, you know, I was, uh..."
OPENAI_URL = "https://api.openai.com/v1"
TIMEOUT_S = 60.0
_EXTENSIONS = {"wav": "wav", "ogg": "ogg", "mp3": "mp3", "matroska,webm": "webm"}


class Transcriber(Protocol):
    def transcribe(self, audio: bytes) -> Transcript:
        """The words in ``audio`` (WAV, WebM, OGG or MP3 bytes)."""
        ...


def default_threads() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class EmbeddedTranscriber:
    """faster-whisper with Whisper base, int8 on the CPU; the model loads on first use."""

    def __init__(
        self,
        cache_dir: Path,
        *,
        beam_size: int = 1,
        cpu_threads: int | None = None,
        max_audio_bytes: int | None = None,  # None: the speech settings' default
        max_audio_seconds: float | None = None,  # None: the speech settings' default
        language: str | None = "en",
        pool: ModelPool | None = None,
    ) -> None:
        defaults = SpeechSettings()
        self.cache_dir = cache_dir
        self.beam_size = beam_size
        self.cpu_threads = cpu_threads or default_threads()
        self.max_audio_bytes = max_audio_bytes or defaults.max_audio_bytes
        self.max_audio_seconds = max_audio_seconds or defaults.max_audio_seconds
        self.language = language
        self.pool = pool or ModelPool()

    def load(self) -> Any:
        """The WhisperModel, loaded once per pool."""
        key = ("whisper", str(self.cache_dir), self.cpu_threads)
        return self.pool.get(key, self._load)

    def _load(self) -> Any:
        try:
            from faster_whisper import WhisperModel
        except ImportError as exc:
            raise SpeechUnavailable(f"faster-whisper is not installed. {INSTALL_HINT}") from exc
        return WhisperModel(
            str(whisper_model_dir(self.cache_dir)),
            device="cpu",
            compute_type="int8",
            cpu_threads=self.cpu_threads,
        )

    def transcribe(self, audio: bytes) -> Transcript:
        decoded = decode(audio, max_bytes=self.max_audio_bytes, max_seconds=self.max_audio_seconds)
        return self.transcribe_samples(decoded)

    def transcribe_samples(self, decoded: DecodedAudio) -> Transcript:
        segments, info = self.load().transcribe(
            decoded.samples,
            language=self.language,
            beam_size=self.beam_size,
            initial_prompt=FILLER_PROMPT,
            word_timestamps=True,
            # Silero VAD skips silence: without it Whisper "hears" its prompt in a silent
            # recording. Word times stay on the recording's clock, so pauses still show.
            vad_filter=True,
        )
        words: list[Word] = []
        texts: list[str] = []
        for segment in segments:
            texts.append(segment.text.strip())
            words += [
                Word(w.word.strip(), float(w.start), float(w.end)) for w in segment.words or []
            ]
        return Transcript(" ".join(t for t in texts if t), words, decoded.seconds, info.language)


class OpenAITranscriber:
    """An OpenAI-compatible transcription endpoint, asked for word timings."""

    def __init__(
        self,
        base_url: str | None,
        api_key: str | None,
        model: str = "whisper-1",
        *,
        max_audio_bytes: int | None = None,  # None: the speech settings' default
        max_audio_seconds: float | None = None,  # None: the speech settings' default
        timeout_s: float = TIMEOUT_S,
    ) -> None:
        self.url = (base_url or OPENAI_URL).rstrip("/") + "/audio/transcriptions"
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        defaults = SpeechSettings()
        self.model = model
        self.max_audio_bytes = max_audio_bytes or defaults.max_audio_bytes
        self.max_audio_seconds = max_audio_seconds or defaults.max_audio_seconds
        self.timeout_s = timeout_s

    def transcribe(self, audio: bytes) -> Transcript:
        # Decoded here too, so that limits and bad files are caught the same way as offline.
        decoded = decode(audio, max_bytes=self.max_audio_bytes, max_seconds=self.max_audio_seconds)
        name = f"answer.{_EXTENSIONS.get(decoded.container, 'wav')}"
        form = {
            "model": self.model,
            "response_format": "verbose_json",
            "timestamp_granularities[]": "word",
        }
        body = post(
            self.url, self.headers, self.timeout_s, data=form, files={"file": (name, audio)}
        )
        return parse_verbose_json(body.json(), decoded.seconds)


def post(url: str, headers: dict[str, str], timeout_s: float, **kwargs: Any) -> httpx.Response:
    """POST to a speech server; a refused request is the audio's fault (InvalidAudio), any
    other failure the server's (SpeechUnavailable)."""
    try:
        response = httpx.post(url, headers=headers, timeout=timeout_s, **kwargs)
    except httpx.HTTPError as exc:
        raise SpeechUnavailable(f"The speech server at {url} cannot be reached: {exc}") from exc
    if response.status_code in (400, 413, 415, 422):
        raise InvalidAudio(f"The speech server refused the request: {response.text[:200]}")
    if response.is_error:
        raise SpeechUnavailable(f"The speech server at {url} failed (HTTP {response.status_code}).")
    return response


def parse_verbose_json(body: dict[str, Any], seconds: float) -> Transcript:
    """A Transcript from a ``verbose_json`` reply; without word timings, words stay empty."""
    words = [
        Word(str(w.get("word", "")).strip(), float(w.get("start", 0.0)), float(w.get("end", 0.0)))
        for w in body.get("words") or []
        if str(w.get("word", "")).strip()
    ]
    return Transcript(
        text=str(body.get("text", "")).strip(),
        words=words,
        duration_s=float(body.get("duration") or seconds),
        language=str(body.get("language", "")),
    )
