"""The guidance index: a Chroma collection behind ``search(query, k, ...) -> list[Passage]``.

LangChain and Chroma types stay inside this module; callers see only ``Passage``.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from simulator.domain import DIMENSIONS, REASONS, Passage
from simulator.errors import IndexNotReadyError
from simulator.lexical import LexicalIndex, unit_key
from simulator.settings import Settings

SCHEMA_VERSION = "2"
FETCH_FACTOR = 10  # vectors fetched per result wanted: cards have several vectors each
MIN_FETCH = 40
RRF_K = 60  # the usual reciprocal-rank-fusion constant
REBUILD_HINT = "Run `callback-sim ingest --rebuild` to build it again."


@dataclass(frozen=True)
class IndexStatus:
    ready: bool
    documents: int
    chunks: int
    detail: str


def _heartbeat(url: str, timeout_s: float) -> None:
    import httpx

    httpx.get(f"{url.rstrip('/')}/api/v2/heartbeat", timeout=timeout_s).raise_for_status()


def _bound_requests(client: Any, timeout_s: float) -> None:
    """Give every request of Chroma's HTTP client a timeout (its own is None: a server that
    stops answering would hold a search for ever). The session is not public API, so this
    only acts when it is the httpx client it is in the Chroma versions seen so far."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(timeout_s)


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
        self._collection: Any = None
        self._lexical = LexicalIndex()
        # (chunks, documents) from the last full count; a write here clears it.
        self._counts: tuple[int, int] | None = None

    # -- opening -----------------------------------------------------------------------------
    def _client(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaClientSettings

        client_settings = ChromaClientSettings(anonymized_telemetry=False, allow_reset=True)
        if self.settings.chroma.url:
            url = urlparse(self.settings.chroma.url)
            timeout_s = self.settings.chroma.timeout_s
            # Chroma's HTTP client has no timeout and asks the server a few things while it
            # is made; a bounded heartbeat first fails fast on a server that is down or hung.
            _heartbeat(self.settings.chroma.url, timeout_s)
            client = chromadb.HttpClient(
                host=url.hostname or "localhost",
                port=url.port or 8000,
                ssl=url.scheme == "https",
                settings=client_settings,
            )
            _bound_requests(client, timeout_s)
            return client
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
        self._collection = collection
        self._store = Chroma(
            client=client, collection_name=name, embedding_function=self.embeddings
        )
        return self._store

    def reset(self) -> None:
        """Delete the whole index (``ingest --rebuild``), even one too damaged to open."""
        self._store = None
        self._collection = None
        self._counts = None
        if self.settings.chroma.url:
            client = self._client()
            with contextlib.suppress(Exception):
                client.delete_collection(self.settings.chroma.collection)
            return
        # Chroma keeps one client per path in the process; drop it with the files.
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
        # Moved aside in one step, then deleted: a process killed while deleting leaves no
        # half-deleted index behind, only a folder the next reset removes.
        path = self.settings.chroma_path
        if path.exists():
            path.rename(path.with_name(f".{path.name}-deleted-{uuid.uuid4().hex}"))
        for old in path.parent.glob(f".{path.name}-deleted-*"):
            shutil.rmtree(old, ignore_errors=True)

    def status(self) -> IndexStatus:
        try:
            collection = self.store()._collection
            chunks = collection.count()
            if self._counts is None or self._counts[0] != chunks:
                # Counting documents reads every chunk's metadata, so it is redone only when
                # the number of chunks changed (or this process wrote to the index).
                metas = collection.get(include=["metadatas"])["metadatas"] or []
                self._counts = (chunks, len({m.get("doc_key") for m in metas}))
        except IndexNotReadyError as exc:
            return IndexStatus(False, 0, 0, str(exc))
        ready = chunks > 0
        detail = "ready" if ready else f"The guidance index is empty. {REBUILD_HINT}"
        return IndexStatus(ready, self._counts[1], chunks, detail)

    # -- documents -----------------------------------------------------------------------------
    def document_hashes(self) -> dict[str, str]:
        """doc_key -> doc_hash of every document in the index.

        A document whose writing was cut short (an ingest killed part way: fewer chunks
        than it declares, or chunks of two versions) maps to "", so it is written again.
        """
        got = self.store(create=True).get(include=["metadatas"])
        hashes: dict[str, set[str]] = {}
        counts: Counter[str] = Counter()
        declared: dict[str, int] = {}
        for m in got["metadatas"] or []:
            key = m["doc_key"]
            hashes.setdefault(key, set()).add(m["doc_hash"])
            counts[key] += 1
            if "chunks" in m:  # indexes built before this was recorded are taken as whole
                declared[key] = int(m["chunks"])
        return {
            key: next(iter(found))
            if len(found) == 1 and declared.get(key, counts[key]) == counts[key]
            else ""
            for key, found in hashes.items()
        }

    def delete_document(self, doc_key: str) -> None:
        self.store(create=True).delete(where={"doc_key": doc_key})
        self._lexical.dirty = True
        self._counts = None

    def delete_session(self, session_id: str) -> None:
        """Remove every chunk of the documents tied to one session."""
        if not session_id:
            return  # "" marks the shared guidance, never a session's
        self.store(create=True).delete(where={"session": session_id})
        self._lexical.dirty = True
        self._counts = None

    def add_chunks(self, ids: list[str], texts: list[str], metadatas: list[dict[str, Any]]) -> None:
        if ids:
            self.store(create=True).add_texts(texts=texts, metadatas=metadatas, ids=ids)
            self._lexical.dirty = True
            self._counts = None

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
                query, k=FETCH_FACTOR * k, fetch_k=2 * FETCH_FACTOR * k, filter=where
            )
            passages: dict[str, Passage] = {}
            for d in docs:
                passage = _passage(d.metadata, d.page_content, str(d.id), 0.0)
                passages.setdefault(passage.id, passage)
            return list(passages.values())[:k]
        return self._hybrid(query, k, where, reasons, dimensions, session)

    def _hybrid(
        self,
        query: str,
        k: int,
        where: dict[str, Any],
        reasons: Sequence[str] | None,
        dimensions: Sequence[str] | None,
        session: str | None,
    ) -> list[Passage]:
        """Dense and BM25 rankings of units fused by reciprocal rank (k=60, equal weights).

        A card has several vectors (its text and the situations it answers); its dense
        score is the mean of its three best matches, which rewards a card that fits the
        query from several sides over one that fits a single phrasing.
        """
        self._lexical.refresh(self._collection)
        # A metadata filter costs Chroma more than the search itself; skip it when it
        # could not exclude anything (no filters asked, no session-only documents).
        needed = reasons or dimensions or self._lexical.has_session_documents
        got = self._collection.query(
            query_embeddings=[self.embeddings.embed_query(query)],
            n_results=max(FETCH_FACTOR * k, MIN_FETCH),
            where=where if needed else None,
            include=["metadatas", "documents", "distances"],
        )
        dense, first = _dense_scores(got)
        if not dense:
            return []
        dense_rank = sorted(dense, key=lambda u: -dense[u])
        lexical_rank = self._lexical.rank(
            self._collection,
            query,
            reasons=reasons,
            dimensions=dimensions,
            session=session,
            limit=len(dense_rank),
        )
        fused: dict[str, float] = {}
        for ranking in (dense_rank, lexical_rank):
            for position, key in enumerate(ranking, 1):
                fused[key] = fused.get(key, 0.0) + 1.0 / (RRF_K + position)
        # Lexical-only units have no fetched vector to show; they are too weak to matter.
        best = sorted((u for u in fused if u in first), key=lambda u: -fused[u])[:k]
        return [_passage(*first[u], score=dense[u]) for u in best]


def _dense_scores(
    got: Any,
) -> tuple[dict[str, float], dict[str, tuple[dict[str, Any], str, str]]]:
    """Each unit's dense score (the mean of its three best matches; a card with fewer
    vectors is topped up with the weakest match fetched), and its first chunk."""
    sims: dict[str, list[float]] = {}
    first: dict[str, tuple[dict[str, Any], str, str]] = {}
    for chunk_id, meta, text, distance in zip(
        got["ids"][0], got["metadatas"][0], got["documents"][0], got["distances"][0], strict=True
    ):
        key = unit_key(meta, chunk_id)
        sims.setdefault(key, []).append(1.0 - float(distance))
        first.setdefault(key, (meta, text, chunk_id))
    if not sims:
        return {}, first
    floor = min(s for values in sims.values() for s in values)
    dense: dict[str, float] = {}
    for key, values in sims.items():
        top = sorted(values, reverse=True)[:3]
        if first[key][0].get("kind") == "card":
            top += [floor] * (3 - len(top))
        dense[key] = sum(top) / len(top)
    return dense, first


def _passage(meta: dict[str, Any], text: str, chunk_id: str, score: float) -> Passage:
    is_card = meta.get("kind") == "card"
    return Passage(
        id=str(meta.get("doc_key")) if is_card else chunk_id,
        title=str(meta.get("title", "")),
        text=str(meta.get("body") or text),
        source=str(meta.get("source", "")),
        callback_reasons=_split(meta.get("reasons")),
        dimensions=_split(meta.get("dimensions")),
        look_for=tuple(x for x in str(meta.get("look_for", "")).split("|") if x),
        score=score,
    )
