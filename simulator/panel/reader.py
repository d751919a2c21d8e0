"""Names and titles read from the intake: the panel field first ("Name – Title" lines as
written, then any format), then the people the round-one notes and the recruiter's message
put in the coming round."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import replace

from simulator.domain import Intake
from simulator.name_words import (
    could_be_name,
    could_start_name,
    is_common_word,
    is_first_name,
    is_foreign_word,
    is_rare_word,
    is_surname,
)
from simulator.panel.abbreviations import abbreviates
from simulator.panel.aliases import aliases, with_full_names
from simulator.panel.bracketed import with_bracketed_titles
from simulator.panel.coming import NEXT, PANEL_CUE, REPLACES, SELF_JOIN, next_round
from simulator.panel.given_names import same_given_name
from simulator.panel.in_room import in_room
from simulator.panel.leanings import read_leanings
from simulator.panel.name_tagger import NameTagger, intake_text
from simulator.panel.panelist import Panelist
from simulator.panel.text import (
    HEADER,
    SIGN_OFF,
    as_lines,
    clean_text,
    closes,
    greeted,
    introduced,
    normalise,
    sentences,
    signer,
)
from simulator.panel.title_tagger import TitleTagger
from simulator.panel.title_tidy import tidy_title
from simulator.panel.words import (
    ADDRESS,
    ADDRESS_BEFORE_ACCENTED,
    BEFORE_TITLE,
    COMMON,
    DASHES,
    HARD_STOPS,
    HONORIFICS,
    LEADING,
    LINKS,
    MAX_NAME_WORDS,
    PANEL_ROLES,
    PARTICLES,
    PLACE_ENDS,
    PLACE_WORDS,
    POSTNOMINALS,
    QUALIFIERS,
    RANKS,
    SEPARATORS,
    SHORT_FORMS,
    STOP,
    TITLE_HEADS,
    TITLE_HONORIFICS,
    TITLE_WORDS,
    TOKEN,
    acronym,
    bare,
    is_cap,
    is_head,
    is_panel_role,
    name_token,
    titleish,
    unaccented,
)

MAX_PANEL = 12  # more names than this are not a panel; the first ones are kept


def _title_case(name: str) -> str:
    """Capitals on a name typed in lower case, but not on a particle inside it ("van")."""
    return " ".join(
        w if not w.islower() or (k and w in PARTICLES) else w[:1].upper() + w[1:]
        for k, w in enumerate(name.split())
    )


def _names_in(tokens: list[str], lowercase_ok: bool, min_words: int) -> list[tuple[int, int]]:
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


# What follows a surname to tell a parent from a child of the same name ("Ray Delgado Jr.").
_GENERATIONS = {"jr", "jnr", "sr", "snr"}
_GENERATION_NUMERALS = {"II", "III", "IV"}


def _generation(token: str) -> bool:
    return token.lower() in _GENERATIONS or token in _GENERATION_NUMERALS


def _generation_after(tokens: list[str], i: int, j: int) -> tuple[int, int]:
    """(end of the name's own words, end of the name) for the name words ``i:j``: a "Jr.",
    "Sr" or "III" after two or more of them belongs to the name but is read past, as no
    word of it, when asking whether the words name someone."""
    end = j
    core = j - 1 if j - i >= 3 and _generation(tokens[j - 1]) else j
    if core == j and j < len(tokens) and j - i >= 2 and _generation(tokens[j]):
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
                (t in PARTICLES or (j > i and t.lower() in _IRISH_PARTICLES))
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
_IRISH_PARTICLES = {"ní", "nic", "ó", "ua", "uí", "mac", "mhic"}

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
        or (j < len(tokens) and tokens[j] in _POSTS)
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
_POSTS = {"position", "role", "vacancy", "post", "job", "opening", "team", "department"}
# The endings of a field of work, not of a name ("Trustee (Fundraising)", "Lead (Governance)").
_ABSTRACT = re.compile(r"(?:ing|ance|ence|ment|ity|ics|ogy|ship|tion|sion)$")
# The endings of a department's name that a surname seldom has ("Pharmacy", "Radiology"):
# narrower than ``_ABSTRACT``, whose -ing, -ence and -ity end surnames too ("Fleming").
_DISCIPLINE = re.compile(r"..(?:acy|ogy|ics|ment|tion|ance)$")


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
        and (honorific or bare(tokens[i]) not in _POSTS)  # "die Position Disponent"
        and not continuation
        and not in_brackets
        and not qualifier
        and (not lower or honorific or (words >= 2 and (bounded or _leads_to_title(tokens, j))))
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
    # "consist of Lorraine Bishop": an everyday word before "of" starts no title
    plain_of = (
        start > 1
        and tokens[start - 2].islower()
        and not titleish(tokens[start - 2])
        and is_first_name(tokens[i])
        and not is_common_word(tokens[i])
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
        # "Senior Adjuster", "Principal Viola": one word after a rank is its title.
        or (
            words == 1
            and before in RANKS
            and start > 0
            and is_cap(tokens[start - 1])
            and not is_first_name(tokens[i])
        )
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
    heads = _heads(words)
    if not heads:
        return []
    end = heads[-1] + 1
    foreign = False  # in "Subdirector de Riesgo de Mercado" the second "de" goes on too
    while end < len(words):
        w = words[end]
        foreign_of = w in PARTICLES and (foreign or is_head(words[end - 1]))  # "Chef de Cuisine"
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
    if words[end : end + 1] and words[end] in _POSTS:
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


def _field_words(words: list[str]) -> bool:
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
            if unit or (2 <= m <= 6 and _field_words(rest[1:m])) or _held_at(rest[1:m]):
                n += m
                continue
        break
    return n


def _bracket_qualifies(inner: list[str]) -> bool:
    """Whether the words in a bracket after a title qualify it ("Claims Platforms", "HR",
    "Infrastructure & PPP") rather than name someone ("Rebecca Stansfield")."""
    words = [w for w in inner if w not in LINKS and not acronym(w)]
    # A rare word counts when an everyday one is beside it ("Onshore Assets"), never alone,
    # as names are ("Ngozi Okafor").
    everyday = any(is_common_word(w) for w in words)
    return _field_words(inner) or (
        1 <= len(inner) <= 6
        and all(
            is_cap(w)
            and not is_first_name(w)
            and bare(w) not in HONORIFICS
            and (everyday or not could_be_name([w]))
            for w in words
        )
    )


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


def _title_after(tokens: list[str], end: int, starts: set[int]) -> str:
    """A title written just after a name ("Raj Patel, Director of Nursing")."""
    j = _past_letters(tokens, end)
    if tokens[j + 1 : j + 2] == ["("] and bare(tokens[j]) in {"again", "too", "also"}:
        j += 1  # "Carl Jennings again (ops manager)"
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
            k = close
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
    if k < len(tokens) and tokens[k] in _POSTS:
        return ""  # "passed my CV to Nomvula for the Content Marketing Manager role"
    words = tokens[j:k]
    if bracketed:
        return _bracketed_title(tokens, k, words, starts)
    title = _title_words_of(words)
    if not title and dashed and _department(words, tokens[k : k + 1]):
        return " ".join(words)  # "Ms. Sarah O'Connell - Talent Acquisition"
    return " ".join(title)


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
            # MD is a degree when more follows it, and otherwise a managing director
            or (tokens[j] == "," and tokens[j + 1 : j + 3] in (["MD", ","], ["MD", "("]))
            or (
                tokens[j] == "MD"
                and tokens[j + 1 : j + 2] in ([","], ["("])
                and tokens[j - 1] == ","
            )
        )
    ):
        j += 1
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


def _bracketed_title(tokens: list[str], k: int, words: list[str], starts: set[int]) -> str:
    """The title in a bracket right after a name, ``words``, closed at ``k``."""
    if " ".join(words).lower() in PANEL_ROLES and tokens[k : k + 2] == [")", ","]:
        # "(Chair), Head of School": the job rather than the seat on the panel
        return _title_after(tokens, k + 1, starts) or " ".join(words)
    # "(Rector)", "(Churchwarden)": a short bracket of words that name no one is a role;
    # "(Ní Bhriain?)" is a surname.
    role = (
        1 <= len(words) <= 3
        and is_cap(words[0])
        and words[0].lower() not in _IRISH_PARTICLES
        and all(w.isalpha() and not is_first_name(w) for w in words)
    )
    titled = any(is_head(w) or bare(w) in TITLE_HONORIFICS for w in words)
    return " ".join(words) if role or titled else ""  # "(Dean of Faculty)"


def _after_comma(tokens: list[str], j: int, k: int, starts: set[int]) -> tuple[int, str]:
    """At a comma ``k`` in the title that started at ``j``: where the title ends, with a
    field of work after the comma ending the entry ("Omar Haddad – Engineering Manager,
    Payments"); or, for a second title there ("Trustee, Chair of Finance & Audit"), both."""
    stop = next((m for m in range(k + 1, len(tokens)) if tokens[m] in HARD_STOPS), len(tokens))
    rest = range(k + 1, stop)
    # "Diane Whitford, Partner, Commercial Litigation, will meet you": a field between
    # commas, before the sentence goes on in lower case
    comma = next((m for m in rest if tokens[m] == ","), None)
    if (
        comma is not None
        and 1 <= comma - k - 1 <= 4
        and tokens[comma + 1 : comma + 2] != []
        and tokens[comma + 1].islower()
        and _field_words(tokens[k + 1 : comma])
    ):
        return comma, ""
    # "Raj Patel" after the comma is someone else; "Unscheduled Care" is a field of work,
    # and "Wellington District" or "Surat Municipal Corporation" is where the title is held.
    if _held_at(tokens[k + 1 : stop]):
        return stop, ""
    if listed := _list_end(tokens, k, stop):
        return listed, ""  # "Head of School of Nursing, Midwifery & Health Systems (Chair)"
    unit = _field_words(tokens[k + 1 : stop]) and not could_be_name(tokens[stop - 1 : stop])
    if starts & set(rest) and not unit:
        return k, ""
    if 1 <= len(rest) <= 5 and _field_words(tokens[k + 1 : stop]):
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


def _fields_to_end(words: list[str]) -> bool:
    """Whether ``words``, to the end of an entry, are two or three fields of work or
    acronyms between commas ("Private Banking, GTA")."""
    parts = " ".join(words).split(" , ")
    return 2 <= len(parts) <= 3 and all(
        1 <= len(p.split()) <= 4 and _field_words(p.split()) for p in parts
    )


def _title_before(tokens: list[str], start: int, ends: set[int], title_first: bool = False) -> str:
    """A title written just before a name ("Director of Nursing Raj Patel", "Chief
    Geologist/Dr. Thandiwe Mokoena", "partner: Graham Whitcombe")."""
    j = start
    separated = j > 0 and tokens[j - 1] in {",", "(", ":", "/", "-", "–", "—"}
    if separated:
        j -= 1
    k = j
    while k > 0 and j - k < 8 and k not in ends:
        t = tokens[k - 1]
        qualifies = t in {",", "-", "–", "—", ":"} and _field_words(tokens[k:j])
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
        and _field_words(tokens[k - 2 : k - 1])
        and _field_words(tokens[k:link])
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
        and _field_words(tokens[link + 1 : end])
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
    return opened if _field_words(tokens[opened + 1 : close]) else None


def _head_before(tokens: list[str], k: int) -> bool:
    """Whether a title ends just before ``k`` ("Head of Nursing" before ", Urgent Care")."""
    m = k - 1
    while m >= 0 and k - m <= 5 and tokens[m] not in HARD_STOPS | SEPARATORS:
        if is_head(tokens[m]):
            return True
        m -= 1
    return False


def _honorific_title(tokens: list[str], start: int, end: int) -> str:
    """The title an honorific gives ("Matron"), with a title word just before it ("Ward
    Sister Hope Adeyemi")."""
    head = [t.strip(".") for t in tokens[start:end] if bare(t) in TITLE_HONORIFICS | {"district"}]
    if head and start > 0 and is_cap(tokens[start - 1]) and bare(tokens[start - 1]) in TITLE_WORDS:
        head.insert(0, tokens[start - 1])
    return " ".join(head)


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
    if "," in title and not _field_words(TOKEN.findall(title.split(",", 1)[1])):
        return None  # "CEO, Rev. Dr Martin Achterberg", not "Nurse Manager, ICU"
    if not (
        1 <= len(words) <= MAX_NAME_WORDS + 1
        and all(is_cap(w) or w in PARTICLES for w in words)
        and not any(is_head(w) or titleish(w) for w in words if bare(w) not in HONORIFICS)
        and not HEADER.search(match.group("name"))  # "Appointments Panel - Director of ..."
        and (
            any(is_head(w) for w in TOKEN.findall(title))
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


def _entries(text: str) -> list[Panelist]:
    """A panel field written one "Name – Title" per line (a line may hold a name alone),
    read as written; else nobody."""
    lines = [ln for ln in as_lines(clean_text(text)).splitlines() if ln.strip()]
    entries = [_entry(ln) for ln in lines]
    if not any(entries):
        return []
    entries = [e or _name_line(ln) for e, ln in zip(entries, lines, strict=True)]
    return [e for e in entries if e is not None] if all(entries) else []


# Styles written before a name that are surnames too ("Sheikh Khalid bin Nasser Al Habsi",
# "Fatima Sheikh"): dropped only from the start of a longer name.
_STYLES = {"sheikh", "shaikh", "sheikha", "shaikha"}


def _parse(
    text: str, *, lowercase_ok: bool, min_words: int, cue_only: bool = False
) -> list[Panelist]:
    out: list[Panelist] = []
    for sentence in sentences(normalise(as_lines(clean_text(text)), lowercase_ok)):
        if cue_only and not (PANEL_CUE.search(sentence) and NEXT.search(sentence)):
            continue
        tokens = TOKEN.findall(sentence)
        spans = _names_in(tokens, lowercase_ok, min_words)
        starts, ends = {s for s, _ in spans}, {e for _, e in spans}
        # "Contracts Director - Neil Sturridge, Commercial Manager - Bronwen Lloyd-Evans":
        # when the first name has its title before it, so does every name in the sentence.
        # A rank or honorific right before the name ("Chef Luca Bianchi (Executive Chef)")
        # does not count unless the name has no title after it.
        first_before = _title_before(tokens, spans[0][0], ends) if spans else ""
        # ... and "his manager, Joy Mensah, Claims Operations Manager" is no title before.
        title_first = any(w[:1].isupper() for w in first_before.split())
        if title_first and spans[0][0] > 0 and tokens[spans[0][0] - 1] not in SEPARATORS:
            title_first = not _title_after(tokens, spans[0][1], starts)
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
            after = _title_after(tokens, end, starts)
            before = _title_before(tokens, start, ends, title_first)
            title = (before or after) if title_first else (after or before)
            if after and before.lower() in PANEL_ROLES:
                title = after  # "Chair: Deborah Fenwick, Deputy Director"
            title = title or _honorific_title(tokens, start, end)
            out.append(Panelist(name, tidy_title(title)))
    return out


_ARRANGER = re.compile(r"recruit|talent|resourcing|\bhr\b|people partner", re.IGNORECASE)
# "Janet (recruitment)", "Rachel from HR": whom a name is followed by, on its own line.
_ARRANGER_AFTER = re.compile(
    rf"^[ \t]*[(,–-]?[ \t]*(?:from |in |of )?(?:the )?(?:{_ARRANGER.pattern})", re.IGNORECASE
)
# A sentence that seats whoever it names after this ("You'll be meeting with ...").
_MEETS = re.compile(
    r"\b(?:(?:be |are )?meet(?:ing)?(?: with)?|joined by|interview(?:ed)? (?:with|by)|"
    r"panel (?:is|will be|of|includes)|(?:you['’]ll|you will) (?:also )?see)\b",
    re.IGNORECASE,
)


def _after_name(text: str, name: str) -> str:
    """The words right after the first mention of ``name``'s first word in ``text``."""
    first = re.escape(name.split()[0])
    match = re.search(rf"(?<![\w'’-]){first}(?:\s+[\w'’-]+)?", text)
    return text[match.end() : match.end() + 30] if match else ""


def _met(text: str, name: str) -> bool:
    """Whether a sentence of ``text`` says the candidate will meet ``name`` ("You'll be
    meeting with Derek Washington, ..., and Carla Jiménez, HR Generalist")."""
    first = name.split()[0]
    for sentence in sentences(clean_text(text)):
        cue = _MEETS.search(sentence)
        if cue and NEXT.search(sentence) and first in sentence[cue.end() :]:
            return True
    return _listed_for_round(text, name)


# A line that heads the list of the coming round's panel ("Interview panel:", "Attendees:").
_PANEL_HEADER = re.compile(
    r"^\W*(?:(?:the|de|die|der|das|la|le|il|el|o|a) )?"  # "De selectiecommissie bestaat uit:"
    r"(?:(?:interview|selection|hiring|assessment|required|optional) )?"
    r"(?:panel(?: members?)?|interviewers?|"
    r"attendees|attending|guests|participants|"
    # other languages: "Gesprächspartner:", "Teilnehmer seitens Kessler:", "Jury :"
    r"gesprächspartner(?:in(?:nen)?)?|teilnehmer(?:innen)?|teilnehmende|participantes|"
    r"entrevistadores|jury|deelnemers|gesprekspartners?|partecipanti|commissione|banca|"
    r"(?:selectie|sollicitatie|benoemings)?commissie|auswahl(?:kommission|gremium)|"
    r"面试官|面試官|面接官|면접관)"  # interviewers in Chinese, Japanese, Korean
    r"(?:\s+[^\W\d_][\w'’-]*){0,3}?\s*:",
    re.IGNORECASE,
)
_MAX_LISTED = 8  # lines of a list under a header


def _listed_lines(lines: list[str], i: int, same_line: bool) -> list[str]:
    """The lines listed under the header ``lines[i]`` (with ``same_line``, and what follows
    its colon): past blank lines before the first, and past a blank line only to a line
    written like the first ("Name – Title"); up to a line of prose."""
    after = lines[i].split(":", 1)[1].strip()
    block = [after] if after and same_line else []
    gap = False
    for k, line in enumerate(lines[i + 1 : i + 1 + 2 * _MAX_LISTED], start=i + 1):
        if not line.strip():
            gap = True
            continue
        if len(line.split()) > _line_words(line) or len(block) >= _MAX_LISTED:
            break
        if SIGN_OFF.match(line) or closes(lines, k):
            break  # "Yours faithfully," and the sender's name under it
        # the first item, past a heading within the list ("as follows:" / "Panel:")
        items = [b for b in block if not b.rstrip().endswith(":")]
        if gap and items and _item_shape(line) != _item_shape(items[0]):
            break
        if _LOGISTICS.match(line):
            continue  # "Date: ...", "Ort: Heilbronner Str. 150"
        block.append(line)
        gap = False
    return block


_PROSE_WORDS = 12  # a longer line is prose, unless written as a list item
_ITEM_WORDS = 20  # "i. Prof. Halima Sa'adu Abubakar - Director, Institute for Drug Research ..."
_ITEM_START = re.compile(r"^\s*(?:[-•*·▪◦]|\(?(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)])\s")


def _line_words(line: str) -> int:
    """How many words a line of a list may have: more for a bulleted or numbered item that
    joins a name to a title ("• Andrés Molina – Store Manager Gran Vía (...)", "• Ms
    Patricia Molloy, Director of Nursing, Mayo-Roscommon Mental Health Services")."""
    marked = _ITEM_START.match(line) is not None
    joined = any(sep in line for sep in (*_JOINERS, ", "))
    return _ITEM_WORDS if marked and joined else _PROSE_WORDS


# Lines of an invitation that give its time and place, not people.
_LOGISTICS = re.compile(
    r"^\W*(?:date|time|when|where|location|venue|place|address|room|format|mode|duration|"
    r"termin|ort|zeit|datum|uhrzeit|raum|fecha|hora|lugar|sala|data|local|horário|heure|"
    r"lieu|salle|tijd|locatie|plaats|adres|luogo|ora|sede)\s*:",
    re.IGNORECASE,
)


def _reads_as_person(name: str, text: str) -> bool:
    """Whether a name's words include a known given name or surname ("Park Seo-yeon", not
    "Heilbronner Str"), or ``text`` writes it after an honorific ("Mr. S. Venkataraman")."""
    if any(is_first_name(w) or is_surname(w) for w in name.split()):
        return True
    before = re.findall(rf"([\w'’]+)\.?\s+{re.escape(name)}", text)
    return any(w.lower() in HONORIFICS for w in before)


_JOINERS = (" – ", " — ", " - ", " | ")  # what joins a name to its title in a list item
_ITEM_SEPARATORS = (*_JOINERS, ", ", " (")


def _item_shape(line: str) -> str:
    """How a list line joins a name to its title: the first separator in it, if any."""
    found = [(line.find(sep), sep) for sep in _ITEM_SEPARATORS if sep in line]
    return min(found)[1] if found else ""


def _listed_for_round(text: str, name: str, same_line: bool = False) -> bool:
    """Whether ``text`` lists ``name`` under a line about the coming round ("Second round
    (in person):", "You'll meet with:"), or with ``same_line`` (an invitation, not notes on
    round one) after a panel header on its line ("Panel: Ms. Noriko Hayashi and ..."), not as
    an invite's organiser."""
    # the first word that is not an initial ("Venkataraman" of "S. Venkataraman")
    first = next((w for w in name.split() if len(w.rstrip(".")) > 1), name.split()[0])
    lines = clean_text(text).splitlines()
    for i, line in enumerate(lines):
        ends = line.rstrip().endswith(":")
        if (_PANEL_HEADER.match(line) and (ends or same_line)) or (ends and NEXT.search(line)):
            block = _listed_lines(lines, i, same_line)
            if any(
                re.search(rf"(?<![\w'’-]){re.escape(first)}\b", ln)
                and not re.search(r"organi[sz]er", ln, re.IGNORECASE)
                for ln in block
            ):
                return True
    return False


def _people_in_message(
    text: str, cue_only: bool = False, known: Iterable[str] = (), arrangers: bool = False
) -> list[Panelist]:
    """People a note or message names, less whoever it greets (the candidate) and whoever
    signs it (the sender, unless they say they will join); with ``cue_only``, only in
    sentences about the interview. One word counts as a name when it is a ``known`` one's
    ("Grace (our Director of Fundraising)" for Grace Mensah). Whoever arranges the
    interview is left out too, unless listed for it, or unless ``arrangers``."""
    greeting = greeted(text)  # the candidate, and "Kia ora"
    signed = signer(text)
    joins = SELF_JOIN.search(text) is not None
    lower = _in_lower_case(text)
    people = []
    # A first name alone counts too ("I'd see Lorraine again"), when it is no everyday word
    # ("Will", "Mark"), and so does one word with a title ("Bronwen, our Field Care
    # Supervisor"); whether its owner is in the coming round is ``next_round``'s call.
    alone = [
        p
        for p in _parse(text, lowercase_ok=lower, min_words=1, cue_only=cue_only)
        if len(p.name.split()) == 1
        and (
            (is_first_name(p.name) and not is_common_word(p.name))
            or _same_person(p.name, known) is not None
            or (
                bool(p.title)
                and (is_first_name(p.name) or not is_common_word(p.name))
                and _titled(text, p.name)  # "and Jordan, our Visual Merchandising Lead"
            )
        )
    ]
    named = _parse(text, lowercase_ok=lower, min_words=2, cue_only=cue_only)
    for p in named + [p for p in alone if _same_person(p.name, [n.name for n in named]) is None]:
        words = {w.lower() for w in p.name.split()}
        # Whoever signs is on the panel only when they say so, or when the panel field lists
        # them; known by the surname when they sign with one ("Dana Whitfield" is not the
        # Dana Whitehorse who signs).
        signs = _last_word(p.name).lower() in signed and (
            len(words) == 1 or len(words & signed) >= 2 or len(signed) < 2
        )
        sender = signs and _same_person(p.name, known) is None
        # a sender who lists themself among those the candidate will meet joins too
        if words & greeting or (sender and not joins and not _listed_for_round(text, p.name)):
            continue
        arranges = _ARRANGER.search(p.title) or _ARRANGER_AFTER.search(_after_name(text, p.name))
        listed = _same_person(p.name, known) is not None or (
            bool(arranges) and _listed_for_round(text, p.name)
        )
        if arranges and not ((sender and joins) or arrangers or listed or _met(text, p.name)):
            continue  # whoever arranges the interview is not on the panel, unless listed
        people.append(p)
    # A sender who introduces themself and joins, even by a name that alone reads as no one's
    # ("Hi Shannon, Anne-Marie from Bright Smile ... you'll meet me and ...").
    who = introduced(text)
    if joins and who and _same_person(who, [p.name for p in people]) is None and not cue_only:
        people.append(Panelist(who, ""))
    return people


def _in_lower_case(text: str) -> bool:
    """Whether ``text`` is written all in lower case (acronyms aside), so that the names in
    it are too ("met w/ gabe ruiz (tax partner)")."""
    words = re.findall(r"[^\W\d_]+", text)
    return len(words) >= 5 and not any(w[0].isupper() and not w.isupper() for w in words)


def _joining_sender(text: str, name: str) -> bool:
    """Whether ``name`` signs ``text`` and says they will sit on the panel ("I will be
    sitting in again. Kind regards, Fatima Al-Mansouri, HR Manager")."""
    words = {w.lower() for w in name.split()}
    joins = any(
        not re.search(r"\bthank", s[: m.start()], re.IGNORECASE)
        for s in sentences(clean_text(text))
        if (m := SELF_JOIN.search(s))
    )  # not "Thanks for taking the time to chat with me."
    signed = signer(text)
    # signed in full, or with the first name alone ("Aisling", then "Aisling Breathnach")
    first = name.split()[0].lower()
    return joins and len(words) > 1 and (words <= signed or signed == {first})


def _titled(text: str, word: str) -> bool:
    """Whether one word that could be a name is followed by its title ("Bronwen, our Field
    Care Supervisor", "Tomasz (Head Chef)"), not a number or a lower-case word."""
    after = (
        rf"(?<![\w'’(-]){re.escape(word)}"
        r"(?:\s*[,(]\s*(?:our |the |who is |who's )?|\s+(?:our|who is|who's)\s+)[A-Z]\w"
    )  # "Bronwen, our Field Care Supervisor", "Dave our Area Manager"
    return could_be_name([word]) and re.search(after, text) is not None


# A panel field that points back to round one, and whom it drops from it.
_SAME_AS_BEFORE = re.compile(
    r"\bsame\b(?:\s+\w+){0,2}?\s+(?:as|from)\s+(?:before|last|round|the first|1st|first)\b"
    r"|\bsame (?:panel|people|ppl|committee|jury|team|two|three|2|3|blokes|ones|lot)\b",
    re.IGNORECASE,
)
_DROPPED = re.compile(r"\b(?:minus|except|without|but not|less)\s+([^,;+(\n]+)", re.IGNORECASE)


def named_panel(
    intake: Intake, tagger: NameTagger | None = None, titles: TitleTagger | None = None
) -> list[Panelist]:
    """The people the intake names as the panel, each once, in the order first written:
    whom the rules read, less those a learned table puts outside the room (``in_room``),
    unless the panel field points back to round one ("same as before"), which says who.
    With a name ``tagger``, less those whose name reads as no one's in the room, and with
    those the rules read only when they take in everyone the notes and message name whose
    name the tagger reads as surely someone's in the room; a title the rules read as a name
    it drops goes back to whom it follows (``_titles_read_as_names``). With a title tagger
    (``titles``), someone still without a title gets the one the intake writes beside their
    name, and a title the rules cut short grows as far as the intake writes it
    (``fuller_title``)."""
    people = read_panel(intake)
    if round_one_again(intake.panel) is None:
        people = in_room(intake, people)
    if tagger is None:
        return people
    others = [
        o
        for o in read_panel(intake, everyone=True)
        if _same_person(o.name, [p.name for p in people]) is None
    ]
    kept = tagger.named(intake, people, others)[:MAX_PANEL]
    kept = _titles_read_as_names(intake, kept, [p for p in [*people, *others] if p not in kept])
    return kept if titles is None else titles.titled(intake_text(intake), kept)


def _titles_read_as_names(
    intake: Intake, people: list[Panelist], dropped: list[Panelist]
) -> list[Panelist]:
    """``people``, each with the title the intake writes after their name when the rules
    read the end of it as someone else's name, which the name tagger then dropped ("Jens
    Albrecht, Teamleiter Prüfstand E-Achse" read as "Prüfstand E-Achse", a Teamleiter), if
    that title is fuller than the one read. A dropped name with a given name in it is
    someone's ("Tamika Rowe, AP Greg Sandoval"), and one written in lower case no title's
    ("Jun Reyes, Executive Chef daw")."""
    tails = [
        d for d in dropped if d.title and not any(is_first_name(w) for w in TOKEN.findall(d.name))
    ]
    if not tails:
        return people
    text = "\n".join((intake.panel, intake.round1_notes, intake.recruiter_message))
    out = []
    for person in people:
        title = person.title
        for d in tails:
            written = re.search(
                rf"{re.escape(person.name.split()[-1])}[ \t]*[,–—-][ \t]*"
                rf"({re.escape(d.title)}[ \t]+({re.escape(d.name)}))(?!\w)",
                text,
                re.IGNORECASE,
            )
            if written and written.group(2)[:1].isupper() and _fuller(written.group(1), title):
                title = written.group(1)
        out.append(replace(person, title=title))
    return out


def read_panel(intake: Intake, everyone: bool = False) -> list[Panelist]:
    """The people the rules read as the panel, each once, in the order first written. When
    the panel field names people, the notes and message add only whom a sentence puts in
    the coming round, unless ``everyone``."""
    intake = _full_names_written(intake)
    found, dropped, named, cue_only = _panel_field(intake.panel, everyone)
    for text in (intake.round1_notes, intake.recruiter_message):
        known = [f.name for f in found]
        in_room = _people_in_message(text, cue_only=True, known=known) if cue_only else []
        found += [
            p
            for p in _people_in_message(text, known=known)
            if not cue_only
            or (text is intake.round1_notes and _back_again(p, in_room, dropped))
            or p in in_room
            or _same_person(p.name, [f.name for f in found])
            or _in_panel_field(intake.panel, p.name, found)
            or _joining_sender(text, p.name)
            or _listed_for_round(text, p.name, same_line=text is intake.recruiter_message)
        ]
    titled, seat_holders = _titles_and_seats(intake, found)
    found += titled + seat_holders
    # The employer named as if a person ("your final round with Bharat Telelink") is no one,
    # and says nothing about who is in the room.
    employer = {w.lower() for w in re.findall(r"[\w'’-]+", intake.company)}
    found = [p for p in found if not {w.lower() for w in p.name.split()} <= employer]
    # Whoever organises a pasted calendar invite sends it, and is not on the panel.
    found = [p for p in found if p.title.lower() not in {"organizer", "organiser"}]
    texts = (intake.panel, intake.round1_notes, intake.recruiter_message)
    # One person however often written ("Dave" and "Dave Kowalski"), before asking who is
    # in the coming round, so that "he won't be there" keeps out every mention of him.
    people = [p for p in _merged(found) if not _dropped(p, dropped)]
    seated = [
        p.name
        for p in people
        if any(_same_person(a.name, [p.name]) for a in seat_holders)
        or (
            _listed_for_round(intake.recruiter_message, p.name, same_line=True)
            and _reads_as_person(p.name, intake.recruiter_message)
        )
    ]
    people = next_round(people, texts, listed=named, seated=seated)[:MAX_PANEL]
    people = with_bracketed_titles(people, texts)
    people = _message_titles(intake.recruiter_message, people)
    people = _as_described(intake.job_description, people)
    people = _as_described(_copied(intake.recruiter_message), people)
    people = [replace(p, name=_without_address(p.name)) for p in people]
    text = "\n".join(
        clean_text(t) for t in (intake.round1_notes, intake.recruiter_message, intake.panel)
    )
    leanings = read_leanings(text, people)
    return [replace(p, leaning=leanings.get(p.name, "")) for p in people]


def _message_titles(message: str, people: list[Panelist]) -> list[Panelist]:
    """Each person's title as the recruiter's message writes it beside their name, when
    that is fuller than the one read elsewhere: the employer's own words ("Operations
    Manager" for the notes' "Ops Mgr", "Head of Health Pricing Team" for "Team Lead")."""
    text = clean_text(message)
    written = [p for p in _parse(message, lowercase_ok=False, min_words=1) if p.title]
    fuller = []
    for person in people:
        titles = [
            w.title
            for w in written
            if _same_person(w.name, [person.name]) and _beside(person.name, w.title, text)
        ]
        best = max(titles, key=len, default="")
        fuller.append(replace(person, title=best) if _fuller(best, person.title) else person)
    return fuller


def _fuller(title: str, old: str) -> bool:
    """Whether ``title``, written beside a name by the employer, says more than ``old``:
    longer, the same written out ("Culinary Director" for "Culinary Dir"), or a title
    alone where ``old`` has more than a title in it ("Operations Manager" for the notes'
    "Ops Mgr, Dutch like")."""
    if not title:
        return False
    return (
        len(title) > len(old)
        or abbreviates(old, title)
        or (_clean_title(title) and not _clean_title(old) and abbreviates(old.split(",")[0], title))
    )


_COPIED = re.compile(r"^\s*cc\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def _copied(message: str) -> str:
    """Whom a message is copied to ("cc: Amrit Dhillon (Treasurer, Board of Directors)"),
    one per line: a fuller name and title for someone found, never someone new."""
    return "\n".join(m[1] for m in _COPIED.finditer(message))


def _as_described(description: str, people: list[Panelist]) -> list[Panelist]:
    """Each person as a text that names no panel writes them with a title (the job
    description's "Reports to Executive Chef Nicolás Ferreyra and Culinary Director Anthony
    De Luca", a message's "cc:" line), when only one person there can be them: the fuller
    name ("Nico"), and the title when theirs is missing, held whole in it ("Chef") or a
    short way of writing it ("Culinary Dir"). The text adds no one."""
    written = [p for p in _parse(description, lowercase_ok=False, min_words=2) if p.title]
    out = []
    for person in people:
        same = [w for w in written if _same_person(w.name, [person.name])]
        if len(same) != 1:
            out.append(person)
            continue
        name, title = same[0].name, same[0].title
        if _fullness(name) <= _fullness(person.name):
            name = person.name
        old = person.title
        if old and not (_alnum_words(old) < _alnum_words(title) or abbreviates(old, title)):
            title = old
        out.append(replace(person, name=name, title=title))
    return out


_WORDS = re.compile(r"[\w'’-]+")


def _beside(name: str, title: str, text: str) -> bool:
    """Whether ``text`` writes ``title`` right after the name ("Aoife Brennan, Operations
    Manager") or right before it ("Operations Manager Ms Brennan"), not as a post the
    sentence talks about ("rather than Head of Data Science (Beatrix will explain)")."""
    names, titles = _WORDS.findall(name), _WORDS.findall(title)
    if not names or not titles:
        return False
    after = rf"(?<!\w){re.escape(names[-1])}\W{{1,4}}{re.escape(titles[0])}"
    before = rf"(?<!\w){re.escape(titles[-1])}[\s,:–-]{{1,4}}(?:[\w.]+\s)?{re.escape(names[0])}"
    return any(re.search(form, text, re.IGNORECASE) for form in (after, before))


def _panel_field(
    panel: str, everyone: bool = False
) -> tuple[list[Panelist], set[str] | None, bool, bool]:
    """Whom the panel field lists; whom it drops from round one, when it points back there
    (else None); whether it names anyone; and whether the notes and message then add only
    whom they put in the coming round (``_cue_only``)."""
    found = _entries(panel) or _parse(panel, lowercase_ok=True, min_words=1)
    # With a panel written out, the notes and message add titles and leanings to it, and
    # only those people they put in the coming round ("X will also join"), not everyone
    # they name.
    # Whoever the panel field lists is on the panel, a talent partner included; the
    # recruiters the notes and message mention are not (``_people_in_message``).
    # A panel field with titles and no names ("Head: Human Resources, Finance rep (TBC)")
    # says who is coming too: the notes and message add only whom they put in the room.
    # A panel field that points back to round one ("same as before minus Aroha") puts the
    # people of the round-one notes in the room, less whoever it drops.
    dropped = round_one_again(panel)
    # A panel field that says the panel is not known yet ("TBC", "not sure - Esther will
    # confirm") names no panelist, and leaves the notes and message to say who is coming.
    unknown = _NOT_KNOWN_YET.search(panel) is not None
    found = [] if unknown else [p for p in found if not _dropped(p, dropped)]
    named = bool(found) or dropped is not None
    cue_only = unknown or (not everyone and _cue_only(panel, named))
    return found, dropped, named, cue_only


def _in_panel_field(panel: str, name: str, found: list[Panelist]) -> bool:
    """Whether the panel field lists one word of ``name`` as an item of its own that it did
    not read as a name alone ("Sauerland, Hoffmeister" for Frank Sauerland): not a word of a
    name it did read ("Villarreal" of Gerardo Villarreal Treviño), an everyday word that is
    no first name ("Branch"), whom someone replaces ("statt Reuter"), or a word of a firm's
    name ("Brennan, Castellanos & Hirsch LLP")."""
    taken = {bare(w) for f in found for w in f.name.split()}
    lines = [_SWAPPED.sub("", ln) for ln in panel.splitlines() if not _FIRM.search(ln)]
    for word in name.split():
        if len(word) < 3 or bare(word) in HONORIFICS | taken:
            continue
        if is_common_word(word) and not is_first_name(word):
            continue
        item = rf"(?:^|{_ITEM_SEP})\s*{re.escape(word)}\s*(?=$|\(|{_ITEM_SEP})"
        if any(re.search(item, ln, re.IGNORECASE) for ln in lines):
            return True
    return False


# What separates the items of a panel field: punctuation, or "and" in a few languages.
_ITEM_SEP = r"[,;+&/]|\b(?:and|y|und|et|e)\b"
# Whom someone replaces, with the cue: "statt Reuter", "instead of Bob".
_SWAPPED = re.compile(REPLACES.pattern + r"[^\s,;+&/()]+", re.IGNORECASE)
# A line of the panel field that names a firm, not people.
_FIRM = re.compile(r"\b(?:LLP|LLC|Ltd|Inc|GmbH|plc|Pty|AG|BV|S\.A\.|S\.L\.|SpA|SARL)\b")


def _cue_only(panel: str, named: bool) -> bool:
    """Whether the notes and message add only whom they put in the coming round: when the
    panel field names someone or a title. Not when it sends the reader to the message
    ("Raj + 2 engineers (names in the email)", "the jury (see invite)"), which then seats
    whoever it lists, as if the field were empty."""
    return (named or any(is_head(t) for t in TOKEN.findall(panel))) and not (
        _POINTS_TO_MESSAGE.search(panel)
    )


_NOT_KNOWN_YET = re.compile(
    r"^\W*(?:tbc|tbd|tba|not (?:sure|known|confirmed|told)(?: yet)?|unsure|no idea|"
    r"ni idea|(?:i )?don['’]?t know|dunno|unknown|pas encore|keine ahnung|no s[ée]|não sei|"
    r"niet bekend|non lo so|nie wiem)\b",
    re.IGNORECASE,
)
_POINTS_TO_MESSAGE = re.compile(
    r"\b(?:see|check|per|names? (?:are |is )?(?:in|on)|listed (?:in|on))\b[^\n.;]{0,25}?"
    r"\b(?:e-?mails?|invites?|invitations?|letters?|above|"
    r"messages?|table|calendar|list(?:ed)?|below|attached|attachment)\b",
    re.IGNORECASE,
)


def _without_address(name: str) -> str:
    """``name`` without a word of address before a first name and surname ("Pan Grzegorz
    Kowalczyk"); one before a single name stays ("Chị Hà", "Doña Lupe")."""
    words = name.split()
    if len(words) > 2 and words[0].lower() in ADDRESS and is_cap(words[1]):
        return " ".join(words[1:])
    return name


def round_one_again(panel: str) -> set[str] | None:
    """When the panel field points back to round one ("same as before minus Aroha", "same
    two as last time"), the words of whom it drops (lower case); else None."""
    if _SAME_AS_BEFORE.search(panel) is None:
        return None
    return {d.lower() for m in _DROPPED.finditer(panel) for d in TOKEN.findall(m.group(1))}


def _dropped(person: Panelist, dropped: set[str] | None) -> bool:
    return bool(dropped and {w.lower() for w in TOKEN.findall(person.name)} & dropped)


def _back_again(person: Panelist, in_room: list[Panelist], dropped: set[str] | None) -> bool:
    """Whether the round-one notes put ``person`` in round one (with a title, or in a
    sentence about the interview) when the panel field says round one comes again, less
    whom it drops."""
    return (
        dropped is not None
        and (bool(person.title) or person in in_room)
        and not _dropped(person, dropped)
    )


def _full_names_written(intake: Intake) -> Intake:
    """The intake with each name it writes out elsewhere in full ("Dee = Deandre Williams",
    "Jun-Jun (Ferdinand Reyes)") written in full wherever it appears."""
    texts = {"panel": intake.panel, "round1_notes": intake.round1_notes}
    texts["recruiter_message"] = intake.recruiter_message
    known_as = aliases(list(texts.values()))
    if not known_as:
        return intake
    return replace(intake, **{k: with_full_names(t, known_as) for k, t in texts.items()})


def _titles_and_seats(
    intake: Intake, found: list[Panelist]
) -> tuple[list[Panelist], list[Panelist]]:
    """What the notes and message add to the people ``found``: a title for one of them,
    wherever it is written ("SENCo Ms Grace Oyelaran" in the notes, "Ms Oyelaran" in the
    message); and whoever holds a seat the panel field gives by title alone ("Ola + CFO",
    "Head of Enterprise Solutions + Sr Mgr Pre-Sales")."""
    known = [f.name for f in _merged(found)]
    seat_text = clean_text(intake.panel)
    titled: list[Panelist] = []
    seats: list[Panelist] = []
    for text in (intake.round1_notes, intake.recruiter_message):
        # a seat can be an arranger's ("CSB rep" for the bureau's HR Specialist)
        for p in _people_in_message(text, known=known, arrangers=True):
            if p.title and p not in found and _nested(p.name, _same_person(p.name, known)):
                titled.append(p)
            elif _seat_for(p.title, seat_text, [f.title for f in found + titled + seats]):
                seats.append(p)
    return titled, seats


def _merged(found: list[Panelist]) -> list[Panelist]:
    """Each person once, in the order first found, by their fullest name and title; merged
    again until nothing changes, as a fuller name found later can join two mentions ("Dr
    Venkataraman", "Sunita V", then "Sunita Venkataraman")."""
    while len(people := _merged_once(found)) < len(found):
        found = people
    return people


def _merged_once(found: list[Panelist]) -> list[Panelist]:
    merged: dict[str, Panelist] = {}
    for p in found:
        # as first written, or by the fuller name since found ("Jen", "Jen Wong", "Jennifer")
        key = _same_person(p.name, merged) or next(
            (k for k, m in merged.items() if _same_person(p.name, [m.name])), None
        )
        if key is None:
            merged[p.name] = p
            continue
        old = merged[key]
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
            or _alnum_words(old.title) < _alnum_words(p.title)
            or abbreviates(old.title, p.title)
            or _initials_of(old.title, p.title)
            or _group_label(old.title)
            or (
                len(TOKEN.findall(p.title)) > len(TOKEN.findall(old.title))
                and _clean_title(p.title)
                and not _plain_title(old.title)
            )
        )
        # A fuller title that reads as one alone replaces one that is not in plain words
        # ("Deputy CEO/COO", "Deputy Chief Executive & Chief Operating Officer").
        thin = thin or (
            len(_alnum_words(p.title)) > len(_alnum_words(old.title))
            and _clean_title(p.title)
            and not _plain_title(old.title)
        )
        fuller = _fullness(p.name) > _fullness(old.name)
        merged[key] = Panelist(
            p.name if fuller else old.name,
            (p.title if thin and p.title else old.title) or p.title,
            old.leaning or p.leaning,
        )
    return list(merged.values())


def _alnum_words(title: str) -> set[str]:
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


def _clean_title(title: str) -> bool:
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
    return _clean_title(title) and all(
        t in LINKS or (is_common_word(t) and not acronym(t)) for t in TOKEN.findall(title)
    )


def _group_label(title: str) -> bool:
    """Whether ``title`` is the plural of a title, which labels a group ("Attorneys: S.
    Patel, J. Romano") rather than giving one person's title."""
    return " " not in title and title.endswith("s") and is_head(title[:-1])


def _fullness(name: str) -> tuple[int, bool, int, int]:
    """How fully a name is written: its words, an initial not counted, and the name that
    does not start with an initial first ("D. Enrique de la Fuente" is Don Enrique); then
    its length, and its accents."""
    words = _plain_words(name)
    accents = sum(not c.isascii() for c in name)  # "Tomás" is fuller than "Tomas"
    return sum(len(w) > 1 for w in words), bool(words) and len(words[0]) > 1, len(name), accents


def _seat_for(title: str, text: str, taken: list[str]) -> bool:
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


def _nested(name: str, other: str | None) -> bool:
    """Whether one of two names holds every word of the other ("Ms Oyelaran", "Grace
    Oyelaran"), not just a surname with a word more ("Said Ade", "Ade Bankole")."""
    if other is None:
        return False
    a, b = _plain_words(name), _plain_words(other)
    return _words_in(a, b) or _words_in(b, a)


def _words_in(a: list[str], b: list[str]) -> bool:
    """Whether every word of ``a`` is in ``b``, an initial as any word it starts ("Erik J",
    "Erik Johansson")."""
    return all(w in b or (len(w) == 1 and any(x.startswith(w) for x in b)) for w in a)


# Letters with no accent to take off, written plain ("Yılmaz" is "Yilmaz").


# A polite ending on a name ("Liang总", "Tanaka-san", "Sharma-ji").
_POLITE_END = re.compile(r"(?<=[a-zà-ɏ])(?:[\u3400-\u9fff]+|-(?:san|sama|sensei|nim|ssi|ji))$")


def _unaddressed(words: list[str]) -> list[str]:
    """Lower-case name words without a word of address before them or a polite ending."""
    words = [_POLITE_END.sub("", w) for w in words]
    if len(words) > 1 and (
        words[0] in ADDRESS or (words[0] in ADDRESS_BEFORE_ACCENTED and not words[1].isascii())
    ):
        return words[1:]
    return words


def _plain_words(name: str) -> list[str]:
    """A name's words for comparing: lower case, accents off, honorifics and words of
    address dropped."""
    name = " ".join(_unaddressed(name.lower().split()))
    words = [w.rstrip(".") for w in unaccented(name).split()]
    # "Vd Merwe" is van der Merwe; "Ray Delgado Jr." is Ray Delgado (``_generations``)
    return [
        w
        for k, w in enumerate(words)
        if w not in HONORIFICS and w not in {"vd", "v.d"} and not (k and _generation(w.upper()))
    ] or words


def _told_apart(name: str, other: str) -> bool:
    """Whether marks of generation tell two names apart: different marks, or a mark on one
    and another form of its given name on the other ("Bob Sr" and "Bob Okafor" are not Rob
    Okafor Jr., though all three are Roberts)."""
    mine, theirs = _generations(name), _generations(other)
    return mine != theirs and (
        bool(mine and theirs) or _other_form(name.split()[0], other.split()[0])
    )


def _other_form(given: str, other: str) -> bool:
    """Whether two given names are two forms of one ("Bob" and "Rob"), as a father and son
    of one name are told apart."""
    a, b = unaccented(given.lower()), unaccented(other.lower())
    return a != b and same_given_name(a, b)


def _last_word(name: str) -> str:
    """A name's last word, a mark of generation aside ("Delgado" of "Ray Delgado Jr.")."""
    words = name.split()
    return next(w for w in reversed(words) if w is words[0] or not _generation(w.rstrip(".")))


def _generations(name: str) -> set[str]:
    """The marks of generation in a name ("jr" in "Ray Delgado Jr.")."""
    return {w.rstrip(".").lower() for w in name.split()[1:] if _generation(w.rstrip("."))}


def _full_first(words: list[str]) -> list[str]:
    """A name's words with a short form of its first name written out ("Rick" as "richard")."""
    return [SHORT_FORMS.get(words[0], words[0]), *words[1:]] if words else words


# Words between given names and a father's name ("Nur Syafiqah binti Abdullah").
_FATHER_LINKS = {"bin", "binti", "bte", "bt", "a/l", "a/p", "ibn", "bint"}


def _run_in(shorter: list[str], longer: list[str]) -> bool:
    """Whether the words ``shorter`` come one after another inside ``longer``."""
    n = len(shorter)
    return any(longer[k : k + n] == shorter for k in range(len(longer) - n + 1))


def _surname_cut_short(shorter: list[str], longer: list[str]) -> bool:
    """Whether one word is the start of the other name's surname, cut within a word ("Feld"
    of Feldman, but not "Clarke" of Clarke-Morgan)."""
    if len(shorter) != 1 or len(shorter[0]) < 4 or not longer[-1].startswith(shorter[0]):
        return False
    return longer[-1][len(shorter[0]) :][:1].isalpha()


# Endings that make a pet form of a name's stem ("Bernie", "Venky", "Krzysiek", "Fabinho").
_PET_ENDINGS = {"ie", "y", "ey", "i", "ek", "iek", "ka", "ko", "inho", "inha", "ito", "ita"}


def _pet_form(short: str, given: str) -> bool:
    """Whether one word reads as a pet form of a longer given name: a stem of four letters
    or more that the given name goes on from, and a pet-name ending, which may begin on the
    stem's last letter ("Bernie" of Bernadette, "Krzysiek" of Krzysztof, "Georgie" of
    Georgina; not "Marco" of Marcus)."""
    stem = next(
        (k for k, (a, b) in enumerate(zip(short, given, strict=False)) if a != b),
        min(len(short), len(given)),
    )
    return (
        stem >= 4
        and len(given) > stem
        and (short[stem:] in _PET_ENDINGS | {""} or short[stem - 1 :] in _PET_ENDINGS)
    )


def _same_person(name: str, known: Iterable[str]) -> str | None:
    """An already-found name for the same person ("Priya" and "Priya Shah", "Dr Sandhu" and
    "Amrit Sandhu", "Tran" and "Trần"); "Kevin Doyle" and "Lorraine Doyle" are two people."""
    words = _full_first(_plain_words(name))
    for other in known:
        if _told_apart(name, other):
            continue
        theirs = _full_first(_plain_words(other))
        shorter, longer = sorted((words, theirs), key=len)
        if longer[: len(shorter)] == shorter:  # "Priya" and "Priya Shah"
            return other
        if len(words) > 1 and sorted(words) == sorted(theirs):
            return other  # "Virtanen Mikko" and "Mikko Virtanen"
        if len(shorter) == 1 and same_given_name(shorter[0], longer[0]):
            return other  # "Nick" and "Nicholas Papadopoulos"
        raw = sorted((_plain_words(name), _plain_words(other)), key=len)
        if len(raw[0]) == 1 and len(raw[0][0]) > 2 and raw[1][0].startswith(raw[0][0]):
            return other  # "Fred" and "Frédérique Lapointe", whatever "Fred" is short for
        if len(raw[0]) == 1 and _pet_form(raw[0][0], raw[1][0]):
            return other  # "Venky" and "Venkatesh Subramanian", "Krzysiek" and "Krzysztof"
        if (
            len(shorter) == 1
            and len(longer) > 2
            and shorter[0] in longer[1:-1]
            and is_first_name(longer[0])
        ):
            return other  # "Domínguez" and "Raúl Domínguez Ortega"
        if len(shorter) == 1 and len(shorter[0]) > 2 and longer[0].startswith(shorter[0]):
            return other  # "Funmi" and "Funmilayo Adebayo"
        if len(shorter) == 1 and len(shorter[0]) > 3 and longer[0].endswith(shorter[0]):
            return other  # "Segun" and "Olusegun Bakare"
        if len(shorter) > 1 and _run_in(shorter, longer):
            return other  # "Mai Anh" and "Nguyễn Thị Mai Anh", "Mei Ling" and "Wong Mei Ling"
        if _surname_cut_short(shorter, longer):
            return other  # "dr feld" and "Aaron Feldman"
        given = next((longer[:k] for k, w in enumerate(longer) if w in _FATHER_LINKS), [])
        if len(shorter) == 1 and shorter[0] in given:
            return other  # "Faizal" and "Ahmad Faizal bin Yusof"
        if len(words) > 1 and len(theirs) > 1 and words[0] == theirs[0]:
            a, b = sorted((words[-1], theirs[-1]), key=len)
            if (len(a) == 1 or re.fullmatch(r"\w['’]\w", a)) and b.startswith(a):
                return other  # "Nadia K" and "Nadia Kowalczyk", "Liam O'S" and "O'Sullivan"
            if len(a) >= 3 and b.startswith(a) and len(words[0]) > 3:
                return other  # "Chukwuemeka Obi" and "Chukwuemeka Obiora", cut short
        if words[-1] != theirs[-1]:
            continue
        if shorter[0] in PARTICLES and longer[-len(shorter) :] == shorter:
            return other  # "Van den Berg" and "Marieke van den Berg"
        first, second = sorted((words[0], theirs[0]), key=len)
        raw_first, raw_second = sorted((raw[0][0], raw[1][0]), key=len)
        if (
            raw_second.startswith(raw_first)  # "Steve" and "Steven", however either expands
            or len(shorter) == 1
            or len(first) == 1
            or second.startswith(first)
            or same_given_name(first, second)
        ):
            return other  # "Sandhu", "D. Menon" and "Deepa Menon", "Sam" and "Samuel"
    return None
