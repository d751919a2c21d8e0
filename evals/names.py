"""The suites and tasks the command line offers, named without importing the tasks (the
command line is also what starts the server, which needs none of them)."""

from __future__ import annotations

SUITES = ("smoke", "full")
TASKS = ("diagnosis", "retrieval", "scorer", "graded", "sessions", "listening")
