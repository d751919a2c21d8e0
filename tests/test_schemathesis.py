"""Schemathesis against the app's own OpenAPI document: no request gets a 5xx.

Every operation is fuzzed three ways, through the ASGI app with fake providers (real
Chroma and SQLite): with data that fits the schema, sent to a live session with its
owner's token (a fresh session whenever the last one has finished); with data that fits
the schema, its ids and tokens left to chance; and with data that breaks the schema.
The bounded run takes well under a minute; ``HYPOTHESIS_PROFILE=thorough`` runs ten times
as many examples.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err, Ok
from schemathesis.generation import GenerationMode

from server.app import create_app
from simulator.services import Services
from tests.conftest import quiet_settings

EXAMPLES = 25 * (10 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 1)
OPERATIONS = {
    "GET /api/health",
    "POST /api/sessions",
    "GET /api/sessions",
    "GET /api/sessions/{session_id}",
    "DELETE /api/sessions/{session_id}",
    "POST /api/sessions/{session_id}/answers",
    "GET /api/sessions/{session_id}/report",
    "POST /api/sessions/{session_id}/documents",
    "POST /api/sessions/{session_id}/answers/audio",
    "GET /api/sessions/{session_id}/turns/{n}/audio",
    "POST /api/diagnose",
    "POST /api/panel",
    "POST /api/score",
    "GET /api/search",
}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    services = Services(quiet_settings(tmp_path_factory.mktemp("schemathesis") / "data"))
    services.ingest(progress=False)
    return create_app(services.settings, services)


class LiveSession:
    """A session that is still asking questions, and its owner's token."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.id = ""
        self.token = ""

    def current(self) -> tuple[str, str]:
        if self.id:
            got = self.client.get(f"/api/sessions/{self.id}", headers=self.auth())
            if got.json().get("current") is not None:
                return self.id, self.token
        made = self.client.post(
            "/api/sessions",
            json={"role": "Analyst", "round1_notes": "They were unsure about my SQL."},
            headers=self.auth() if self.token else {},
        )
        assert made.status_code == 201, made.text
        self.id, self.token = made.json()["id"], made.json()["owner_token"]
        return self.id, self.token

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def _fuzz(
    operation: Any, mode: GenerationMode, prepare: Callable[[Any], None], seen: Counter[str]
) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        prepare(case)
        response = case.call_and_validate(checks=[not_a_server_error])
        seen[
            f"{operation.method.upper()} {operation.path} {mode.value} {response.status_code}"
        ] += 1

    run()


def test_no_operation_answers_with_a_server_error(app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    results = list(schema.get_all_operations())
    errors = [r.err() for r in results if isinstance(r, Err)]
    assert errors == []  # the spec FastAPI writes is valid OpenAPI
    operations = [r.ok() for r in results if isinstance(r, Ok)]
    labels = {f"{op.method.upper()} {op.path}" for op in operations}
    assert labels == OPERATIONS  # every route is in the spec, and nothing unexpected

    seen: Counter[str] = Counter()
    failures: list[str] = []
    with TestClient(app) as client:
        live = LiveSession(client)

        def owned(case: Any) -> None:
            """Point the case at a live session of its owner, with that owner's token."""
            session_id, token = live.current()
            if "session_id" in (case.path_parameters or {}):
                case.path_parameters["session_id"] = session_id
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}

        runs = [
            (GenerationMode.POSITIVE, owned),
            (GenerationMode.POSITIVE, lambda case: None),
            (GenerationMode.NEGATIVE, lambda case: None),
        ]
        for operation in operations:
            for mode, prepare in runs:
                try:
                    _fuzz(operation, mode, prepare, seen)
                except Unsatisfiable:  # no input can break the schema of an input-less route
                    assert (mode, operation.label) == (GenerationMode.NEGATIVE, "GET /api/health")
                except Exception as exc:  # collect every operation's failure, then report
                    failures.append(f"{operation.label} [{mode.value}]: {exc}")
    assert failures == []
    print(f"schemathesis: {sum(seen.values())} requests", dict(sorted(seen.items())))
    statuses = Counter(key.rsplit(" ", 1)[1] for key in seen.elements())
    assert not any(code.startswith("5") for code in statuses)
    # The fuzzing got past validation and authentication into every handler, and also
    # tried what validation and authentication must turn away.
    for label in OPERATIONS:
        assert any(k.startswith(label + " ") and k.split()[-1] not in {"401", "422"} for k in seen)
    assert statuses["422"] > 0 and statuses["401"] > 0 and statuses["200"] > 0
