"""Whether two given names can be one person's ("Nick" and "Nicholas", "Jen" and
"Jennifer"), from the English nickname table of the ``nicknames`` package."""

from __future__ import annotations

# The table: constant data, read on first use, not at import.
_table: dict[str, dict[str, set[str]]] = {}


def _lookups() -> dict[str, dict[str, set[str]]]:
    if not _table:
        from nicknames import NickNamer

        namer = NickNamer()
        _table["nicknames"] = namer.nickname_lookup
    return _table


def same_given_name(a: str, b: str) -> bool:
    """Whether lower-case given names ``a`` and ``b`` are one name, or one a known short
    form of the other ("nick", "nicholas"); not two names that share a short form ("john",
    "nathan")."""
    if a == b:
        return True
    nicknames = _lookups()["nicknames"]
    return b in nicknames.get(a, set()) or a in nicknames.get(b, set())
