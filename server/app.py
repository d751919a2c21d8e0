"""The app factory: ``create_app(settings)`` builds the API, mounts the UI, maps errors."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import gradio as gr
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse

from server.heavy import HeavyWork
from server.limits import install_limits
from server.routes import health, sessions, tools, voice
from simulator.errors import (
    CallbackError,
    IndexNotReadyError,
    InputTooLargeError,
    InvalidInputError,
    ModelUnavailableError,
    SessionFinishedError,
    SessionNotFoundError,
)
from simulator.services import Services
from simulator.settings import Settings
from simulator.uploads import UnsupportedUploadError
from ui.layout import CSS, build_ui

log = logging.getLogger("callback.server")

STATUS = {
    UnsupportedUploadError: 415,
    InputTooLargeError: 413,  # uploads and answers over their limits
    SessionNotFoundError: 404,
    InvalidInputError: 422,  # a value that cannot be accepted (an unknown callback_reason...)
    SessionFinishedError: 409,
    IndexNotReadyError: 503,
    ModelUnavailableError: 503,
}


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    settings = settings or Settings()
    services = services or Services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # A thread that waits on I/O (the event loop, a quick read) gets the interpreter
        # back within this interval while a heavy-work thread computes; Python's 5 ms
        # default made every short request wait several such turns under load.
        sys.setswitchinterval(settings.server.switch_interval_ms / 1000)
        status = services.index_status()
        if not status.ready:
            log.warning("guidance index not ready: %s", status.detail)
        if settings.server.warm_start:
            # The server answers at once; the models load beside it ("warming up" in
            # /api/health and the UI until they are in).
            threading.Thread(target=services.warm_up, name="warm-up", daemon=True).start()
        yield
        services.close()  # frees the embedded models while the interpreter still works

    app = FastAPI(
        title="Callback",
        description="Practise second-round (callback) job interviews with grounded feedback.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.heavy = HeavyWork(settings.server.model_workers)
    app.include_router(health.router)
    app.include_router(sessions.router)
    app.include_router(tools.router)
    app.include_router(voice.router)

    @app.exception_handler(CallbackError)
    async def _callback_error(request: Request, exc: CallbackError) -> JSONResponse:
        code = next((c for t, c in STATUS.items() if isinstance(exc, t)), 400)
        return JSONResponse({"detail": str(exc)}, status_code=code)

    @app.get("/", include_in_schema=False)
    def _root() -> RedirectResponse:
        return RedirectResponse("/ui/")

    reports = settings.data_dir / "reports"  # report downloads are written here
    app = gr.mount_gradio_app(
        app,
        build_ui(services),
        path="/ui",
        allowed_paths=[str(reports)],
        # Recorded answers come through Gradio's upload too; documents keep their own,
        # smaller limit when they are read (simulator.uploads).
        max_file_size=max(settings.limits.max_file_bytes, settings.speech.max_audio_bytes),
        css=CSS,
    )
    install_limits(app, settings.limits, settings.speech.max_audio_bytes)
    return app
