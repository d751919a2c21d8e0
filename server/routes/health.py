"""GET /api/health: which providers are active, whether the models are loaded yet and
whether the guidance index is ready."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from server.deps import ServicesDep
from server.responses import HealthOut

router = APIRouter()


@router.get("/api/health", response_model=HealthOut)
def health(services: ServicesDep) -> dict[str, Any]:
    status = services.index_status()
    warmth = services.warmth
    return {
        "status": "warming up"
        if warmth.state == "warming up"
        else ("ok" if status.ready else "degraded"),
        "warm": {"state": warmth.state, "detail": warmth.detail, "seconds": warmth.seconds},
        "providers": services.providers(),
        "index": {
            "ready": status.ready,
            "documents": status.documents,
            "chunks": status.chunks,
            "detail": status.detail,
        },
    }
