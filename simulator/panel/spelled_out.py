"""A title read as initials alone ("CMO"), written out as the intake spells it elsewhere
("Chief Marketing Officer"): the same title, in the words a panel would use to introduce
itself. Kept as initials when the intake spells them out in two different ways ("PM" as
both "Project Manager" and "Product Manager") or not at all."""

from __future__ import annotations

import re

from simulator.panel.abbreviations import SKIPPABLE
from simulator.panel.words import acronym, is_head

INITIALS = re.compile(r"[A-Z]{2,5}")
# A word of a title, as written ("Chief", "scientific", "Vice-President")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def spelled_out(title: str, text: str) -> str:
    """``title`` written out as ``text`` spells it, when it is initials alone and ``text``
    spells them out in one way only; else ``title`` as it is."""
    if not INITIALS.fullmatch(title):
        return title
    found = {form.lower(): form for form in _spellings(title, text)}
    return next(iter(found.values())) if len(found) == 1 else title


def _spellings(initials: str, text: str) -> list[str]:
    """Each run of words in ``text``, on one line, whose initials (joiners aside) are
    ``initials`` and whose last word heads a title ("Chief Marketing Officer" for "CMO")."""
    words = list(_WORD.finditer(text))
    out = []
    for k, first in enumerate(words):
        if first[0][0].upper() != initials[0] or first[0].lower() in SKIPPABLE:
            continue
        got = ""
        for m in range(k, min(len(words), k + 2 * len(initials))):
            word = words[m][0]
            if m > k and text[words[m - 1].end() : words[m].start()].strip(" "):
                break  # a comma, a bracket or a new line ends the run
            if word.lower() in SKIPPABLE:
                continue
            got += word[0].upper()
            if acronym(word) or not initials.startswith(got):
                break
            if got == initials:
                if is_head(word):
                    out.append(text[first.start() : words[m].end()])
                break
    return out
