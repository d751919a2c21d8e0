"""The REST API through FastAPI's test client (fake models, real Chroma, SQLite or PostgreSQL)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from server.app import create_app
from simulator.services import Services
from tests.databases import both_databases


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(services.settings, services)) as c:
        yield c


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_health_reports_providers_and_index(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["providers"]["llm"] == "fake"
    assert body["providers"]["questions"] == "model"
    assert body["index"]["ready"] and body["index"]["documents"] >= 40


@both_databases
def test_session_round_trip(client: TestClient) -> None:
    r = client.post(
        "/api/sessions",
        json={"role": "Teacher", "round1_notes": "They were worried about classroom management."},
    )
    assert r.status_code == 201
    session = r.json()
    sid, token = session["id"], session["owner_token"]
    assert len(token) >= 40
    assert session["diagnosis"]["reason"] == "specific_concern"
    assert session["current"]["question"].endswith("?")
    r = client.post(
        f"/api/sessions/{sid}/answers",
        json={
            "answer": "I led a behaviour plan for 30 pupils, and incidents fell by half in a term."
        },
        headers=_auth(token),
    )
    assert r.status_code == 200 and r.json()["last_score"]["overall"] >= 0
    got = client.get(f"/api/sessions/{sid}", headers=_auth(token)).json()
    assert got["turns"][0]["answer"].startswith("I led")
    md = client.get(f"/api/sessions/{sid}/report", params={"format": "md"}, headers=_auth(token))
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    html = client.get(
        f"/api/sessions/{sid}/report", params={"format": "html"}, headers=_auth(token)
    )
    assert html.status_code == 200 and "<svg" in html.text
    assert (
        client.get(f"/api/sessions/{sid}/report", headers=_auth(token)).json()["session_id"] == sid
    )


@both_databases
def test_sessions_are_owned(client: TestClient, services: Services) -> None:
    mine = client.post("/api/sessions", json={"role": "A"}).json()
    token = mine["owner_token"]
    second = client.post("/api/sessions", json={"role": "B"}, headers=_auth(token)).json()
    assert second["owner_token"] == token  # the same owner keeps one token
    theirs = client.post("/api/sessions", json={"role": "C"}).json()
    assert theirs["owner_token"] != token
    listed = {s["id"] for s in client.get("/api/sessions", headers=_auth(token)).json()}
    assert listed == {mine["id"], second["id"]}
    sid = theirs["id"]
    assert client.get(f"/api/sessions/{sid}", headers=_auth(token)).status_code == 404
    assert client.get(f"/api/sessions/{sid}/report", headers=_auth(token)).status_code == 404
    assert (
        client.post(
            f"/api/sessions/{sid}/answers", json={"answer": "x"}, headers=_auth(token)
        ).status_code
        == 404
    )
    assert client.get(f"/api/sessions/{sid}").status_code == 401
    assert client.get("/api/sessions").status_code == 401
    # Tokens are stored hashed, never as given.
    row = services.store.load(mine["id"])
    assert row is not None and token not in row.owner_hash and len(row.owner_hash) == 64


def test_errors_are_clear(client: TestClient) -> None:
    created = client.post("/api/sessions", json={}).json()
    sid, auth = created["id"], _auth(created["owner_token"])
    assert client.get("/api/sessions/missing", headers=auth).status_code == 404
    too_long = client.post(
        f"/api/sessions/{sid}/answers", json={"answer": "x" * 10_001}, headers=auth
    )
    assert too_long.status_code == 413 and "10000" in str(too_long.json()["detail"])
    bad = client.post(
        f"/api/sessions/{sid}/answers",
        content=b"{not json",
        headers={"content-type": "application/json", **auth},
    )
    assert bad.status_code == 422
    missing_field = client.post(f"/api/sessions/{sid}/answers", json={}, headers=auth)
    assert missing_field.status_code == 422 and "answer" in str(missing_field.json()["detail"])
    assert client.post("/api/sessions", json={"reason": "bogus"}).status_code == 422
    assert client.get(f"/api/sessions/{sid}", headers=auth).json()["turns"][0]["answer"] is None


def test_the_panel_an_intake_names_is_read_before_any_session(client: TestClient) -> None:
    read = client.post(
        "/api/panel",
        json={
            "panel": "<b>Priya Nair</b> – Head of Finance\nTom Lee (CTO) tom.lee@example.com",
            "round1_notes": "Tom Lee was not convinced by my forecasting.",
        },
    )
    assert read.status_code == 200
    assert read.json() == [
        {"name": "Priya Nair", "title": "Head of Finance", "leaning": ""},
        {"name": "Tom Lee", "title": "CTO", "leaning": "doubts"},
    ]
    assert client.post("/api/panel", json={}).json() == []
    assert client.post("/api/panel", json={"panel": "x" * 2001}).status_code == 422


def test_search_and_ui_are_served(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "research the role", "k": 3}).json()
    assert len(hits) == 3 and {"id", "title", "text", "score"} <= set(hits[0])
    assert client.get("/", follow_redirects=False).headers["location"] == "/ui/"
    assert client.get("/ui/").status_code == 200
    assert client.get("/docs").status_code == 200


def test_the_server_warms_up_in_the_background_and_says_so(services: Services) -> None:
    settings = services.settings.model_copy(
        update={"server": services.settings.server.model_copy(update={"warm_start": True})}
    )
    fresh = Services(settings)
    assert fresh.warmth.state == "cold"
    with TestClient(create_app(settings, fresh)) as c:
        states = []
        for _ in range(600):
            body = c.get("/api/health").json()
            states.append(body["warm"]["state"])
            if states[-1] in ("ready", "failed"):
                break
            assert body["status"] == "warming up"
            time.sleep(0.1)
        assert states[-1] == "ready", body["warm"]
        assert body["status"] == "ok" and body["warm"]["seconds"] is not None
        # What the warm-up built is what the first session uses.
        assert "engine" in fresh.__dict__ and "classifier" in fresh.__dict__


def test_a_failed_warm_up_is_reported_and_the_server_still_answers(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = services.settings.model_copy(
        update={"server": services.settings.server.model_copy(update={"warm_start": True})}
    )
    fresh = Services(settings)

    def broken(self: object, *args: object, **kwargs: object) -> None:
        raise OSError("model file missing")

    monkeypatch.setattr(type(fresh.embeddings), "embed_query", broken)
    with TestClient(create_app(settings, fresh)) as c:
        for _ in range(600):
            body = c.get("/api/health").json()
            if body["warm"]["state"] == "failed":
                break
            time.sleep(0.1)
        assert body["warm"] == {
            "state": "failed",
            "detail": "OSError: model file missing",
            "seconds": body["warm"]["seconds"],
        }
        assert c.get("/api/health").status_code == 200


def test_openapi_describes_every_response(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    undescribed = []
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            for code, response in op["responses"].items():
                if not code.startswith("2") or code == "204":
                    continue
                content = response.get("content", {})
                # JSON where the route returns JSON; otherwise its own type (audio/wav...).
                kind = content.get("application/json") or next(iter(content.values()), {})
                schema = kind.get("schema")
                if not schema:  # {} is "anything": no description at all
                    undescribed.append(f"{method.upper()} {path} {code}")
    assert undescribed == []
    turn = spec["components"]["schemas"]["TurnOut"]["properties"]
    assert {"question", "preamble", "reply", "kind", "score"} <= set(turn)
