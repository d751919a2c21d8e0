"""A person the intake names as a panelist."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Panelist:
    name: str
    title: str = ""
    leaning: str = ""  # "doubts", "supports" or ""
