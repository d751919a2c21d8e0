"""Names the intake says are one person: "Dee = Deandre Williams" (or "Ola = Aleksandra
Nowicka?", noted with a doubt), "Jun-Jun (Ferdinand Reyes)", "Aunty Tolu (Toluwalope
Ogundipe)". The short name is whatever the candidate calls them; the full one is what the
panel reader keeps."""

from __future__ import annotations

import re

from simulator.name_words import could_be_name, is_common_word, is_first_name
from simulator.panel.words import HONORIFICS, PARTICLES, bare, is_head

_WORD = r"[A-Z][\w'’-]+"
_PARTICLE = "|".join(sorted(PARTICLES, key=len, reverse=True))
_ALIAS = re.compile(
    rf"(?P<short>(?<![\w'’-]){_WORD})[ \t]*(?:\([ \t]*|=[ \t]*|\baka[ \t]+)"
    rf"(?P<full>{_WORD}(?:[ \t]+(?:{_WORD}|(?:{_PARTICLE})(?=[ \t]))){{1,5}})"
    r"(?:[ \t]*\)|(?=[ \t]*(?:\(|[,.;:?!\n]|$)))",
    re.IGNORECASE,
)


# The name someone goes by, its last word the first of the full name in brackets after
# it: "Ben Trần (Trần Văn Bình)", written family name first.
_LED = re.compile(rf"(?<![\w'’-])(?P<lead>{_WORD})[ \t]+(?={_ALIAS.pattern})", re.IGNORECASE)


def _led(m: re.Match[str]) -> tuple[str, str] | None:
    """The first name and the full name of an ``_LED`` match, when the lead is a known
    first name that the full name does not hold and the name after it starts the full one."""
    lead, short, full = m["lead"], m["short"], " ".join(m["full"].split())
    words = [w.lower() for w in full.split()]
    if not (lead[0].isupper() and is_first_name(lead)) or lead.lower() in words:
        return None
    return (lead, full) if words[0] == short.lower() and len(words) >= 3 else None


# A second given name inside a full one, quoted or in brackets: "Venkatesh 'Venky'
# Subramanian", "Con (Cornelius) Lehane". The longer given name is the full one.
_INNER = re.compile(
    rf"(?<![\w'’-])(?P<a>{_WORD})[ \t]+(?:['‘\"“](?P<q>{_WORD})['’\"”]|\((?P<b>{_WORD})\))"
    rf"(?P<surname>(?:[ \t]+{_WORD}){{1,3}})(?![\w'’-])(?![ \t]+[A-Z])"
)


def _inner(m: re.Match[str]) -> tuple[str, str] | None:
    """The short given name and the full name of an ``_INNER`` match, if both given names
    read as names and the last word as a surname."""
    a, surname = m["a"], " ".join(m["surname"].split())
    # a quoted one is the short name; of two in brackets, the shorter
    short, given = (m["q"], a) if m["q"] else sorted((a, m["b"]), key=len)
    if not (is_first_name(given) or is_first_name(short)) or any(
        is_common_word(w) for w in surname.split()
    ):
        return None
    if any(is_head(w) or bare(w) in HONORIFICS for w in (short, given, *surname.split())):
        return None
    return short, f"{given} {surname}"


# A name someone goes by, quoted before their surname: '"Danny" Dang', when the texts
# write one full name with that surname ("Duc Dang").
_QUOTED_BEFORE = re.compile(rf"['‘\"“](?P<q>{_WORD})['’\"”][ \t]+(?P<surname>{_WORD})(?![\w'’-])")


def _inside_a_name(m: re.Match[str]) -> bool:
    """Whether a quoted name is inside a full one ("Alberto 'Beto' Garza", ``_INNER``)."""
    return re.search(r"[A-Z][\w'’-]*[ \t]+$", m.string[: m.start()]) is not None


def _quoted_before(texts: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in (m for t in texts for m in _QUOTED_BEFORE.finditer(t)):
        if _inside_a_name(m):
            continue
        short, surname = m["q"], m["surname"]
        given = {
            g
            for text in texts
            for g in re.findall(
                rf"(?<![\w'’\"”-])({_WORD})[ \t]+{re.escape(surname)}(?![\w'’-])", text
            )
            if g.lower() != short.lower() and could_be_name([g]) and not is_common_word(g)
        }
        if len(given) == 1 and is_first_name(short) and not is_common_word(surname):
            found.setdefault(short.lower(), f"{given.pop()} {surname}")
    return found


# A full name with the name someone goes by in brackets after it: "Lee Soo-min (Sue)", "Omar
# Haddad (Finance Lead, everyone calls him OH)", "Tran Van Minh (goes by Minh Tran)".
_GOES_BY_CUE = (
    r"(?i:goes by|known as|called|(?:everyone |people |we all |we )?calls? (?:him|her|them))"
)
_GOES_BY = re.compile(
    rf"(?<![\w'’-])(?P<full>{_WORD}(?:[ \t]+(?:{_WORD}|(?:{_PARTICLE})(?=[ \t]))){{1,4}})[ \t]*\("
    rf"(?:(?P<pre>[^()\n]*?)[ \t,;–-]*(?P<cue>{_GOES_BY_CUE})[ \t]+)?"
    rf"(?P<short>{_WORD}(?:[ \t]+{_WORD})?)[ \t]*\)(?![ \t]*[A-Z(])"
)


def _goes_by(m: re.Match[str]) -> tuple[str, str] | None:
    """The short name and the full name of a ``_GOES_BY`` match: after a cue ("goes by"),
    any name that is not a title; else one known given name that the full name does not
    hold. A word of address or everyday word leading a longer full name is not part of it
    ("Meet Tom Reyes (Tommy)"); two words stay ("Park Min-seo (Sophie)")."""
    words = m["full"].split()
    while len(words) > 2 and (
        bare(words[0]) in HONORIFICS or is_head(words[0]) or _everyday(words[0])
    ):
        words = words[1:]
    short = m["short"]
    held = {w.lower() for w in words}
    if len(words) < 2 or not could_be_name([w for w in words if w.lower() not in PARTICLES]):
        return None
    if any(is_head(w) or bare(w) in HONORIFICS for w in words):
        return None
    # after a cue, initials that start with the given name's are a name ("RJ"), not a title
    initials = bool(m["cue"]) and short.isupper() and short[0] == words[0][0]
    if not initials and any(is_head(w) or bare(w) in HONORIFICS for w in short.split()):
        return None
    if any(w.lower() in held for w in short.split()) and not m["cue"]:
        return None
    if not m["cue"] and not (
        len(short.split()) == 1 and is_first_name(short) and not is_common_word(short)
    ):
        return None
    return short, " ".join(words)


def _everyday(word: str) -> bool:
    """Whether a word is an everyday one and no given name ("Meet", "With")."""
    return is_common_word(word) and not is_first_name(word)


def aliases(texts: list[str]) -> dict[str, str]:
    """Each short name (lower case) that the texts write out in full, with its full name."""
    found: dict[str, str] = _quoted_before(texts)
    for text in texts:
        for m in _LED.finditer(text):
            if pair := _led(m):
                found.setdefault(pair[0].lower(), pair[1])
        for m in _INNER.finditer(text):
            if pair := _inner(m):
                found.setdefault(pair[0].lower(), pair[1])
        for m in _GOES_BY.finditer(text):
            if pair := _goes_by(m):
                found.setdefault(pair[0].lower(), pair[1])
        for m in _ALIAS.finditer(text):
            short, full = m["short"], m["full"]
            words = full.split()
            if not (short[0].isupper() and words[0][0].isupper() and words[-1][0].isupper()):
                continue
            if any(is_head(w) for w in [short, *words]) or bare(short) in HONORIFICS:
                continue
            # "=" says so; a bracket only after a name ("Partner - Employment (Rebecca
            # Stansfield)") and with a first name in it, or the short one ("Tolu (Toluwalope")
            equals = "=" in m[0]
            if not (equals or could_be_name([short])):
                continue
            if words[0].lower() in PARTICLES:
                continue  # "Dr Aisha (Al Balushi)": her surname, not a fuller name
            starts = is_first_name(words[0]) or words[0].lower().startswith(short.lower())
            if (starts or equals) and could_be_name(
                [w for w in words if w.lower() not in PARTICLES]
            ):
                found.setdefault(short.lower(), full)
    return found


def with_full_names(text: str, known_as: dict[str, str]) -> str:
    """``text`` with each name of ``known_as`` written in full ("Dee = Deandre Williams" and
    "Dee" both become "Deandre Williams"); a short name that is also an everyday word
    ("Tin") only where it has its capital."""
    if not known_as:
        return text

    def collapse(m: re.Match[str]) -> str:
        full = known_as.get(m["short"].lower())
        return m["full"] if full == m["full"] else m[0]

    def written_once(m: re.Match[str]) -> str:
        pair = _inner(m)
        return pair[1] if pair and known_as.get(pair[0].lower()) == pair[1] else m[0]

    def drop_lead(m: re.Match[str]) -> str:
        pair = _led(m)
        return "" if pair and known_as.get(pair[0].lower()) == pair[1] else m[0]

    def unquoted(m: re.Match[str]) -> str:  # '"Danny" Dang' is Duc Dang
        full = known_as.get(m["q"].lower(), "")
        return full if full.endswith(f" {m['surname']}") and not _inside_a_name(m) else m[0]

    def said_once(m: re.Match[str]) -> str:  # "Lee Soo-min (Sue)" is Lee Soo-min
        pair = _goes_by(m)
        if not pair or known_as.get(pair[0].lower()) != pair[1]:
            return m[0]
        lead = m["full"][: len(m["full"]) - len(pair[1])]
        pre = (m["pre"] or "").strip(" \t,;–-")
        return f"{lead}{pair[1]} ({pre})" if pre else f"{lead}{pair[1]}"

    text = _GOES_BY.sub(said_once, _QUOTED_BEFORE.sub(unquoted, text))
    text = _INNER.sub(written_once, _ALIAS.sub(collapse, _LED.sub(drop_lead, text)))
    for short, full in known_as.items():
        rest = re.escape(full.split(maxsplit=1)[1]) if " " in full else ""
        pattern = re.escape(short)
        if is_common_word(short):
            pattern = f"{re.escape(short[0].upper())}{re.escape(short[1:])}"
        if rest:  # "Trish O." is Patricia Okonkwo too, and so is "Trish Okonkwo"
            initial = re.escape(full.split()[1][0])
            # and "Sue Lee" is Lee Soo-min, written family name first
            words = "|".join(re.escape(w) for w in full.split() if len(w) > 1)
            pattern += rf"(?:[ \t]+(?:{rest}|{words}|{initial}\.?)(?![\w'’-]))?"
        text = re.sub(
            rf"(?<![\w'’-]){pattern}(?![\w'’-])",
            # in the case written: "rocio y manolo" keeps to lower case
            lambda m, full=full: full.lower() if m[0].islower() else full,
            text,
            flags=0 if is_common_word(short) else re.IGNORECASE,
        )
    return text
