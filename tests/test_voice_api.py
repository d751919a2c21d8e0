"""Voice practice through the real app: Piper speaks answers with planted fillers and a
pause, the API hears them (Whisper base), answers with them and keeps their delivery
figures; the question comes back as a playable WAV stream. Fake question model and
embeddings, real Chroma and SQLite."""

from __future__ import annotations

import io
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from server.app import create_app
from simulator.services import Services
from simulator.speech import EmbeddedSynthesizer
from simulator.speech.audio import wav_bytes
from tests.conftest import fake_settings
from tests.voice import PAUSE, P, needs_voice, speak

pytestmark = [pytest.mark.model, needs_voice]

SPOKEN: list[str | None] = [
    "Um, at my last job I rewrote the schedule so that night shifts were shared evenly.",
    P,
    "Sickness absence fell by a third that quarter, you know, and nobody left the team.",
]
WORDS = ("schedule", "night", "sickness", "quarter")


@pytest.fixture(scope="module")
def recording() -> bytes:
    return speak(EmbeddedSynthesizer(noise_scale=0.0, noise_w_scale=0.0), SPOKEN)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    services = Services(fake_settings(tmp_path_factory.mktemp("voice") / "data"))
    services.ingest(progress=False)
    with TestClient(create_app(services.settings, services)) as c:
        yield c


def _session(client: TestClient) -> tuple[str, dict[str, str]]:
    made = client.post(
        "/api/sessions", json={"role": "Ward Manager", "round1_notes": "Unsure about rotas."}
    )
    assert made.status_code == 201, made.text
    body = made.json()
    return body["id"], {"Authorization": f"Bearer {body['owner_token']}"}


def _post_audio(
    client: TestClient, sid: str, auth: dict[str, str], audio: bytes, **form: str
) -> Any:
    return client.post(
        f"/api/sessions/{sid}/answers/audio",
        files={"file": ("answer.wav", audio, "audio/wav")},
        data=form,
        headers=auth,
    )


def test_transcribe_only_leaves_the_question_open(client: TestClient, recording: bytes) -> None:
    sid, auth = _session(client)
    r = _post_audio(client, sid, auth, recording, transcribe_only="true")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["session"] is None
    text = body["transcript"]["text"].lower()
    assert all(w in text for w in WORDS), text
    assert body["transcript"]["words"] and body["transcript"]["language"] == "en"
    figures = body["delivery"]
    assert figures["fillers"] == {"um": 1, "you know": 1}
    assert len(figures["pauses"]) == 1 and figures["longest_pause_s"] >= PAUSE - 0.5
    assert 100 < figures["words_per_minute"] < 260
    # The same through the query parameter; still nothing answered.
    r = client.post(
        f"/api/sessions/{sid}/answers/audio",
        params={"transcribe_only": "true"},
        files={"file": ("answer.wav", recording, "audio/wav")},
        headers=auth,
    )
    assert r.status_code == 200 and r.json()["session"] is None
    got = client.get(f"/api/sessions/{sid}", headers=auth).json()
    assert got["turns"][0]["answer"] is None and got["current"]["index"] == 0


def test_a_spoken_answer_is_scored_and_keeps_its_delivery(
    client: TestClient, recording: bytes
) -> None:
    sid, auth = _session(client)
    r = _post_audio(client, sid, auth, recording)
    assert r.status_code == 200, r.text
    body = r.json()
    session = body["session"]
    assert session["last_score"]["overall"] >= 0
    first = session["turns"][0]
    assert first["answer"] == body["transcript"]["text"]
    assert first["delivery"] == body["delivery"]
    assert session["current"]["index"] == 1 and session["current"]["delivery"] is None
    # Stored with the turn: it reads back, and the report carries it.
    got = client.get(f"/api/sessions/{sid}", headers=auth).json()
    assert got["turns"][0]["delivery"]["fillers"] == {"um": 1, "you know": 1}
    report = client.get(f"/api/sessions/{sid}/report", headers=auth).json()
    assert report["turns"][0]["delivery"]["words_per_minute"] > 0
    assert report["delivery"]["spoken_answers"] == 1
    md = client.get(f"/api/sessions/{sid}/report", params={"format": "md"}, headers=auth).text
    assert "**Delivery (spoken):**" in md and "words a minute" in md
    html = client.get(f"/api/sessions/{sid}/report", params={"format": "html"}, headers=auth)
    assert "Delivery (spoken):" in html.text and "fillers a minute (um 1, you know 1)" in html.text
    # A later session for the same role shows this one's delivery in its history.
    later, _ = _session_for(client, auth)
    history = client.get(f"/api/sessions/{later}/report", headers=auth).json()["history"]
    assert any(h["delivery"] and h["delivery"]["words_per_minute"] > 0 for h in history)


def _session_for(client: TestClient, auth: dict[str, str]) -> tuple[str, dict[str, str]]:
    made = client.post("/api/sessions", json={"role": "Ward Manager"}, headers=auth)
    assert made.status_code == 201
    return made.json()["id"], auth


def test_the_question_is_streamed_as_playable_wav(client: TestClient) -> None:
    sid, auth = _session(client)
    with client.stream("GET", f"/api/sessions/{sid}/turns/0/audio", headers=auth) as r:
        assert r.status_code == 200 and r.headers["content-type"] == "audio/wav"
        chunks = list(r.iter_raw())
    data = b"".join(chunks)
    with wave.open(io.BytesIO(data), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        rate = wav.getframerate()
        frames = wav.readframes(wav.getnframes())  # the header says "to the end"
    seconds = len(frames) / 2 / rate
    assert seconds > 1.0 and len(frames) == len(data) - 44
    assert client.get(f"/api/sessions/{sid}/turns/7/audio", headers=auth).status_code == 404


def test_bad_recordings_get_clear_errors(client: TestClient, recording: bytes) -> None:
    sid, auth = _session(client)
    junk = _post_audio(client, sid, auth, b"this is not audio at all " * 40)
    assert junk.status_code == 422 and "audio" in junk.json()["detail"].lower()
    # 11 MB: refused by the body limit before it is read (a 5 MB recording is accepted).
    big = _post_audio(client, sid, auth, recording + bytes(11 * 1_048_576))
    assert big.status_code == 413 and "recording" in big.json()["detail"].lower()
    five = _post_audio(client, sid, auth, _padded(recording, 5 * 1_048_576), transcribe_only="1")
    assert five.status_code == 200, five.text
    missing = _post_audio(client, "nosuchsession", auth, recording)
    assert missing.status_code == 404 and "No practice session" in missing.json()["detail"]
    assert client.get("/api/sessions/nosuchsession/turns/0/audio", headers=auth).status_code == 404


def _padded(recording: bytes, size: int) -> bytes:
    """``recording`` with silence after it, as a WAV of about ``size`` bytes."""
    with wave.open(io.BytesIO(recording), "rb") as wav:
        pcm, rate = wav.readframes(wav.getnframes()), wav.getframerate()
    return wav_bytes(pcm + bytes(size - len(pcm) - 44), rate)


def test_voice_off_is_a_clear_503(tmp_path: Path, recording: bytes) -> None:
    services = Services(fake_settings(tmp_path / "data", speech={"provider": "off"}))
    services.ingest(progress=False)
    with TestClient(create_app(services.settings, services)) as client:
        sid, auth = _session(client)
        for r in (
            _post_audio(client, sid, auth, recording),
            client.get(f"/api/sessions/{sid}/turns/0/audio", headers=auth),
        ):
            assert r.status_code == 503
            assert r.json()["detail"] == "voice is off (speech.provider=off)"
