"""Limits: request body sizes (413), per-token and per-address rates (429 with Retry-After),
timeouts on calls to a Chroma server, and paths that no request can lead out of their folder."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from server.app import create_app
from server.limits import TokenBuckets
from simulator.ingest import IngestReport, iter_files
from simulator.ownership import new_token
from simulator.services import Services
from simulator.settings import LimitsSettings, Settings
from tests.conftest import fake_settings
from ui import handlers


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Services:
    """One indexed data folder for this module; each test makes its own app (and buckets)."""
    svc = Services(fake_settings(tmp_path_factory.mktemp("limits") / "data"))
    svc.ingest(progress=False)
    return svc


def _client(services: Services, **limits: Any) -> TestClient:
    settings = services.settings.model_copy(update={"limits": LimitsSettings(**limits)})
    return TestClient(create_app(settings, services))


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    with _client(services) as c:
        yield c


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _session(client: TestClient) -> tuple[str, dict[str, str]]:
    created = client.post("/api/sessions", json={"role": "Planner"})
    assert created.status_code == 201, created.text
    return created.json()["id"], _auth(created.json()["owner_token"])


# -- body size ---------------------------------------------------------------------------------


def test_an_oversized_json_body_gets_413_with_the_reason_and_nothing_is_stored(
    services: Services,
) -> None:
    with _client(services, max_body_bytes=64 * 1024) as client:
        sid, auth = _session(client)
        url = f"/api/sessions/{sid}/answers"
        big = json.dumps({"answer": "x" * 9_000, "padding": "y" * 80_000}).encode()
        declared = client.post(
            url, content=big, headers={**auth, "Content-Type": "application/json"}
        )
        assert declared.status_code == 413
        assert "64 KB" in declared.json()["detail"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: the bytes are counted
            for start in range(0, len(big), 8192):
                yield big[start : start + 8192]

        streamed = client.post(
            url, content=chunks(), headers={**auth, "Content-Type": "application/json"}
        )
        assert streamed.status_code == 413 and "64 KB" in streamed.json()["detail"]
        turns = client.get(f"/api/sessions/{sid}", headers=auth).json()["turns"]
        assert [t["answer"] for t in turns] == [None]  # neither was stored
        ok = client.post(url, json={"answer": "I mapped the 12 hangars' schedules."}, headers=auth)
        assert ok.status_code == 200


def test_the_default_body_limit_takes_the_longest_valid_answer(client: TestClient) -> None:
    sid, auth = _session(client)
    # 10,000 characters that JSON escapes to 12 bytes each: the largest valid answer body.
    answer = "\U0001f600" * 10_000
    body = json.dumps({"answer": answer}).encode()
    assert len(body) > 100_000
    r = client.post(
        f"/api/sessions/{sid}/answers",
        content=body,
        headers={**auth, "Content-Type": "application/json"},
    )
    assert r.status_code == 200, r.text


def test_an_oversized_upload_gets_413_with_the_reason(client: TestClient) -> None:
    sid, auth = _session(client)
    big = b"a" * (6 * 1024 * 1024)
    r = client.post(
        f"/api/sessions/{sid}/documents", files={"file": ("notes.txt", big)}, headers=auth
    )
    assert r.status_code == 413
    assert "an uploaded document may be 5.0 MB at most" in r.json()["detail"]
    # Gradio's own upload route under /ui also takes recorded answers (10 MB); a document
    # read from it is still held to 5 MB (tests/test_uploads_ui.py).
    huge = b"a" * (11 * 1024 * 1024)
    r = client.post("/ui/gradio_api/upload", files={"files": ("notes.txt", huge)})
    assert r.status_code == 413 and "a recorded answer 10.0 MB" in r.json()["detail"]
    # A document inside the limit still goes through.
    r = client.post(
        f"/api/sessions/{sid}/documents",
        files={"file": ("notes.txt", b"Round one: the zeppelin budget question.")},
        headers=auth,
    )
    assert r.status_code == 201


# -- rates -------------------------------------------------------------------------------------


def test_a_token_over_its_burst_gets_429_with_retry_after_and_others_are_unaffected(
    services: Services,
) -> None:
    # A slow refill (one request per 4 s), so that a loaded machine cannot refill a second
    # request between the two after the wait.
    with _client(services, rate_per_s=0.25, burst=3) as client:
        first, second = _auth(new_token()), _auth(new_token())
        for _ in range(3):
            assert client.get("/api/sessions", headers=first).status_code == 200
        refused = client.get("/api/sessions", headers=first)
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 4  # whole seconds until one more
        assert "this token" in refused.json()["detail"]
        for _ in range(3):  # another token has its own bucket
            assert client.get("/api/sessions", headers=second).status_code == 200
        # Only the API is limited: the UI and the docs still answer.
        assert client.get("/", headers=first, follow_redirects=False).status_code == 307
        time.sleep(int(refused.headers["Retry-After"]))
        assert client.get("/api/sessions", headers=first).status_code == 200
        assert client.get("/api/sessions", headers=first).status_code == 429


def test_an_address_over_its_burst_gets_429_even_with_a_new_token_each_time(
    services: Services,
) -> None:
    with _client(services, address_rate_per_s=0.5, address_burst=4) as client:
        for _ in range(4):  # without a token: 401, but counted against the address
            assert client.get("/api/sessions").status_code == 401
        refused = client.get("/api/sessions", headers=_auth(new_token()))
        assert refused.status_code == 429 and refused.headers["Retry-After"] == "2"
        assert "this address" in refused.json()["detail"]


def test_the_default_limits_leave_room_for_real_use(client: TestClient) -> None:
    sid, auth = _session(client)
    for _ in range(25):  # a browser tab reloading a session quickly
        assert client.get(f"/api/sessions/{sid}", headers=auth).status_code == 200


def test_limits_can_be_turned_off(services: Services) -> None:
    with _client(services, enabled=False, burst=1, max_body_bytes=1024) as client:
        auth = _auth(new_token())
        assert all(client.get("/api/sessions", headers=auth).status_code == 200 for _ in range(5))


def test_token_buckets_refill_at_their_rate_and_forget_idle_keys() -> None:
    now = [0.0]
    buckets = TokenBuckets(0.5, 2, clock=lambda: now[0], max_keys=10)
    assert buckets.wait("a") == 0.0
    buckets.take("a")
    buckets.take("a")
    assert buckets.wait("a") == pytest.approx(2.0)
    now[0] = 1.0
    assert buckets.wait("a") == pytest.approx(1.0)
    now[0] = 2.0
    assert buckets.wait("a") == 0.0
    for n in range(1000):  # a flood of new keys does not grow memory for ever
        now[0] += 0.001
        buckets.take(f"k{n}")
    assert len(buckets) <= 10


# -- timeouts ----------------------------------------------------------------------------------


class _StuckChroma(BaseHTTPRequestHandler):
    """A Chroma server that answers what the client asks while it connects and then never
    answers again (or, with ``stuck_from_start``, never answers at all)."""

    release: threading.Event
    stuck_from_start = False

    def do_GET(self) -> None:
        if self.stuck_from_start or self.path.endswith("/collections"):
            self.release.wait(60)
            return
        body: dict[str, Any] = {"nanosecond heartbeat": 1}
        if self.path.endswith("/identity"):
            body = {"user_id": "", "tenant": "default_tenant", "databases": ["default_database"]}
        elif "/tenants/" in self.path:
            body = {"name": self.path.rsplit("/", 1)[-1], "id": "0" * 32, "tenant": "t"}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.mark.parametrize("stuck_from_start", [False, True])
def test_a_chroma_server_that_stops_answering_times_out(
    tmp_path: Path, stuck_from_start: bool
) -> None:
    release = threading.Event()
    handler = type(
        "Handler", (_StuckChroma,), {"stuck_from_start": stuck_from_start, "release": release}
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        settings = fake_settings(tmp_path / "data", chroma={"url": url, "timeout_s": 0.5})
        started = time.monotonic()
        status = Services(settings).index.status()
        assert time.monotonic() - started < 10
        assert not status.ready and "timed out" in status.detail
    finally:
        release.set()
        server.shutdown()
        server.server_close()


# -- paths -------------------------------------------------------------------------------------

TRAVERSING_NAMES = [
    "../../outside-1.md",
    "..\\..\\outside-2.md",
    "/tmp/outside-3.md",
    "C:\\Windows\\outside-4.md",
    "out\x00side-5.md",
    "....//....//outside-6.md",
    "%2e%2e%2foutside-7.md",
]


def test_upload_names_never_lead_out_of_the_session_folder(
    client: TestClient, services: Services, tmp_path: Path
) -> None:
    sid, auth = _session(client)
    folder = services.settings.data_dir / "uploads" / sid
    for name in TRAVERSING_NAMES:
        r = client.post(
            f"/api/sessions/{sid}/documents",
            files={"file": (name, b"Round one notes about the budget.")},
            headers=auth,
        )
        assert r.status_code == 201, (name, r.text)
    stored = sorted(p.name for p in folder.iterdir())
    assert len(stored) == len(TRAVERSING_NAMES)
    assert all("/" not in n and "\\" not in n and "\x00" not in n for n in stored)
    outside = [p for p in tmp_path.rglob("*outside*") if p.parent != folder]
    assert outside == [] and not Path("/tmp/outside-3.md").exists()
    # A name with a NUL before a harmless suffix is judged by what follows the NUL.
    r = client.post(
        f"/api/sessions/{sid}/documents",
        files={"file": ("notes.md\x00.exe", b"MZ")},
        headers=auth,
    )
    assert r.status_code == 415


def test_an_upload_replaces_a_symlink_instead_of_writing_through_it(
    client: TestClient, services: Services, tmp_path: Path
) -> None:
    sid, auth = _session(client)
    folder = services.settings.data_dir / "uploads" / sid
    folder.mkdir(parents=True)
    victim = tmp_path / "victim.md"
    victim.write_text("untouched", encoding="utf-8")
    (folder / "notes.md").symlink_to(victim)
    r = client.post(
        f"/api/sessions/{sid}/documents",
        files={"file": ("notes.md", b"The uploaded notes.")},
        headers=auth,
    )
    assert r.status_code == 201
    assert victim.read_text(encoding="utf-8") == "untouched"
    stored = folder / "notes.md"
    assert not stored.is_symlink() and stored.read_bytes() == b"The uploaded notes."


def test_session_ids_and_formats_in_urls_cannot_name_paths(
    client: TestClient, services: Services
) -> None:
    _, auth = _session(client)
    data = services.settings.data_dir
    for sid in ("..", "%2e%2e", "..%2F..%2Fetc", "..%5C..%5Cetc", "a%00b", "%2Fetc%2Fpasswd"):
        assert client.get(f"/api/sessions/{sid}", headers=auth).status_code == 404
        r = client.post(
            f"/api/sessions/{sid}/documents",
            files={"file": ("escape.md", b"text")},
            headers=auth,
        )
        assert r.status_code == 404, (sid, r.status_code)
        r = client.get(f"/api/sessions/{sid}/report", headers=auth)
        assert r.status_code == 404
    assert not list(data.rglob("escape.md"))
    sid, auth = _session(client)
    for fmt in ("../../etc/passwd", "/etc/passwd", "md/../../x", "md\x00"):
        r = client.get(f"/api/sessions/{sid}/report", params={"format": fmt}, headers=auth)
        assert r.status_code == 422


def test_report_downloads_serve_only_report_files(
    client: TestClient, services: Services, tmp_path: Path
) -> None:
    reports = services.settings.data_dir / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "callback-report-abc.md").write_text("the report", encoding="utf-8")
    secret = services.settings.data_dir / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    (reports / "link.md").symlink_to(secret)
    served = client.get(f"/ui/gradio_api/file={reports}/callback-report-abc.md")
    assert served.status_code == 200 and served.text == "the report"
    for path in (
        f"{reports}/../secret.txt",
        f"{reports}/%2e%2e/secret.txt",
        f"{reports}/..%2fsecret.txt",
        f"{reports}/..%5csecret.txt",
        f"{reports}/link.md",
        f"{reports}/callback-report-abc.md%00.txt",
        "/etc/passwd",
        str(services.settings.data_dir / "callback.sqlite3"),
    ):
        r = client.get(f"/ui/gradio_api/file={path}")
        assert r.status_code in (403, 404), (path, r.status_code)
        assert "SECRET" not in r.text and "root:" not in r.text
    # The UI writes report files only under names made from a session id.
    for bad in ("../../x", "/etc/x", "a\x00b", "..\\x", ""):
        with pytest.raises(ValueError):
            handlers.write_report_files(services, bad, {}, "")


def test_ingest_never_follows_a_symlink_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "private.md").write_text("private", encoding="utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.md").write_text("notes", encoding="utf-8")
    (folder / "linked.md").symlink_to(outside / "private.md")
    (folder / "linked-dir").symlink_to(outside, target_is_directory=True)
    (folder / "inside.md").symlink_to(folder / "notes.md")
    report = IngestReport()
    found = sorted(p.name for p in iter_files([folder], report))
    assert found == ["inside.md", "notes.md"]
    assert "linked.md" in {Path(name).name for name, _ in report.skipped}
    assert all("symlink leads outside" in why for _, why in report.skipped)


def test_settings_read_the_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLBACK_LIMITS__RATE_PER_S", "2.5")
    monkeypatch.setenv("CALLBACK_LIMITS__BURST", "7")
    monkeypatch.setenv("CALLBACK_LIMITS__MAX_BODY_BYTES", "4096")
    monkeypatch.setenv("CALLBACK_LIMITS__ENABLED", "false")
    monkeypatch.setenv("CALLBACK_CHROMA__TIMEOUT_S", "3")
    settings = Settings()
    assert settings.limits.rate_per_s == 2.5 and settings.limits.burst == 7
    assert settings.limits.max_body_bytes == 4096 and not settings.limits.enabled
    assert settings.chroma.timeout_s == 3.0
