"""Practice sessions over REST: create, read, answer, report."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse

from server.deps import ServicesDep
from server.schemas import AnswerIn, IntakeIn, ScoreIn
from simulator.diagnosis import diagnose
from simulator.domain import Intake
from simulator.errors import CallbackError
from simulator.services import Services

router = APIRouter(prefix="/api")


@router.post("/sessions", status_code=201)
async def create_session(body: IntakeIn, services: ServicesDep) -> dict[str, Any]:
    intake = Intake.from_dict(body.model_dump())
    view = await run_in_threadpool(services.start, intake, body.reason)
    return view.to_dict()


@router.get("/sessions")
def list_sessions(
    services: ServicesDep, limit: int = Query(50, ge=1, le=500)
) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "role": r.role,
            "company": r.company,
            "state": r.state,
            "created_at": r.created_at.isoformat(),
        }
        for r in services.store.list_sessions(limit=limit)
    ]


@router.get("/sessions/{session_id}")
def get_session(session_id: str, services: ServicesDep) -> dict[str, Any]:
    return services.engine.get(session_id).to_dict()


@router.post("/sessions/{session_id}/answers", response_model=None)
async def answer(
    session_id: str, body: AnswerIn, services: ServicesDep, request: Request
) -> dict[str, Any] | StreamingResponse:
    """Score the answer and ask the next question; with ``Accept: text/event-stream`` the
    next question arrives token by token (``token`` events), then the session (``session``)."""
    if "text/event-stream" in request.headers.get("accept", ""):
        services.engine.get(session_id)  # a missing session is a plain 404, not a stream
        return StreamingResponse(
            _answer_events(services, session_id, body.answer), media_type="text/event-stream"
        )
    view = await run_in_threadpool(services.engine.answer, session_id, body.answer)

    data = view.to_dict()
    answered = [t for t in view.turns if t.answer is not None]
    data["last_score"] = answered[-1].score if answered else None
    return data


@router.get("/sessions/{session_id}/report", response_model=None)
def report(
    session_id: str,
    services: ServicesDep,
    format: Literal["json", "md", "html"] = Query("json"),
) -> Response | dict[str, Any]:
    if format == "html":
        return HTMLResponse(services.report_html(session_id))
    if format == "md":
        return PlainTextResponse(
            services.report_markdown(session_id), media_type="text/markdown; charset=utf-8"
        )
    return services.report(session_id)


@router.get("/search")
def search(
    services: ServicesDep,
    q: str = Query(..., min_length=1, max_length=2000),
    k: int = Query(4, ge=1, le=50),
) -> list[dict[str, Any]]:
    return [p.to_dict() for p in services.index.search(q, k=k)]


@router.post("/diagnose")
async def diagnose_intake(body: IntakeIn, services: ServicesDep) -> dict[str, Any]:
    intake = Intake.from_dict(body.model_dump())
    result = await run_in_threadpool(
        diagnose,
        intake,
        services.index.search,
        body.reason,
        services.classifier,
    )
    return result.to_dict()


@router.post("/score")
async def score(body: ScoreIn, services: ServicesDep) -> dict[str, Any]:
    return await run_in_threadpool(services.score_answer, body.model_dump())


def _event(kind: str, data: Any) -> str:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _answer_events(services: Services, session_id: str, text: str) -> Iterator[str]:
    """Runs the turn in a worker thread and relays its tokens as server-sent events."""
    events: queue.Queue[tuple[str, Any] | None] = queue.Queue()

    def work() -> None:
        try:
            view = services.engine.answer(
                session_id, text, on_token=lambda token: events.put(("token", token))
            )
            data = view.to_dict()
            answered = [t for t in view.turns if t.answer is not None]
            data["last_score"] = answered[-1].score if answered else None
            events.put(("session", data))
        except CallbackError as exc:
            events.put(("error", {"detail": str(exc)}))
        finally:
            events.put(None)

    threading.Thread(target=work, daemon=True).start()
    while (item := events.get()) is not None:
        yield _event(*item)
