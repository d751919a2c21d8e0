"""The lexical half of hybrid search: BM25 (rank-bm25) over the units the index returns.

A unit is a whole card (its text and situations together) or one chunk of a user
document. The BM25 table is rebuilt from the collection when this process changed it or
the collection's size changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rank_bm25 import BM25Okapi

_TOKEN = re.compile(r"[a-z0-9]+")
_PAGE = 2000


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def unit_key(meta: dict[str, Any], chunk_id: str) -> str:
    return str(meta["doc_key"]) if meta.get("kind") == "card" else chunk_id


def matches(
    meta: dict[str, Any],
    reasons: Sequence[str] | None,
    dimensions: Sequence[str] | None,
    session: str | None,
) -> bool:
    """The same filter as the vector side's ``where`` clause, in Python."""
    if reasons and not any(meta.get(f"r_{r}") for r in reasons):
        return False
    if dimensions and not any(meta.get(f"d_{d}") for d in dimensions):
        return False
    return meta.get("session", "") in ("", session or "")


@dataclass
class _Unit:
    key: str
    meta: dict[str, Any]
    text: str


class LexicalIndex:
    def __init__(self) -> None:
        self._units: list[_Unit] = []
        self._bm25: BM25Okapi | None = None
        self._count = -1
        self.dirty = True
        self.has_session_documents = True  # until the first refresh says otherwise

    def refresh(self, collection: Any) -> None:
        self._refresh(collection)

    def _refresh(self, collection: Any) -> None:
        count = int(collection.count())
        if not self.dirty and count == self._count:
            return
        grouped: dict[str, _Unit] = {}
        for offset in range(0, count, _PAGE):
            got = collection.get(include=["metadatas", "documents"], limit=_PAGE, offset=offset)
            for chunk_id, meta, text in zip(
                got["ids"], got["metadatas"], got["documents"], strict=True
            ):
                key = unit_key(meta, chunk_id)
                unit = grouped.setdefault(key, _Unit(key, meta, ""))
                unit.text += " " + (text or "")
        self._units = list(grouped.values())
        self.has_session_documents = any(u.meta.get("session") for u in self._units)

        self._bm25 = (
            BM25Okapi([tokens(u.text) or ["_"] for u in self._units]) if self._units else None
        )
        self._count, self.dirty = count, False

    def rank(
        self,
        collection: Any,
        query: str,
        *,
        reasons: Sequence[str] | None,
        dimensions: Sequence[str] | None,
        session: str | None,
        limit: int,
    ) -> list[str]:
        """Unit keys by BM25 score, best first; units sharing no word with the query are left out."""
        self._refresh(collection)
        if self._bm25 is None:
            return []
        scores = self._bm25.get_scores(tokens(query))
        ranked = sorted(
            (
                (score, u.key)
                for score, u in zip(scores, self._units, strict=True)
                if score > 0 and matches(u.meta, reasons, dimensions, session)
            ),
            reverse=True,
        )
        return [key for _, key in ranked[:limit]]
