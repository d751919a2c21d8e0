"""The offline speech layer with its real models: Piper speaks known answers with planted
fillers and pauses, Whisper hears them, and the delivery figures find what was planted."""

from __future__ import annotations

import io
import re
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from simulator.settings import SpeechSettings
from simulator.speech import (
    AudioTooLarge,
    EmbeddedSynthesizer,
    EmbeddedTranscriber,
    InvalidAudio,
    OpenAISynthesizer,
    OpenAITranscriber,
    Transcript,
    build_synthesizer,
    build_transcriber,
    delivery,
    split_sentences,
)
from simulator.speech.audio import read_wav, wav_bytes
from simulator.speech.models import whisper_model_dir
from tests.voice import PAUSE, P, needs_voice, speak

pytestmark = [pytest.mark.model, needs_voice]


# Each answer: its sentences, with P where a pause is planted, and the fillers it holds.
ANSWERS: list[tuple[list[str | None], dict[str, int]]] = [
    (
        [
            "Um, in my last role I looked after the weekly sales reports for the whole region.",
            P,
            "I rewrote the slowest queries and the reports came out every Monday morning.",
        ],
        {"um": 1},
    ),
    (
        [
            "The hardest part was, you know, getting the teams to agree on the same definitions.",
            "Uh, I set up a short meeting every Friday and wrote down each decision.",
        ],
        {"you know": 1, "uh": 1},
    ),
    (
        [
            "I think the project went well overall.",
            P,
            "Um, we finished early, and the client asked us to run the next phase as well.",
        ],
        {"um": 1},
    ),
    (
        [
            "When a customer complained about a late delivery, I called them the same day.",
            P,
            "Uh, I explained what had gone wrong, you know, and offered a refund.",
            P,
            "They stayed with us for another year.",
        ],
        {"uh": 1, "you know": 1},
    ),
    (
        [
            "My main strength is staying calm under pressure.",
            "Um, during an outage I kept the team focused, uh, and we restored the service by lunch.",
        ],
        {"um": 1, "uh": 1},
    ),
]


@dataclass(frozen=True)
class Heard:
    said: str
    planted_pauses: int
    fillers: dict[str, int]
    wav: bytes
    transcript: Transcript


def norm(text: str) -> list[str]:
    return re.sub(r"[^\w\s']", " ", text.lower()).split()


def edits(ref: list[str], hyp: list[str]) -> int:
    """Word-level edit distance (substitutions, insertions, deletions)."""
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def synth() -> EmbeddedSynthesizer:
    # No sampling noise: the same answers give the same audio, so every run hears the same.
    synth = EmbeddedSynthesizer(noise_scale=0.0, noise_w_scale=0.0)
    synth.load()
    return synth


@pytest.fixture(scope="module")
def transcriber(cache_dir: Path) -> EmbeddedTranscriber:
    transcriber = EmbeddedTranscriber(cache_dir, beam_size=1)
    transcriber.load()
    return transcriber


@pytest.fixture(scope="module")
def heard(synth: EmbeddedSynthesizer, transcriber: EmbeddedTranscriber) -> list[Heard]:
    out = []
    for parts, fillers in ANSWERS:
        audio = speak(synth, parts)
        said = " ".join(p for p in parts if p is not None)
        out.append(Heard(said, parts.count(None), fillers, audio, transcriber.transcribe(audio)))
    return out


def test_whisper_hears_pipers_answers(heard: list[Heard]) -> None:
    errors = sum(edits(norm(h.said), norm(h.transcript.text)) for h in heard)
    words = sum(len(norm(h.said)) for h in heard)
    wer = errors / words
    print(f"\nWER {wer:.1%} ({errors} errors in {words} words)")
    assert wer <= 0.15
    for h in heard:
        assert h.transcript.language == "en"
        assert h.transcript.words, "word timings"
        assert h.transcript.duration_s > h.transcript.words[-1].end > 0


def test_the_planted_fillers_and_pauses_are_found(heard: list[Heard]) -> None:
    for h in heard:
        figures = delivery(h.transcript, pause_s=2.0)
        print(
            f"\nfillers {figures.fillers} (planted {h.fillers}); "
            f"pauses {[p.seconds for p in figures.pauses]} (planted {h.planted_pauses})"
        )
        assert figures.fillers == h.fillers, h.transcript.text
        assert len(figures.pauses) == h.planted_pauses, h.transcript.words
        assert all(p.seconds >= PAUSE - 0.5 for p in figures.pauses)
        assert 100 < figures.words_per_minute < 260


@pytest.mark.parametrize(
    "container,codec", [("webm", "libopus"), ("ogg", "libopus"), ("mp3", "mp3")]
)
def test_browser_formats_are_heard(
    heard: list[Heard], transcriber: EmbeddedTranscriber, container: str, codec: str
) -> None:
    h = heard[4]
    result = transcriber.transcribe(encode(h.wav, container, codec))
    assert abs(result.duration_s - h.transcript.duration_s) < 0.2
    assert edits(norm(h.said), norm(result.text)) / len(norm(h.said)) <= 0.15


def encode(wav: bytes, container: str, codec: str) -> bytes:
    """``wav`` re-encoded the way a browser or phone might send it."""
    import av

    pcm, rate = read_wav(wav)
    out = io.BytesIO()
    with av.open(out, "w", format=container) as box:
        stream: Any = box.add_stream(codec, rate=48_000 if codec == "libopus" else rate)
        stream.layout = "mono"
        resampler = av.AudioResampler(format="s16", layout="mono", rate=stream.rate)
        samples = np.frombuffer(pcm, dtype="<i2").reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        frame.sample_rate = rate
        for piece in [*resampler.resample(frame), None]:
            for packet in stream.encode(piece):
                box.mux(packet)
    return out.getvalue()


def seconds_of_tone(seconds: float, rate: int = 16_000) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return wav_bytes((np.sin(2 * np.pi * 220 * t) * 8000).astype("<i2").tobytes(), rate)


@pytest.mark.parametrize(
    "data", [b"", b"this is not audio at all " * 40, b"RIFF\x10\x00\x00\x00WAVEfmt ", bytes(4096)]
)
def test_undecodable_audio_is_refused_clearly(
    transcriber: EmbeddedTranscriber, data: bytes
) -> None:
    with pytest.raises(InvalidAudio) as refused:
        transcriber.transcribe(data)
    assert not isinstance(refused.value, AudioTooLarge)
    assert "audio" in str(refused.value).lower() or "recording" in str(refused.value).lower()


def test_silence_is_heard_as_nothing(transcriber: EmbeddedTranscriber) -> None:
    # Not the filler prompt: a silent recording must not come back as "Um, uh, so...".
    result = transcriber.transcribe(wav_bytes(bytes(2 * 16_000 * 6), 16_000))
    assert (result.text, result.words) == ("", [])
    assert result.duration_s == pytest.approx(6.0)
    assert delivery(result).filler_count == 0


def test_audio_over_the_limits_is_refused(cache_dir: Path) -> None:
    # Refused while decoding: the model is not needed (nor loaded) for this.
    strict = EmbeddedTranscriber(cache_dir, max_audio_seconds=2.0, max_audio_bytes=200_000)
    with pytest.raises(AudioTooLarge, match="over 2 seconds"):
        strict.transcribe(seconds_of_tone(3.0))
    with pytest.raises(AudioTooLarge, match="MB"):
        strict.transcribe(seconds_of_tone(1.0) + bytes(200_000))
    assert isinstance(AudioTooLarge("x"), InvalidAudio)
    assert strict.pool.loaded() == []  # nothing was loaded


def test_model_assembly_is_idempotent(tmp_path: Path) -> None:
    first = whisper_model_dir(tmp_path)
    model = first / "model.bin"
    before = model.stat()
    assert before.st_size == 145_217_532  # the two halves of Whisper base
    assert whisper_model_dir(tmp_path) == first
    after = model.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    # A model.bin cut short (a crash, a full disk) is rebuilt; nothing temporary is left.
    with model.open("r+b") as cut:
        cut.truncate(1000)
    whisper_model_dir(tmp_path)
    assert model.stat().st_size == before.st_size
    assert sorted(p.name for p in first.iterdir()) == [
        "config.json",
        "model.bin",
        "tokenizer.json",
        "vocabulary.txt",
    ]


def test_the_first_sentence_is_heard_before_the_rest_is_made(
    synth: EmbeddedSynthesizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    voice = synth.load()
    spoken: list[str] = []
    real = voice.synthesize

    def counting(text: str, **kwargs: Any) -> Iterator[Any]:
        spoken.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(voice, "synthesize", counting)
    text = "Tell me about a hard week. What did you do first? And what would you change now?"
    stream = synth.stream_wav_sentences(text)
    first = next(stream)
    assert spoken == ["Tell me about a hard week."]
    pcm, rate = read_wav(first)
    assert rate == 22_050 and len(pcm) > rate  # a WAV file with over half a second of speech
    rest = list(stream)
    assert len(rest) == 2 and len(spoken) == 3


def test_a_whole_text_as_one_wav(synth: EmbeddedSynthesizer) -> None:
    text = "Thanks for coming in. Let us start with your last role."
    whole = synth.wav(text)
    with wave.open(io.BytesIO(whole)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22_050)
        seconds = wav.getnframes() / wav.getframerate()
    parts = sum(len(read_wav(w)[0]) / 2 / 22_050 for w in synth.stream_wav_sentences(text))
    assert seconds == pytest.approx(parts, abs=0.01) and seconds > 2


def test_text_is_cut_into_sentences() -> None:
    text = 'He said "stop." Then we left. Costs fell 3.5% overall!\nReady? Go'
    assert split_sentences(text) == [
        'He said "stop."',
        "Then we left.",
        "Costs fell 3.5% overall!",
        "Ready?",
        "Go",
    ]
    assert split_sentences("  \n ") == []


def test_the_factories_follow_the_provider(tmp_path: Path) -> None:
    assert build_transcriber(SpeechSettings(provider="off"), tmp_path) is None
    assert build_synthesizer(SpeechSettings(provider="off")) is None
    embedded = build_transcriber(SpeechSettings(beam_size=2), tmp_path)
    assert isinstance(embedded, EmbeddedTranscriber) and embedded.beam_size == 2
    assert isinstance(build_synthesizer(SpeechSettings()), EmbeddedSynthesizer)
    remote = SpeechSettings(provider="openai", base_url="http://speech.local/v1", api_key="k")
    stt = build_transcriber(remote, tmp_path)
    assert isinstance(stt, OpenAITranscriber)
    assert stt.url == "http://speech.local/v1/audio/transcriptions"
    assert stt.headers == {"Authorization": "Bearer k"}
    assert isinstance(build_synthesizer(remote), OpenAISynthesizer)


class FakeServer:
    """Stands in for ``httpx.post``: records each request, answers with ``reply``."""

    def __init__(self, reply: httpx.Response) -> None:
        self.reply = reply
        self.requests: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, url: str, **kwargs: Any) -> httpx.Response:
        self.requests.append((url, kwargs))
        return self.reply


def test_openai_transcription_with_and_without_word_timings(
    heard: list[Heard], monkeypatch: pytest.MonkeyPatch
) -> None:
    words = [{"word": "Um", "start": 0.0, "end": 0.3}, {"word": "yes", "start": 2.9, "end": 3.2}]
    server = FakeServer(
        httpx.Response(
            200, json={"text": "Um, yes.", "language": "english", "duration": 3.5, "words": words}
        )
    )
    monkeypatch.setattr(httpx, "post", server)
    stt = OpenAITranscriber("http://speech.local/v1/", None)
    webm = encode(heard[2].wav, "webm", "libopus")
    result = stt.transcribe(webm)
    url, sent = server.requests[0]
    assert url == "http://speech.local/v1/audio/transcriptions"
    assert sent["files"]["file"][0] == "answer.webm"
    assert sent["data"]["response_format"] == "verbose_json"
    assert sent["data"]["timestamp_granularities[]"] == "word"
    assert [w.text for w in result.words] == ["Um", "yes"]
    assert delivery(result).longest_pause_s == pytest.approx(2.6)
    server.reply = httpx.Response(200, json={"text": "Um, yes.", "language": "english"})
    bare = stt.transcribe(webm)
    assert bare.words == [] and bare.duration_s == pytest.approx(
        heard[2].transcript.duration_s, abs=0.2
    )
    assert delivery(bare).fillers == {"um": 1}
    server.reply = httpx.Response(400, json={"error": "bad audio"})
    with pytest.raises(InvalidAudio, match="refused"):
        stt.transcribe(webm)


def test_openai_speech_one_request_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeServer(httpx.Response(200, content=wav_bytes(bytes(4800), 24_000)))
    monkeypatch.setattr(httpx, "post", server)
    tts = OpenAISynthesizer(None, "key", voice="nova")
    assert len(list(tts.stream_wav_sentences("One. Two? Three!"))) == 3
    url, sent = server.requests[0]
    assert url == "https://api.openai.com/v1/audio/speech"
    assert sent["json"] == {
        "model": "tts-1",
        "voice": "nova",
        "input": "One.",
        "response_format": "wav",
    }
    pcm, rate = read_wav(tts.wav("One. Two."))
    assert (len(pcm), rate) == (2 * 4800, 24_000)
