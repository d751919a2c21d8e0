"""Persistence of practice sessions and their turns (SQLAlchemy; SQLite by default, or PostgreSQL).

The same code runs on both. Where they differ, the column types below make them agree:
datetimes come back as UTC on both, and text loses NUL characters and is clipped to its
column's length, as SQLite would store it and PostgreSQL would otherwise refuse it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, Dialect, Engine, make_url
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    noload,
    relationship,
    sessionmaker,
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware datetime that is stored and read back as UTC.

    PostgreSQL's timestamptz reads back in the server's time zone and SQLite's without one;
    here both read back as UTC, so the API's timestamps and their order agree.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        return self.process_bind_param(value, dialect)


class _Clean(TypeDecorator[str]):
    """Text without NUL characters, which PostgreSQL refuses and SQLite would keep, and no
    longer than its column, which PostgreSQL enforces and SQLite does not.

    A value compared with the column is cleaned the same way, so a query for a long value
    still finds the stored one.
    """

    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        value = value.replace("\x00", "")
        length = getattr(self.impl_instance, "length", None)
        return value[:length] if length else value

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return value


class CleanText(_Clean):
    impl = Text
    cache_ok = True  # looked up on each class, not inherited


class CleanString(_Clean):
    """``CleanString(n)`` is a ``String(n)``."""

    impl = String
    cache_ok = True


class Base(DeclarativeBase):
    pass


class SessionRow(Base):
    __tablename__ = "practice_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    role: Mapped[str] = mapped_column(CleanString(300), default="")
    company: Mapped[str] = mapped_column(CleanString(300), default="")
    intake: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    diagnosis: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    personas: Mapped[list[Any]] = mapped_column(JSON, default=list)
    plan: Mapped[list[Any]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(20), default="interviewing")
    model: Mapped[str] = mapped_column(CleanString(200), default="")
    owner_hash: Mapped[str] = mapped_column(String(64), default="", index=True)
    turns: Mapped[list[TurnRow]] = relationship(
        back_populates="session",
        order_by="TurnRow.index",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class TurnRow(Base):
    __tablename__ = "turns"
    # A session's turns are numbered once each, whichever process adds them.
    __table_args__ = (UniqueConstraint("session_id", "index", name="uq_turns_session_index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("practice_sessions.id"), index=True)
    index: Mapped[int] = mapped_column(Integer)
    persona: Mapped[str] = mapped_column(CleanString(64))
    question: Mapped[str] = mapped_column(CleanText)
    citations: Mapped[list[str]] = mapped_column(JSON, default=list)
    dimensions: Mapped[list[str]] = mapped_column(JSON, default=list)
    plan_item: Mapped[int] = mapped_column(Integer, default=0)
    is_follow_up: Mapped[bool] = mapped_column(default=False)
    used_fallback: Mapped[bool] = mapped_column(default=False)
    generation: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    answer: Mapped[str | None] = mapped_column(CleanText, nullable=True)
    score: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    asked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=_now)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    session: Mapped[SessionRow] = relationship(back_populates="turns")


def new_session_id() -> str:
    return uuid.uuid4().hex


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # WAL: readers never block the writer; a killed process loses no committed turn.
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return create_engine(database_url(url), pool_pre_ping=True)


def database_url(url: str) -> str:
    """``url`` with psycopg (3) as the PostgreSQL driver when it names none.

    SQLAlchemy would otherwise pick psycopg2, which is not installed.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


# Any fixed number: serialises schema changes between processes sharing one PostgreSQL.
_SCHEMA_LOCK = 0x63616C6C


class Store:
    """Sessions and turns; every write is its own committed transaction."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Replicas starting together would otherwise race to create the same tables.
                # The lock is held until this transaction ends; PostgreSQL's DDL is transactional.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
            Base.metadata.create_all(conn)
            self._add_missing_columns(conn)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @staticmethod
    def _add_missing_columns(conn: Connection) -> None:
        """Bring a database made by an earlier version up to date (columns are only added)."""
        existing = {c["name"] for c in inspect(conn).get_columns("practice_sessions")}
        if "owner_hash" not in existing:
            conn.execute(
                text("ALTER TABLE practice_sessions ADD COLUMN owner_hash VARCHAR(64) DEFAULT ''")
            )
            conn.execute(
                text(
                    "CREATE INDEX IF NOT EXISTS ix_practice_sessions_owner_hash "
                    "ON practice_sessions (owner_hash)"
                )
            )

    @contextmanager
    def tx(self) -> Iterator[Session]:

        with self._factory() as db, db.begin():
            yield db

    def get(self, db: Session, session_id: str) -> SessionRow | None:
        return db.get(SessionRow, session_id)

    def list_sessions(
        self,
        role: str | None = None,
        limit: int = 100,
        owner_hash: str | None = None,
        *,
        with_turns: bool = False,
    ) -> list[SessionRow]:
        """Newest first; the turns are loaded only when asked for (``with_turns``)."""
        with self._factory() as db:
            query = select(SessionRow).order_by(SessionRow.created_at.desc()).limit(limit)
            if not with_turns:
                query = query.options(noload(SessionRow.turns))
            if role is not None:
                query = query.where(SessionRow.role == role)
            if owner_hash is not None:
                query = query.where(SessionRow.owner_hash == owner_hash)
            return list(db.scalars(query))

    def delete(self, session_id: str) -> bool:
        """Remove a session and its turns; whether there was one."""
        with self.tx() as db:
            db.execute(delete(TurnRow).where(TurnRow.session_id == session_id))
            gone = db.execute(delete(SessionRow).where(SessionRow.id == session_id))
            return bool(gone.rowcount)  # type: ignore[attr-defined]

    def load(self, session_id: str) -> SessionRow | None:
        """A detached copy of a session with its turns loaded."""
        with self._factory() as db:
            row = db.get(SessionRow, session_id)
            if row is not None:
                _ = list(row.turns)
            return row
