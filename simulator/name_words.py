"""Whether words could be a person's name, from two word lists shipped on PyPI.

- First names: the US census lists in the ``names`` package (about 5,000 names).
- Common English words: ``wordfreq``'s frequency list. A word at or above ``COMMON_ZIPF``
  (about once in every 10,000 words of English) is everyday English.

A run of capitalised words that are all everyday English and none a first name is a heading
or a field of work ("Emergency Medicine", "Requires Improvement", "Early"), not a person.
A name needs one word that is either a first name or not everyday English ("Mark Dunn",
"Okafor"); typed in lower case, every word ("ben taylor", not "another directorate").
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

COMMON_ZIPF = 4.0
RARE_ZIPF = 3.0  # below about once in a million words: rare enough to be a name
_LISTS = ("dist.male.first", "dist.female.first")
# The first-name list: constant data (about 5,000 names), read on first use, not at import.
_first: frozenset[str] | None = None


def _first_names() -> frozenset[str]:
    global _first
    if _first is None:
        import names

        root = Path(names.__file__).parent
        lines = [
            line
            for name in _LISTS
            for line in (root / name).read_text(encoding="utf-8").splitlines()
        ]
        _first = frozenset(line.split()[0].lower() for line in lines if line.strip())
    return _first


def is_first_name(word: str) -> bool:
    return word.strip(".'’").lower() in _first_names()


def _zipf(word: str) -> float:
    """How common ``word`` is in English (log10 of uses per billion words)."""
    from wordfreq import zipf_frequency  # it keeps its own bounded cache of lookups

    return float(zipf_frequency(word.lower(), "en", wordlist="small"))


def is_common_word(word: str) -> bool:
    return _zipf(word) >= COMMON_ZIPF


def is_rare_word(word: str) -> bool:
    return _zipf(word) < RARE_ZIPF


def could_start_name(word: str) -> bool:
    """A first name or a rare word ("Ravinder"), not an English one ("Scrutiny")."""
    return is_first_name(word) or is_rare_word(word.strip(".'’"))


def could_be_name(words: Sequence[str], lower_case: bool = False) -> bool:
    """False when every word (initials aside) is everyday English and none a first name;
    in text typed in lower case, where capitals say nothing, when any word is."""
    words = [w.strip(".'’") for w in words if len(w.strip(".'’")) > 1]
    if not words:
        return True
    plausible = [is_first_name(w) or not is_common_word(w) for w in words]
    return all(plausible) if lower_case else any(plausible)
