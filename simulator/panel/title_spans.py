"""The title written beside a name in a sentence: after it ("Joy Mensah, Claims Operations
Manager"), before it ("Contracts Director - Neil Sturridge"), in brackets, or as an
honorific ("Chef Luca Bianchi"), with the field or body it is held in."""

from __future__ import annotations

import re

from simulator.name_words import (
    could_be_name,
    is_common_word,
    is_first_name,
    is_foreign_word,
    is_rare_word,
    is_surname,
)
from simulator.panel.name_spans import IRISH_PARTICLES, POSTS
from simulator.panel.words import (
    BEFORE_TITLE,
    COMMON,
    DASHES,
    HARD_STOPS,
    HONORIFICS,
    LEADING,
    LINKS,
    PANEL_ROLES,
    PARTICLES,
    PLACE_ENDS,
    PLACE_WORDS,
    POSTNOMINALS,
    QUALIFIERS,
    RANKS,
    SEPARATORS,
    STOP,
    TITLE_HEADS,
    TITLE_HONORIFICS,
    TITLE_WORDS,
    acronym,
    bare,
    is_cap,
    is_head,
    titleish,
)

# The endings of a department's name that a surname seldom has ("Pharmacy", "Radiology"):
# narrower than the endings ``name_spans`` reads as a field, as -ing, -ence and -ity end
# surnames too ("Fleming").
_DISCIPLINE = re.compile(r"..(?:acy|ogy|ics|ment|tion|ance)$")


def _heads(words: list[str]) -> list[int]:
    """Where ``words`` have a head word of a title, outside brackets (not "MSK" in "Senior
    Physio (MSK)"), or a title honorific that heads one: "Dean of Social Sciences",
    "Professor of Law", "Associate Dean", a lone "Dean" ("- Dean, Faculty of ...")."""
    depth = [words[:i].count("(") - words[:i].count(")") for i in range(len(words))]
    return [
        i
        for i, w in enumerate(words)
        if (is_head(w) and depth[i] <= 0)  # not "MSK" in "Senior Physio (MSK)"
        or (
            bare(w) in TITLE_HONORIFICS
            and (
                words[i + 1 : i + 2] == ["of"]
                or (i > 0 and bare(words[i - 1]) in RANKS)
                or len(words) == 1
            )
        )
    ]


def _title_words_of(words: list[str]) -> list[str]:
    """``words`` cut to a title: its last head word, the title words before it (with at most
    one plain word right before a head: "line producer"), and what qualifies the head
    after it ("Head of Collections"); nothing without a head word."""
    cut = max((i for i, w in enumerate(words) if w in {",", "-", "–", "—", ":"}), default=-1)
    if cut > 0 and _qualifier_after(words[cut:]) == len(words) - cut:
        head = _title_words_of(words[:cut])  # "Medical Director, MICU": MICU qualifies it
        return [*head, *words[cut:]] if head else []
    if len(words) > 3 and words[-2] == ")" and _region_after(words, len(words) - 1, set()):
        head = _title_words_of(words[:-1])  # "Director (Pre-sales) LATAM": LATAM qualifies it
        return [*head, words[-1]] if head and head[-1] == ")" else head
    heads = _heads(words)
    if not heads:
        return []
    end = heads[-1] + 1
    foreign = False  # in "Subdirector de Riesgo de Mercado" the second "de" goes on too
    while end < len(words):
        w = words[end]
        # "Chef de Cuisine", "Diretora Regional de Operações"
        foreign_of = w in PARTICLES and (foreign or _title_so_far(words, heads[-1], end))
        if (w in LINKS or foreign_of) and end + 1 < len(words):
            if w in {"and", "&"} and is_first_name(words[end + 1]):
                break  # "an Audit Manager and Jane"
            foreign = foreign or foreign_of
            end += 2  # "of" and the word it takes, in any case
        elif re.match(r"(?:d|l|dell|dall)['’]\w", w) and (foreign or is_head(words[end - 1])):
            foreign, end = True, end + 1  # "Chef d'équipe", "Responsabile dell'Ufficio"
        elif is_cap(w) or titleish(w):
            end += 1
        elif w == "," and (listed := _list_end(words, end, len(words))):
            end = listed  # "Head of School of Nursing, Midwifery & Health Systems"
        elif w == "/" and end + 1 < len(words) and is_cap(words[end + 1]) and end > heads[-1]:
            end += 2  # "Responsable de Desk Tchad/Cameroun", "Haematology/Oncology"
        else:
            break
    if words[end : end + 1] and words[end] in POSTS:
        return []  # "the Content Marketing Manager role" is a job, not someone's title
    end += _qualifier_after(words[end:])
    start = heads[-1]
    while start > 0:
        w = words[start - 1]
        if w == "/" and start > 1 and is_head(words[start - 2]) and is_head(words[start]):
            start -= 1  # "MD/CEO"
            continue
        if w == "," and _listed_field(words, start, len(words)):
            start -= 1  # "Monitoring, Evaluation & Learning Lead"
            continue
        if w in {"-", "–", "—", "/", "+"}:
            break
        known = titleish(w) or is_head(w) or w.isdigit() or w in LINKS
        if known or (is_cap(w) and bare(w) not in LEADING | COMMON):
            start -= 1
            continue
        # One plain lower-case word right before a head: "line producer", "land agent".
        if w.islower() and bare(w) not in LEADING | STOP | COMMON and is_head(words[start]):
            start -= 1
        break
    while start < end and (words[start] in LINKS):
        start += 1
    return words[start:end]


def _title_so_far(words: list[str], head: int, end: int) -> bool:
    """Whether the words up to ``end`` end a title: its head word, or one title word right
    after it ("Diretora Regional"), which another language's "of" may follow."""
    return is_head(words[end - 1]) or (end - 1 == head + 1 and titleish(words[end - 1]))


def field_words(words: list[str]) -> bool:
    """Whether ``words`` name a field of work ("Clinical Governance", "Children in Need",
    "Cyber Operations": a phrase whose last word is everyday English and no first name)."""
    if (
        len(words) > 1
        and all(is_cap(w) or re.fullmatch(r"\d+(?:st|nd|rd|th)", w) for w in words)
        and not could_be_name(words[-1:])
        and not any(is_first_name(w) or is_head(w) or bare(w) in HONORIFICS for w in words)
    ):
        return True
    return bool(words) and all(
        (w in LINKS and 0 < k < len(words) - 1)
        or (
            is_cap(w)
            and (
                bare(w) in QUALIFIERS
                or is_common_word(bare(w))
                or not could_be_name([w])
                or _DISCIPLINE.search(bare(w)) is not None  # "Head, Pharmacy"
            )
            and not is_head(w)  # "the head chef, Chef Bianca Russo"
            and bare(w) not in HONORIFICS
        )
        or (len(words) == 1 and acronym(w))  # "Nurse Manager, ICU"
        # "Ward 7B", "Team 2", not "Plot 118" or "Room 3"
        or (
            k > 0
            and re.fullmatch(r"\d{1,4}[A-Z]?", w) is not None
            and bare(words[k - 1]) not in PLACE_WORDS | PLACE_ENDS | _NUMBERED_PLACES
        )
        for k, w in enumerate(words)
    )


_NUMBERED_PLACES = {"plot", "room", "floor", "suite", "unit", "block", "level", "flat", "no"}


# Where a title is held: ", Department of Medicine", ", School of Law".
_UNITS = {"department", "faculty", "school", "division", "college", "institute", "office", "dept"}


def _qualifier_after(words: list[str]) -> int:
    """How many of ``words``, right after a title, qualify it: brackets ("Partner
    (Commercial)", "Director (Infrastructure & PPP)") and, up to the end of the entry or a
    bracket, a dash or comma and a field of work ("Associate Director – Structures",
    "Director, Engineering (Claims Platforms)")."""
    n = 0
    while n < len(words):
        rest = words[n:]
        if rest[0] == "(" and ")" in rest[1:8]:
            close = rest.index(")")
            if not _bracket_qualifies(rest[1:close]):
                break
            n += close + 1
            continue
        if rest[0] in {",", "-", "–", "—", ":"}:
            m = next((i for i in range(1, len(rest)) if rest[i] == "("), len(rest))
            unit = 1 < m <= 9 and bare(rest[1]) in _UNITS
            if unit or (2 <= m <= 6 and field_words(rest[1:m])) or _held_at(rest[1:m]):
                n += m
                continue
        break
    return n


def _bracket_qualifies(inner: list[str]) -> bool:
    """Whether the words in a bracket after a title qualify it ("Claims Platforms", "HR",
    "Infrastructure & PPP") rather than name someone ("Rebecca Stansfield")."""
    # "Claims Platforms", "Controles de Voo": another language's "of" is a link too
    words = [w for w in inner if w not in LINKS | PARTICLES and not acronym(w)]
    # A rare word counts when an everyday one is beside it ("Onshore Assets"), never alone,
    # as names are ("Ngozi Okafor").
    everyday = any(is_common_word(w) or is_foreign_word(w) for w in words)
    return field_words(inner) or (
        1 <= len(inner) <= 6
        and all(
            is_cap(w)
            and not is_first_name(w)
            and bare(w) not in HONORIFICS
            and (everyday or not could_be_name([w]) or _known_word(w))
            for w in words
        )
    )


def _known_word(word: str) -> bool:
    """A word English writes often enough to know and that is no surname ("Drainage",
    "Seoul"), unlike most names ("Okafor")."""
    return not is_rare_word(word) and not is_surname(word)


def _bracket_end(tokens: list[str], k: int, starts: set[int]) -> int | None:
    """The index after a short bracket at ``k`` that qualifies a title ("Partner
    (Commercial)"), or None when it holds more (a name, a sentence)."""
    close = next((i for i in range(k + 1, min(len(tokens), k + 8)) if tokens[i] == ")"), None)
    if close is None or any(i in starts for i in range(k + 1, close)) or close == k + 1:
        return None
    return close + 1


_LEADS = re.compile(
    r"^,? ?who (?:heads|leads|runs|manages)(?: up)? (?:the|our) ((?:[\w&-]+ ){1,3}?)"
    r"(?:team|department|function|practice|group|unit|desk)\b",
    re.IGNORECASE,
)


def _team_led(tokens: list[str], j: int) -> str | None:
    """ "Ade Bankole, who heads up the employment team": Head of Employment."""
    match = _LEADS.match(" ".join(tokens[j : j + 9]))
    if match is None:
        return None
    return "Head of " + " ".join(w[:1].upper() + w[1:] for w in match.group(1).split())


_CLOSING_DASHES = {"-", "–", "—"}


_AND = {"and", "y", "und", "et", "en", "e"}


def title_after(tokens: list[str], end: int, starts: set[int]) -> str:
    """A title written just after a name ("Raj Patel, Director of Nursing")."""
    j = _past_letters(tokens, end)
    if tokens[j + 1 : j + 2] == ["("] and bare(tokens[j]) in {"again", "too", "also"}:
        j += 1  # "Carl Jennings again (ops manager)"
    if tokens[j : j + 2] == ["here", ","]:
        j += 1  # "Gareth Lloyd here, Head of School": a sender introducing themself
    in_brackets = "(" in tokens[max(0, end - 6) : end]
    if in_brackets and tokens[j : j + 2] in ([")", "-"], [")", "–"], [")", "—"]):
        j += 1  # "伊藤 誠 (Ito Makoto) – Head of Equity Research": the name in brackets
    bracketed = j < len(tokens) and tokens[j] == "("
    dashed = j < len(tokens) and tokens[j] in {"-", "–", "—"}
    if j < len(tokens) and tokens[j] in SEPARATORS:
        j += 1
    if (led := _team_led(tokens, j)) is not None:
        return led
    while j < len(tokens) and bare(tokens[j]) in BEFORE_TITLE:
        j += 1  # "Freya Lindgren who is our Head of Growth", "..., current Front Office Manager"
    k = j
    while k < len(tokens) and k - j < 9 and k not in starts:
        t = tokens[k]
        if t == "(" and not bracketed and k > j and (close := _bracket_end(tokens, k, starts)):
            k = close + _region_after(tokens, close, starts)
            k = _held_after(tokens, k, starts)
            break
        if t == "," and not bracketed:
            k, both = _after_comma(tokens, j, k, starts)
            if both:
                return both
            break
        if t in HARD_STOPS:
            break
        # "Head of Trusts" goes on; "an Audit Manager and Sunita is a Director" does not.
        clause = tokens[k + 2 : k + 3] in (["is"], ["was"], ["will"], ["has"])
        linked = t in LINKS and k + 1 < len(tokens) and is_cap(tokens[k + 1]) and not clause
        if (t in DASHES and k + 1 in starts) or (t.islower() and bare(t) in STOP and not linked):
            break  # "Lecturer in Soft Matter" goes on; "in" before a lower-case word does not
        if t in _CLOSING_DASHES and k + 1 < len(tokens) and bare(tokens[k + 1]) in _AND:
            break  # "Con Lehane – senior partner – and Bernie the practice mgr"
        k += 1
    if k in starts and k > j:
        return ""  # "Ann Ose, Director of Nursing Raj Patel": the title is Raj Patel's
    if k > j and _names_bracketed(tokens, k, starts):
        return ""  # "Floor Hendriks, pensions partner (Jeroen)": the title is Jeroen's
    if k < len(tokens) and tokens[k] in POSTS:
        return ""  # "passed my CV to Nomvula for the Content Marketing Manager role"
    words = tokens[j:k]
    if bracketed:
        return _bracketed_title(tokens, k, words, starts)
    title = _title_words_of(words)
    if not title and dashed and _department(words, tokens[k : k + 1]):
        return " ".join(words)  # "Ms. Sarah O'Connell - Talent Acquisition"
    return " ".join(title)


def _region_after(tokens: list[str], k: int, starts: set[int]) -> int:
    """1 when an acronym ends the entry at ``k``, right after a title's bracket: the region
    or unit it covers ("Director de Preventa (Pre-sales) LATAM"); else 0."""
    ended = k + 1 >= len(tokens) or tokens[k + 1] in HARD_STOPS | {","}
    word = tokens[k] if k < len(tokens) else ""
    return int(ended and k not in starts and acronym(word) and bare(word) not in POSTNOMINALS)


def _held_after(tokens: list[str], k: int, starts: set[int]) -> int:
    """Where the entry ends when a comma at ``k``, after a title's bracket, opens the body
    where the title is held ("Engineer (Drainage), Surat Municipal Corporation, ..."):
    at the next comma or stop; else ``k``."""
    if tokens[k : k + 1] != [","]:
        return k
    stop = next(
        (m for m in range(k + 1, len(tokens)) if tokens[m] in HARD_STOPS | {","}), len(tokens)
    )
    held = _held_at(tokens[k + 1 : stop]) and not starts & set(range(k + 1, stop))
    return stop if held else k


def _names_bracketed(tokens: list[str], k: int, starts: set[int]) -> bool:
    """Whether a bracket at ``k``, right after a title, holds only a name that starts
    there with a known first name ("pensions partner (Jeroen)", not "Diretor de Engenharia
    (Controles de Voo)"): the title is that person's."""
    close = next((i for i in range(k + 1, min(len(tokens), k + 6)) if tokens[i] == ")"), None)
    return (
        tokens[k : k + 1] == ["("]
        and k + 1 in starts
        and is_first_name(tokens[k + 1])
        and close is not None
        and all(is_cap(t) or t in PARTICLES for t in tokens[k + 1 : close])
    )


def _department(words: list[str], after: list[str]) -> bool:
    """Whether ``words``, after a name and a dash and ending the entry, name the team its
    holder speaks for ("Talent Acquisition", "People & Culture")."""
    return (
        1 <= len(words) <= 4
        and (not after or after[0] in HARD_STOPS)
        and is_cap(words[0])
        and all(is_cap(w) or w in LINKS for w in words)
        and not could_be_name([w for w in words if w not in LINKS])
    )


def _past_letters(tokens: list[str], j: int) -> int:
    """Where a title may start after the name ending at ``j``, past the letters after it
    ("Sarah Odutola KC (Head of Chambers)", "Kimberly Johnson, MSN, RN – ...", "Olusegun
    Adeyemi, MD, Chief ...", "Priya R. (CS Manager)")."""
    while (
        j < len(tokens)
        and (
            bare(tokens[j]) in POSTNOMINALS
            or (tokens[j] == "," and j + 1 < len(tokens) and bare(tokens[j + 1]) in POSTNOMINALS)
            or _more_letters(tokens, j)
            # MD is a degree when more follows it, and otherwise a managing director
            or (tokens[j] == "," and tokens[j + 1 : j + 3] in (["MD", ","], ["MD", "("]))
            or (
                tokens[j] == "MD"
                and tokens[j + 1 : j + 2] in ([","], ["("])
                and tokens[j - 1] == ","
            )
        )
    ):
        j += 2 if _more_letters(tokens, j) else 1
        # a degree's subject in brackets, with more letters after it: "DM (Cardiology), FACC"
        close = _bracket_end(tokens, j, set()) if tokens[j : j + 1] == ["("] else None
        if (
            close
            and bare(tokens[j - 1]) in POSTNOMINALS
            and tokens[close : close + 1] == [","]
            and not any(is_head(t) for t in tokens[j + 1 : close - 1])  # "CFA (Head of ...)"
        ):
            j = close
    if tokens[j : j + 1] == ["."] and len(tokens[j - 1]) == 1:
        j += 1  # the initial's full stop
    return j


def _more_letters(tokens: list[str], j: int) -> bool:
    """Whether the comma at ``j``, after a name's letters ("Maria Reyes, RN, MAN, Chief
    Nursing Officer"), opens more letters: capitals that are no title of their own, between
    commas, before a title with a head word spelled out."""
    letters = tokens[j + 1] if tokens[j : j + 1] == [","] and j + 2 < len(tokens) else ""
    return (
        j > 0
        and bare(tokens[j - 1]) in POSTNOMINALS
        and acronym(letters)
        and bare(letters) not in TITLE_HEADS
        and tokens[j + 2] == ","
        and any(is_head(t) and not acronym(t) for t in tokens[j + 3 : j + 7])
    )


def _bracketed_title(tokens: list[str], k: int, words: list[str], starts: set[int]) -> str:
    """The title in a bracket right after a name, ``words``, closed at ``k``."""
    if " ".join(words).lower() in PANEL_ROLES and tokens[k : k + 2] == [")", ","]:
        # "(Chair), Head of School": the job rather than the seat on the panel
        return title_after(tokens, k + 1, starts) or " ".join(words)
    # "(Rector)", "(Churchwarden)": a short bracket of words that name no one is a role;
    # "(Ní Bhriain?)" is a surname.
    role = (
        1 <= len(words) <= 3
        and is_cap(words[0])
        and words[0].lower() not in IRISH_PARTICLES
        and all(w.isalpha() and not is_first_name(w) for w in words)
    )
    titled = any(is_head(w) or bare(w) in TITLE_HONORIFICS for w in words)
    return " ".join(words) if role or titled else ""  # "(Dean of Faculty)"


def _after_comma(tokens: list[str], j: int, k: int, starts: set[int]) -> tuple[int, str]:
    """At a comma ``k`` in the title that started at ``j``: where the title ends, with a
    field of work after the comma ending the entry ("Omar Haddad – Engineering Manager,
    Payments"); or, for a second title there ("Trustee, Chair of Finance & Audit"), both."""
    stop = _entry_stop(tokens, k, starts)
    rest = range(k + 1, stop)
    # "Diane Whitford, Partner, Commercial Litigation, will meet you": a field between
    # commas, before the sentence goes on in lower case
    comma = next((m for m in rest if tokens[m] == ","), None)
    if (
        comma is not None
        and 1 <= comma - k - 1 <= 4
        and tokens[comma + 1 : comma + 2] != []
        and tokens[comma + 1].islower()
        and field_words(tokens[k + 1 : comma])
    ):
        return comma, ""
    # "Raj Patel" after the comma is someone else; "Unscheduled Care" is a field of work,
    # and "Wellington District" or "Surat Municipal Corporation" is where the title is held.
    if _held_at(tokens[k + 1 : stop]) or _units_to_end(tokens[k + 1 : stop]):
        return stop, ""
    if listed := _list_end(tokens, k, stop):
        return listed, ""  # "Head of School of Nursing, Midwifery & Health Systems (Chair)"
    unit = field_words(tokens[k + 1 : stop]) and not could_be_name(tokens[stop - 1 : stop])
    if starts & set(rest) and not unit:
        return k, ""
    if 1 <= len(rest) <= 5 and field_words(tokens[k + 1 : stop]):
        end = _bracket_end(tokens, stop, starts) if tokens[stop : stop + 1] == ["("] else None
        if end and _bracket_qualifies(tokens[stop + 1 : end - 1]):
            return end, ""  # "Director, Engineering (Claims Platforms)"
        return stop, ""
    if _fields_to_end(tokens[k + 1 : stop]):
        return stop, ""  # "Director, Private Banking, GTA"
    if 2 <= len(rest) <= 8:
        second, first = _title_words_of(tokens[k + 1 : stop]), _title_words_of(tokens[j:k])
        if first and second and second[0] == tokens[k + 1] and second[-1] == tokens[stop - 1]:
            return k, " ".join([*first, ",", *second])
    return k, ""


def _entry_stop(tokens: list[str], k: int, starts: set[int]) -> int:
    """Where the entry whose title has a comma at ``k`` ends: at a stop, or before "and" and
    the next person's name ("Ann Ose, VP, FP&A and Raj Patel, Controller")."""
    stop = next((m for m in range(k + 1, len(tokens)) if tokens[m] in HARD_STOPS), len(tokens))
    following = next((m for m in range(k + 2, stop) if m in starts), None)
    if following is None or bare(tokens[following - 1]) not in _AND | {"&"}:
        return stop
    stop = following - 1
    while stop > k + 1 and tokens[stop - 1] == ",":
        stop -= 1
    return stop


# Last words of the body or place where a title is held ("Surat Municipal Corporation").
_HELD_AT = {
    "district", "corporation", "command", "council", "ministry", "agency", "authority",
    "directorate", "department", "division", "office", "centre", "center", "institute",
    "hospital", "trust", "university", "college", "bank", "plc", "ltd", "inc", "llp",
}  # fmt: skip


# First words of such a body, before "of" or "for" ("Faculty of Basic Medical Sciences").
_BODY_OF = _HELD_AT | {"faculty", "school", "unit", "service", "board", "committee", "bureau"}


def _held_at(words: list[str]) -> bool:
    """Whether ``words``, from a comma after a title to the end of the entry, name a body
    or place where the title is held: capitalised words ending in one of ``_HELD_AT``, or
    opening with one of ``_BODY_OF`` before "of" or "for" ("Institute for Drug Research")."""
    if not 2 <= len(words) <= 7:
        return False
    body = bare(words[-1]) in _HELD_AT or (
        len(words) >= 3 and bare(words[0]) in _BODY_OF and words[1] in {"of", "for"}
    )
    return body and all(is_cap(w) or w in LINKS or w in {"&", "-"} for w in words)


def _units_to_end(words: list[str]) -> bool:
    """Whether ``words``, to the end of an entry, are a unit and the body that holds it
    between commas ("Dept of Electrical Engineering, Chonnam National University")."""
    parts = " ".join(words).split(" , ")
    if len(parts) != 2:
        return False
    unit, body = parts[0].split(), parts[1].split()
    return (
        len(unit) >= 3
        and bare(unit[0]) in _UNITS
        and unit[1] in {"of", "for"}
        and all(is_cap(w) or w in LINKS for w in unit)
        and _held_at(body)
    )


def _fields_to_end(words: list[str]) -> bool:
    """Whether ``words``, to the end of an entry, are two or three fields of work or
    acronyms between commas ("Private Banking, GTA")."""
    parts = " ".join(words).split(" , ")
    return 2 <= len(parts) <= 3 and all(
        1 <= len(p.split()) <= 4 and field_words(p.split()) for p in parts
    )


def title_before(tokens: list[str], start: int, ends: set[int], title_first: bool = False) -> str:
    """A title written just before a name ("Director of Nursing Raj Patel", "Chief
    Geologist/Dr. Thandiwe Mokoena", "partner: Graham Whitcombe")."""
    j = start
    separated = j > 0 and tokens[j - 1] in {",", "(", ":", "/", "-", "–", "—"}
    if separated:
        j -= 1
    k = j
    while k > 0 and j - k < 8 and k not in ends:
        t = tokens[k - 1]
        qualifies = t in {",", "-", "–", "—", ":"} and field_words(tokens[k:j])
        if qualifies and _head_before(tokens, k - 1):
            k -= 1  # "Clinical Director, Emergency Medicine: Dr Farhan Siddiqui"
            continue
        if t == "," and _listed_field(tokens, k, j):
            k -= 1  # "Monitoring, Evaluation & Learning Lead, Mr. Subhankar Ghosh"
            continue
        if t == "/" and k > 1 and is_head(tokens[k - 2]) and k < len(tokens) and is_head(tokens[k]):
            k -= 1  # "MD/CEO – Mr. Adebayo Ogunleye"
            continue
        if t == ")" and (opened := _bracket_start(tokens, k - 1)) is not None:
            k = opened  # "the Associate Dean (Research), Professor Margit Sandberg"
            continue
        if t in HARD_STOPS or t in SEPARATORS or (t.islower() and bare(t) in STOP):
            break
        k -= 1
    if k in ends and k < j and tokens[k] not in SEPARATORS:
        return ""  # the words run on from the last name: its title, not this one's
    if (
        not title_first
        and separated
        and k >= 2
        and tokens[k - 1] in {",", "-", "–", "—", ":"}
        and (k - 1) in ends
        and not _names_bracketed(tokens, start - 1, {start})
    ):
        return ""  # "Kwame Mensah, Senior Design Engineer / ...": Kwame Mensah's title
    words = tokens[k:j]
    while words and words[0] in {",", "("}:
        words = words[1:]
    return " ".join(_title_words_of(words))


def _listed_field(tokens: list[str], k: int, j: int) -> bool:
    """Whether the comma before ``k`` joins fields that the title after it lists before
    its head ("Monitoring, Evaluation & Learning Lead"): one field word before the comma,
    and after it field words, then "&" or "and"."""
    link = next((m for m in range(k, j) if tokens[m] in {"&", "and"}), None)
    return (
        k >= 2
        and link is not None
        and link > k
        and field_words(tokens[k - 2 : k - 1])
        and field_words(tokens[k:link])
        and any(is_head(t) for t in tokens[link:j])
    )


def _list_end(tokens: list[str], comma: int, stop: int) -> int:
    """Where a list of fields that goes on past ``comma`` ends ("Nursing, Midwifery &
    Health Systems"), or 0: capitalised words around the comma that are no first names,
    then "&" or "and" and up to four field words with no acronym or title word (those are
    read as a second title: "Associé, Data & IA"), which end the entry or come before a
    bracket."""
    link = next((m for m in range(comma + 2, min(stop, comma + 5)) if tokens[m] in {"&", "and"}), 0)
    end = link + 1
    while end < stop and end - link <= 4 and tokens[end] not in {"(", ","}:
        end += 1
    listed = (
        link
        and comma >= 1
        and all(is_cap(w) and not is_first_name(w) for w in tokens[comma - 1 : link] if w != ",")
        and field_words(tokens[link + 1 : end])
        and not any(acronym(w) or is_head(w) for w in tokens[link + 1 : end])
        and (end == stop or tokens[end] == "(")
    )
    return end if listed else 0


def _bracket_start(tokens: list[str], close: int) -> int | None:
    """Where a short bracket ending at ``close`` opens, when it qualifies the title before
    it ("Associate Dean (Research)"); None otherwise."""
    opened = next((i for i in range(close - 1, max(-1, close - 5), -1) if tokens[i] == "("), None)
    if opened is None or opened == 0:
        return None
    if not (is_head(tokens[opened - 1]) or bare(tokens[opened - 1]) in TITLE_HONORIFICS):
        return None
    return opened if field_words(tokens[opened + 1 : close]) else None


def _head_before(tokens: list[str], k: int) -> bool:
    """Whether a title ends just before ``k`` ("Head of Nursing" before ", Urgent Care")."""
    m = k - 1
    while m >= 0 and k - m <= 5 and tokens[m] not in HARD_STOPS | SEPARATORS:
        if is_head(tokens[m]):
            return True
        m -= 1
    return False


def honorific_title(tokens: list[str], start: int, end: int) -> str:
    """The title an honorific gives ("Matron"), with a title word just before it ("Ward
    Sister Hope Adeyemi")."""
    head = [t.strip(".") for t in tokens[start:end] if bare(t) in TITLE_HONORIFICS | {"district"}]
    if head and start > 0 and is_cap(tokens[start - 1]) and bare(tokens[start - 1]) in TITLE_WORDS:
        head.insert(0, tokens[start - 1])
    return " ".join(head)
