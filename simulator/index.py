"""The guidance index: a Chroma collection behind ``search(query, k, ...) -> list[Passage]``.

LangChain and Chroma types stay inside this module; callers see only ``Passage``.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from simulator.domain import DIMENSIONS, REASONS, Passage
from simulator.errors import IndexNotReadyError
from simulator.settings import Settings

SCHEMA_VERSION = "2"
FETCH_FACTOR = 8
REBUILD_HINT = "Run `callback-sim ingest --rebuild` to build it again."


@dataclass(frozen=True)
class IndexStatus:
    ready: bool
    documents: int
    chunks: int
    detail: str


def _split(value: Any) -> tuple[str, ...]:
    return tuple(v for v in str(value or "").split(",") if v)


def chunk_metadata(
    *,
    doc_key: str,
    doc_hash: str,
    kind: str,
    title: str,
    source: str,
    reasons: Sequence[str] = (),
    dimensions: Sequence[str] = (),
    look_for: Sequence[str] = (),
    session: str = "",
    body: str = "",
) -> dict[str, Any]:
    """Flat metadata Chroma can filter on: one boolean per reason and per dimension."""
    meta: dict[str, Any] = {
        "doc_key": doc_key,
        "doc_hash": doc_hash,
        "kind": kind,
        "title": title,
        "source": source,
        "reasons": ",".join(reasons),
        "dimensions": ",".join(dimensions),
        "look_for": "|".join(look_for),
        "session": session,
        "body": body,
    }
    meta.update({f"r_{r}": r in reasons for r in REASONS})
    meta.update({f"d_{d}": d in dimensions for d in DIMENSIONS})
    return meta


def _any_of(key_prefix: str, values: Sequence[str]) -> dict[str, Any]:
    clauses: list[dict[str, Any]] = [{f"{key_prefix}{v}": True} for v in values]
    return clauses[0] if len(clauses) == 1 else {"$or": clauses}


def build_filter(
    reasons: Sequence[str] | None, dimensions: Sequence[str] | None, session: str | None
) -> dict[str, Any]:
    clauses: list[dict[str, Any]] = []
    if reasons:
        clauses.append(_any_of("r_", reasons))
    if dimensions:
        clauses.append(_any_of("d_", dimensions))
    # Documents tied to a session are seen only by that session.
    clauses.append({"session": {"$in": ["", session]}} if session else {"session": ""})
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class GuidanceIndex:
    """Guidance cards and user documents in one Chroma collection."""

    def __init__(self, settings: Settings, embeddings: Embeddings, embedding_id: str) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.embedding_id = embedding_id
        self._store: Any = None

    # -- opening -----------------------------------------------------------------------------
    def _client(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaClientSettings

        client_settings = ChromaClientSettings(anonymized_telemetry=False, allow_reset=True)
        if self.settings.chroma.url:
            url = urlparse(self.settings.chroma.url)
            return chromadb.HttpClient(
                host=url.hostname or "localhost",
                port=url.port or 8000,
                ssl=url.scheme == "https",
                settings=client_settings,
            )
        self.settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(
            path=str(self.settings.chroma_path), settings=client_settings
        )

    def store(self, *, create: bool = False) -> Any:
        """The LangChain Chroma store; raises IndexNotReadyError if it is missing or stale."""
        if self._store is not None:
            return self._store
        from langchain_chroma import Chroma

        name = self.settings.chroma.collection
        try:
            client = self._client()
            existing = {c if isinstance(c, str) else c.name for c in client.list_collections()}
            if name not in existing and not create:
                raise IndexNotReadyError(f"The guidance index has not been built. {REBUILD_HINT}")
            collection = client.get_or_create_collection(
                name,
                metadata={
                    "hnsw:space": "cosine",
                    "embedding_model": self.embedding_id,
                    "schema_version": SCHEMA_VERSION,
                },
            )
        except IndexNotReadyError:
            raise
        except Exception as exc:  # Chroma raises many types for a damaged directory.
            raise IndexNotReadyError(
                f"The guidance index could not be opened ({type(exc).__name__}: {exc}). "
                f"{REBUILD_HINT}"
            ) from exc
        meta = collection.metadata or {}
        if meta.get("embedding_model") != self.embedding_id or (
            meta.get("schema_version") != SCHEMA_VERSION
        ):
            raise IndexNotReadyError(
                f"The guidance index was built for {meta.get('embedding_model')!r} "
                f"(schema {meta.get('schema_version')!r}), not {self.embedding_id!r} "
                f"(schema {SCHEMA_VERSION!r}). {REBUILD_HINT}"
            )
        self._store = Chroma(
            client=client, collection_name=name, embedding_function=self.embeddings
        )
        return self._store

    def reset(self) -> None:
        """Delete the whole index (``ingest --rebuild``), even one too damaged to open."""
        self._store = None
        if self.settings.chroma.url:
            client = self._client()
            with contextlib.suppress(Exception):
                client.delete_collection(self.settings.chroma.collection)
            return
        # Chroma keeps one client per path in the process; drop it with the files.
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
        shutil.rmtree(self.settings.chroma_path, ignore_errors=True)

    def status(self) -> IndexStatus:
        try:
            collection = self.store()._collection
            chunks = collection.count()
            metas = collection.get(include=["metadatas"])["metadatas"] or []
        except IndexNotReadyError as exc:
            return IndexStatus(False, 0, 0, str(exc))
        docs = {m.get("doc_key") for m in metas}
        ready = chunks > 0
        detail = "ready" if ready else f"The guidance index is empty. {REBUILD_HINT}"
        return IndexStatus(ready, len(docs), chunks, detail)

    # -- documents -----------------------------------------------------------------------------
    def document_hashes(self) -> dict[str, str]:
        """doc_key -> doc_hash of every document in the index."""
        got = self.store(create=True).get(include=["metadatas"])
        return {m["doc_key"]: m["doc_hash"] for m in got["metadatas"] or []}

    def delete_document(self, doc_key: str) -> None:
        self.store(create=True).delete(where={"doc_key": doc_key})

    def add_chunks(self, ids: list[str], texts: list[str], metadatas: list[dict[str, Any]]) -> None:
        if ids:
            self.store(create=True).add_texts(texts=texts, metadatas=metadatas, ids=ids)

    # -- search ---------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        k: int = 4,
        *,
        reasons: Sequence[str] | None = None,
        dimensions: Sequence[str] | None = None,
        session: str | None = None,
        mmr: bool = False,
    ) -> list[Passage]:
        """The k passages nearest in meaning to ``query``, filtered by reason/dimension/session."""
        if not query.strip() or k <= 0:
            return []
        store = self.store()
        where = build_filter(reasons, dimensions, session)
        if mmr:
            docs = store.max_marginal_relevance_search(
                query, k=k, fetch_k=max(4 * k, 20), filter=where
            )
            pairs = [(d, 0.0) for d in docs]
        else:
            pairs = store.similarity_search_with_score(query, k=k, filter=where)
        passages = []
        for doc, distance in pairs:
            meta = doc.metadata
            passages.append(
                Passage(
                    id=str(meta.get("doc_key")) if meta.get("kind") == "card" else str(doc.id),
                    title=str(meta.get("title", "")),
                    text=doc.page_content,
                    source=str(meta.get("source", "")),
                    callback_reasons=_split(meta.get("reasons")),
                    dimensions=_split(meta.get("dimensions")),
                    look_for=tuple(x for x in str(meta.get("look_for", "")).split("|") if x),
                    score=1.0 - float(distance) if not mmr else 0.0,
                )
            )
        return passages
