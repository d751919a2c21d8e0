"""Names and the titles beside them in a run of text: the sentence parser the panel reader
runs on each field ("Chair: Deborah Fenwick, Deputy Director", "SENCo Ms Grace
Oyelaran", "Rachel Koh (Head of Risk) and Tom Reyes"), and "Name – Title" lines as written."""

from __future__ import annotations

import re

from simulator.name_words import (
    could_be_name,
    could_start_name,
)
from simulator.panel.coming import NEXT, PANEL_CUE
from simulator.panel.name_spans import names_in
from simulator.panel.panelist import Panelist
from simulator.panel.text import (
    HEADER,
    as_lines,
    clean_text,
    normalise,
    sentences,
)
from simulator.panel.title_spans import field_words, honorific_title, title_after, title_before
from simulator.panel.title_tidy import tidy_title
from simulator.panel.words import (
    ADDRESS_BEFORE_ACCENTED,
    HONORIFICS,
    MAX_NAME_WORDS,
    PANEL_ROLES,
    PARTICLES,
    POSTNOMINALS,
    SEPARATORS,
    TITLE_HONORIFICS,
    TOKEN,
    bare,
    has_head,
    is_cap,
    is_head,
    titleish,
)


def _title_case(name: str) -> str:
    """Capitals on a name typed in lower case, but not on a particle inside it ("van")."""
    return " ".join(
        w if not w.islower() or (k and w in PARTICLES) else w[:1].upper() + w[1:]
        for k, w in enumerate(name.split())
    )


# "Name – Title", one per line: the form the step-1 hint asks for, read as written.
_ENTRY = re.compile(r"^(?P<name>[^\W\d][\w.'’ -]{0,58}?)\s+[–—-]\s+(?P<title>\S.{0,118})$")


def _entry(line: str) -> Panelist | None:
    """``line`` as a "Name – Title" entry: a capitalised name with no title word in it and
    a title with one."""
    match = _ENTRY.match(line.strip())
    if match is None:
        return None
    words = match.group("name").split()
    while len(words) > 2 and bare(words[-1].rstrip(",")) in POSTNOMINALS:
        words = words[:-1]  # "Yvonne Bright CMIOSH"
    title = match.group("title").strip()
    if re.search(r"[;|()]|\s[–—-]\s", title):
        return None  # more than one entry on the line
    if "," in title and not field_words(TOKEN.findall(title.split(",", 1)[1])):
        return None  # "CEO, Rev. Dr Martin Achterberg", not "Nurse Manager, ICU"
    if not (
        1 <= len(words) <= MAX_NAME_WORDS + 1
        and all(is_cap(w) or w in PARTICLES for w in words)
        and not any(is_head(w) or titleish(w) for w in words if bare(w) not in HONORIFICS)
        and not HEADER.search(match.group("name"))  # "Appointments Panel - Director of ..."
        and (
            has_head(title)
            or bare(TOKEN.findall(title)[0]) in TITLE_HONORIFICS  # "Dean, Faculty of Arts"
        )
    ):
        return None
    if len(words) > 2 and bare(words[0]) in HONORIFICS:
        words = words[1:]  # "Dr Priya Nair", but "Dean Smith" is a name
    return Panelist(" ".join(words).rstrip("."), tidy_title(title))


def _name_line(line: str) -> Panelist | None:
    """``line`` as a name alone ("Dr Ravi Patel"), among "Name – Title" lines."""
    words = line.strip().split()
    if not (
        re.fullmatch(r"[\w .'’-]+", line.strip())
        and 1 < len(words) <= MAX_NAME_WORDS + 1
        and all(is_cap(w) or w in PARTICLES for w in words)
        and not any(is_head(w) or titleish(w) for w in words if bare(w) not in HONORIFICS)
        and could_be_name([w for w in words if bare(w) not in HONORIFICS])
    ):
        return None
    if len(words) > 2 and bare(words[0]) in HONORIFICS:
        words = words[1:]
    return Panelist(" ".join(words).rstrip("."), "")


def entry_lines(text: str) -> list[Panelist]:
    """A panel field written one "Name – Title" per line (a line may hold a name alone),
    read as written; else nobody."""
    lines = [ln for ln in as_lines(clean_text(text)).splitlines() if ln.strip()]
    entries = [_entry(ln) for ln in lines]
    if not any(entries):
        return []
    entries = [e or _name_line(ln) for e, ln in zip(entries, lines, strict=True)]
    return [e for e in entries if e is not None] if all(entries) else []


def _field_in_brackets(tokens: list[str], end: int, title: str) -> bool:
    """Whether ``title``, read from a bracket right after the name ending at ``end``, names
    a field of work with no title word in it ("(Road Policing)"), and no one ("(Lachlan)")."""
    words = TOKEN.findall(title)
    return (
        tokens[end : end + 1] == ["("]
        and bool(words)
        and not any(is_head(w) for w in words)
        and not could_be_name(words)
    )


def _capitalised(title: str) -> str:
    """``title`` from its first capitalised word ("Inspector" of "alongside Inspector"), if
    it has one ("line producer" stays)."""
    words = title.split()
    while len(words) > 1 and words[0].islower() and not all(w.islower() for w in words):
        words = words[1:]
    return " ".join(words)


# Styles written before a name that are surnames too ("Sheikh Khalid bin Nasser Al Habsi",
# "Fatima Sheikh"): dropped only from the start of a longer name.
_STYLES = {"sheikh", "shaikh", "sheikha", "shaikha"}


def parse(
    text: str, *, lowercase_ok: bool, min_words: int, cue_only: bool = False
) -> list[Panelist]:
    out: list[Panelist] = []
    for sentence in sentences(normalise(as_lines(clean_text(text)), lowercase_ok)):
        if cue_only and not (PANEL_CUE.search(sentence) and NEXT.search(sentence)):
            continue
        tokens = TOKEN.findall(sentence)
        spans = names_in(tokens, lowercase_ok, min_words)
        starts, ends = {s for s, _ in spans}, {e for _, e in spans}
        # "Contracts Director - Neil Sturridge, Commercial Manager - Bronwen Lloyd-Evans":
        # when the first name has its title before it, so does every name in the sentence.
        # A rank or honorific right before the name ("Chef Luca Bianchi (Executive Chef)")
        # does not count unless the name has no title after it.
        first_before = title_before(tokens, spans[0][0], ends) if spans else ""
        # ... and "his manager, Joy Mensah, Claims Operations Manager" is no title before.
        title_first = any(w[:1].isupper() for w in first_before.split())
        if title_first and spans[0][0] > 0 and tokens[spans[0][0] - 1] not in SEPARATORS:
            title_first = not title_after(tokens, spans[0][1], starts)
        for start, end in spans:
            name_tokens = [
                t
                for t in tokens[start:end]
                if t != "." and bare(t) not in TITLE_HONORIFICS | {"district"}
            ]
            if len(name_tokens) > 1 and name_tokens[0] in ADDRESS_BEFORE_ACCENTED:
                name_tokens = name_tokens[1:]  # "anh Khoa": said to him, not his name
            if not name_tokens:
                continue
            name = _title_case(" ".join(name_tokens).rstrip(".,"))
            if len(name.replace(".", "").strip()) < 2:
                continue  # "J. vd Meulen" split at its initial: no one is called "J"
            while len(name.split()) > 2 and bare(name.split()[0]) in HONORIFICS | _STYLES:
                name = name.split(" ", 1)[1]  # "Rev Dr Martin Achterberg"
            name = re.sub(r"^(Dr|Mr|Mrs|Ms|Prof|Mx|Capt|Rev|Cllr|Sr|Fr|Me)\.? (?=\S+ \S)", "", name)
            if re.match(r"M\. [^\s.]{2,} \S", name) and could_start_name(name.split()[1]):
                name = name[3:]  # "M. Tom Birch": Monsieur, not an initial
            after = title_after(tokens, end, starts)
            before = title_before(tokens, start, ends, title_first)
            title = (before or after) if title_first else (after or before)
            if after and before.lower() in PANEL_ROLES:
                title = after  # "Chair: Deborah Fenwick, Deputy Director"
            elif _field_in_brackets(tokens, end, after) and has_head(before):
                title = f"{_capitalised(before)} ({after})"  # "Inspector Ann Moss (Roads)"
            title = title or honorific_title(tokens, start, end)
            out.append(Panelist(name, tidy_title(title)))
    return out
