"""A title for someone read without one, from brackets after any mention of them in the
intake ("Dani (senior animator)", "Ravi sir (Delivery Manager)", "Burak Şahin Bey
(E-Ticaret Direktörü)")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from simulator.panel.given_names import same_given_name
from simulator.panel.panelist import Panelist
from simulator.panel.text import clean_text
from simulator.panel.words import HONORIFICS, STOP, TOKEN, bare, is_head

MAX_WORDS = 7
# Forms of address written after a name ("Ravi sir", "Mehmet Bey", "Zeynep Hanım").
_AFTER_NAME = r"(?:\s+(?:sir|ma['’]am|bey|hanım|hanim|san|ji|sahib|sensei))?"
_BRACKET = r"\s*\(([^()\n]{2,80})\)"
# Words that make a bracket something other than a title: a pronoun, a plan, a way of joining.
_NOT_TITLE = {
    "he", "she", "they", "him", "her", "them", "his", "hers", "their", "tbc", "tbd", "maybe",
    "possibly", "probably", "remote", "online", "zoom", "teams", "video", "phone", "call",
    "chair", "observer", "optional", "joining", "via", "goes", "aka", "ex", "née", "nee",
}  # fmt: skip


def with_bracketed_titles(people: list[Panelist], texts: Iterable[str]) -> list[Panelist]:
    """``people``, each one without a title given the first title-like bracket that follows
    a mention of their full name, or of their surname or first name when no one else found
    has it."""
    text = "\n".join(clean_text(t) for t in texts)
    words = [w.lower() for p in people for w in p.name.split()]
    out = []
    for p in people:
        title = "" if p.title else _bracketed(p.name, text, words)
        out.append(replace(p, title=title) if title else p)
    return out


def _bracketed(name: str, text: str, words_of_all: list[str]) -> str:
    """The title in brackets after the full name, or after a word of it no one else has."""
    words = name.split()
    mentions = [name]
    if len(words) > 1:
        mentions += [w for w in (words[-1], words[0]) if words_of_all.count(w.lower()) == 1]
    for mention in mentions:
        pattern = rf"(?<![\w'’-]){re.escape(mention)}(?![\w'’-]){_AFTER_NAME}{_BRACKET}"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if _title_like(match.group(1)) and not _someone_else(text[: match.start()], words):
                return match.group(1).strip()
    return ""


def _someone_else(before: str, words: list[str]) -> bool:
    """Whether a mention is part of another person's name: a capitalised word before it
    that is neither an honorific nor this person's first name or its short form ("Anna
    Zając" for Michał, but "Jen Kowalski" for Jennifer)."""
    previous = re.search(r"([\w'’.-]+)[ \t]+$", before)  # on the same line
    word = previous.group(1) if previous else ""
    return (
        bool(word)
        and word[:1].isupper()
        and bare(word) not in HONORIFICS
        and not same_given_name(bare(word), words[0].lower())
    )


def _title_like(inner: str) -> bool:
    """A bracket that holds a job title: a few words, one of them a title's head word or
    each capitalised, and none a pronoun, a plan or an everyday linking word."""
    tokens = [t for t in TOKEN.findall(inner) if t not in {"&", "-", "–", "/", ","}]
    words = [bare(t) for t in tokens]
    if not 1 <= len(tokens) <= MAX_WORDS or any(w in _NOT_TITLE for w in words):
        return False
    if any(w in STOP or w in HONORIFICS for w in words) or any(c.isdigit() for c in inner):
        return False
    capitalised = all(t[:1].isupper() or bare(t) in {"of", "for", "de", "di", "du"} for t in tokens)
    return any(is_head(t) for t in tokens) or (capitalised and len(tokens) >= 2)
