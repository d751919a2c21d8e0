"""PostgreSQL as the session store: what differs from SQLite, and two server processes
sharing one database.

The persistence tests elsewhere (``@both_databases``) run on both databases; these are the
cases that only a real PostgreSQL server shows.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, inspect, text

from simulator.domain import Intake
from simulator.services import Services
from simulator.settings import Settings
from simulator.store import SessionRow, Store, database_url
from tests.conftest import fake_settings
from tests.databases import both_databases, fresh_postgres_database, postgres_url
from tests.servers import free_port, healthy, stop, wait_until_ready

GOOD = (
    "In my last role I rebuilt the month-end close: I mapped 40 manual steps, automated 12 of "
    "them with the finance team, and the close went from 9 days to 5 within a quarter."
)
VAGUE = "It went fine."


@pytest.fixture
def pg_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url


def test_database_url_picks_psycopg_for_plain_postgresql_urls() -> None:
    assert database_url("postgresql://u:p@db:5433/x") == "postgresql+psycopg://u:p@db:5433/x"
    assert database_url("postgres://u:p@db/x") == "postgresql+psycopg://u:p@db/x"
    assert database_url("postgresql+psycopg://u:p@db/x") == "postgresql+psycopg://u:p@db/x"
    assert database_url("sqlite:////tmp/a.sqlite3") == "sqlite:////tmp/a.sqlite3"


def test_an_unreachable_server_fails_the_test_with_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv(
        "CALLBACK_TEST_POSTGRES_URL", f"postgresql://callback:secret@127.0.0.1:{port}/nowhere"
    )
    with pytest.raises(pytest.fail.Exception) as failed, fresh_postgres_database():
        pass
    message = str(failed.value)
    assert "make postgres" in message and f"127.0.0.1:{port}" in message
    assert "secret" not in message


def test_a_fresh_database_is_dropped_even_while_its_connections_are_open() -> None:
    with fresh_postgres_database() as url:
        held = create_engine(url)
        conn = held.connect()  # left open, as a test's pool may leave it
        conn.execute(text("CREATE TABLE t (x int)"))
        conn.commit()
        name = conn.execute(text("SELECT current_database()")).scalar()
    admin = create_engine(postgres_url())
    with admin.connect() as check:
        left = check.execute(
            text("SELECT count(*) FROM pg_database WHERE datname = :n"), {"n": name}
        ).scalar()
    admin.dispose()
    held.dispose()
    assert name and left == 0


@both_databases
def test_odd_text_is_stored_the_same_on_both_databases(services: Services) -> None:
    """NUL characters and over-long roles: SQLite keeps them, PostgreSQL refuses them."""
    role = "Analyst\x00 " + "x" * 400
    first = services.start(Intake(role=role, company="Acme\x00"))
    view = services.engine.answer(first.id, f"{GOOD}\x00 and more")
    assert view.turns[0].answer == f"{GOOD} and more"
    row = services.store.load(first.id)
    assert row is not None and len(row.role) == 300 and "\x00" not in row.company
    # The earlier session is found by the same long role (clipped alike in the query).
    second = services.start(Intake(role=role))
    history = services.report(second.id)["history"]
    assert [h["session_id"] for h in history] == [first.id]


@both_databases
def test_times_come_back_as_utc(services: Services) -> None:
    before = dt.datetime.now(dt.UTC)
    view = services.start(Intake(role="Buyer"))
    created = dt.datetime.fromisoformat(view.created_at)
    assert created.utcoffset() == dt.timedelta(0)
    assert before - dt.timedelta(seconds=1) <= created <= dt.datetime.now(dt.UTC)
    listed = services.store.list_sessions()
    assert [r.id for r in listed] == [view.id] and listed[0].created_at == created


def test_times_are_utc_whatever_the_server_time_zone(pg_url: str) -> None:
    tokyo = Store(f"{pg_url}?options=-c%20TimeZone%3DAsia/Tokyo")
    with tokyo.engine.connect() as conn:
        assert conn.execute(text("SHOW TimeZone")).scalar() == "Asia/Tokyo"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with tokyo.tx() as db:
        db.add(SessionRow(id="s1", created_at=now, updated_at=now))
    row = tokyo.load("s1")
    assert row is not None and row.created_at == now
    assert row.created_at.utcoffset() == dt.timedelta(0)
    tokyo.engine.dispose()


@both_databases
def test_a_database_from_an_earlier_version_gains_the_owner_column(settings: Settings) -> None:
    url = settings.database_url
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    old = create_engine(database_url(url))
    with old.begin() as conn:  # the table as the first version made it
        conn.execute(
            text(
                "CREATE TABLE practice_sessions (id VARCHAR(36) PRIMARY KEY, "
                "created_at TIMESTAMP WITH TIME ZONE, updated_at TIMESTAMP WITH TIME ZONE, "
                "role VARCHAR(300), company VARCHAR(300), intake JSON, diagnosis JSON, "
                "personas JSON, plan JSON, state VARCHAR(20), model VARCHAR(200))"
            )
        )
        conn.execute(text("INSERT INTO practice_sessions (id, role) VALUES ('old', 'Clerk')"))
    old.dispose()

    store = Store(url)
    columns = {c["name"] for c in inspect(store.engine).get_columns("practice_sessions")}
    indexes = {i["name"] for i in inspect(store.engine).get_indexes("practice_sessions")}
    assert "owner_hash" in columns and "ix_practice_sessions_owner_hash" in indexes
    assert [r.id for r in store.list_sessions(owner_hash="")] == ["old"]
    Store(url)  # a second start finds nothing to add
    store.engine.dispose()


def test_replicas_starting_together_create_the_schema_once(pg_url: str) -> None:
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def start() -> None:
        barrier.wait()
        try:
            Store(pg_url).engine.dispose()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    check = create_engine(pg_url)
    assert set(inspect(check).get_table_names()) == {"practice_sessions", "turns"}
    check.dispose()


# -- two server processes on one database ----------------------------------------------------


class Server:
    """One ``callback-sim serve`` process."""

    def __init__(self, name: str, data_dir: Path, db_url: str, logs: Path) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = logs / f"serve-{name}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CALLBACK_")}
        env |= {
            "CALLBACK_PROVIDER": "fake",
            "CALLBACK_DATA_DIR": str(data_dir),
            "CALLBACK_DATABASE__URL": db_url,
        }
        cli = Path(sys.executable).with_name("callback-sim")
        assert cli.exists(), f"{cli} is missing: install the project into the venv (make install)"
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [str(cli), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, deadline: float) -> None:
        ready = healthy(f"{self.url}/api/health")
        timeout = max(0.0, deadline - time.monotonic())
        wait_until_ready(self.proc, ready, self.log, timeout, f"server {self.name}")

    def stop(self) -> None:
        stop(self.proc, grace_s=15)


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Server]]:
    """Two ``callback-sim serve`` processes on one data dir and one fresh PostgreSQL database."""
    tmp = tmp_path_factory.mktemp("two-servers")
    data_dir = tmp / "data"
    # The guidance index first; both processes only read it. It is built next to the default
    # SQLite store, so the two servers meet an empty PostgreSQL database and create its
    # tables at the same moment, as replicas starting together would.
    Services(fake_settings(data_dir)).ingest(progress=False)
    with fresh_postgres_database() as db_url:
        servers: list[Server] = []
        try:
            for name in ("A", "B"):
                servers.append(Server(name, data_dir, db_url, tmp))
            deadline = time.monotonic() + 120
            for server in servers:
                server.wait_ready(deadline)
            yield servers[0], servers[1]
        finally:
            for server in servers:
                server.stop()


def _answer(client: httpx.Client, server: Server, sid: str, auth: dict[str, str], text: str) -> Any:
    r = client.post(f"{server.url}/api/sessions/{sid}/answers", json={"answer": text}, headers=auth)
    assert r.status_code == 200, f"server {server.name}: {r.status_code} {r.text}"
    return r.json()


def test_two_servers_serve_one_session_alternately_without_losing_a_turn(
    two_servers: tuple[Server, Server],
) -> None:
    a, b = two_servers
    with httpx.Client(timeout=60) as client:
        created = client.post(
            f"{a.url}/api/sessions",
            json={"role": "Finance Manager", "round1_notes": "They doubted my budgeting."},
        )
        assert created.status_code == 201, created.text
        session = created.json()
        sid, auth = session["id"], {"Authorization": f"Bearer {session['owner_token']}"}

        sent: list[tuple[int, str, str]] = []  # (turn index, question, answer), in order
        servers = (b, a)  # A created it; B takes the first answer, then they alternate
        for n in range(40):
            server = servers[n % 2]
            seen = client.get(f"{server.url}/api/sessions/{sid}", headers=auth).json()
            if seen["current"] is None:
                break
            # The other process's last write is what this one sees.
            assert seen["current"] == session["current"], f"server {server.name} is behind"
            text = VAGUE if n % 3 == 0 else f"{GOOD} (answer {n})"
            sent.append((seen["current"]["index"], seen["current"]["question"], text))
            session = _answer(client, server, sid, auth, text)
        else:
            pytest.fail("the session did not finish in 40 answers")

        from_a = client.get(f"{a.url}/api/sessions/{sid}", headers=auth).json()
        from_b = client.get(f"{b.url}/api/sessions/{sid}", headers=auth).json()
        report = client.get(f"{b.url}/api/sessions/{sid}/report", headers=auth).json()

    assert from_a == from_b
    assert from_a["state"] == "finished" and from_a["current"] is None
    turns = from_a["turns"]
    assert [t["index"] for t in turns] == list(range(len(turns)))
    assert [(t["index"], t["question"], t["answer"]) for t in turns] == sent
    scored = [t for t in turns if t["kind"] != "close"]  # the close is answered, not scored
    assert all(t["score"] is not None and 0 <= t["score"]["overall"] <= 100 for t in scored)
    assert any(t["is_follow_up"] for t in turns)  # the vague answers drew follow-ups
    assert len(sent) >= 6
    assert len(report["turns"]) == len(sent)


def test_two_servers_racing_for_one_turn_store_each_answer_once(
    two_servers: tuple[Server, Server],
) -> None:
    a, b = two_servers
    with httpx.Client(timeout=60) as client:
        created = client.post(f"{a.url}/api/sessions", json={"role": "Analyst"}).json()
        sid, auth = created["id"], {"Authorization": f"Bearer {created['owner_token']}"}
        codes: dict[str, int] = {}
        barrier = threading.Barrier(2)

        def send(server: Server) -> None:
            barrier.wait()
            r = client.post(
                f"{server.url}/api/sessions/{sid}/answers",
                json={"answer": f"{GOOD} (via {server.name})"},
                headers=auth,
            )
            codes[server.name] = r.status_code

        threads = [threading.Thread(target=send, args=(s,)) for s in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        after = client.get(f"{b.url}/api/sessions/{sid}", headers=auth).json()

    assert set(codes.values()) <= {200, 409} and 200 in codes.values()
    answered = [t for t in after["turns"] if t["answer"] is not None]
    # Each accepted answer is on a turn of its own; a refused one left no trace.
    assert len(answered) == list(codes.values()).count(200)
    assert sorted(t["answer"] for t in answered) == sorted(
        f"{GOOD} (via {name})" for name, code in codes.items() if code == 200
    )
    assert [t["index"] for t in after["turns"]] == list(range(len(after["turns"])))
    assert sum(t["answer"] is None for t in after["turns"]) <= 1
