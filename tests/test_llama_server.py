"""The ``openai`` provider against a real peer: llama-cpp-python's OpenAI-compatible server
serving the embedded Gemma GGUF, started as a subprocess on a free local port."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from server.app import create_app
from simulator.domain import Intake
from simulator.llm import embedded_model_path
from simulator.questions import clean
from simulator.services import Services
from simulator.settings import LLMSettings, Settings
from tests.servers import free_port, stop, wait_until_ready

pytestmark = pytest.mark.model

ALIAS = "gemma-3-270m-q4_k_m"
STARTUP_TIMEOUT_S = 90.0
ANSWER = (
    "In my last role I rebuilt the month-end reporting pipeline: I cut the close from 6 days "
    "to 3, trained 4 analysts on it, and the finance director now signs off a day earlier."
)


@dataclass(frozen=True)
class LlamaServer:
    base_url: str
    log: Path

    def requests(self, path: str) -> int:
        """How many POSTs to ``path`` the server's access log shows."""
        return self.log.read_text(errors="replace").count(f'"POST {path} HTTP/1.1" 200')


def _models(base_url: str) -> list[str] | None:
    try:
        with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
            return [m["id"] for m in json.load(response)["data"]]
    except (urllib.error.URLError, OSError, ValueError):
        return None


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    # The server extra is part of `.[embedded]`: missing, it is a broken install, not a skip.
    assert importlib.util.find_spec("sse_starlette") is not None, (
        "llama-cpp-python's server extra is missing; run `make install`"
    )
    root = tmp_path_factory.mktemp("llama-server")
    model = embedded_model_path(root / "models")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    log = root / "server.log"
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--model_alias",
        ALIAS,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "2048",
        "--n_threads",
        "2",
        "--verbose",
        "false",
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    try:
        ready = lambda: _models(base_url) is not None  # noqa: E731
        wait_until_ready(proc, ready, log, STARTUP_TIMEOUT_S, "llama_cpp.server")
        yield LlamaServer(base_url, log)
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def indexed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("llama-data")
    Services(Settings(data_dir=data, provider="fake")).ingest(progress=False)
    return data


def _services(server: LlamaServer, data: Path, db: Path, chat: bool) -> Services:
    llm = LLMSettings(
        provider="openai",
        base_url=server.base_url,
        model=ALIAS,
        chat=chat,
        timeout_s=30.0,
        max_retries=1,
        total_timeout_s=60.0,
        max_tokens=40,  # a question is one short line; the base model would run on to 64
        temperature=0.0,  # greedy: the same prompt gets the same reply on every run
    )
    return Services(
        Settings(
            data_dir=data,
            llm=llm,
            embeddings={"provider": "fake"},
            database={"url": f"sqlite:///{db}"},
            scoring={
                "judge": "rules"
            },  # these sessions are about the questions; see the judge test
        )
    )


def _assert_the_peer_wrote(turns: list[Any]) -> None:
    for turn in turns:
        gen = turn.generation
        # The peer answered every time: no fault, nothing said to the candidate.
        assert gen["fault"] == "" and gen["notice"] == "", gen
        assert gen["latency_ms"] > 0
        if turn.used_fallback:  # gated: the reason is recorded, and it is not a model error
            assert gen["rejected"] and not gen["rejected"].startswith("model error"), gen
        else:
            assert gen["rejected"] == "" and turn.question == clean(gen["raw"])
            assert turn.question.endswith("?")


def test_a_session_on_the_completions_api(
    llama_server: LlamaServer, indexed_dir: Path, tmp_path: Path
) -> None:
    before = llama_server.requests("/v1/completions")
    svc = _services(llama_server, indexed_dir, tmp_path / "callback.sqlite3", chat=False)
    assert _models(llama_server.base_url) == [ALIAS]
    with TestClient(create_app(svc.settings, svc)) as client:
        health = client.get("/api/health").json()
    assert health["providers"]["llm"] == f"openai:{ALIAS}"

    view = svc.start(Intake(role="Financial analyst", company="Northwind"), reason="second_choice")
    for _ in range(2):
        view = svc.engine.answer(view.id, ANSWER)

    row = svc.store.load(view.id)
    assert row is not None and row.model == f"openai:{ALIAS}"
    asked = [t for t in row.turns if not t.is_follow_up]
    assert len(asked) >= 2
    _assert_the_peer_wrote(asked)
    # The GGUF is a base model: the few-shot completion prompt makes it write text (a reply
    # may still be an empty line, which the gates turn into the bank question).
    assert any(t.generation["raw"].strip() for t in asked)
    # One request a question: every reply arrived whole, nothing was retried.
    assert llama_server.requests("/v1/completions") - before == len(asked)
    answered = [t for t in row.turns if t.answer is not None]
    assert [t.answer for t in answered] == [ANSWER, ANSWER]
    assert all(t.score is not None for t in answered)


def test_the_chat_api_answers_in_full(
    llama_server: LlamaServer, indexed_dir: Path, tmp_path: Path
) -> None:
    """The server applies the GGUF's chat template; the base model's reply is gated."""
    before = llama_server.requests("/v1/chat/completions")
    svc = _services(llama_server, indexed_dir, tmp_path / "callback.sqlite3", chat=True)
    view = svc.start(Intake(role="Financial analyst", company="Northwind"), reason="second_choice")
    row = svc.store.load(view.id)
    assert row is not None
    _assert_the_peer_wrote(row.turns)
    assert llama_server.requests("/v1/chat/completions") - before == 1


def test_the_judge_gets_json_in_its_schema_from_llama_cpp(llama_server: LlamaServer) -> None:
    """llama-cpp-python's server turns the judge's JSON schema into a grammar: even the small
    base model replies with JSON of that shape. (Whether its grades are any good is not
    measured: a base model this small cannot judge, and its quotes are checked like any
    judge's.)"""
    from simulator.prompts import Prompts
    from simulator.scoring import build_context
    from simulator.scoring.judge import Judge, JudgeError, check_verdict
    from simulator.settings import PROJECT_ROOT

    judge = Judge(
        Prompts(PROJECT_ROOT / "prompts"),
        base_url=llama_server.base_url,
        api_key=None,
        model=ALIAS,
        timeout_s=180.0,
        max_retries=0,
    )
    dims = ["skill_depth", "demeanor"]
    ctx = build_context("Tell us about a process you improved.", "standard_process", asked=dims)
    raw = judge.ask(ANSWER, ctx, dims)
    data = json.loads(raw, strict=False)  # a raw line break inside a string is allowed
    assert set(data) == set(dims)
    for d in dims:
        assert isinstance(data[d]["score"], int) and 0 <= data[d]["score"] <= 5
        assert isinstance(data[d]["reason"], str) and isinstance(data[d]["evidence"], list)
    try:  # the checks run on its reply as on any other: a grade survives only with a true quote
        verdict = check_verdict(raw, ANSWER, dims)
        assert set(verdict.dimensions) <= set(dims)
    except JudgeError as exc:
        assert "checked against the answer" in str(exc)
