"""Chroma in server mode: Chroma's own server as a subprocess, ingest and search over HTTP."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.corpus import load_cards
from simulator.services import Services
from tests.conftest import fake_settings
from tests.servers import free_port, stop, wait_until_ready

CHROMA = Path(sys.executable).parent / "chroma"
STARTUP_TIMEOUT_S = 60.0


def _chroma_executable() -> str | None:
    if CHROMA.exists():
        return str(CHROMA)
    return shutil.which("chroma")


def _heartbeat(port: int) -> bool:
    for version in ("v2", "v1"):
        url = f"http://127.0.0.1:{port}/api/{version}/heartbeat"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            continue
    return False


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Chroma server on a free local port, stopped (killed if need be) at teardown."""
    exe = _chroma_executable()
    # chromadb is a dependency: a missing CLI is a broken install, not a reason to skip.
    assert exe is not None, (
        "the `chroma` executable (chromadb's CLI) is missing; run `make install`"
    )

    root = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log_path = root / "server.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [exe, "run", "--path", str(root / "db"), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        ready = lambda: _heartbeat(port)  # noqa: E731
        wait_until_ready(proc, ready, log_path, STARTUP_TIMEOUT_S, "chroma server")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


def test_ingest_search_and_reset_against_the_server(chroma_url: str, tmp_path: Path) -> None:
    settings = fake_settings(tmp_path / "data", chroma={"url": chroma_url})
    services = Services(settings)
    assert services.providers()["vector_store"] == "chroma-server"
    cards = len(load_cards(settings.corpus_dir))
    assert cards > 40

    report = services.ingest(progress=False)
    assert (report.added, report.updated, report.removed, report.unchanged) == (cards, 0, 0, 0)
    assert report.chunks_written >= cards
    assert report.summary().startswith(f"added {cards}, updated 0, removed 0, unchanged 0")
    # Nothing went to embedded Chroma on disk: the data lives in the server.
    assert not settings.chroma_path.exists()

    again = services.ingest(progress=False)
    assert again.changed == 0 and again.chunks_written == 0 and again.unchanged == cards

    hits = services.index.search("how should I prepare", k=5, reasons=["split_panel"])
    assert hits and all("split_panel" in p.callback_reasons for p in hits)
    assert all(p.source and p.text for p in hits)

    # A fresh client (another process, in real life) sees the same index.
    other = Services(fake_settings(tmp_path / "other", chroma={"url": chroma_url}))
    status = other.index.status()
    assert status.ready and status.documents == cards
    assert status.chunks == report.chunks_written

    services.index.reset()
    rebuilt = services.ingest(progress=False)
    assert rebuilt.added == cards and rebuilt.chunks_written == report.chunks_written
    assert services.index.search("research the role", k=1)

    rebuilt_again = services.ingest(rebuild=True, progress=False)
    assert rebuilt_again.added == cards and rebuilt_again.changed == cards
    assert services.index.status().chunks == report.chunks_written
