"""Ingestion: guidance cards and user documents into the index, incrementally.

Every document has a key and a content hash. Re-ingesting an unchanged document does
nothing, a changed one is replaced, and one that has gone from the ingested folders is
deleted, so ``ingest`` is cheap enough to run before every ``serve``.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from langchain_text_splitters import RecursiveCharacterTextSplitter
from tqdm import tqdm

from simulator.corpus import load_cards
from simulator.errors import IndexNotReadyError
from simulator.index import GuidanceIndex, chunk_metadata

TEXT_SUFFIXES = {".md", ".txt", ".markdown"}
SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx"}
CHUNK_SIZE = 900
CHUNK_OVERLAP = 120


@dataclass
class Document:
    key: str
    title: str
    source: str
    kind: str
    chunks: list[str]
    reasons: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    look_for: tuple[str, ...] = ()
    session: str = ""
    body: str = ""  # what a search hit shows, when the chunks are only keys to it

    @cached_property
    def hash(self) -> str:
        digest = hashlib.sha256()
        for part in (
            self.title,
            self.source,
            self.body,
            *self.reasons,
            *self.dimensions,
            *self.look_for,
        ):
            digest.update(part.encode())
            digest.update(b"\0")
        for chunk in self.chunks:
            digest.update(chunk.encode())
            digest.update(b"\1")
        return digest.hexdigest()[:16]


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    chunks_written: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        line = (
            f"added {self.added}, updated {self.updated}, removed {self.removed}, "
            f"unchanged {self.unchanged} ({self.chunks_written} chunks embedded)"
        )
        if self.skipped:
            line += f"; skipped {len(self.skipped)}"
        return line

    @property
    def changed(self) -> int:
        return self.added + self.updated + self.removed


class UnreadableDocumentError(ValueError):
    """A file that is not a readable document."""


def _read_text_file(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise UnreadableDocumentError("looks binary")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableDocumentError(f"not UTF-8 text ({exc.reason})") from exc


def read_document(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _read_text_file(path)
    if suffix == ".pdf":
        from pypdf import PdfReader

        try:
            return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        except Exception as exc:  # pypdf raises many types for damaged files
            raise UnreadableDocumentError(f"unreadable PDF ({exc})") from exc
    if suffix == ".docx":
        import docx

        try:
            return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        except Exception as exc:  # python-docx raises many types for damaged files
            raise UnreadableDocumentError(f"unreadable DOCX ({exc})") from exc
    raise UnreadableDocumentError(f"unsupported file type {suffix or '(none)'}")


def _splitter() -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)


def user_document(path: Path, *, session: str = "", key: str | None = None) -> Document:
    text = read_document(path)
    chunks = [c for c in _splitter().split_text(text) if c.strip()]
    return Document(
        key=key or (f"doc:{session}:{path}" if session else f"doc:{path}"),
        title=path.name,
        source=str(path),
        kind="user",
        chunks=chunks,
        session=session,
    )


def card_documents(corpus_dir: Path) -> list[Document]:
    return [
        Document(
            key=card.id,
            title=card.title,
            source=card.source,
            kind="card",
            # The card itself, plus each situation it answers as its own vector: candidates
            # describe situations, not advice, and a short text embeds sharply.
            chunks=[f"{card.title}\n\n{card.text}", *card.situations],
            body=f"{card.title}\n\n{card.text}",
            reasons=card.callback_reasons,
            dimensions=card.dimensions,
            look_for=card.look_for,
        )
        for card in load_cards(corpus_dir)
    ]


def iter_files(paths: Iterable[Path], report: IngestReport) -> Iterator[Path]:
    """Files under ``paths``; a symlink that leads outside the given folders is refused."""
    for root in paths:
        root_real = root.resolve()
        if not root.exists():
            report.skipped.append((str(root), "no such file or folder"))
            continue
        candidates = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in candidates:
            real = path.resolve()
            if root.is_dir() and not real.is_relative_to(root_real):
                report.skipped.append((str(path), "symlink leads outside the ingested folder"))
                continue
            if path.suffix.lower() not in SUFFIXES:
                report.skipped.append(
                    (str(path), f"unsupported file type {path.suffix or '(none)'}")
                )
                continue
            yield path


def ingest(
    index: GuidanceIndex,
    corpus_dir: Path,
    paths: Iterable[Path] = (),
    *,
    session: str = "",
    include_corpus: bool = True,
    rebuild: bool = False,
    rebuild_if_stale: bool = False,
    progress: bool = True,
) -> IngestReport:
    report = IngestReport()
    if rebuild_if_stale and not rebuild:
        try:
            index.store(create=True)
        except IndexNotReadyError as exc:
            print(f"{exc} Rebuilding it now.", file=sys.stderr)
            rebuild = True
    if rebuild:
        index.reset()
    roots = [Path(p).absolute() for p in paths]
    documents: list[Document] = card_documents(corpus_dir) if include_corpus else []
    for path in iter_files(roots, report):
        try:
            documents.append(user_document(path, session=session))
        except (UnreadableDocumentError, OSError) as exc:
            report.skipped.append((str(path), str(exc)))
    for name, why in report.skipped:
        print(f"skipped {name}: {why}", file=sys.stderr)

    existing = index.document_hashes()
    wanted = {d.key: d for d in documents}

    stale = [
        k for k in existing if k not in wanted and _in_scope(k, session, roots, include_corpus)
    ]
    todo = [d for d in documents if existing.get(d.key) != d.hash]
    report.unchanged = len(documents) - len(todo)
    _apply(index, stale, todo, existing, report, progress)
    return report


def _in_scope(key: str, session: str, roots: list[Path], include_corpus: bool) -> bool:
    """Whether a run may delete ``key``: this session's documents under its roots only."""
    if not key.startswith("doc:"):
        return include_corpus
    prefix = f"doc:{session}:" if session else "doc:"
    if not key.startswith(prefix):
        return False  # another session's document
    source = Path(key[len(prefix) :])
    # "doc:s-1:/x" seen from a run without a session leaves "s-1:/x": not absolute.
    return source.is_absolute() and any(source.is_relative_to(r) for r in roots)


def _apply(
    index: GuidanceIndex,
    stale: list[str],
    todo: list[Document],
    existing: dict[str, str],
    report: IngestReport,
    progress: bool,
) -> None:
    """Remove the stale documents and write the new or changed ones, with a progress bar."""
    bar: Any = tqdm(
        total=len(todo) + len(stale),
        desc="ingest",
        unit="doc",
        disable=not progress,
        file=sys.stderr,
        mininterval=0,  # every document shows: a slow one is visible, none is skipped
    )
    for key in stale:
        index.delete_document(key)
        report.removed += 1
        bar.update(1)
    for doc in todo:
        if doc.key in existing:
            index.delete_document(doc.key)
            report.updated += 1
        else:
            report.added += 1
        _write(index, doc)
        report.chunks_written += len(doc.chunks)
        bar.update(1)
    bar.close()


def _write(index: GuidanceIndex, doc: Document) -> None:
    meta = chunk_metadata(
        doc_key=doc.key,
        doc_hash=doc.hash,
        kind=doc.kind,
        title=doc.title,
        source=doc.source,
        reasons=doc.reasons,
        dimensions=doc.dimensions,
        look_for=doc.look_for,
        session=doc.session,
        body=doc.body,
    )
    # Write in batches so a 10 MB document never sits in memory as one embedded blob.
    batch = 64
    for start in range(0, len(doc.chunks), batch):
        part = doc.chunks[start : start + batch]
        ids = [f"{doc.key}#{start + i}-{doc.hash[:8]}" for i in range(len(part))]
        # Every chunk says how many the document has, so one cut short is found and redone.
        metas = [dict(meta, chunk=start + i, chunks=len(doc.chunks)) for i in range(len(part))]
        index.add_chunks(ids, part, metas)
