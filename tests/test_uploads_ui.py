"""Uploads (API and UI handlers) and the UI handlers as plain functions."""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
import pytest
from fastapi.testclient import TestClient

from server.app import create_app
from simulator.ownership import new_token
from simulator.services import Services
from simulator.uploads import safe_name
from ui import handlers


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(services.settings, services)) as c:
        yield c


def _docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_session_documents_upload_and_are_retrieved_only_for_that_session(
    client: TestClient, services: Services
) -> None:
    created = client.post("/api/sessions", json={"role": "Planner"}).json()
    auth = {"Authorization": f"Bearer {created['owner_token']}"}
    sid = created["id"]
    body = b"Job description: the planner owns the zeppelin maintenance schedule for 12 hangars."
    r = client.post(
        f"/api/sessions/{sid}/documents", files={"file": ("jd.txt", body)}, headers=auth
    )
    assert r.status_code == 201 and r.json()["chunks"] == 1
    r = client.post(
        f"/api/sessions/{sid}/documents",
        files={"file": ("notes.docx", _docx_bytes("Round one: zeppelin budgeting question."))},
        headers=auth,
    )
    assert r.status_code == 201
    hits = services.index.search("zeppelin maintenance schedule", k=50, session=sid)
    assert any("zeppelin" in h.text for h in hits)
    assert not any("zeppelin" in h.text for h in services.index.search("zeppelin", k=50))


def test_bad_uploads_are_refused_with_the_reason(client: TestClient) -> None:
    created = client.post("/api/sessions", json={}).json()
    auth = {"Authorization": f"Bearer {created['owner_token']}"}
    url = f"/api/sessions/{created['id']}/documents"
    r = client.post(url, files={"file": ("photo.png", b"\x89PNG....")}, headers=auth)
    assert r.status_code == 415 and "PDF or DOCX" in r.json()["detail"]
    r = client.post(url, files={"file": ("big.txt", b"a" * (5 * 1024 * 1024 + 10))}, headers=auth)
    assert r.status_code == 413 and "5 MB" in r.json()["detail"]
    r = client.post(url, files={"file": ("fake.pdf", b"not a pdf at all")}, headers=auth)
    assert r.status_code == 415
    r = client.post(url, files={"file": ("../../etc/passwd.txt", b"plain text")}, headers=auth)
    assert r.status_code == 201  # stored under a safe name inside the session folder
    other = {"Authorization": f"Bearer {new_token()}"}
    assert client.post(url, files={"file": ("a.txt", b"x")}, headers=other).status_code == 404


def test_safe_names_never_leave_the_folder() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..\\..\\boot.ini") == "boot.ini"
    assert safe_name("...") == "document"
    assert "/" not in safe_name("a/b/c d?.pdf")


def test_ui_handlers_run_a_whole_session_without_gradio(services: Services) -> None:
    token = new_token()
    screen = handlers.start_session(
        services, token, "Nurse", "St Anne's", "", "", "", "", handlers.AUTO, True
    )
    assert screen.session_id and "Likely reason" in screen.diagnosis_md
    too_long = handlers.submit_answer(services, token, screen.session_id, "x" * 10_001, True)
    assert "limit" in too_long.status and too_long.answer_draft == "x" * 10_001
    assert services.engine.get(screen.session_id).turns[0].answer is None
    stranger = handlers.submit_answer(services, new_token(), screen.session_id, "hi", True)
    assert "Could not save" in stranger.status
    for _ in range(15):
        screen = handlers.submit_answer(
            services, token, screen.session_id, "I led a team of 4 and cut waits by 20%.", False
        )
        if screen.finished:
            break
    assert screen.finished and "Callback practice report" in screen.report_md
    assert len(screen.report_files) == 3
    # Realistic mode shows no coach feedback in the chat.
    assert not any(m.get("metadata", {}).get("title") == "Coach feedback" for m in screen.chat)
    coached = handlers.resume_session(services, token, screen.session_id, True)
    assert coached is not None and any(
        m.get("metadata", {}).get("title") == "Coach feedback" for m in coached.chat
    )
    assert handlers.resume_session(services, new_token(), screen.session_id, True) is None
    rows = handlers.history_rows(services, token)
    assert len(rows) == 1 and rows[0][1] == "Nurse"
    assert rows[0][3] == handlers.REASON_LABELS[screen_reason(services, screen.session_id)]
    assert handlers.history_rows(services, new_token()) == []
    again = handlers.restart_with_reason(services, token, screen.session_id, "split_panel", True)
    assert again.session_id != screen.session_id and "could not agree" in again.diagnosis_md


def test_ui_shows_the_panel_as_read_before_the_start(services: Services) -> None:
    shown = handlers.panel_preview(
        services, "Tom Lee was not convinced.", "", "Priya Nair – Head of Finance\nTom Lee – CTO"
    )
    assert "**Priya Nair** — Head of Finance" in shown
    assert "**Tom Lee** — CTO · had doubts" in shown
    assert "Name – Title" in shown  # how to correct it
    assert "No names found" in handlers.panel_preview(services, "It went well.", "", "  ")
    assert handlers.panel_preview(services, "", "", "") == ""
    # Addresses beside a name are never echoed.
    assert "@" not in handlers.panel_preview(services, "", "", "Ana Lopez <ana@example.com> (CFO)")


def test_ui_reads_uploads_and_refuses_bad_ones(services: Services) -> None:
    text, message = handlers.read_upload(
        services, _docx_bytes("We need SQL and forecasting."), "job description"
    )
    assert "SQL and forecasting" in text and "Read the job description" in message
    text, message = handlers.read_upload(services, b"\x00\x01binary", "job description")
    assert text == "" and "not used" in message
    text, message = handlers.read_upload(services, b"a" * (5 * 1024 * 1024 + 1), "round-one notes")
    assert text == "" and "5 MB" in message


def test_ui_streams_the_next_question_while_it_is_written(services: Services) -> None:
    from simulator.llm import FakeLLM

    llm = services.llm
    assert isinstance(llm, FakeLLM)
    token = new_token()
    screen = handlers.start_session(
        services, token, "Analyst", "", "", "", "", "", handlers.AUTO, True
    )
    strong = "At my last job I led a team of 4 that rebuilt our reporting; errors fell by 60% in a quarter."
    for _ in range(4):
        llm.enqueue("Which decision did that reporting change, and how did you know?")
        screens = list(
            handlers.submit_answer_stream(services, token, screen.session_id, strong, True)
        )
        screen = screens[-1]
        assert screen.status != handlers.THINKING
        if len(screens) > 1:  # a planned question was generated: it streamed first
            assert screens[0].status == handlers.THINKING
            assert "Which decision" in screens[0].chat[-1]["content"]
            break
    else:
        raise AssertionError("no generated question streamed in four turns")


def screen_reason(services, session_id: str) -> str:
    row = services.store.load(session_id)
    assert row is not None
    return str(row.diagnosis["reason"])
