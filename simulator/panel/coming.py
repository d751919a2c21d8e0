"""Who is in the coming round: the people a sentence about it names ("You'll meet ...",
a list after "The panel will be:"), never one a sentence keeps out ("Parveen won't be
there") or someone replaces ("in place of Sam"); the sender, when they say they will sit on
the panel."""

from __future__ import annotations

import re
from collections.abc import Iterable

from simulator.name_words import is_common_word
from simulator.panel.languages import BEFORE, COMING, MEETING, NOT_THERE
from simulator.panel.panelist import Panelist
from simulator.panel.text import clean_text, sentences, signer
from simulator.panel.words import HONORIFICS, bare

# A sentence that puts people in the interview room.
PANEL_CUE = re.compile(
    r"\b(join\w*|sit(ting)? (in|on)|panel|meet(ing)?|interview\w*|attend\w*|be there|"
    r"with you|(?:you['’]ll|you will) be with|also be|as well|too|see|chat|talk|"
    r"(?<!thanks )(?<!thank you )again|"
    r"run (?:it|the)|conduct\w*|dial(?:ling)? in|step(?:s|ping)? in|"
    r"(?:discussion|conversation|session|round|call|assessment|exercise|visit)\b[^.;]{0,60}\bwith|"
    r"take you (?:through|round|around)|show you|observ(?:e|ed|es|ing)|"
    # someone standing in: "Gemma Rourke will take his place", "so Carolina will cover it"
    r"(?:take|took|taking) (?:his|her|their) place|in (?:his|her|their) (?:place|stead)|"
    r"cover(?:s|ing)? (?:it|that|this|for)|" + MEETING + r")\b",
    re.IGNORECASE,
)
# A sentence about the coming round ("You'll meet ...", "Keith would like to ..."), and one
# that keeps someone out of it ("Parveen won't be there next time").
NEXT = re.compile(
    r"\b(?:will|going to|next (?:round|stage|step|time|interview)|again|would (?:like|love)|"
    r"joining|also (?:be|sit|join)|invit\w*|(?:second|final|callback) (?:stage|round|interview)|"
    r"come back|"
    r"would be|\bit['’]d be|your (?:\w+ ){0,2}interview (?:with|is)|"
    r"(?:is|has been|have been) (?:scheduled|booked|arranged|confirmed)|" + COMING + r"\b"
    r")\b|['’](?:ll|d (?:like|love))\b",
    re.IGNORECASE,
)
_NOT_THERE = re.compile(
    r"\b(?:won['’]?t|will not) (?:be|attend|join|sit|make|come)\b"
    r"|\b(?:isn['’]?t|is not|not|never) (?:be |going to be )?"
    r"(?:on the|in the|involved|joining|there|attending|coming|available|part of)\b"
    r"|\bno longer\b|\b(?:can['’]?t|cannot|unable to) (?:make|attend|join|come)\b"
    r"|\b(?:is|will be) away\b|\bon (?:annual |maternity |paternity )?leave\b"
    r"|\bunavailable\b|\boff sick\b"
    # away, unless joining from there: "Marcus is travelling that week and will join by video"
    r"|(?:\bout of (?:the country|office|town)|\b(?:is|are|will be|['’]s|['’]re) "
    r"(?:travell?ing|overseas|abroad))\b(?![^.;]*\b(?:join|dial|video|remote|zoom|teams|online))"
    # "Yaw Darko was originally scheduled to join but ...": a plan that changed
    r"|\b(?:was|were) (?:originally |initially |first )?(?:supposed|scheduled|due|meant|set|"
    r"planned|going) to (?:join|be there|be on|sit|attend|take part)\b"
    # "Richard Pembury | Managing Director | Apologies", "Tom sends his apologies"
    r"|\b(?:sends? (?:his|her|their) )?apologies\b(?! for)"
    r"|\b(?:may|might|could) (?:pop|drop|look|stick) (?:in|by|their head)"  # not a panelist
    r"|\b(?:" + NOT_THERE + r")\b",
    re.IGNORECASE,
)
# The sender puts themself on the panel ("I'll also sit on the panel", "You'll meet me").
SELF_JOIN = re.compile(
    r"\bI(?:['’]ll| will) (?:also )?(?:be )?(?:sit|join|be (?:on|there|in))|"
    r"\bmeet (?:(?:\w+ )?(?:and|with) )?me\b|(?:\bwill be|['’]ll be|\bare|\bwith|\band) myself\b|"
    r"\b(?:chat|meeting|interview|call|talk|catch-up|convo|sit down) (?:with|w/) me\b|"
    r"(?:\bwith|\bw/) me (?:and|&|\+)|"
    r"\b(?:be|is) me(?: and|,)|\b(?:come|pop in and) see me\b|"
    # "itll just be me", "Just me on site that day"
    r"\b(?:just|only) (?:be )?me\b(?! (?:know|a |an |the |to |if |when ))|"
    # "Me and my mom Norma will be there", "Dave and me will join you"
    r"\b(?:me|myself) (?:and|&|\+) [^.;!?\n]{1,40}?(?:will|['’]ll|are going to) (?:be|join|sit|meet)\b|"
    r"(?:\band|&|\+) (?:me|myself|I) (?:will|['’]ll|are going to) (?:be|join|sit|meet)\b|"
    # other languages: "Estaremos Javier Ruiz y yo", "... y una servidora", "et moi"
    r"\b(?:y|e) (?:yo|eu|una servidora|un servidor)\b|\bet moi(?:-même)?\b|\bund ich\b|"
    r"\ben ik\b|\b(?:conmigo|comigo|avec moi|mit mir|met mij)\b",
    re.IGNORECASE,
)
# Where a sentence about the coming round names someone from before ("Following your
# discussion with Sergeant Fletcher, ...", "As Marisol mentioned, ...").
_BEFORE = re.compile(
    r"\b(?:following|after|further to) (?:your|our|the) (?:\w+ ){0,2}?(?:with|from) [^,.;]*"
    r"|\bas [A-Z][\w'’-]+(?: [A-Z][\w'’-]+)? (?:mentioned|said|explained|suggested|discussed)"
    r"|\bthanks? (?:you )?for (?:your|the) time with [^,.;]*"
    r"|\b(?:" + BEFORE + r")",
    re.IGNORECASE,
)
# Whom someone replaces: the name after it is not in the room ("Diane Whitford will meet you
# in place of Sam Adeyemi-Brooks", "Whitford (subbing for Adeyemi-Brooks)").
REPLACES = re.compile(
    r"\b(?:replacing|instead of|subbing for|standing in for|covering for|in place of|"
    r"filling in for|taking over from|step(?:s|ping)? in for|sit(?:s|ting)? in for|"
    # the plan before: "The panel was due to include Mr Alan Booth; ..."
    r"(?:was|were) (?:originally |initially |first )?(?:supposed|scheduled|due|meant|set|"
    r"planned|going) to (?:include|have)|"
    # other languages: "statt Reuter", "en lugar de Ana", "au lieu de", "invece di"
    r"statt|anstelle von|anstatt|en lugar de|en vez de|au lieu de|à la place de|invece di|"
    r"al posto di|em vez de|no lugar de|in plaats van)\s+",
    re.IGNORECASE,
)
# A clause that names someone not coming: "Sandeep Bhatt principal analyst. not Sgt
# Tulloch this time?", "Raj and Ola, but not Dave"
_NOT_NAMED = re.compile(r"(?:^|[.;,(]\s*|\bbut )not\s+(?=[A-Z])")
# A sentence that adds to the one before: "... will be there again. Also Sandra Bloom."
_ALSO = re.compile(r"^\W*(?:also|plus|and also|as well as)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"(?:her|him|them|me|us)\b", re.IGNORECASE)
_HE_OR_SHE = re.compile(r"^\W*(?:he|she|they)\b\W*$", re.IGNORECASE)  # the whole subject
# "he" or "she" just before "won't be there": "Mr Alan Booth ...; unfortunately he is now
# unable to attend", "normally Hyun-woo Park, but he's travelling"
_PRONOUN_SUBJECT = re.compile(
    r"\b(?:he|she)(?:['’]s)?(?: (?:is|will|has|had|was|now|also|sadly|unfortunately|be|been))*"
    r"\s*$",
    re.IGNORECASE,
)


def _mentioned_at(sentence: str, name: str, any_case: bool = False) -> int:
    """Where ``sentence`` last names ``name`` by one of its words (not an honorific), or -1;
    with ``any_case``, in lower case too ("ciarán won't be at the interview"), unless the
    word is an everyday one ("Will", "Mark")."""
    spots = [
        m.start()
        for w in name.split()
        if len(w) > 2 and bare(w) not in HONORIFICS
        for m in re.finditer(
            rf"(?<![\w'’-]){re.escape(w)}(?![\w'’-])",
            sentence,
            re.IGNORECASE if any_case and not is_common_word(w) else 0,
        )
    ]
    return max(spots, default=-1)


NEAR = 40  # characters: a name this close before "won't be there" is who will not be
# A bracket with its own subject before "not coming": "Ola (MD not coming)" keeps out the MD.
_OWN_SUBJECT = re.compile(r"\(\s*(?:the |our )?[A-Z][\w.&-]*\s*$")


def _kept_out(
    sentence: str, at: dict[str, int], signed: set[str], last: set[str]
) -> tuple[bool, set[str]]:
    """Whether ``sentence`` says someone will not be in the coming round, and whom it keeps
    out (of the people ``at`` where it names them, -1 if it does not): whom someone replaces;
    whoever it names just before "won't be there" ("Tom said Liz won't be there"), or "he"
    (``last``). "I won't be on it" is the sender, and says nothing of the others."""
    named = {n: i for n, i in at.items() if i >= 0}
    away: set[str] = set()
    for swap in [*REPLACES.finditer(sentence), *_NOT_NAMED.finditer(sentence)]:
        if _PRONOUN.match(sentence, swap.end()):
            continue  # "will sit in for her alongside Craig Lumsden": Craig is coming
        after = {n: i for n, i in named.items() if swap.end() <= i < swap.end() + 30}
        away |= {n for n, i in after.items() if i == min(after.values())}
    no = _NOT_THERE.search(sentence)
    if no is None:
        return False, away
    if re.search(r"\bI\W*$", sentence[: no.start()]):
        # the sender will not be there: "It'll be him + Bazza, I won't be on it"
        return False, away | {n for n in at if {*n.lower().split()} & signed}
    pronoun = _PRONOUN_SUBJECT.search(sentence, 0, no.start())
    earlier = {n: i for n, i in named.items() if pronoun and i < pronoun.start()}
    if earlier:
        latest = max(earlier.values())
        return True, away | {n for n, i in earlier.items() if i == latest}
    before = {
        n: i
        for n, i in named.items()
        if i < no.start() <= i + NEAR and not _OWN_SUBJECT.search(sentence, i, no.start())
    }
    if before:
        latest = max(before.values())
        away |= {n for n, i in before.items() if i == latest}
    elif _HE_OR_SHE.search(sentence[: no.start()]):
        away |= last
    return True, away


def _standing_in(sentence: str, named: dict[str, int], away: set[str]) -> set[str]:
    """Whom a sentence that keeps someone out puts in their place, after it ("Mr Alan Booth
    is now unable to attend, so Mrs Rekha Patel will join ...")."""
    no = _NOT_THERE.search(sentence)
    if no is None:
        return set()
    rest = sentence[no.end() :]
    if not (NEXT.search(rest) and PANEL_CUE.search(rest)):
        return set()
    return {n for n, i in named.items() if i >= no.end() and n not in away}


def next_round(
    people: list[Panelist], texts: Iterable[str], listed: bool, seated: Iterable[str] = ()
) -> list[Panelist]:
    """Never whoever a sentence keeps out of the coming round ("Parveen won't be there",
    "... Dave. He won't be in the next interview"); with no panel field naming anyone
    (``listed`` false), only whoever a sentence or list about that round names, when any
    does, and whoever holds a seat the panel field gives by title (``seated``)."""
    coming: set[str] = set(seated)
    away: set[str] = set()
    for text in texts:
        signed = signer(text)
        last: set[str] = set()  # whom the sentence before named last: "he", "she"
        # In a list that a sentence about the coming round introduced ("The panel will
        # be:", "... callback interviews. Your schedule is as follows:"), until a blank
        # line after its first entry.
        listing = cue = after_cue = False
        entries = 0
        for line in clean_text(text).splitlines():
            if not line.strip():
                listing = listing and not entries
                continue
            for sentence in sentences(line):
                at = {p.name: _mentioned_at(sentence, p.name) for p in people}
                if SELF_JOIN.search(sentence):
                    at |= {p.name: 0 for p in people if {*p.name.lower().split()} & signed}
                named = {n: i for n, i in at.items() if i >= 0}
                # who is kept out is read in lower case too
                lower = {
                    n: _mentioned_at(sentence, n, any_case=True) for n, i in at.items() if i < 0
                }
                no, out = _kept_out(sentence, at | lower, signed, last)
                away |= out
                if no:  # "..., but he's travelling, so Carolina Mendes will cover it"
                    coming |= _standing_in(sentence, named, out)
                if not no and (
                    NEXT.search(sentence)
                    or listing
                    or (after_cue and _ALSO.search(sentence))
                    or SELF_JOIN.search(sentence)  # "a sit down with me & Dave"
                ):
                    earlier = [m.span() for m in _BEFORE.finditer(sentence)]
                    coming |= {
                        n for n, i in named.items() if not any(a <= i < b for a, b in earlier)
                    }
                    entries += bool(listing and named)
                    cue = True
                if sentence.rstrip().endswith(":") and cue and not listing:
                    listing, entries = True, 0
                after_cue = bool(NEXT.search(sentence)) and not no
                cue = cue and bool(NEXT.search(sentence) or listing)
                if named:
                    latest = max(named.values())
                    last = {n for n, i in named.items() if i == latest}
    kept = [p for p in people if p.name not in away]
    if listed or not coming & {p.name for p in kept}:
        return kept
    return [p for p in kept if p.name in coming]
