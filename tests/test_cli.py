"""The command line, run in-process with fake models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from callback_sim.cli import main
from simulator.settings import PROJECT_ROOT


@pytest.fixture
def fake_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CALLBACK_PROVIDER", "fake")
    monkeypatch.setenv("CALLBACK_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_ingest_search_practice_report(fake_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--quiet"]) == 0
    assert "added" in capsys.readouterr().out
    assert main(["ingest", "--quiet"]) == 0
    assert "added 0, updated 0, removed 0" in capsys.readouterr().out

    assert (
        main(
            ["search", "the panel could not agree", "--k", "2", "--reason", "split_panel", "--json"]
        )
        == 0
    )
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 2
    assert set(hits[0]) == {
        "id",
        "title",
        "text",
        "source",
        "callback_reasons",
        "dimensions",
        "score",
    }
    assert all("split_panel" in h["callback_reasons"] for h in hits)

    assert (
        main(["practice", "--script", str(PROJECT_ROOT / "examples" / "session.json"), "--json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"session_id", "diagnosis", "personas", "turns", "report"}
    assert set(out["diagnosis"]) == {"reason", "confidence"}
    assert {"id", "name", "role"} <= set(out["personas"][0])
    turn = out["turns"][0]
    assert {
        "persona",
        "question",
        "citations",
        "answer",
        "score",
        "is_follow_up",
        "used_fallback",
    } <= set(turn)
    assert {"overall", "dimensions"} <= set(turn["score"])

    assert main(["report", out["session_id"]]) == 0
    assert "# Callback practice report" in capsys.readouterr().out

    assert main(["sessions", "list"]) == 0
    assert out["session_id"] in capsys.readouterr().out
    assert main(["sessions", "delete", out["session_id"]]) == 0
    assert "Deleted session" in capsys.readouterr().out
    assert main(["report", out["session_id"]]) == 1  # gone
    assert "No practice session" in capsys.readouterr().err


def test_errors_say_what_to_run(fake_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "anything"]) == 1
    assert "callback-sim ingest" in capsys.readouterr().err
    bad = fake_env / "bad.json"
    bad.write_text("{oops")
    assert main(["ingest", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["practice", "--script", str(bad)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["report", "missing-session"]) == 1
    assert "No practice session" in capsys.readouterr().err
