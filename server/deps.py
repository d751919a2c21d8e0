"""FastAPI dependencies: the services the app was built with, and the caller's owner token."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server.heavy import HeavyWork
from simulator.ownership import hash_token
from simulator.services import Services

_bearer = HTTPBearer(
    auto_error=False, description="The owner token returned by POST /api/sessions."
)


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def get_heavy(request: Request) -> HeavyWork:
    heavy: HeavyWork = request.app.state.heavy
    return heavy


def optional_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str | None:
    return credentials.credentials if credentials else None


def owner_hash(token: Annotated[str | None, Depends(optional_token)]) -> str:
    """The hash of the caller's bearer token; sessions are only reachable with theirs."""
    if not token:
        raise HTTPException(
            status_code=401,
            detail="Send the session's owner token as 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return hash_token(token)


ServicesDep = Annotated[Services, Depends(get_services)]
HeavyDep = Annotated[HeavyWork, Depends(get_heavy)]
OwnerDep = Annotated[str, Depends(owner_hash)]
TokenDep = Annotated[str | None, Depends(optional_token)]
