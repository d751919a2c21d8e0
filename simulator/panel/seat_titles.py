"""Whether the panel field names someone's title as a seat ("Ola + CFO", "Head of
Enterprise Solutions + Sr Mgr Pre-Sales", "CSB rep"), so that whoever the notes or message
give that title takes the seat."""

from __future__ import annotations

import re

from simulator.panel.abbreviations import abbreviates
from simulator.panel.words import LEADING, LINKS, TITLE_HEADS, acronym, bare, is_head


def seat_for(title: str, text: str, taken: list[str]) -> bool:
    """Whether the panel field (``text``, cleaned) names ``title`` as a seat nobody holds
    yet, as written or by its initials: a title of two words or more, or a chief's acronym
    ("Head of Enterprise Solutions", "CFO")."""
    if not title or title.lower() in {t.lower() for t in taken}:
        return False
    if any(_seat_written(seat, title) or _rep_of(seat, title) for seat in _SEAT_SPLIT.split(text)):
        return True
    if len(title.split()) < 2 and not (acronym(title) and bare(title) in TITLE_HEADS):
        return False
    if re.search(rf"(?<!\w){re.escape(title)}(?!\w)", text, re.I) is not None:
        return True
    # or by its initials: "the CD" for the Creative Director, "DON, ADON" for the Director
    # and the Assistant Director of Nursing
    words = re.findall(r"[\w'’]+", title)
    # "a PM" for the Senior Project Manager: a grade before the title is not in its initials
    plain = words[1:] if words[0].lower() in _GRADES and len(words) > 2 else words
    initials = {"".join(w[0] for w in ws) for ws in (words, [w for w in plain if w not in LINKS])}
    # "TL" for the Social Work Team Leader for Intake: the head word and the one before it
    initials |= {words[k - 1][0] + w[0] for k, w in enumerate(words) if k and is_head(w)}
    return any(len(i) >= 2 and i.upper() in re.findall(r"\b[A-Z]{2,5}\b", text) for i in initials)


_REP = re.compile(r"^(?:an?\s+|the\s+)?([A-Z][\w&]{1,9})\s+(?:rep|representative)$", re.IGNORECASE)


def _rep_of(seat: str, title: str) -> bool:
    """Whether ``seat`` is a body's representative ("CSB rep") and ``title`` names that body,
    in full or by its initials ("HR Specialist, Civil Service Bureau")."""
    m = _REP.match(seat.strip())
    if not m:
        return False
    body = m[1]
    words = re.findall(r"[\w'’]+", title)
    if body.lower() in (w.lower() for w in words):
        return True
    # the initials of two or more capitalised words in a row ("Civil Service Bureau")
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return body.isupper() and len(body) >= 2 and body in initials


_GRADES = {"senior", "sr", "snr", "junior", "jr"}
_SEAT_SPLIT = re.compile(r"\s*(?:[+,;&\n]|\band\b|\bplus\b)\s*", re.IGNORECASE)
# Seats there is one of, so that the word alone names it ("the owner").
_ONE_OF = {
    "owner",
    "founder",
    "co-founder",
    "proprietor",
    "proprietress",
    "headteacher",
    "principal",
    "dean",
}


def _seat_written(seat: str, title: str) -> bool:
    """Whether ``seat``, a part of the panel field, is ``title`` written shorter ("Head of
    Maths" for Head of Mathematics, "deputy head" for Deputy Headteacher), or a seat there
    is one of ("the owner" for Owner/Director)."""
    seat = re.split(r"\b(?:with|w/)\s", seat, flags=re.IGNORECASE)[-1]  # "trade test w/ ..."
    words = [w for w in re.findall(r"[\w'’-]+", seat.lower()) if w not in LEADING]
    if not words:
        return False
    if len(words) == 1:
        return words[0] in _ONE_OF and words[0] in re.findall(r"[\w'’-]+", title.lower())
    return abbreviates(" ".join(words), title)
