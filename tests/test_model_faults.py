"""A misbehaving OpenAI-compatible server on loopback: the session goes on from the bank.

Each test points the ``openai`` provider at ``tests.fault_server`` in one fault mode and
runs a short session (hashing embeddings, real Chroma and SQLite). It checks that every
failed question came from the curated bank, that the candidate is told what happened,
how many requests the server saw (retries of retryable faults only, with growing
delays), that the model call (retries included) stays within its deadline, and that every
answer and score is stored.
"""

from __future__ import annotations

import itertools
import json
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from server.app import create_app
from simulator.domain import Intake, SessionView
from simulator.llm import build_llm
from simulator.model_calls import CallLimits, call_limits, describe_fault
from simulator.services import Services
from simulator.settings import LLMSettings, Settings
from tests.fault_server import MODEL, FaultServer, Mode, SeenRequest

# The bounds below are times; `make pytest` runs these tests alone, after the parallel run.
pytestmark = pytest.mark.timing

GOOD = (
    "At my current job I led the rollout of a new triage checklist across 3 wards. I trained "
    "24 nurses, and within two months missed escalations dropped from 9 to 2 a month."
)
INTAKE = Intake(role="Ward manager", company="St Luke's", round1_notes="Went well overall.")
BANK_TAIL = "so this question comes from the curated question bank"


@pytest.fixture(scope="module")
def indexed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One guidance index (hashing embeddings) shared by the module's sessions."""
    data = tmp_path_factory.mktemp("faults")
    Services(Settings(data_dir=data, provider="fake")).ingest(progress=False)
    return data


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as fault_server:
        yield fault_server


def _settings(data: Path, db: Path, base_url: str, **llm: Any) -> Settings:
    options: dict[str, Any] = {
        "provider": "openai",
        "base_url": base_url,
        "model": MODEL,
        "timeout_s": 1.0,
        "max_retries": 2,
        "total_timeout_s": 10.0,
        "cooldown_s": 0.0,
        **llm,
    }
    return Settings(
        data_dir=data,
        llm=LLMSettings(**options),
        embeddings={"provider": "fake"},
        database={"url": f"sqlite:///{db}"},
        scoring={
            "judge": "rules"
        },  # these faults are about questions (tests/test_judge.py: scoring)
    )


def _services(indexed_dir: Path, tmp_path: Path, base_url: str, **llm: Any) -> Services:
    return Services(_settings(indexed_dir, tmp_path / "callback.sqlite3", base_url, **llm))


def _session(svc: Services, answers: int) -> SessionView:
    """Start a session and answer ``answers`` times."""
    view = svc.start(INTAKE, reason="standard_process")
    for _ in range(answers):
        view = svc.engine.answer(view.id, GOOD)
    return view


def _asked_by_model(view: SessionView) -> list[Any]:
    """The turns whose question the model was asked to write (not follow-ups, not the close)."""
    return [t for t in view.turns if t.kind == "question"]


def _question_requests(server: FaultServer) -> list[Any]:
    """The requests for a question (stop at the line's end); follow-ups ask in their own way."""
    return [r for r in server.seen() if r.body.get("stop") == ["\n"]]


def _assert_all_saved(svc: Services, session_id: str, answers: int) -> None:
    """A fresh process (new Services on the same database) sees every answer and score."""
    reloaded = Services(svc.settings).engine.get(session_id)
    answered = [t for t in reloaded.turns if t.answer is not None]
    assert len(answered) == answers
    assert all(t.answer == GOOD for t in answered)
    assert all(t.score is not None and 0 <= t.score["overall"] <= 100 for t in answered)


def _assert_from_bank(svc: Services, view: SessionView, notice: str) -> None:
    plan = {p["bank_id"]: p for p in svc.store.load(view.id).plan}  # type: ignore[union-attr]
    bank_texts = {p["text"] for p in plan.values()}
    for turn in _asked_by_model(view):
        assert turn.used_fallback
        assert turn.question in bank_texts
        assert notice in turn.notice and BANK_TAIL in turn.notice


def _model_seconds(svc: Services, view: SessionView) -> list[float]:
    """How long each model-written question's call took, retries included, as recorded.

    The deadline and the retries govern this call alone, so it is what the tests time
    rather than the session step around it (planning, scoring), which a busy machine slows.
    """
    rows = svc.store.load(view.id).turns  # type: ignore[union-attr]
    return [
        float(row.generation["latency_ms"]) / 1000
        for turn, row in zip(view.turns, rows, strict=True)
        if turn.kind == "question"
    ]


def _gaps(requests: list[SeenRequest]) -> list[float]:
    return [b.at - a.at for a, b in itertools.pairwise(requests)]


# -- a working server: the generated question is asked -----------------------------------------
def _echo_example(seen: SeenRequest) -> str:
    found = re.search(r"A question in the right spirit: (.+)", seen.prompt_text)
    assert found, seen.prompt_text
    return found.group(1).strip()


def test_working_server_writes_the_questions(
    server: FaultServer, indexed_dir: Path, tmp_path: Path
) -> None:
    server.reply_for = _echo_example  # on topic by construction, streamed in 6-character chunks
    svc = _services(indexed_dir, tmp_path, server.base_url)
    view = _session(svc, answers=1)
    asked = _asked_by_model(view)
    assert asked and all(not t.used_fallback and t.notice == "" for t in asked)
    seen = _question_requests(server)
    assert len(seen) == len(asked)  # one request a question: nothing retried
    assert all(r.stream and r.body["model"] == MODEL and r.body["stop"] == ["\n"] for r in seen)
    assert svc.providers()["llm"] == f"openai:{MODEL}"
    _assert_all_saved(svc, view.id, answers=1)


# -- errors and timeouts: retried with backoff, then the bank ----------------------------------
@pytest.mark.parametrize("mode, status", [("error_500", 500), ("error_503", 503)])
def test_server_errors_are_retried_with_backoff_then_the_bank_is_used(
    server: FaultServer, indexed_dir: Path, tmp_path: Path, mode: Mode, status: int
) -> None:
    server.mode = mode
    svc = _services(indexed_dir, tmp_path, server.base_url)
    view = _session(svc, answers=1)
    asked = _asked_by_model(view)
    _assert_from_bank(svc, view, f"answered with an error (HTTP {status})")
    seen = _question_requests(server)
    assert len(seen) == 3 * len(asked)  # max_retries=2: three requests a question
    for first in range(0, len(seen), 3):
        # backoff: 0.5 s then 1 s, each less up to 25 % jitter, so the delays grow
        g1, g2 = _gaps(seen[first : first + 3])
        assert 0.3 <= g1 <= 1.0 and 0.7 <= g2 <= 1.6 and g2 > g1, (g1, g2)
    assert max(_model_seconds(svc, view)) < 5.0
    generation = svc.store.load(view.id).turns[0].generation  # type: ignore[union-attr]
    assert generation["fault"] == "http_error" and str(status) in generation["rejected"]
    _assert_all_saved(svc, view.id, answers=1)


def test_hanging_server_times_out_each_try_then_rests(
    server: FaultServer, indexed_dir: Path, tmp_path: Path
) -> None:
    server.mode = "hang"  # sends nothing for 30 s; each try gives up after timeout_s=1
    svc = _services(indexed_dir, tmp_path, server.base_url, cooldown_s=60.0)
    view = _session(svc, answers=2)
    first = view.turns[0]
    assert first.used_fallback and "did not answer in time" in first.notice
    seen = _question_requests(server)
    assert len(seen) == 3  # three tries for the first question, then the model rests
    g1, g2 = _gaps(seen)
    assert 1.3 <= g1 <= 2.2 and 1.7 <= g2 <= 2.7 and g2 > g1, (g1, g2)
    assert 3.0 <= _model_seconds(svc, view)[0] < 8.0
    later = _asked_by_model(view)[1:]
    assert later, "a later question should have been due from the plan"
    assert all(t.used_fallback and "short rest" in t.notice for t in later)
    _assert_all_saved(svc, view.id, answers=2)


def test_deadline_stops_retries_that_could_not_finish_in_time(
    server: FaultServer, indexed_dir: Path, tmp_path: Path
) -> None:
    server.mode = "hang"
    svc = _services(indexed_dir, tmp_path, server.base_url, total_timeout_s=2.0, max_retries=5)
    view = _session(svc, answers=0)
    assert view.turns[0].used_fallback and view.turns[0].notice
    # The model call's own time (the session's setup around it is not the deadline's job);
    # without the deadline five 1 s tries and their backoff would take over 10 s.
    assert _model_seconds(svc, view)[0] < 3.0
    time.sleep(1.0)  # a retry left running would have reached the server by now
    assert (
        len(_question_requests(server)) == 2
    )  # 1 s timeout, ~0.5 s backoff, the second try cut off


def test_unreachable_server_says_the_model_is_unavailable(
    indexed_dir: Path, tmp_path: Path
) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    svc = _services(indexed_dir, tmp_path, f"http://127.0.0.1:{port}/v1")
    view = _session(svc, answers=1)
    _assert_from_bank(svc, view, "unavailable right now")
    assert 1.1 <= _model_seconds(svc, view)[0] < 4.0  # two retries: ~0.5 s then ~1 s of backoff
    _assert_all_saved(svc, view.id, answers=1)


# -- replies that break off or cannot be read: straight to the bank, no retry ------------------
@pytest.mark.parametrize(
    "mode, chat, notice",
    [
        ("truncated", True, "broke off before it was finished"),
        ("truncated", False, "broke off before it was finished"),
        ("no_done", True, "broke off before it was finished"),
        ("no_done", False, "broke off before it was finished"),
        ("junk", True, "could not be read"),
        ("junk_sse", True, "could not be read"),
        ("junk_sse", False, "could not be read"),
        ("no_choices", True, "could not be read"),
        ("no_choices", False, "could not be read"),
    ],
)
def test_broken_replies_fall_back_at_once(
    server: FaultServer, indexed_dir: Path, tmp_path: Path, mode: Mode, chat: bool, notice: str
) -> None:
    server.mode = mode
    svc = _services(indexed_dir, tmp_path, server.base_url, chat=chat)
    view = _session(svc, answers=1)
    _assert_from_bank(svc, view, notice)
    seen = server.seen("chat/completions" if chat else "/v1/completions")
    seen = [r for r in seen if r.body.get("stop") == ["\n"]]  # the questions' requests
    assert len(seen) == len(_asked_by_model(view))  # not retried
    assert max(_model_seconds(svc, view)) < 3.0
    generation = svc.store.load(view.id).turns[0].generation  # type: ignore[union-attr]
    if mode in ("truncated", "no_done"):
        assert generation["raw"] == "What did you"  # what arrived is kept, but never asked
    _assert_all_saved(svc, view.id, answers=1)


# -- very slow tokens ---------------------------------------------------------------------------
def test_slow_tokens_are_cut_off_at_the_question_deadline(
    server: FaultServer, indexed_dir: Path, tmp_path: Path
) -> None:
    # A token every 0.4 s never trips the 1 s read timeout: only the deadline ends it.
    server.mode, server.token_interval_s = "slow", 0.4
    svc = _services(indexed_dir, tmp_path, server.base_url, total_timeout_s=1.5)
    tokens: list[str] = []
    view = svc.engine.start(INTAKE, reason="standard_process", on_token=tokens.append)
    _assert_from_bank(svc, view, "too slow to write this question in time")
    assert 1.4 <= _model_seconds(svc, view)[0] < 2.5  # the whole reply would take ~5 s
    assert tokens and "".join(tokens) in server.reply  # it streamed, then was dropped
    assert len(_question_requests(server)) == 1
    view = svc.engine.answer(view.id, GOOD)
    _assert_all_saved(svc, view.id, answers=1)


def test_a_token_slower_than_the_read_timeout_is_a_timeout(
    server: FaultServer, indexed_dir: Path, tmp_path: Path
) -> None:
    server.mode, server.token_interval_s = "slow", 2.0
    svc = _services(indexed_dir, tmp_path, server.base_url, max_retries=1)
    view = _session(svc, answers=0)
    assert view.turns[0].used_fallback and "did not answer in time" in view.turns[0].notice
    assert len(_question_requests(server)) == 2  # nothing had arrived, so the timeout was retried
    assert 2.0 <= _model_seconds(svc, view)[0] < 4.5


# -- the same through the HTTP API, streamed ----------------------------------------------------
def test_api_streams_then_replaces_a_broken_reply_and_keeps_the_answers(
    server: FaultServer, indexed_dir: Path, tmp_path: Path
) -> None:
    server.mode = "truncated"
    svc = _services(indexed_dir, tmp_path, server.base_url)
    with TestClient(create_app(svc.settings, svc)) as client:
        created = client.post(
            "/api/sessions", json={**INTAKE.to_dict(), "reason": "standard_process"}
        )
        assert created.status_code == 201
        body = created.json()
        assert body["current"]["used_fallback"] and "broke off" in body["current"]["notice"]
        sid, auth = body["id"], {"Authorization": f"Bearer {body['owner_token']}"}
        for _ in range(2):
            with client.stream(
                "POST",
                f"/api/sessions/{sid}/answers",
                json={"answer": GOOD},
                headers={"accept": "text/event-stream", **auth},
            ) as response:
                assert response.status_code == 200
                text = "".join(response.iter_text())
            events = [e for e in text.split("\n\n") if e.strip()]
            assert events[-1].startswith("event: session")
            session = json.loads(events[-1].split("data: ", 1)[1])
            current = session["current"]
            if current is not None and not current["is_follow_up"]:
                assert current["used_fallback"] and "broke off" in current["notice"]
                assert current["question"] != "What did you"
        stored = client.get(f"/api/sessions/{sid}", headers=auth).json()
    answered = [t for t in stored["turns"] if t["answer"] is not None]
    assert [t["answer"] for t in answered] == [GOOD, GOOD]
    assert all(t["score"]["overall"] >= 0 for t in answered)


# -- the pieces on their own ---------------------------------------------------------------------
def test_openai_models_get_bounded_timeouts_and_app_level_retries(tmp_path: Path) -> None:
    settings = LLMSettings(
        provider="openai", base_url="http://127.0.0.1:9/v1", timeout_s=1.5, max_retries=3
    )
    llm: Any = build_llm(settings, tmp_path)
    timeout = llm.root_client._client.timeout
    assert timeout.connect == timeout.read == timeout.write == timeout.pool == 1.5
    assert llm.root_client.max_retries == 0  # simulator.model_calls retries, within the deadline
    assert call_limits(llm) == CallLimits(total_timeout_s=60.0, retries=3, cooldown_s=30.0)
    embedded = build_llm(LLMSettings(provider="embedded", max_retries=3), tmp_path)
    assert call_limits(embedded).retries == 0  # a local model is not retried


def test_faults_are_named_from_the_exception_and_its_causes() -> None:
    class StatusError(Exception):
        def __init__(self, status: int) -> None:
            super().__init__(f"HTTP {status}")
            self.status_code = status

    assert describe_fault(StatusError(503), got_output=False).retryable
    assert describe_fault(StatusError(429), got_output=False).retryable
    assert not describe_fault(StatusError(401), got_output=False).retryable
    try:
        try:
            raise ConnectionResetError("peer closed connection")
        except ConnectionResetError as inner:
            raise RuntimeError("stream failed") from inner
    except RuntimeError as exc:
        assert describe_fault(exc, got_output=False).kind == "unreachable"
        assert describe_fault(exc, got_output=True).kind == "cut_off"
        assert not describe_fault(exc, got_output=True).retryable
    assert describe_fault(TimeoutError(), got_output=False).kind == "timeout"
    assert describe_fault(ValueError("junk"), got_output=False).kind == "bad_reply"
