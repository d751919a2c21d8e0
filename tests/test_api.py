"""The REST API through FastAPI's test client (fake models, real Chroma and SQLite)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from server.app import create_app
from simulator.services import Services


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(services.settings, services)) as c:
        yield c


def test_health_reports_providers_and_index(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["providers"]["llm"] == "fake"
    assert body["index"]["ready"] and body["index"]["documents"] >= 40


def test_session_round_trip(client: TestClient) -> None:
    r = client.post(
        "/api/sessions",
        json={"role": "Teacher", "round1_notes": "They were worried about classroom management."},
    )
    assert r.status_code == 201
    session = r.json()
    sid = session["id"]
    assert session["diagnosis"]["reason"] == "specific_concern"
    assert session["current"]["question"].endswith("?")
    r = client.post(
        f"/api/sessions/{sid}/answers",
        json={
            "answer": "I led a behaviour plan for 30 pupils, and incidents fell by half in a term."
        },
    )
    assert r.status_code == 200 and r.json()["last_score"]["overall"] >= 0
    assert client.get(f"/api/sessions/{sid}").json()["turns"][0]["answer"].startswith("I led")
    md = client.get(f"/api/sessions/{sid}/report", params={"format": "md"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert client.get(f"/api/sessions/{sid}/report").json()["session_id"] == sid
    assert any(s["id"] == sid for s in client.get("/api/sessions").json())


def test_errors_are_clear(client: TestClient) -> None:
    assert client.get("/api/sessions/missing").status_code == 404
    sid = client.post("/api/sessions", json={}).json()["id"]
    too_long = client.post(f"/api/sessions/{sid}/answers", json={"answer": "x" * 10_001})
    assert too_long.status_code == 422 and "answer" in str(too_long.json()["detail"])
    bad = client.post(
        f"/api/sessions/{sid}/answers",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert bad.status_code == 422
    assert client.post("/api/sessions", json={"reason": "bogus"}).status_code == 422
    assert client.get(f"/api/sessions/{sid}").json()["turns"][0]["answer"] is None


def test_search_and_ui_are_served(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "research the role", "k": 3}).json()
    assert len(hits) == 3 and {"id", "title", "text", "score"} <= set(hits[0])
    assert client.get("/", follow_redirects=False).headers["location"] == "/ui/"
    assert client.get("/ui/").status_code == 200
