"""Whether two names the reader found are one person ("Priya" and "Priya Shah", "Dr Sandhu"
and "Amrit Sandhu", "Nick" and "Nicholas Papadopoulos"), and the plain words names are
compared by. Marks of generation ("Jr.", "Sr", "III") tell a father and son apart."""

from __future__ import annotations

import re
from collections.abc import Iterable

from simulator.name_words import is_first_name
from simulator.panel.given_names import same_given_name
from simulator.panel.words import (
    ADDRESS,
    ADDRESS_BEFORE_ACCENTED,
    HONORIFICS,
    PARTICLES,
    POST_NAME_HONORIFICS,
    SHORT_FORMS,
    unaccented,
)

# What follows a surname to tell a parent from a child of the same name ("Ray Delgado Jr.").
GENERATIONS = {"jr", "jnr", "sr", "snr"}
GENERATION_NUMERALS = {"II", "III", "IV"}


def generation(token: str) -> bool:
    return token.lower() in GENERATIONS or token in GENERATION_NUMERALS


def nested(name: str, other: str | None) -> bool:
    """Whether one of two names holds every word of the other ("Ms Oyelaran", "Grace
    Oyelaran"), not just a surname with a word more ("Said Ade", "Ade Bankole")."""
    if other is None:
        return False
    a, b = plain_words(name), plain_words(other)
    return _words_in(a, b) or _words_in(b, a)


def _words_in(a: list[str], b: list[str]) -> bool:
    """Whether every word of ``a`` is in ``b``, an initial as any word it starts ("Erik J",
    "Erik Johansson")."""
    return all(w in b or (len(w) == 1 and any(x.startswith(w) for x in b)) for w in a)


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


def plain_words(name: str) -> list[str]:
    """A name's words for comparing: lower case, accents off, honorifics and words of
    address dropped."""
    name = " ".join(_unaddressed(name.lower().split()))
    words = [w.rstrip(".") for w in unaccented(name).split()]
    # Honorifics lead a name ("Dr", "Puan"), or end it as "Bey" does; within it "Tuan" is
    # Tuấn, a given name ("Nguyễn Anh Tuấn").
    lead = next((k for k, w in enumerate(words) if w not in HONORIFICS), len(words))
    # "Vd Merwe" is van der Merwe; "Ray Delgado Jr." is Ray Delgado (``_generations``)
    return [
        w
        for k, w in enumerate(words)
        if k >= lead
        and w not in POST_NAME_HONORIFICS
        and w not in {"vd", "v.d"}
        and not (k and generation(w.upper()))
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


def last_word(name: str) -> str:
    """A name's last word, a mark of generation aside ("Delgado" of "Ray Delgado Jr.")."""
    words = name.split()
    return next(w for w in reversed(words) if w is words[0] or not generation(w.rstrip(".")))


def _generations(name: str) -> set[str]:
    """The marks of generation in a name ("jr" in "Ray Delgado Jr.")."""
    return {w.rstrip(".").lower() for w in name.split()[1:] if generation(w.rstrip("."))}


def _full_first(words: list[str]) -> list[str]:
    """A name's words with a short form of its first name written out ("Rick" as "richard")."""
    return [SHORT_FORMS.get(words[0], words[0]), *words[1:]] if words else words


# Words between given names and a father's name ("Nur Syafiqah binti Abdullah").
_FATHER_LINKS = {"bin", "binti", "bte", "bt", "a/l", "a/p", "ibn", "bint"}


def _run_in(shorter: list[str], longer: list[str]) -> bool:
    """Whether the words ``shorter`` come one after another inside ``longer``."""
    n = len(shorter)
    return any(longer[k : k + n] == shorter for k in range(len(longer) - n + 1))


def _inside(shorter: list[str], longer: list[str]) -> bool:
    """Whether a name of two words or more is inside a longer one: one after another ("Mei
    Ling" in "Wong Mei Ling"), or in any order inside a name of three words or more, as a
    name written given name first is inside one written family name first ("Kelvin Wong" in
    "Wong Ka-Ming Kelvin")."""
    return _run_in(shorter, longer) or (len(longer) > 2 and set(shorter) <= set(longer))


def _surname_cut_short(shorter: list[str], longer: list[str]) -> bool:
    """Whether one word is the start of the other name's surname, cut within a word ("Feld"
    of Feldman, but not "Clarke" of Clarke-Morgan)."""
    if len(shorter) != 1 or len(shorter[0]) < 4 or not longer[-1].startswith(shorter[0]):
        return False
    return longer[-1][len(shorter[0]) :][:1].isalpha()


def _hyphen_cut(short: str, full: str) -> bool:
    """Whether a hyphenated word is another cut short part by part ("Sz-L" of
    Szczepański-Lis, "D-N" of Dlamini-Nkosi)."""
    a, b = short.split("-"), full.split("-")
    return (
        len(a) == len(b) > 1
        and short != full
        and all(x and y.startswith(x) for x, y in zip(a, b, strict=True))
    )


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


def _surname_shortened(words: list[str], theirs: list[str]) -> bool:
    """Whether two names of one given name have one surname, one of them cut short."""
    if not (len(words) > 1 and len(theirs) > 1 and words[0] == theirs[0]):
        return False
    a, b = sorted((words[-1], theirs[-1]), key=len)
    return (
        # "Nadia K" and "Nadia Kowalczyk", "Liam O'S" and "O'Sullivan"
        ((len(a) == 1 or re.fullmatch(r"\w['’]\w", a) is not None) and b.startswith(a))
        # "Chukwuemeka Obi" and "Chukwuemeka Obiora", cut short
        or (len(a) >= 3 and b.startswith(a) and len(words[0]) > 3)
        # "Krzysztof Sz-L" and "Krzysztof Szczepański-Lis"
        or _hyphen_cut(a, b)
    )


def _given_name_ends(shorter: list[str], longer: list[str]) -> bool:
    """Whether one word ends the other name's given name ("Segun" of Olusegun), not as the
    second part of a hyphenated one ("Lena" is not Anna-Lena)."""
    return (
        len(shorter) == 1
        and len(shorter[0]) > 3
        and longer[0].endswith(shorter[0])
        and not longer[0].endswith("-" + shorter[0])
    )


def same_person(name: str, known: Iterable[str]) -> str | None:
    """An already-found name for the same person ("Priya" and "Priya Shah", "Dr Sandhu" and
    "Amrit Sandhu", "Tran" and "Trần"); "Kevin Doyle" and "Lorraine Doyle" are two people."""
    words = _full_first(plain_words(name))
    for other in known:
        if _told_apart(name, other):
            continue
        theirs = _full_first(plain_words(other))
        shorter, longer = sorted((words, theirs), key=len)
        if longer[: len(shorter)] == shorter:  # "Priya" and "Priya Shah"
            return other
        if len(words) > 1 and sorted(words) == sorted(theirs):
            return other  # "Virtanen Mikko" and "Mikko Virtanen"
        if len(shorter) == 1 and same_given_name(shorter[0], longer[0]):
            return other  # "Nick" and "Nicholas Papadopoulos"
        raw = sorted((plain_words(name), plain_words(other)), key=len)
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
        if _given_name_ends(shorter, longer):
            return other  # "Segun" and "Olusegun Bakare"
        if len(shorter) > 1 and _inside(shorter, longer):
            return other  # "Mai Anh" and "Nguyễn Thị Mai Anh", "Quân Trần" and "Trần Minh Quân"
        if _surname_cut_short(shorter, longer):
            return other  # "dr feld" and "Aaron Feldman"
        if len(shorter) == 1 and _hyphen_cut(shorter[0], longer[-1]):
            return other  # "Prof D-N" and "Zanele Dlamini-Nkosi"
        given = next((longer[:k] for k, w in enumerate(longer) if w in _FATHER_LINKS), [])
        if len(shorter) == 1 and shorter[0] in given:
            return other  # "Faizal" and "Ahmad Faizal bin Yusof"
        if _surname_shortened(words, theirs):
            return other  # "Nadia K" and "Nadia Kowalczyk"
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
