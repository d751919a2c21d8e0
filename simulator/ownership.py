"""Owner tokens: random bearer secrets, stored only as their SHA-256 hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def owns(owner_hash: str, token_hash: str) -> bool:
    return hmac.compare_digest(owner_hash, token_hash)
