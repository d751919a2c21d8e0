"""GET /api/health: which providers are active and whether the guidance index is ready."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from server.deps import ServicesDep

router = APIRouter()


@router.get("/api/health")
def health(services: ServicesDep) -> dict[str, Any]:
    status = services.index.status()
    return {
        "status": "ok" if status.ready else "degraded",
        "providers": services.providers(),
        "index": {
            "ready": status.ready,
            "documents": status.documents,
            "chunks": status.chunks,
            "detail": status.detail,
        },
    }
