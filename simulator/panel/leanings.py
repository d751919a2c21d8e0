"""Who the notes say doubted or backed the candidate, clause by clause."""

from __future__ import annotations

import re

from simulator.panel.panelist import Panelist
from simulator.panel.words import HONORIFICS, bare

DOUBT = re.compile(
    r"\b(doubts?|doubted|doubtful|unconvinced|not convinced|wasn't convinced|less convinced|"
    r"skeptical|sceptical|concerns?|concerned|worr(y|ied|ies)|reservations?|hesitant|"
    r"pushed (back|hard|a lot)|pressed( me)?|grilled|unsure|less sure|hesitations?|"
    r"(not|wasn't|weren't|isn't|aren't) (so |too |very |entirely |fully )?(sure|confident)|"
    r"lean(ing)? no|no-ish|a no(?!-)|weak|sloppy|flagged|didn't engage|"
    r"(don't|didn't) think I (convinced|persuaded)|wants? to check|"
    r"less keen|not keen|held back|against|tough on|challenged|probed|questioned|"
    r"kept (asking|coming back|pressing|pushing)|wasn't sold|not sold|cooler|lukewarm|"
    r"pointed questions?|tough questions?|light on|too thin|was thin|a (real )?gap|"
    r"sticking point|an issue|a problem|not enough|lacked|lacking|over-?engineered|"
    r"critical of|hard time|didn't seem convinced|pushed on|had questions|asked (a lot|twice)|"
    r"felt I (didn't|hadn't|wasn't|haven't|was slow)|hadn't shown|fumbled|kept going on|too junior|"
    r"(would|'d) have preferred|wondered (if|whether)|wants to see|needs? discussing|"
    r"don't think (he|she) was (convinced|sold|keen)|a bit thin|(was|were) thin)\b",
    re.IGNORECASE,
)
SUPPORT = re.compile(
    r"\b(liked|loved|keen|impressed|championed|champion|supportive|in favour|in favor|"
    r"backed|warm|warmed|enthusiastic|positive|argued for|vouched|pushed for|on my side|"
    r"rooted for|praised|could see me|on board|in my corner|fan of|sold on|happy with|"
    r"ideal|love to have|happy to have|glowing|rated me|great fit|good fit|wasted in|"
    r"fought for|my advocate|back me|backing me|clicked|wanted me|spot on|brilliant|"
    r"perfect|strongest|exactly what|strong (yes|hire)|smashed|lovely|appreciated|"
    r"would like me|wants me|move forward)\b",
    re.IGNORECASE,
)
# Contractions typed without their apostrophe ("wasnt sure", "didnt").
_BARE_NOT = re.compile(r"\b(was|were|did|had|is|are|do|does|could|would|have|has)nt\b", re.I)
_PRONOUN = re.compile(r"\b(he|she|him|her|his|he's|she's|hes|shes)\b", re.IGNORECASE)


def read_leanings(text: str, people: list[Panelist]) -> dict[str, str]:
    """Who the text says doubted or favoured the candidate, clause by clause."""
    found: dict[str, str] = {}
    titles = [p.title.lower() for p in people]
    last: list[Panelist] = []  # who the sentence so far is about ("..., but he's worried")
    text = _BARE_NOT.sub(r"\1n't", text.replace("’", "'"))
    for sentence in re.split(r"[.;!?\n]", text):
        last = []
        # Clauses: at "but", "whereas"... and at a comma before someone else's name
        # ("Mateusz liked my design, Hannah felt I was slow").
        for clause in re.split(r",?\s+\b(?:but|whereas|while|although)\b|,\s+(?=[A-Z])", sentence):
            lowered = clause.lower()
            named = [
                p
                for p in people
                if any(
                    re.search(rf"\b{re.escape(w.lower())}\b(?!-)", lowered)
                    for w in _keys(p, unique_title=titles.count(p.title.lower()) == 1)
                )
            ]
            if not named and len(last) == 1 and _PRONOUN.search(clause):
                named = last
            last = named
            _lean(clause, named, found)
    return found


def _lean(clause: str, named: list[Panelist], found: dict[str, str]) -> None:
    """Record the leaning of the one person ``clause`` is about, if it shows one."""
    if len(named) != 1 or named[0].name in found:
        return
    if DOUBT.search(clause):
        found[named[0].name] = "doubts"
    elif SUPPORT.search(clause):
        found[named[0].name] = "supports"


def _keys(p: Panelist, unique_title: bool) -> list[str]:
    """How a text may refer to ``p``: a name, or a title no one else on the panel has."""
    words = [w for w in p.name.split() if bare(w) not in HONORIFICS and len(w) > 2]
    title = p.title.lower()
    return words + ([title] if unique_title and len(title) > 3 else [])
