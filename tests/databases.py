"""The databases the persistence tests run on: SQLite, and a fresh database on PostgreSQL.

`make postgres` installs and starts Debian's PostgreSQL with the default URL below; set
``CALLBACK_TEST_POSTGRES_URL`` to use another server (its role must be allowed to create
databases). A test that asks for PostgreSQL fails, never skips, when the server is not there.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from simulator.store import database_url

DEFAULT_POSTGRES_URL = "postgresql+psycopg://callback:callback@127.0.0.1:5432/callback_test"

# Decorates a test that uses the ``settings`` or ``services`` fixture to run it on both.
both_databases = pytest.mark.parametrize("database", ["sqlite", "postgresql"], indirect=True)


def postgres_url() -> str:
    """The test server's database that fresh databases are created from."""
    return database_url(os.environ.get("CALLBACK_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL)


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards; yields its URL."""
    admin_url = postgres_url()
    admin = create_engine(
        admin_url,
        isolation_level="AUTOCOMMIT",
        poolclass=NullPool,
        connect_args={"connect_timeout": 5},
    )
    name = f"callback_t_{uuid.uuid4().hex[:16]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # any driver error: say what to do, and fail
        admin.dispose()
        shown = make_url(admin_url).render_as_string(hide_password=True)
        pytest.fail(
            f"PostgreSQL is needed for this test but {shown} did not let it create a "
            f"database ({type(exc).__name__}: {exc}). Run `make postgres` to install and start "
            "Debian's PostgreSQL, or set CALLBACK_TEST_POSTGRES_URL to a server whose role "
            "may create databases.",
            pytrace=False,
        )
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        try:
            _drop(admin, name)
        finally:
            admin.dispose()


def _drop(admin: Engine, name: str, attempts: int = 10) -> None:
    """Drop a test database, ending first the connections the test's engines still hold.

    ``DROP ... WITH (FORCE)`` is not used: it refuses when an autovacuum worker happens to be
    in the database, because the test role may not signal it. A plain DROP stops autovacuum
    itself, and this role may end its own connections.
    """
    for attempt in range(attempts):
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND usename = current_user "
                    "AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            try:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                return
            except OperationalError:  # still in use: a connection not yet gone
                if attempt == attempts - 1:
                    raise
        time.sleep(0.5)
