"""``callback-sim practice --voice``: recordings answer the questions in order (fake
question model, real Whisper and Piper)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from callback_sim.cli import main
from simulator.speech import EmbeddedSynthesizer
from tests import test_voice_api
from tests.test_voice_api import SPOKEN
from tests.voice import speak

pytestmark = test_voice_api.pytestmark

SECOND = ["I asked the panel what worries them most about my experience with budgets."]


def test_practice_answers_aloud_from_recordings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CALLBACK_PROVIDER", "fake")
    monkeypatch.setenv("CALLBACK_DATA_DIR", str(tmp_path / "data"))
    synth = EmbeddedSynthesizer(noise_scale=0.0, noise_w_scale=0.0)
    files = []
    for i, parts in enumerate([SPOKEN, SECOND]):
        path = tmp_path / f"answer{i}.wav"
        path.write_bytes(speak(synth, parts))
        files.append(str(path))
    script = tmp_path / "intake.json"
    script.write_text(json.dumps({"intake": {"role": "Ward Manager"}}), encoding="utf-8")
    assert main(["ingest", "--quiet"]) == 0
    capsys.readouterr()

    assert main(["practice", "--voice", *files, "--script", str(script), "--json"]) == 0
    out = capsys.readouterr()
    view = json.loads(out.out)
    assert view["intake"]["role"] == "Ward Manager"
    answered = [t for t in view["turns"] if t["answer"] is not None]
    assert len(answered) == 2
    assert "night shifts" in answered[0]["answer"]
    assert answered[0]["delivery"]["fillers"] == {"um": 1, "you know": 1}
    assert answered[1]["delivery"]["words"] > 5
    # What was asked, heard and measured is printed as it goes (on stderr with --json).
    assert out.err.count("Delivery: ") == 2 and "words a minute" in out.err

    assert main(["practice", "--voice", files[0]]) == 0
    printed = capsys.readouterr().out
    assert "You (answer0.wav):" in printed and "# Callback practice report" in printed
    assert "**Delivery (spoken):**" in printed
    assert main(["practice", "--voice", str(tmp_path / "missing.wav")]) == 2
