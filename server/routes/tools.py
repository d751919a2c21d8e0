"""Stateless tools over REST: diagnose an intake, read its panel, score an answer, search
the guidance."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Query

from server.deps import HeavyDep, ServicesDep
from server.responses import DiagnosisOut, PanelistOut, PassageOut, ScoredItemOut
from server.schemas import IntakeIn, ScoreIn
from simulator.domain import Intake

router = APIRouter(prefix="/api")


@router.post("/diagnose", response_model=DiagnosisOut)
async def diagnose_intake(body: IntakeIn, services: ServicesDep, heavy: HeavyDep) -> dict[str, Any]:
    intake = Intake.from_dict(body.model_dump())
    result = await heavy.run(services.diagnose, intake, body.reason)
    return result.to_dict()


@router.post("/panel", response_model=list[PanelistOut])
def read_panel(body: IntakeIn, services: ServicesDep) -> list[dict[str, str]]:
    """Who a session for this intake would seat from it: names, titles and leanings read
    from the panel field, the round-one notes and the recruiter's message."""
    return [asdict(p) for p in services.read_panel(Intake.from_dict(body.model_dump()))]


@router.post("/score", response_model=ScoredItemOut)
async def score(body: ScoreIn, services: ServicesDep, heavy: HeavyDep) -> dict[str, Any]:
    return await heavy.run(services.score_answer, body.model_dump())


@router.get("/search", response_model=list[PassageOut])
def search(
    services: ServicesDep,
    q: str = Query(..., min_length=1, max_length=2000),
    k: int = Query(4, ge=1, le=50),
) -> list[dict[str, Any]]:
    return [p.to_dict() for p in services.search(q, k=k)]
