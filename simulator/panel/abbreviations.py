"""Whether one title is a shortened way of writing another: "Exec Dir Secondary" for
"Executive Director of Secondary Schools", "VP Eng" for "VP Engineering", "DVC (Academic
Affairs)" for "Deputy Vice-Chancellor (Academic Affairs)", "Head of Devrel" for "Head of
Developer Relations"."""

from __future__ import annotations

import re
import unicodedata

from simulator.panel.words import LINKS

# Words that join a title's words and leave no initial ("Faculty of Health Sciences")
SKIPPABLE = LINKS | {"the", "de", "des", "du", "la", "le", "von", "der"}


def _words(title: str) -> tuple[str, ...]:
    """Lower-case words without accents; an acronym ("CEO") is kept in capitals, as each of
    its letters starts a word of its own."""
    flat = unicodedata.normalize("NFKD", title)
    flat = "".join(c for c in flat if not unicodedata.combining(c))
    words = re.findall(r"[A-Za-z0-9]+", flat)
    return tuple(w if len(w) > 1 and w.isupper() else w.lower() for w in words)


def abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is a shorter way of writing ``long``: each of its words, in order,
    is made of the first letters of one or more of ``long``'s words in turn, with further
    letters of those words in order ("Mgr", "Mktg", "VP", "FHS"). Like a title that another
    holds whole, ``long`` may have words that ``short`` leaves out ("Clinical Mgr",
    "Clinical Pharmacy Manager")."""
    s, lw = _words(short), tuple(w.lower() for w in _words(long))
    if not s or len("".join(s)) >= len("".join(lw)) or s == lw[: len(s)]:
        return False
    return _match(s, lw, 0, 0, {})


def _match(
    s: tuple[str, ...], lw: tuple[str, ...], i: int, j: int, seen: dict[tuple[int, int], bool]
) -> bool:
    """Whether short words ``s[i:]`` abbreviate long words from ``lw[j]`` on (``seen``
    remembers the answers of this one comparison)."""
    if i == len(s):
        return True
    if (i, j) not in seen:
        seen[(i, j)] = any(
            _word_from(s[i], lw, k)
            and any(_match(s, lw, i + 1, end, seen) for end in _ends(s[i], lw, k))
            for k in range(j, len(lw))
        )
    return seen[(i, j)]


def _word_from(word: str, lw: tuple[str, ...], k: int) -> bool:
    return bool(word) and lw[k].startswith(word[0].lower())


def _ends(word: str, lw: tuple[str, ...], k: int) -> list[int]:
    """Where the long words that ``word`` stands for, from ``lw[k]``, can end (exclusive)."""
    # Pieces of ``word`` are taken by lw[k], lw[k+1], ...: each starts with that word's
    # first letter and is a subsequence of it; an acronym's pieces are single letters.
    out: list[int] = []
    initials = word.isupper()
    letters = word.lower()

    def walk(pos: int, m: int) -> None:
        if m >= len(lw) or not lw[m].startswith(letters[pos]):
            return
        for cut in range(pos + 1, pos + 2 if initials else len(word) + 1):
            if not _subsequence(letters[pos:cut], lw[m]) or _plural(letters[pos:cut], lw[m]):
                break
            if cut == len(word):
                out.append(m + 1)
                continue
            walk(cut, m + 1)
            if m + 2 < len(lw) and lw[m + 1] in SKIPPABLE:  # "FHS", Faculty of Health Sciences
                walk(cut, m + 2)

    walk(0, k)
    if letters == lw[k]:  # written the same ("VP" in both)
        out.append(k + 1)
    return out


def _plural(part: str, word: str) -> bool:
    """Whether ``word`` is ``part`` in the plural, which is not a longer way to write it
    ("Partners" is the firm's partners, not one partner's title)."""
    return word in {part + "s", part + "es"}


def _subsequence(part: str, word: str) -> bool:
    it = iter(word)
    return all(c in it for c in part)
