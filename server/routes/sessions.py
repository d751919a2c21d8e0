"""Practice sessions over REST: create, list, read, answer (plain or streamed), report,
delete.

Every session belongs to the bearer token it was created with; without that token a
session does not exist (404).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any, Literal

from fastapi import APIRouter, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse

from server.deps import HeavyDep, OwnerDep, ServicesDep, TokenDep
from server.heavy import HeavyWork
from server.responses import (
    AnsweredSessionOut,
    CreatedSessionOut,
    DocumentOut,
    ReportOut,
    SessionOut,
    SessionSummaryOut,
)
from server.schemas import AnswerIn, IntakeIn
from simulator.domain import Intake
from simulator.errors import CallbackError
from simulator.ownership import hash_token, new_token
from simulator.services import Services

router = APIRouter(prefix="/api")


@router.post("/sessions", status_code=201, response_model=CreatedSessionOut)
async def create_session(
    body: IntakeIn, services: ServicesDep, heavy: HeavyDep, token: TokenDep
) -> dict[str, Any]:
    """Start a session. Send your owner token to keep all your sessions under one owner;
    without one a new token is made and returned (it is shown only this once)."""
    owner_token = token or new_token()
    intake = Intake.from_dict(body.model_dump())
    view = await heavy.run(services.start, intake, body.reason, hash_token(owner_token))
    return {**view.to_dict(), "owner_token": owner_token}


@router.get("/sessions", response_model=list[SessionSummaryOut])
def list_sessions(
    services: ServicesDep, owner: OwnerDep, limit: int = Query(50, ge=1, le=500)
) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "role": r.role,
            "company": r.company,
            "state": r.state,
            "created_at": r.created_at.isoformat(),
        }
        for r in services.sessions(limit=limit, owner_hash=owner)
    ]


@router.get("/sessions/{session_id}", response_model=SessionOut)
def get_session(session_id: str, services: ServicesDep, owner: OwnerDep) -> dict[str, Any]:
    return services.get(session_id, owner).to_dict()


@router.delete("/sessions/{session_id}", status_code=204)
def delete_session(session_id: str, services: ServicesDep, owner: OwnerDep) -> Response:
    """Remove the session, its turns, its documents and their vectors (owner only)."""
    services.delete_session(session_id, owner)
    return Response(status_code=204)


@router.post(
    "/sessions/{session_id}/answers",
    response_model=None,
    responses={
        200: {
            "model": AnsweredSessionOut,
            "description": "The session with the answer's score and the next question; with "
            "`Accept: text/event-stream`, `token` events then a `session` event of this shape.",
            "content": {"text/event-stream": {}},
        }
    },
)
async def answer(
    session_id: str,
    body: AnswerIn,
    services: ServicesDep,
    heavy: HeavyDep,
    owner: OwnerDep,
    request: Request,
) -> dict[str, Any] | StreamingResponse:
    """Score the answer and ask the next question; with ``Accept: text/event-stream`` the
    next question arrives token by token (``token`` events), then the session (``session``)."""
    if "text/event-stream" in request.headers.get("accept", ""):
        services.get(session_id, owner)  # missing or not yours: a plain 404
        return StreamingResponse(
            _answer_events(heavy, services, session_id, body.answer, owner),
            media_type="text/event-stream",
        )
    view = await heavy.run(services.answer, session_id, body.answer, owner_hash=owner)
    data = _with_last_score(view.to_dict(), view.turns)
    return AnsweredSessionOut.model_validate(data).model_dump()


@router.get(
    "/sessions/{session_id}/report",
    response_model=None,
    responses={
        200: {
            "model": ReportOut,
            "description": "The report: JSON, or Markdown (`format=md`) or HTML (`format=html`).",
            "content": {"text/markdown": {}, "text/html": {}},
        }
    },
)
def report(
    session_id: str,
    services: ServicesDep,
    owner: OwnerDep,
    format: Literal["json", "md", "html"] = Query("json"),
) -> Response | dict[str, Any]:
    if format == "html":
        return HTMLResponse(services.report_html(session_id, owner))
    if format == "md":
        return PlainTextResponse(
            services.report_markdown(session_id, owner), media_type="text/markdown; charset=utf-8"
        )
    return ReportOut.model_validate(services.report(session_id, owner)).model_dump()


def _with_last_score(data: dict[str, Any], turns: list[Any]) -> dict[str, Any]:
    answered = [t for t in turns if t.answer is not None]
    data["last_score"] = answered[-1].score if answered else None
    return data


def _event(kind: str, data: Any) -> str:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def _answer_events(
    heavy: HeavyWork, services: Services, session_id: str, text: str, owner: str
) -> AsyncIterator[str]:
    """Runs the turn as heavy work and relays its tokens as server-sent events.

    A client that disconnects mid-stream does not cancel the turn: the answer is stored.
    """
    loop = asyncio.get_running_loop()
    events: asyncio.Queue[tuple[str, Any] | None] = asyncio.Queue()

    def on_token(token: str) -> None:
        loop.call_soon_threadsafe(events.put_nowait, ("token", token))

    async def work() -> None:
        try:
            view = await heavy.run(
                services.answer, session_id, text, on_token=on_token, owner_hash=owner
            )
            events.put_nowait(("session", _with_last_score(view.to_dict(), view.turns)))
        except CallbackError as exc:
            events.put_nowait(("error", {"detail": str(exc)}))
        finally:
            events.put_nowait(None)

    task = asyncio.create_task(work())
    _RUNNING.add(task)
    task.add_done_callback(_RUNNING.discard)
    while (item := await events.get()) is not None:
        yield _event(*item)


_RUNNING: set[asyncio.Task[None]] = set()  # turns still being worked on (kept from collection)


@router.post("/sessions/{session_id}/documents", status_code=201, response_model=DocumentOut)
async def add_document(
    session_id: str, services: ServicesDep, heavy: HeavyDep, owner: OwnerDep, file: UploadFile
) -> dict[str, Any]:
    """Upload a job description or round-one notes (.txt, .md, .pdf, .docx; 5 MB at most);
    it is indexed for this session only."""
    content = await file.read(services.settings.limits.max_file_bytes + 1)
    name = file.filename or "document"
    report = await heavy.run(services.add_document, session_id, name, content, owner)
    return {"document": name, "summary": report.summary(), "chunks": report.chunks_written}
