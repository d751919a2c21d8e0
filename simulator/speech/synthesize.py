"""Text to speech: Piper with the joe voice (embedded), or any OpenAI-compatible
``/audio/speech`` endpoint (openai). Text is spoken a sentence at a time, so playback can
start while later sentences are still being made."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import Any, Protocol

from simulator.model_pool import ModelPool
from simulator.speech.audio import read_wav, wav_bytes
from simulator.speech.errors import INSTALL_HINT, SpeechUnavailable
from simulator.speech.models import voice_files
from simulator.speech.transcribe import OPENAI_URL, TIMEOUT_S, post

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"'”’)\]])\s+|\s*\n\s*")


def split_sentences(text: str) -> list[str]:
    """``text`` cut after . ! ? and at line breaks; empty pieces dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


class Synthesizer(Protocol):
    def stream_wav_sentences(self, text: str) -> Iterator[bytes]:
        """One WAV file per sentence, each yielded as soon as it is made."""
        ...

    def wav(self, text: str) -> bytes:
        """The whole text as one WAV file."""
        ...


class SentenceSynthesizer(ABC):
    """A sentence-at-a-time synthesizer: subclasses say how to speak one sentence."""

    @abstractmethod
    def sentence_pcm(self, sentence: str) -> tuple[bytes, int]:
        """16-bit mono PCM of one sentence, and its sample rate."""

    def stream_wav_sentences(self, text: str) -> Iterator[bytes]:
        for sentence in split_sentences(text):
            yield wav_bytes(*self.sentence_pcm(sentence))

    def wav(self, text: str) -> bytes:
        pieces: list[bytes] = []
        rate = 0
        for sentence in split_sentences(text):
            pcm, sentence_rate = self.sentence_pcm(sentence)
            if rate and sentence_rate != rate:
                raise SpeechUnavailable("The speech server changed sample rate mid-text.")
            pieces.append(pcm)
            rate = sentence_rate
        return wav_bytes(b"".join(pieces), rate or self.default_rate())

    def default_rate(self) -> int:
        return 22_050


def _load_voice() -> Any:
    try:
        from piper import PiperVoice
    except ImportError as exc:
        raise SpeechUnavailable(f"piper-tts is not installed. {INSTALL_HINT}") from exc
    files = voice_files()
    return PiperVoice.load(files.model, config_path=files.config)


class EmbeddedSynthesizer(SentenceSynthesizer):
    """Piper with the joe voice on the CPU; the voice loads on first use."""

    def __init__(
        self,
        length_scale: float | None = None,
        noise_scale: float | None = None,
        noise_w_scale: float | None = None,
        pool: ModelPool | None = None,
    ) -> None:
        # None: the voice's own setting. length_scale above 1 speaks slower; both noise
        # scales at 0 make the same text give the same audio every time.
        self.length_scale = length_scale
        self.noise_scale = noise_scale
        self.noise_w_scale = noise_w_scale
        self.pool = pool or ModelPool()

    def load(self) -> Any:
        """The PiperVoice, loaded once per pool."""
        return self.pool.get("piper-voice", _load_voice)

    def sentence_pcm(self, sentence: str) -> tuple[bytes, int]:
        from piper import SynthesisConfig

        voice = self.load()
        config = SynthesisConfig(
            length_scale=self.length_scale,
            noise_scale=self.noise_scale,
            noise_w_scale=self.noise_w_scale,
        )
        pcm = b"".join(c.audio_int16_bytes for c in voice.synthesize(sentence, syn_config=config))
        return pcm, int(voice.config.sample_rate)

    def default_rate(self) -> int:
        return int(self.load().config.sample_rate)


class OpenAISynthesizer(SentenceSynthesizer):
    """An OpenAI-compatible speech endpoint, asked for WAV one sentence at a time."""

    def __init__(
        self,
        base_url: str | None,
        api_key: str | None,
        model: str = "tts-1",
        voice: str = "alloy",
        *,
        timeout_s: float = TIMEOUT_S,
    ) -> None:
        self.url = (base_url or OPENAI_URL).rstrip("/") + "/audio/speech"
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.model = model
        self.voice = voice
        self.timeout_s = timeout_s

    def sentence_pcm(self, sentence: str) -> tuple[bytes, int]:
        body = {
            "model": self.model,
            "voice": self.voice,
            "input": sentence,
            "response_format": "wav",
        }
        response = post(self.url, self.headers, self.timeout_s, json=body)
        try:
            return read_wav(response.content)
        except ValueError as exc:
            raise SpeechUnavailable(f"The speech server at {self.url} sent no WAV audio.") from exc
