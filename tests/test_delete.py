"""The candidate's data is theirs to remove: deleting a session leaves nothing of it in the
database (SQLite or PostgreSQL), the Chroma index or the uploads folder, and only its
owner can do it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from server.app import create_app
from simulator.services import Services
from simulator.store import SessionRow, TurnRow
from tests.databases import both_databases

PHRASE = "the quarterly bed census at Larkfield ward"
DOCUMENT = f"# My round-one notes\n\nThey asked me about {PHRASE} and the night staffing gap.\n"


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(services.settings, services)) as c:
        yield c


def _count(services: Services, model: type, session_id: str) -> int:
    column = model.id if model is SessionRow else model.session_id  # type: ignore[attr-defined]
    with services.store.tx() as db:
        return int(db.scalar(select(func.count()).where(column == session_id)) or 0)


@both_databases
def test_deleting_a_session_removes_its_turns_documents_vectors_and_files(
    services: Services, client: TestClient
) -> None:
    created = client.post("/api/sessions", json={"role": "Ward Manager"}).json()
    sid, auth = created["id"], {"Authorization": f"Bearer {created['owner_token']}"}
    r = client.post(
        f"/api/sessions/{sid}/answers", json={"answer": "I rewrote the rota."}, headers=auth
    )
    assert r.status_code == 200
    r = client.post(
        f"/api/sessions/{sid}/documents",
        files={"file": ("notes.md", DOCUMENT.encode(), "text/markdown")},
        headers=auth,
    )
    assert r.status_code == 201, r.text
    chroma = services.index.store()
    assert chroma.get(where={"session": sid})["ids"]  # the document is indexed for the session
    assert (services.settings.data_dir / "uploads" / sid).exists()
    assert _count(services, TurnRow, sid) >= 2

    # Someone else's token cannot delete it, nor learn that it exists.
    other = client.post("/api/sessions", json={}).json()["owner_token"]
    r = client.delete(f"/api/sessions/{sid}", headers={"Authorization": f"Bearer {other}"})
    assert r.status_code == 404 and _count(services, SessionRow, sid) == 1

    assert client.delete(f"/api/sessions/{sid}", headers=auth).status_code == 204
    assert _count(services, SessionRow, sid) == 0 and _count(services, TurnRow, sid) == 0
    assert chroma.get(where={"session": sid})["ids"] == []
    assert not (services.settings.data_dir / "uploads" / sid).exists()
    hits = services.index.search(PHRASE, k=5, session=sid)
    assert all(PHRASE not in h.text for h in hits)
    assert client.get(f"/api/sessions/{sid}", headers=auth).status_code == 404
    assert client.delete(f"/api/sessions/{sid}", headers=auth).status_code == 404
    # The shared guidance is untouched.
    assert services.index.search("closing a second interview", k=1)
