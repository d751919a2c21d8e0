"""Whether words could be a person's name, from word lists shipped on PyPI.

- First names and surnames: the US census lists in the ``names`` package (about 5,000 first
  names and 89,000 surnames, many of them from other languages), and the given names among
  the 300 most common of some country (``data/world_given_names.txt``, about 17,500).
- English words: ``wordfreq``'s frequency list. A word at or above ``COMMON_ZIPF`` (about
  once in every 10,000 words of English) is everyday English; below ``RARE_ZIPF`` (once in
  a million), rare enough to be a name.
- Words of other languages: ``wordfreq``'s lists for ``OTHER_LANGUAGES``. A word at or above
  ``FOREIGN_ZIPF`` in one of them ("Teilnehmer", "Gerente") is no name, and nor are two
  everyday English words written as one ("Superday"), unless it is a common name somewhere
  (``data/names_also_words.txt``, made from the ``names-dataset`` package by
  ``python -m evals.build_name_lists``: "Weil", "Sandeep").

A run of capitalised words that are all English words is a heading or a field of work
("Emergency Medicine", "Requires Improvement", "Coding", "Stakeholder Relations"), not a
person. A name needs one word that is a first name, a rare word ("Oyelaran") or a surname that
is not everyday English ("Dunn", not "Early"); typed in lower case, every word ("ben taylor",
not "another directorate").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

COMMON_ZIPF = 4.0
RARE_ZIPF = 3.0  # below about once in a million words: rare enough to be a name
_FIRST = ("dist.male.first", "dist.female.first")
_LAST = ("dist.all.last",)
# The name lists: constant data, read on first use, not at import.
_lists: dict[tuple[str, ...], frozenset[str]] = {}
_extra: dict[str, frozenset[str]] = {}


def _names(files: tuple[str, ...]) -> frozenset[str]:
    if files not in _lists:
        import names

        root = Path(names.__file__).parent
        lines = [
            line
            for name in files
            for line in (root / name).read_text(encoding="utf-8").splitlines()
        ]
        _lists[files] = frozenset(line.split()[0].lower() for line in lines if line.strip())
    return _lists[files]


def _given_names() -> frozenset[str]:
    """The given names and short forms of the ``nicknames`` package's table ("Dom", "Kev")."""
    if "given" not in _extra:
        from nicknames import NickNamer

        table = NickNamer().nickname_lookup
        _extra["given"] = frozenset({*table, *(n for short in table.values() for n in short)})
    return _extra["given"]


WORLD_RANK = 300


def is_first_name(word: str) -> bool:
    """A census first name; or a given name or short form of the nickname table, or a given
    name common in some country, that is no everyday word of English or another language
    (the nickname table's "Experience" and "Governor" are not names)."""
    w = word.strip(".'’").lower()
    return w in _names(_FIRST) or (
        len(w) > 2
        and (w in _given_names() or w in _world_given())
        and not is_common_word(w)
        and not is_foreign_word(w)
    )


def _data_words(name: str) -> frozenset[str]:
    """The words of a list in ``data/``, read on first use."""
    if name not in _extra:
        path = Path(__file__).parent / "data" / name
        _extra[name] = frozenset(path.read_text(encoding="utf-8").split())
    return _extra[name]


def _world_given() -> frozenset[str]:
    """Given names among the ``WORLD_RANK`` most common of some country ("Gilad", "Priya")."""
    return _data_words("world_given_names.txt")


def is_surname(word: str) -> bool:
    return word.strip(".'’").lower() in _names(_LAST)


def _zipf(word: str) -> float:
    """How common ``word`` is in English (log10 of uses per billion words)."""
    from wordfreq import zipf_frequency  # it keeps its own bounded cache of lookups

    return float(zipf_frequency(word.lower(), "en", wordlist="small"))


def is_common_word(word: str) -> bool:
    return _zipf(word) >= COMMON_ZIPF


# Languages whose everyday words turn up in intakes ("Teilnehmer", "Gerente", "Weet").
OTHER_LANGUAGES = (
    "de", "fr", "es", "pt", "nl", "pl", "it", "sv", "da", "nb", "fi", "cs", "ro", "tr", "hu",
    "ca", "id", "ms",
)  # fmt: skip
FOREIGN_ZIPF = 3.5  # about once in 300,000 words of that language
_APOSTROPHES = re.compile(r"['’]")


def _names_also_words() -> frozenset[str]:
    """Names common somewhere in the world that read as words: everyday words of another
    language ("Weil"), or two English words joined ("Sandeep")."""
    return _data_words("names_also_words.txt")


def is_foreign_word(word: str) -> bool:
    """An everyday word of another language that is no common name anywhere: "Einkauf",
    "Gerente", "Senhora", not "Jürgen", "Fischer" or "Weil"."""
    w = _APOSTROPHES.sub("", word.strip(".'’").lower())
    return len(w) > 2 and w not in _names_also_words() and in_other_language(w)


FUNCTION_WORD_ZIPF = 5.5  # about once in 3,000 words: "ja", "en", "la", "och"


def is_function_word(word: str) -> bool:
    """A short everyday word of another language that is no everyday English ("ja", "och",
    "el", "der"): the grammar around a name or title, never part of it."""
    w = word.lower()
    return len(w) <= 4 and not is_common_word(w) and _in_other_language(w, FUNCTION_WORD_ZIPF)


def in_other_language(word: str) -> bool:
    """Whether lower-case ``word`` is an everyday word of one of ``OTHER_LANGUAGES``."""
    return _in_other_language(word, FOREIGN_ZIPF)


def _in_other_language(word: str, zipf: float) -> bool:
    from wordfreq import zipf_frequency  # it keeps its own bounded cache of lookups

    return any(zipf_frequency(word, lang, wordlist="small") >= zipf for lang in OTHER_LANGUAGES)


COMPOUND_ZIPF = 4.5  # both halves about once in 30,000 words of English


def joins_two_words(word: str) -> bool:
    """Whether ``word`` is two everyday English words written as one ("Superday")."""
    w = word.lower()
    return (
        len(w) >= 7
        and w.isalpha()
        and any(
            _zipf(w[:i]) >= COMPOUND_ZIPF and _zipf(w[i:]) >= COMPOUND_ZIPF
            for i in range(3, len(w) - 2)
        )
    )


def _compound(word: str) -> bool:
    """Two everyday English words written as one ("Superday", "Footwear"), and no name: no
    census surname ("Goodwin") and no common name elsewhere ("Sandeep")."""
    w = word.lower()
    return joins_two_words(w) and not is_surname(w) and w not in _names_also_words()


def is_rare_word(word: str) -> bool:
    return _zipf(word) < RARE_ZIPF


def could_start_name(word: str) -> bool:
    """A first name or a rare word ("Ravinder"), not an English one ("Scrutiny")."""
    return is_first_name(word) or (is_rare_word(word.strip(".'’")) and not is_foreign_word(word))


def could_be_name(words: Sequence[str], lower_case: bool = False) -> bool:
    """False when every word (initials aside) is an English word and none a known first name
    or surname; in text typed in lower case, where capitals say nothing, when any word is
    everyday English and no first name."""
    words = [w.strip(".'’") for w in words if len(w.strip(".'’")) > 1]
    if not words:
        return True
    if lower_case:
        return all(is_first_name(w) or not (is_common_word(w) or is_foreign_word(w)) for w in words)
    return any(_could_be_name_word(p) for w in words for p in [w, *w.split("-")] if p)


# Endings of English words made from others ("Coding", "Appointments", "Validation",
# "Behavioural").
_DERIVED = re.compile(
    r"(?:ings?|tions?|sions?|ments?|ity|ities|ness|ances?|ences?|ogy|ship|ics|ural|ional|ical)$",
    re.IGNORECASE,
)


def _could_be_name_word(word: str) -> bool:
    """A first name, a rare word, or a word that is not everyday English and is a surname or
    does not read as a word made from another ("Gareth", not "Scrutiny" or "Contracts")."""
    if is_first_name(word):
        return True
    if is_common_word(word) or is_foreign_word(word) or _compound(word):
        return False
    derived = (
        _DERIVED.search(word) is not None
        or _DERIVED_LONG.search(word) is not None
        # a plural ("Contracts"), though not a short name ending in s ("Jas", "Wes")
        or (
            word.lower().endswith("s")
            and (len(word) > 3 or not word[1:].islower())  # "CVs", "IDs"
            and not is_rare_word(word[:-1])
        )
    )
    return is_surname(word) or not derived


# Endings of long German and Dutch nouns made from others ("Vorentwicklung",
# "Antriebstechnik", "Gemeinschaft", "Universiteit"); short ones end names ("Hùng", "Jung").
_DERIVED_LONG = re.compile(
    r"^\w{4,}(?:ung|ungen|heit|keit|schaft|technik|tät|iteit)$", re.IGNORECASE
)
