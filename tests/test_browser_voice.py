"""Voice practice in the browser: Chromium's fake microphone plays a recorded answer
(Piper speaks it, with planted fillers and a pause), the candidate records it, transcribes
it into the answer box, sends it, and sees its delivery figures in the chat (coach mode).

Run with ``pytest tests/test_browser_voice.py -m browser``. Fake question model and
embeddings; real Whisper base and Piper. Screenshots land in ``test-output/browser/``.
"""

from __future__ import annotations

import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.servers import serving
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, SHOTS, WAIT_MS, _field, _open
from tests.test_voice_api import SPOKEN
from tests.voice import needs_voice, speak

assert CHROMIUM.exists(), "Debian's Chromium is not at /usr/bin/chromium: run `make test`"
import playwright.sync_api as sync_api  # noqa: E402 - after the check that explains a failure

expect = sync_api.expect
pytestmark = [pytest.mark.browser, needs_voice]


@pytest.fixture(scope="module")
def answer_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The spoken answer, which Chromium's fake microphone plays in a loop."""
    from simulator.speech import EmbeddedSynthesizer

    path = tmp_path_factory.mktemp("voice") / "answer.wav"
    path.write_bytes(speak(EmbeddedSynthesizer(noise_scale=0.0, noise_w_scale=0.0), SPOKEN))
    return path


@pytest.fixture(scope="module")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The app with fake question model and embeddings, real speech, served by uvicorn."""
    from server.app import create_app
    from simulator.services import Services
    from tests.conftest import fake_settings

    settings = fake_settings(tmp_path_factory.mktemp("browser-voice") / "data")
    services = Services(settings)
    services.ingest(progress=False)
    app = create_app(settings, services)
    with serving(app, "uvicorn-voice-test") as base:
        yield {"url": base, "services": services}


@pytest.fixture(scope="module")
def page(answer_wav: Path) -> Iterator[Any]:
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={answer_wav}",
        "--autoplay-policy=no-user-gesture-required",
    ]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=args, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(WAIT_MS)
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.js_errors = errors  # type: ignore[attr-defined]
        try:
            yield pg
        finally:
            browser.close()


def _seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_answer_aloud_transcribe_correct_send_and_see_delivery(
    live_app: dict[str, Any], page: Any, answer_wav: Path
) -> None:
    _open(page, live_app["url"])
    _field(page, "role").fill("Ward Manager (voice test)")
    _field(page, "notes").fill("They were unsure how I would handle the night rota.")
    page.locator("#start").click()
    expect(page.locator("#status")).to_contain_text("Session started", timeout=WAIT_MS)
    page.locator("#speak input").check()  # the open question is spoken
    # The spoken question is in the player (which plays it by itself).
    expect(page.locator("#question-audio a[download$='.wav']")).to_be_attached(timeout=WAIT_MS)

    voice = page.locator("#voice-answer")
    voice.get_by_role("button", name="Record", exact=True).click()
    # Chromium loops the file: a loop and a bit holds every word at least once.
    page.wait_for_timeout(int((_seconds(answer_wav) + 2) * 1000))
    voice.locator("button.stop-button").click()
    expect(voice.locator("audio, [data-testid='waveform-controls']").first).to_be_attached(
        timeout=WAIT_MS
    )
    _shot(page, "voice-01-recorded.png")

    page.locator("#transcribe").click()
    expect(page.locator("#status")).to_contain_text("Transcribed", timeout=WAIT_MS)
    heard = _field(page, "answer").input_value().lower()
    for word in ("night shifts", "sickness", "quarter"):
        assert word in heard, heard
    _shot(page, "voice-02-transcribed.png")

    page.locator("#send").click()
    chat = page.locator("#chat")
    expect(chat).to_contain_text("Delivery", timeout=WAIT_MS)
    expect(chat).to_contain_text("words a minute", timeout=WAIT_MS)
    expect(chat).to_contain_text("fillers a minute")
    expect(_field(page, "answer")).to_have_value("", timeout=WAIT_MS)
    _shot(page, "voice-03-delivery.png")

    rows = live_app["services"].store.list_sessions(role="Ward Manager (voice test)", limit=1)
    stored = live_app["services"].engine.get(rows[0].id)
    assert stored.turns[0].delivery and stored.turns[0].delivery["words_per_minute"] > 0
    assert not page.js_errors, page.js_errors


def test_chromium_plays_the_streamed_question(live_app: dict[str, Any], page: Any) -> None:
    """The question route's WAV stream (lengths unknown) decodes and plays in Chromium."""
    import httpx

    made = httpx.post(f"{live_app['url']}/api/sessions", json={"role": "Stream test"}).json()
    _open(page, live_app["url"])
    played = page.evaluate(
        """async ([url, token]) => {
            const r = await fetch(url, {headers: {Authorization: `Bearer ${token}`}});
            const blob = await r.blob();
            const decoded = await new AudioContext().decodeAudioData(await blob.arrayBuffer());
            const audio = new Audio(URL.createObjectURL(blob));
            audio.muted = true;
            await audio.play();
            await new Promise((done) => setTimeout(done, 500));
            return {type: r.headers.get("content-type"), seconds: decoded.duration,
                    playing: !audio.paused && audio.currentTime > 0, error: audio.error};
        }""",
        [f"{live_app['url']}/api/sessions/{made['id']}/turns/0/audio", made["owner_token"]],
    )
    assert played["type"] == "audio/wav" and played["error"] is None
    assert played["seconds"] > 1.0 and played["playing"], played
