"""Where a sentence's words name someone: the runs of capitalised (or, in notes typed in
lower case, first-name-led) words the panel reader takes for a person, and the many
things that look like names but are not ("Palm Jumeirah", "Trustee (Fundraising)")."""

from __future__ import annotations

import re

from simulator.name_words import (
    could_be_name,
    could_start_name,
    is_common_word,
    is_first_name,
    is_foreign_word,
    is_rare_word,
    is_surname,
)
from simulator.panel.same_person import generation
from simulator.panel.words import (
    ADDRESS,
    ADDRESS_BEFORE_ACCENTED,
    DASHES,
    HARD_STOPS,
    HONORIFICS,
    MAX_NAME_WORDS,
    PARTICLES,
    PLACE_ENDS,
    PLACE_WORDS,
    POSTNOMINALS,
    QUALIFIERS,
    RANKS,
    SEPARATORS,
    STOP,
    TITLE_WORDS,
    acronym,
    bare,
    is_cap,
    is_head,
    name_token,
    titleish,
)


def names_in(tokens: list[str], lowercase_ok: bool, min_words: int) -> list[tuple[int, int]]:
    """(start, end) token spans that read as a person's name, with any honorific."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        start = i
        i, j = _span_at(tokens, i, lowercase_ok)
        opens = i == 0 or tokens[i - 1] in {".", "\n", "!", "?"}
        if start == i and opens and j - i >= 2 and _lead_word(tokens[i], tokens[i + 1]):
            start = i = i + 1  # "Now Pooja from the agency called"
        j, end = _generation_after(tokens, i, j)
        read = tokens[:j] + tokens[end:]  # the name's words, then what follows it
        if _reads_as_name(read, spans, (start, i, j), min_words):
            if start == i and _word_before_name(read, i, j):
                start = i + 1  # "HOD Maths Jo Ferguson": the subject ends the title
            spans.append((start, end))
            i = j = end
        elif tokens[start].islower() or (
            j - i >= 2
            and start > 0
            and bare(tokens[start - 1]) in {"of", "for", "in"}
            and could_start_name(tokens[i + 1])
        ):
            # The name may start at a later word: "it's Marguerite Halden", "Head of
            # Trusts Ravinder Gill".
            i = start + 1
        else:
            i = max(i + 1, j)
    return spans


def _generation_after(tokens: list[str], i: int, j: int) -> tuple[int, int]:
    """(end of the name's own words, end of the name) for the name words ``i:j``: a "Jr.",
    "Sr" or "III" after two or more of them belongs to the name but is read past, as no
    word of it, when asking whether the words name someone."""
    end = j
    core = j - 1 if j - i >= 3 and generation(tokens[j - 1]) else j
    if core == j and j < len(tokens) and j - i >= 2 and generation(tokens[j]):
        j += 1
    stop = j + 1 if j < len(tokens) and tokens[j] == "." else j
    if core == j or _title_from(tokens, stop):
        return end, end  # "Jo Marsh Sr. Product Manager": a rank, not a mark
    return core, stop


def _title_from(tokens: list[str], k: int) -> bool:
    """Whether the next few words from ``k`` hold a title's head word ("Product Manager")."""
    for t in tokens[k : k + 4]:
        if is_head(t):
            return True
        if not t.isalpha():
            return False
    return False


def _word_before_name(tokens: list[str], i: int, j: int) -> bool:
    """Whether the first of three or more capitalised words ``i:j`` is an English word that
    is nobody's name, before a first name ("Maths Jo Ferguson")."""
    return (
        j - i >= 3
        and tokens[i].isalpha()
        and not (is_first_name(tokens[i]) or is_surname(tokens[i]) or is_rare_word(tokens[i]))
        and tokens[i + 1][:1].isupper()
        and is_first_name(tokens[i + 1])
        and (not is_common_word(tokens[i + 1]) or is_surname(tokens[i + 2]))
    )


def _lead_word(word: str, following: str) -> bool:
    """Whether ``word``, capitalised before a name, is an everyday word that starts the
    sentence ("Now", "Luckily") rather than the name's first word."""
    return (
        word.isalpha()
        and is_common_word(word)
        and not (is_first_name(word) or is_surname(word))
        and could_start_name(following)
    )


def _span_at(tokens: list[str], i: int, lowercase_ok: bool) -> tuple[int, int]:
    """(first name word, end) of the possible name at ``i``, past any honorifics."""
    start = i
    if bare(tokens[i]) in HONORIFICS and (tokens[i][:1].isupper() or lowercase_ok):
        i += 1
        while i < len(tokens) and (
            tokens[i] == "." or bare(tokens[i]) in HONORIFICS | {"district"}
        ):
            i += 1
    j = i
    # a lower-case name, after a lower-case honorific too ("mrs jenkins")
    lower = (
        lowercase_ok
        and i < len(tokens)
        and not is_cap(tokens[i])
        and (start == i or (tokens[start].islower() and bare(tokens[start]) != "sir"))
    )
    # particles do not count towards a name's length ("María José de la Torre")
    while j < len(tokens) and sum(t.lower() not in PARTICLES for t in tokens[i:j]) < MAX_NAME_WORDS:
        t = tokens[j]
        if (
            name_token(t, lower)
            or _date_word_in_name(tokens, j, lower)
            or _plural_surname(t, j > i)
            or (
                (t in PARTICLES or (j > i and t.lower() in IRISH_PARTICLES))
                and (j > i or not lower)
                and j + 1 < len(tokens)
                and (is_cap(tokens[j + 1]) or tokens[j + 1] in PARTICLES or lower)
            )
        ):
            j += 1
        else:
            break
    return i, j


# Irish surname particles, written with a capital ("Gráinne Ní Bhriain", "Ciarán Ó Súilleabháin").
IRISH_PARTICLES = {"ní", "nic", "ó", "ua", "uí", "mac", "mhic"}


# Short forms of days and months that are given names or surnames too ("Sun Meiling",
# "Nguyễn Thị Thu Hà").
_DATE_NAMES = {"thu", "sun", "jun", "mar"}


def _date_word_in_name(tokens: list[str], j: int, lower: bool) -> bool:
    """Whether ``tokens[j]``, a short day or month, is a name's word: capitalised, and
    before another name word."""
    return (
        tokens[j].lower() in _DATE_NAMES
        and tokens[j][:1].isupper()
        and j + 1 < len(tokens)
        and name_token(tokens[j + 1], lower)
    )


def _no_one(tokens: list[str], span: tuple[int, int, int], honorific: bool) -> bool:
    """Whether the capitalised words ``span`` (start, first name word, end) name a thing or
    a place, or label someone, rather than being a person's name."""
    start, i, j = span
    words = j - i
    return (
        # "Nariman Point", "Brick Lane", but not "Mrs Deborah Lane"
        (
            words >= 2
            and bare(tokens[j - 1]) in PLACE_ENDS
            and not (
                honorific or (bare(tokens[j - 1]) in _SURNAME_PLACES and is_first_name(tokens[i]))
            )
        )
        # "Unreal Engine": a person's last name is no everyday word
        or (words >= 2 and not honorific and _thing(tokens[j - 1]))
        # "Fiscale Zaken", "Netze Wärme": no name starts with another language's everyday word
        or (words >= 2 and not honorific and _foreign_start(tokens[i]))
        or (words > 0 and tokens[j - 1].endswith(("'s", "’s")))  # "as per Ruth's email"
        # "Apex Driving Recruitment", "Temple Quay"
        or (
            not honorific
            and j < len(tokens)
            and is_cap(tokens[j])
            and bare(tokens[j]) in PLACE_WORDS
        )
        # "the Assistant Director, Stakeholder Relations position"
        or (j < len(tokens) and tokens[j] in POSTS)
        or (words == 1 and not honorific and _label(tokens, start, j))  # "Convenor: Michelle Tran"
        or (words == 1 and _state_after(tokens, j))  # "Calgary, AB", "Austin, TX"
        # "at our Head Office, Al Khuwair, Building 4": where the office is
        or (
            not honorific
            and start >= 2
            and tokens[start - 1] == ","
            and bare(tokens[start - 2]) in _SITES
        )
    )


_SITES = {"office", "offices", "headquarters", "hq", "campus", "site", "branch", "premises"}


_SURNAME_PLACES = {"lane", "hall"}  # place words that are surnames too


def _foreign_start(word: str) -> bool:
    """An everyday word of another language that is no name, nor a word of address said
    before one ("Seu Alcides", "Doña Lupe"), nor part of a double given name ("Mei-Ling")."""
    return (
        "-" not in word
        and bare(word) not in ADDRESS | ADDRESS_BEFORE_ACCENTED
        and is_foreign_word(word)
        and not is_first_name(word)
    )


def _plural_surname(token: str, after_first: bool) -> bool:
    """A surname after a first name that is also a title in the plural ("Grant Fellows",
    "Ann Masters"): a title after one person's name is never plural."""
    b = bare(token)
    return after_first and is_cap(token) and b.endswith("s") and is_head(token) and is_surname(b)


# Words after the name of a job or a team, not a person.
POSTS = {"position", "role", "vacancy", "post", "job", "opening", "team", "department"}


# The endings of a field of work, not of a name ("Trustee (Fundraising)", "Lead (Governance)").
_ABSTRACT = re.compile(r"(?:ing|ance|ence|ment|ity|ics|ogy|ship|tion|sion)$")


def _reads_as_name(
    tokens: list[str], spans: list[tuple[int, int]], span: tuple[int, int, int], min_words: int
) -> bool:
    """Whether the words ``span`` (start, first name word, end) name a person here, rather
    than continue or qualify a title."""
    start, i, j = span
    words, honorific = j - i, start < i
    depth = tokens[:start].count("(") - tokens[:start].count(")")
    opened = max((k for k in range(start) if tokens[k] == "("), default=-1)
    # A bracket right after a name holds its title; one right after a title, a name.
    in_brackets = depth > 0 and bool(spans) and spans[-1][1] == opened
    qualifier = (
        depth > 0
        and words == 1
        and not honorific
        and opened > 0
        and is_head(tokens[opened - 1])
        and (bare(tokens[i]) in QUALIFIERS or _ABSTRACT.search(bare(tokens[i])) is not None)
    )
    before = bare(tokens[start - 1]) if start > 0 else ""
    lower = words > 0 and tokens[i].islower()
    # Capitalised words before a title are its start ("Contracts Manager"); in a
    # lower-case field, two name words before one are a name ("ben taylor ops director").
    modifier = (
        not honorific
        and _leads_to_title(tokens, j)
        and not (lower and words >= 2)
        and not _named_before_title(tokens, i, j)
    )
    dash = start > 1 and tokens[start - 1] in DASHES and is_head(tokens[start - 2])
    continuation = not honorific and _continues_title(tokens, start, i, j)
    bounded = (j >= len(tokens) or tokens[j] in SEPARATORS | HARD_STOPS | {"and", "&"}) or titleish(
        tokens[j]
    )
    if in_brackets and not honorific:
        return False  # "tom (HR bp)": what follows a name in brackets is its title
    if not honorific and _place_in_brackets(tokens, start, opened):
        return False  # "Regional Sales Manager (Greater Accra)"
    if any(t in _SOMEONE for t in tokens[i : j + 1]):
        return False  # "HR lady", "QA guy lee", "counsel (German guy)": no one's name
    if lower and words == 1 and not honorific:  # but "mrs jenkins" is someone
        alone = _lower_first_name(tokens, (start, i, j), bounded)
        if alone is not None:
            return alone
    if _no_one(tokens, span, honorific):
        return False
    return (
        (words >= min_words or (words >= 1 and honorific))
        # Not "Emergency Medicine", nor "another directorate" in a lower-case field.
        and (honorific or could_be_name([t for t in tokens[i:j] if t not in PARTICLES], lower))
        and not modifier
        # "Director – Structures", but "Deputy Manager - Sue"
        and not (words == 1 and not honorific and dash and not _dashed_name(tokens, start, j))
        and (honorific or before != "the")  # "the Renters' Rights changes"
        and (honorific or bare(tokens[i]) not in POSTS)  # "die Position Disponent"
        and not continuation
        and not in_brackets
        and not qualifier
        and (not lower or honorific or (words >= 2 and (bounded or _leads_to_title(tokens, j))))
    )


def _place_in_brackets(tokens: list[str], start: int, opened: int) -> bool:
    """Whether the words at ``start`` open a bracket right after a title's head word with
    an everyday word no name starts with ("Sales Manager (Greater Accra)"): where the title
    is held, not someone."""
    return (
        opened == start - 1
        and opened > 0
        and is_head(tokens[opened - 1])
        and _thing(tokens[start])
        and not tokens[start].isupper()
    )


def _named_before_title(tokens: list[str], i: int, j: int) -> bool:
    """Whether the words ``i:j`` start with a known first name and a title's head word follows
    them ("Jonah Smith VP Customer Success"): a name, not the title's start, unless the first
    name is an everyday word too ("Grant Manager")."""
    return (
        j > i
        and is_first_name(tokens[i])
        and not is_common_word(tokens[i])
        and j < len(tokens)
        and is_head(tokens[j])
    )


def _thing(word: str) -> bool:
    """An everyday English word that is nobody's first name or surname ("Engine"); a
    hyphenated one only when every part is ("Lloyd-Price" is a name)."""
    parts = word.split("-")
    if len(parts) > 1 and all(len(bare(p)) > 1 for p in parts):
        return all(_thing(p) for p in parts)
    return (
        len(bare(word)) > 1
        and is_common_word(word)
        and not (is_surname(word) or is_first_name(word))
    )


def _dashed_name(tokens: list[str], start: int, j: int) -> bool:
    """Whether one word after "Title -" is a name ("Deputy Manager - Sue", "Senior
    Metallurgist - Mick" ending the entry), not a field ("Director – Structures", "Director
    - EMEA", "SQL/Python live coding")."""
    word = tokens[start]
    if is_first_name(word):
        return True
    ended = j >= len(tokens) or tokens[j] in SEPARATORS | HARD_STOPS
    return (
        ended
        and tokens[start - 1] in {"-", "–", "—"}
        and not (is_common_word(word) or acronym(word) or bare(word) in QUALIFIERS)
    )


def _label(tokens: list[str], start: int, j: int) -> bool:
    """Whether one word opening a line before a colon and a name labels it ("Convenor:
    Michelle Tran"), rather than being a first name with a title after ("Tom: Ops Director")."""
    return (
        (start == 0 or tokens[start - 1] in HARD_STOPS)
        and tokens[j : j + 1] == [":"]
        and j + 1 < len(tokens)
        and could_start_name(tokens[j + 1])
        and not is_first_name(tokens[start])
    )


def _state_after(tokens: list[str], j: int) -> bool:
    """Whether a place's state or province follows at ``j`` (", AB" ending the line)."""
    return (
        tokens[j : j + 1] == [","]
        and re.fullmatch(r"[A-Z]{2}", tokens[j + 1] if j + 1 < len(tokens) else "") is not None
        and (j + 2 == len(tokens) or tokens[j + 2] in HARD_STOPS)
    )


def _continues_title(tokens: list[str], start: int, i: int, j: int) -> bool:
    """Whether the words from ``start`` to ``j`` go on with the title before them ("Head of
    Trusts", "Health and Safety", "Senior Adjuster") rather than name someone."""
    words = j - i
    before = bare(tokens[start - 1]) if start > 0 else ""
    # "consist of Lorraine Bishop": an everyday word before "of" starts no title, nor does
    # a given name that is an everyday word too when a surname follows ("of Carl Brandt")
    plain_of = (
        start > 1
        and tokens[start - 2].islower()
        and not titleish(tokens[start - 2])
        and is_first_name(tokens[i])
        and (not is_common_word(tokens[i]) or (words >= 2 and is_surname(tokens[i + 1])))
    )
    return (
        (before in {"of", "for", "in"} and not plain_of)
        # "Chef de Partie", "Gerente de Operações Agrícolas": "of" in another language
        or (before in PARTICLES and start > 1 and is_head(tokens[start - 2]))
        or (before == "&" and start > 1 and titleish(tokens[start - 2]))
        # "Director de Operaciones": a title goes on in another language.
        or (start > 0 and tokens[start] in PARTICLES and is_head(tokens[start - 1]))
        or (
            before == "and"
            and start > 1
            and titleish(tokens[start - 2])
            and _leads_to_title(tokens, j)  # "Health and Safety Manager"
        )
        or (words == 1 and _after_title_link(tokens, start))
        or _field_linked(tokens, start, i)
        or _numbered_unit(tokens, start)
        # "Senior Adjuster", "Principal Viola": one word after a rank is its title.
        or (
            words == 1
            and before in RANKS
            and start > 0
            and is_cap(tokens[start - 1])
            and not is_first_name(tokens[i])
        )
    )


def _field_linked(tokens: list[str], start: int, i: int) -> bool:
    """Whether words after "&" or "and" go on with the field a title is "of" ("Curator of
    Modern & Contemporary Art", "Director of Research and Innovation"): capitalised words
    back to "of", "for" or "in" after a title word, and no first name after the link."""
    if start < 3 or bare(tokens[start - 1]) not in {"&", "and"} or is_first_name(tokens[i]):
        return False
    k = start - 2
    while k > 0 and start - k <= 4 and is_cap(tokens[k]) and not is_head(tokens[k]):
        k -= 1
    return (
        k < start - 2
        and bare(tokens[k]) in {"of", "for", "in"}
        and k > 0
        and (is_head(tokens[k - 1]) or titleish(tokens[k - 1]))
    )


def _numbered_unit(tokens: list[str], start: int) -> bool:
    """Whether words after a number that follows "of", "for" or "in" name the unit a title
    is held in ("Nurse Manager for 4 West", "Sister in 7 North"), not someone."""
    return (
        start > 2
        and re.fullmatch(r"\d{1,3}[A-Z]?", tokens[start - 1]) is not None
        and bare(tokens[start - 2]) in {"of", "for", "in"}
        and (is_head(tokens[start - 3]) or titleish(tokens[start - 3]))
    )


def _lower_first_name(tokens: list[str], span: tuple[int, int, int], bounded: bool) -> bool | None:
    """In a field typed in lower case, whether one word is its holder's first name: right
    after a title ("production manager ffion, ...", "clinical lead physio - tom;") or
    before its title in brackets ("jonas (creative director)"); None when neither."""
    start, i, j = span
    before = bare(tokens[start - 1]) if start > 0 else ""
    after_head = start > 0 and (
        is_head(tokens[start - 1])
        or (tokens[start - 1] in DASHES and start > 1 and is_head(tokens[start - 2]))
    )
    if after_head and bounded and not _after_title_link(tokens, start):
        return before != "the" and could_be_name([tokens[i]], True)
    bracket = tokens[j + 1 : j + 6] if j < len(tokens) and tokens[j] == "(" else []
    titled = ")" in bracket and any(is_head(t) for t in bracket[: bracket.index(")")])
    if titled and start == i and before in {"", ",", "and", "+"}:  # no honorific
        return could_be_name([tokens[i]], True)
    # ... or stands alone in a list of names ("terry (owner) + steve"), or in brackets after
    # a title ("owner (luc)")
    listed = before in {"", ",", "and", "+", "&", "/", ";"} and bounded
    after_title = before == "(" and start > 1 and is_head(tokens[start - 2])
    if after_title and start == i and tokens[j : j + 1] == [")"]:
        return could_be_name([tokens[i]], True)
    if listed and start == i and _name_list(tokens):
        return could_be_name([tokens[i]], True)
    # ... or a known first name that opens an item of a list and is described right after
    # it ("priya from HR and callum the store manager")
    opens_item = before in {"", ",", "and", "+", "&", "/", ";"} and start == i
    described = j < len(tokens) and bare(tokens[j]) in _DESCRIBED_BY
    known = is_first_name(tokens[i]) and not is_common_word(tokens[i])
    if opens_item and described and known:
        return True
    # ... or a known first name after "be" or "with", or after whose they are ("his son
    # lewis", "it'll be nat and her boss")
    related = before in _RELATIONS and is_first_name(tokens[i]) and bare(tokens[i]) not in STOP
    if start == i and (related or (known and before in {"be", "with"} and bounded)):
        return True
    return None


# Lower-case words for a person, not names: "the HR lady", "Betriebsrat guy".
_SOMEONE = {"guy", "lady", "gal", "bloke", "chap", "dude", "fella", "woman", "man"}


_RELATIONS = {
    "son", "daughter", "wife", "husband", "partner", "boss", "brother", "sister", "colleague",
    "cousin", "mate", "friend",
}  # fmt: skip


# Words that describe the person named just before them ("callum the store manager").
_DESCRIBED_BY = {"from", "the", "who", "our", "his", "her", "their", "is", "as", "in"}


_LIST_SEPARATORS = {",", "+", "&", "and", "/", ";"}


def _honorific_and_one(item: list[str]) -> bool:
    return len(item) == 2 and bare(item[0]) in HONORIFICS


def _name_list(tokens: list[str]) -> bool:
    """Whether lower-case ``tokens`` are a list of one-word names, titles in brackets aside,
    with a known first name among them ("ruairi, camille, ngozi")."""
    items: list[list[str]] = [[]]
    depth = 0
    for t in tokens:
        depth += (t == "(") - (t == ")")
        if t in {"(", ")"} or depth > 0:
            continue
        if t in _LIST_SEPARATORS:
            items.append([])
        else:
            items[-1].append(t)
    return (
        len(items) > 1
        # "dr bhatt, lorna": an honorific and a surname are an item too
        and all(
            item[-1:] and item[-1].isalpha() and (len(item) == 1 or _honorific_and_one(item))
            for item in items
        )
        and any(is_first_name(item[0]) for item in items)
    )


def _after_title_link(tokens: list[str], start: int) -> bool:
    """Whether one word at ``start`` ends a title ("Head of Crew Resources", "Engineering
    Manager, Payments") rather than being a name."""
    k = start - 1
    while k > 0 and is_cap(tokens[k]) and titleish(tokens[k]):
        k -= 1
    if k < start - 1 and bare(tokens[k]) in {"of", "for", "in"}:
        return True
    return (
        start > 1
        and tokens[start - 1] == ","
        and is_head(tokens[start - 2])
        and bare(tokens[start]) in QUALIFIERS
    )


def _leads_to_title(tokens: list[str], j: int) -> bool:
    """Whether the words from ``j`` on continue a title ("Health & Safety Manager")."""
    if j < len(tokens) and bare(tokens[j]) in POSTNOMINALS:
        return False  # "Sarah Odutola KC"
    if j < len(tokens) and (bare(tokens[j]) in TITLE_WORDS or is_head(tokens[j])):
        return True
    k = j
    while k < len(tokens) and k - j < 4 and (tokens[k] in {"&", "of"} or is_cap(tokens[k])):
        if is_head(tokens[k]):
            return k > j and tokens[j] in {"&", "of"}
        k += 1
    return False
