"""Persistence of practice sessions and their turns (SQLAlchemy; SQLite by default)."""

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
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine
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


class Base(DeclarativeBase):
    pass


class SessionRow(Base):
    __tablename__ = "practice_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    role: Mapped[str] = mapped_column(String(300), default="")
    company: Mapped[str] = mapped_column(String(300), default="")
    intake: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    diagnosis: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    personas: Mapped[list[Any]] = mapped_column(JSON, default=list)
    plan: Mapped[list[Any]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(20), default="interviewing")
    model: Mapped[str] = mapped_column(String(200), default="")
    owner_hash: Mapped[str] = mapped_column(String(64), default="", index=True)
    turns: Mapped[list[TurnRow]] = relationship(
        back_populates="session",
        order_by="TurnRow.index",
        cascade="all, delete-orphan",
        lazy="selectin",
    )


class TurnRow(Base):
    __tablename__ = "turns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("practice_sessions.id"), index=True)
    index: Mapped[int] = mapped_column(Integer)
    persona: Mapped[str] = mapped_column(String(64))
    question: Mapped[str] = mapped_column(Text)
    citations: Mapped[list[str]] = mapped_column(JSON, default=list)
    dimensions: Mapped[list[str]] = mapped_column(JSON, default=list)
    plan_item: Mapped[int] = mapped_column(Integer, default=0)
    is_follow_up: Mapped[bool] = mapped_column(default=False)
    used_fallback: Mapped[bool] = mapped_column(default=False)
    generation: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    score: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    asked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
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
    return create_engine(url, pool_pre_ping=True)


class Store:
    """Sessions and turns; every write is its own committed transaction."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        Base.metadata.create_all(self.engine)
        self._add_missing_columns()
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    def _add_missing_columns(self) -> None:
        """Bring a database made by an earlier version up to date (columns are only added)."""
        existing = {c["name"] for c in inspect(self.engine).get_columns("practice_sessions")}
        if "owner_hash" not in existing:
            with self.engine.begin() as conn:
                conn.execute(
                    text(
                        "ALTER TABLE practice_sessions ADD COLUMN owner_hash VARCHAR(64) DEFAULT ''"
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

    def load(self, session_id: str) -> SessionRow | None:
        """A detached copy of a session with its turns loaded."""
        with self._factory() as db:
            row = db.get(SessionRow, session_id)
            if row is not None:
                _ = list(row.turns)
            return row
