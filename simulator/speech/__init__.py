"""Speech in and out, offline by default: Whisper base hears answers (faster-whisper),
Piper speaks questions (joe voice), and ``delivery`` measures how an answer was spoken.

Importing this package loads no model; the models load on first use.
"""

from __future__ import annotations

from pathlib import Path

from simulator.model_pool import ModelPool
from simulator.settings import SpeechSettings
from simulator.speech.delivery import Delivery, Pause, delivery
from simulator.speech.errors import AudioTooLarge, InvalidAudio, SpeechUnavailable
from simulator.speech.synthesize import (
    EmbeddedSynthesizer,
    OpenAISynthesizer,
    Synthesizer,
    split_sentences,
)
from simulator.speech.transcribe import EmbeddedTranscriber, OpenAITranscriber, Transcriber
from simulator.speech.transcript import Transcript, Word

__all__ = [
    "AudioTooLarge",
    "Delivery",
    "EmbeddedSynthesizer",
    "EmbeddedTranscriber",
    "InvalidAudio",
    "OpenAISynthesizer",
    "OpenAITranscriber",
    "Pause",
    "SpeechUnavailable",
    "Synthesizer",
    "Transcriber",
    "Transcript",
    "Word",
    "build_synthesizer",
    "build_transcriber",
    "delivery",
    "split_sentences",
]


def _key(settings: SpeechSettings) -> str | None:
    return settings.api_key.get_secret_value() if settings.api_key else None


def build_transcriber(
    settings: SpeechSettings, cache_dir: Path, pool: ModelPool | None = None
) -> Transcriber | None:
    """The transcriber ``settings.provider`` names; None when speech is off."""
    if settings.provider == "off":
        return None
    if settings.provider == "openai":
        return OpenAITranscriber(
            settings.base_url,
            _key(settings),
            settings.stt_model,
            max_audio_bytes=settings.max_audio_bytes,
            max_audio_seconds=settings.max_audio_seconds,
        )
    return EmbeddedTranscriber(
        cache_dir,
        pool=pool,
        beam_size=settings.beam_size,
        cpu_threads=settings.cpu_threads,
        max_audio_bytes=settings.max_audio_bytes,
        max_audio_seconds=settings.max_audio_seconds,
    )


def build_synthesizer(
    settings: SpeechSettings, pool: ModelPool | None = None
) -> Synthesizer | None:
    """The synthesizer ``settings.provider`` names; None when speech is off."""
    if settings.provider == "off":
        return None
    if settings.provider == "openai":
        return OpenAISynthesizer(
            settings.base_url, _key(settings), settings.tts_model, settings.tts_voice
        )
    return EmbeddedSynthesizer(pool=pool)
