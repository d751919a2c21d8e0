"""Each person the reader found once, in the order first found, by their fullest name and
title ("Jen", "Jen Wong" and "Jennifer" are one person; "Partner" gives way to "Partner,
Employment")."""

from __future__ import annotations

import itertools
import re

from simulator.name_words import is_common_word, is_first_name, is_rare_word
from simulator.panel.abbreviations import abbreviates
from simulator.panel.panelist import Panelist
from simulator.panel.same_person import plain_words, same_person
from simulator.panel.words import (
    LINKS,
    TITLE_HEADS,
    TITLE_HONORIFICS,
    TOKEN,
    acronym,
    bare,
    is_head,
    is_panel_role,
)


def merged(found: list[Panelist]) -> list[Panelist]:
    """Each person once, in the order first found, by their fullest name and title; merged
    again until nothing changes, as a fuller name found later can join two mentions ("Dr
    Venkataraman", "Sunita V", then "Sunita Venkataraman")."""
    while len(people := _merged_once(found)) < len(found):
        found = people
    return people


def _merged_once(found: list[Panelist]) -> list[Panelist]:
    by_name: dict[str, Panelist] = {}
    for p in found:
        # as first written, or by the fuller name since found ("Jen", "Jen Wong", "Jennifer")
        key = same_person(p.name, by_name) or next(
            (k for k, m in by_name.items() if same_person(p.name, [m.name])), None
        )
        if key is None:
            by_name[p.name] = p
            continue
        old = by_name[key]
        # An honorific ("Professor"), a seat on the panel ("Member") or a unit ("ICU")
        # gives way to a fuller title.
        # So does a title that a fuller one holds whole ("Partner", "Partner, Employment"),
        # or writes out ("Exec Dir", "Executive Director").
        thin = (
            old.title.lower() in TITLE_HONORIFICS
            or is_panel_role(old.title)
            or (acronym(old.title) and len(p.title.split()) > 1)
            or (
                acronym(old.title)
                and not acronym(p.title)
                and len(p.title) > len(old.title) + 3
                and any(
                    bare(w) in TITLE_HEADS or (is_head(w) and not bare(w).endswith("ist"))
                    for w in TOKEN.findall(p.title)
                )
            )
            or set(TOKEN.findall(old.title.lower())) < set(TOKEN.findall(p.title.lower()))
            or alnum_words(old.title) < alnum_words(p.title)
            or abbreviates(old.title, p.title)
            or _initials_of(old.title, p.title)
            or _group_label(old.title)
            or (
                len(TOKEN.findall(p.title)) > len(TOKEN.findall(old.title))
                and clean_title(p.title)
                and not _plain_title(old.title)
            )
        )
        # A fuller title that reads as one alone replaces one that is not in plain words
        # ("Deputy CEO/COO", "Deputy Chief Executive & Chief Operating Officer").
        thin = thin or (
            len(alnum_words(p.title)) > len(alnum_words(old.title))
            and clean_title(p.title)
            and not _plain_title(old.title)
        )
        fuller = fullness(p.name) > fullness(old.name)
        by_name[key] = Panelist(
            p.name if fuller else old.name,
            (p.title if thin and p.title else old.title) or p.title,
            old.leaning or p.leaning,
        )
    return list(by_name.values())


def merged_by_title(people: list[Panelist]) -> list[Panelist]:
    """``people`` with two mentions of one person merged when both carry one title of two
    words or more and their names agree as far as they go ("Andy" and "Anand Mistry", both
    Regional Sales Manager; "Mari Carmen" and "María del Carmen Fernández-Villanueva López",
    both Directora de Enfermería), by the fuller name, in the place first written."""
    out: list[Panelist] = []
    for p in people:
        k = next((k for k, q in enumerate(out) if _one_by_title(p, q)), None)
        if k is None:
            out.append(p)
            continue
        q = out[k]
        name = p.name if fullness(p.name) > fullness(q.name) else q.name
        out[k] = Panelist(name, q.title, q.leaning or p.leaning)
    return out


def _one_by_title(a: Panelist, b: Panelist) -> bool:
    """Whether two people of one title of two words or more are one: they share a word of
    name and a given name (or its first four letters, "Mari" and "María"), or one is a given
    name alone that starts as the other's does."""
    if not a.title or a.title.lower() != b.title.lower() or len(a.title.split()) < 2:
        return False
    x, y = plain_words(a.name), plain_words(b.name)
    if not x or not y:
        return False
    alone = len(x) == 1 or len(y) == 1
    if set(x) & set(y) and (alone or x[0][:4] == y[0][:4]):
        return True
    return alone and x[0][:2] == y[0][:2]


def alnum_words(title: str) -> set[str]:
    """A title's words split at any punctuation ("Chief Sub-Editor": chief, sub, editor)."""
    return set(re.findall(r"[^\W_]+", title.lower()))


def _initials_of(short: str, title: str) -> bool:
    """Whether ``short`` is capitals that start with the initials of ``title`` written out
    ("CEO" and "Chief Executive"), or has a word that is those initials ("club GM" and
    "General Manager")."""
    initials = "".join(w[0] for w in TOKEN.findall(title) if w[:1].isupper())
    if len(initials) < 2 or len(title.split()) < 2:
        return False
    if short.isalpha() and short.isupper() and short.startswith(initials):
        return True
    # one word of it is those initials ("club GM" and "General Manager")
    return any(w.isalpha() and w.isupper() and w == initials for w in TOKEN.findall(short))


def clean_title(title: str) -> bool:
    """Whether ``title`` reads as a title alone: a head word that is not an acronym, every
    word capitalised or a link word, no quotes and no first name ("Director of Clinical
    Services", not "production mgr, I'd report" or "Manager Jun Takahashi")."""
    tokens = TOKEN.findall(title)
    return (
        not re.search(r"[\"'‘’“”]", title)
        and any(is_head(t) and not acronym(t) for t in tokens)
        and all(
            t in LINKS or not t[:1].isalpha() or (t[:1].isupper() and not is_first_name(t))
            for t in tokens
        )
        # a rare word right after the head is a name: "Associate Chiara"
        and not any(
            a[-1].isalpha()
            and b[:1].isalpha()
            and is_head(a)
            and not is_head(b)
            and is_rare_word(b)
            for a, b in itertools.pairwise(title.split())
        )
    )


def _plain_title(title: str) -> bool:
    """A clean title in everyday words, nothing cut short ("Chief Data Officer", not "Haem
    Onc Consultant", "Hiring Mgr", "HoS" or "CEO")."""
    return clean_title(title) and all(
        t in LINKS or (is_common_word(t) and not acronym(t)) for t in TOKEN.findall(title)
    )


def _group_label(title: str) -> bool:
    """Whether ``title`` is the plural of a title, which labels a group ("Attorneys: S.
    Patel, J. Romano") rather than giving one person's title."""
    return " " not in title and title.endswith("s") and is_head(title[:-1])


def fullness(name: str) -> tuple[int, bool, int, int]:
    """How fully a name is written: its words, an initial not counted, and the name that
    does not start with an initial first ("D. Enrique de la Fuente" is Don Enrique); then
    its length, and its accents."""
    words = plain_words(name)
    accents = sum(not c.isascii() for c in name)  # "Tomás" is fuller than "Tomas"
    return sum(len(w) > 1 for w in words), bool(words) and len(words[0]) > 1, len(name), accents
