"""Audio in and out: decoding uploads (WAV, WebM, OGG, MP3) to 16 kHz mono samples within
limits, and writing 16-bit PCM WAV files."""

from __future__ import annotations

import io
import itertools
import struct
import wave
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from simulator.speech.errors import AudioTooLarge, InvalidAudio, SpeechUnavailable

SAMPLE_RATE = 16_000  # what Whisper listens at
# The RIFF and data lengths of a WAV stream whose length is not known when it starts.
UNKNOWN_LENGTH = 0xFFFF_FFFF


@dataclass(frozen=True)
class DecodedAudio:
    samples: np.ndarray  # float32 in [-1, 1], mono, SAMPLE_RATE
    container: str  # e.g. "wav", "ogg", "matroska,webm", "mp3"

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def _frames(container: Any) -> Iterator[Any]:
    """The container's audio frames, skipping damaged ones."""
    import av

    frames = container.decode(audio=0)
    while True:
        try:
            frame = next(frames)
        except StopIteration:
            return
        except av.error.InvalidDataError:
            continue
        frame.pts = None
        yield frame


def decode(data: bytes, *, max_bytes: int, max_seconds: float) -> DecodedAudio:
    """Decode ``data`` to 16 kHz mono; stop as soon as it runs past ``max_seconds``."""
    import av

    if len(data) > max_bytes:
        raise AudioTooLarge(f"The recording is over {max_bytes // 1_048_576} MB; record less.")
    if not data:
        raise InvalidAudio("The recording is empty.")
    limit = int(max_seconds * SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    total = 0
    try:
        with av.open(io.BytesIO(data), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise InvalidAudio("The file has no audio track.")
            resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
            for frame in itertools.chain(_frames(container), [None]):
                for out in resampler.resample(frame):
                    chunk = out.to_ndarray().reshape(-1)
                    total += chunk.size
                    if total > limit:
                        raise AudioTooLarge(
                            f"The recording is over {max_seconds:g} seconds; keep answers shorter."
                        )
                    chunks.append(chunk)
            name = str(container.format.name)
    except av.error.FFmpegError as exc:
        raise InvalidAudio(
            "The audio could not be read; send WAV, WebM, OGG or MP3 audio."
        ) from exc
    if total == 0:
        raise InvalidAudio("The recording has no sound in it.")
    samples = np.concatenate(chunks).astype(np.float32) / 32768.0
    return DecodedAudio(samples, name)


def wav_bytes(pcm: bytes, sample_rate: int) -> bytes:
    """A WAV file (mono, 16-bit PCM, with header) holding ``pcm``."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm)
    return out.getvalue()


def read_wav(data: bytes) -> tuple[bytes, int]:
    """The 16-bit mono PCM and sample rate of a WAV file."""
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
                raise InvalidAudio("Expected mono 16-bit WAV audio.")
            return wav.readframes(wav.getnframes()), wav.getframerate()
    except (wave.Error, EOFError) as exc:
        raise InvalidAudio("The audio is not a readable WAV file.") from exc


def stream_header(sample_rate: int) -> bytes:
    """The header of a mono 16-bit PCM WAV stream of unknown length: its RIFF and data
    lengths are set to the largest value (0xFFFFFFFF), which players and Python's ``wave``
    read as "the samples run to the end of the stream"."""
    fmt = struct.pack("<HHIIHH", 1, 1, sample_rate, sample_rate * 2, 2, 16)
    return (
        b"RIFF"
        + struct.pack("<I", UNKNOWN_LENGTH)
        + b"WAVEfmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"data"
        + struct.pack("<I", UNKNOWN_LENGTH)
    )


def wav_stream(wavs: Iterable[bytes]) -> Iterator[bytes]:
    """WAV files of one format (one per sentence) as one playable WAV stream: a header of
    unknown length with the first file's samples, then each later file's samples as it
    comes. Playback can start before the later files are made."""
    rate = 0
    for wav in wavs:
        pcm, file_rate = read_wav(wav)
        if not rate:
            rate = file_rate
            yield stream_header(rate) + pcm
        elif file_rate != rate:
            raise SpeechUnavailable("The speech changed sample rate mid-question.")
        else:
            yield pcm
    if not rate:  # nothing to say: still a valid, empty WAV
        yield wav_bytes(b"", 22_050)
