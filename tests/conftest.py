"""Shared fixtures: fake-provider services on real Chroma and SQLite, and the real embedded stack."""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from simulator.embeddings import MiniLMEmbeddings
from simulator.llm import FakeLLM
from simulator.panel.name_tagger import NameTagger
from simulator.services import Services
from simulator.settings import PROJECT_ROOT, Settings
from tests.databases import fresh_postgres_database

# A long guidance article the project wrote itself (tests never read anything outside the repo).
SOURCE_ARTICLE = PROJECT_ROOT / "tests" / "data" / "callback_guide.md"


# Hypothesis profiles: ``ci`` (the default: bounded and derandomized, so ``make test`` is quick
# and repeatable) and ``thorough`` (``HYPOTHESIS_PROFILE=thorough``: 1,000 random examples).
hypothesis_settings.register_profile(
    "ci",
    max_examples=75,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@cache
def minilm() -> MiniLMEmbeddings:
    """MiniLM as the embedded app runs it, under onnxruntime (the same vectors as
    sentence-transformers, about a quarter faster to score with), exported once into
    ``test-output/`` and shared by the test processes."""
    return MiniLMEmbeddings(PROJECT_ROOT / "test-output" / "minilm")


class UnreadNames(NameTagger):
    """A name tagger with no model that gives no word any odds: everyone the rules read
    stays and no one is added, so a test sees what ``named_panel`` does after the tagger."""

    def __init__(self) -> None:
        pass

    def word_odds(self, text: str) -> dict[str, float]:
        return {}


def fake_settings(data_dir: Path, **overrides: object) -> Settings:
    # No warm-up thread: a test's requests meet exactly the objects it built.
    overrides.setdefault("server", {"warm_start": False})
    return Settings(provider="fake", data_dir=data_dir, **overrides)  # type: ignore[arg-type]


@pytest.fixture
def database(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """The database URL for ``settings``: None (SQLite in the data dir) unless a test is
    decorated with ``tests.databases.both_databases``, which adds a fresh PostgreSQL database."""
    if getattr(request, "param", "sqlite") == "sqlite":
        yield None
        return
    with fresh_postgres_database() as url:
        yield url


def quiet_settings(data_dir: Path) -> Settings:
    """Fake providers with the rate limits off, for tests that send bursts of requests."""
    return fake_settings(data_dir, limits={"enabled": False})


@pytest.fixture
def settings(tmp_path: Path, database: str | None) -> Settings:
    if database is None:
        return fake_settings(tmp_path / "data")
    return fake_settings(tmp_path / "data", database={"url": database})


@pytest.fixture
def services(settings: Settings) -> Services:
    """Fake model and hashing embeddings, but real Chroma and real SQLite, with the corpus indexed."""
    svc = Services(settings)
    svc.ingest(progress=False)
    return svc


@pytest.fixture
def fake_llm(services: Services) -> FakeLLM:
    llm = services.llm
    assert isinstance(llm, FakeLLM)
    return llm


@pytest.fixture(scope="session")
def embedded_services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """The real embedded stack: Gemma 3 270M via llama.cpp, MiniLM, embedded Chroma, SQLite."""
    data = tmp_path_factory.mktemp("embedded")
    svc = Services(Settings(data_dir=data))
    svc.ingest(progress=False)
    yield svc
