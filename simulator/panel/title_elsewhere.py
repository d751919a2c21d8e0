"""A title written in full beside another mention of the same person: "Metalurgista" in the
panel field, "Dr. Ignacio Treviño Saldívar, Metalurgista en Jefe, quien…" in the recruiter's
message; "director eng" in the notes, "Femi Adeleke (Director of Engineering)" in the message.

Only a mention by the person's whole name counts, with their title right after it (after a
comma, an opening bracket, a dash or a colon, and any letters after the name such as "Pr
Eng"). The title found there ends at a line's or sentence's end, a bracket, a semicolon, a
clause ("…, quien profundizará"), a word that starts a place or a remark ("at", "who") or
another person's name. It replaces the title read only when it holds every word of it or
writes it out ("Div commander", "Support Services Division Commander"), or when what was
read is no title in words ("CRHA", "con Chef", a nickname in capitals). It is never the
next person's title in a "Title – Name" list, markup, an address, a link or a phone number.

A title written before the name counts too: after "our" in the intake's languages ("onze
Actuarieel Functiehouder, Roel Hendriks", "unsere Geschäftsführerin Frau Dr. Weber"), or
after a break in a list with a word of address before the name ("+ HOD science Dr Farzana
Qureshi"); so does the line under a signature that is the name alone, and a title after
"here," ("Gareth Jones here, Head of School"). Capitals may stand for the parts of a
compound word ("GF", Geschäftsführerin), and a seat on the panel read as a title ("Chair")
gives way to the job written beside the name.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from simulator.name_words import is_first_name
from simulator.panel.abbreviations import abbreviates
from simulator.panel.fuller_title import NOT_A_TITLE
from simulator.panel.merged import alnum_words
from simulator.panel.panelist import Panelist
from simulator.panel.same_person import plain_words
from simulator.panel.title_tidy import tidy_title
from simulator.panel.words import (
    HONORIFICS,
    LINKS,
    POSTNOMINALS,
    TOKEN,
    acronym,
    is_head,
    is_panel_role,
    unaccented,
)

_LINKS = LINKS | {"of", "and", "for", "the", "de", "van", "von", "der", "des", "du"}
_JOINS_BEFORE = {"con", "de", "da", "do", "del", "with", "von", "für"}
MAX_WORDS = 10  # a title longer than this is a sentence, not a title
# Letters after a name that POSTNOMINALS does not hold ("PharmD", "ing.", "Pr Eng").
_MORE_LETTERS = {"pharmd", "bcop", "rph", "npd-bc", "ing", "crha", "cpa", "pr", "eng", "man"}
_AFTER_NAME = re.compile(
    r"^(?P<between>(?:\s+[A-Z][A-Za-z.]{1,5}){0,2}?)"
    r"(?:\s+(?i:here|hier|aqui|aquí|ici|qui|speaking))?"  # "Gareth Jones here, Head of School"
    r"(?:\s*[,:(]|\s+[–—|-])\s*"
)
# The next person's name, by the honorific before it: what stops before it is a title written
# ahead of a name ("Deputy Principal - Mr Greg Oldfield").
_NEXT_NAME = r"[\s,–—-]+(?:Mr|Mrs|Ms|Dr|Sir|Ma['’]am)\b\.?"
_END = re.compile(
    r"[\n;()\[\]|<>!?+]|(?<=[^\W\d_]{4})\.(?:\s|$)|,\s+(?=[a-zà-ÿ])|\s[–—-]\s+(?=[a-zà-ÿ])"
    r"|(?i:,\s+(?:and|y|e|et|und)\b|\s+(?:at|from|who|with|will|is|quien|que|qui|der|die|và)\s)"
    rf"|{_NEXT_NAME}"
)
# Words before a title that are not part of it ("our Site Supervisor", "and the Deputy").
_LEADING = {
    "and", "the", "our", "their", "his", "her", "a", "an", "o", "nossa", "nosso", "el", "la",
    "le", "y", "et", "und", "e", "also",
}  # fmt: skip
# Letters after a name, before the title ("RN, PhD – Dean", "I.A.S., Chief Executive").
_LETTERS = re.compile(r"([A-Z][\w.-]{0,7}|ing\.)\s*[,–—-]\s*")
# A name written after its title ("Principal - Mrs Helen Tran, Deputy Principal - Mr Greg…"):
# what follows the name is the next person's title.
_TITLE_BEFORE = re.compile(r"[^\W\d_][ \t]*[–—-][ \t]*(?:(?:Mrs?|Ms|Dr|Prof)\.?[ \t]+)?$")
# A greeting before a dash, not a title: "Hi Daniel – Gareth Jones here, Head of School".
_GREETING = re.compile(
    r"^\W*(?i:hi|hello|hey|dear|good (?:morning|afternoon|evening)|kia ora|hola|ol[aá]|"
    r"bonjour|hallo|ciao)\b[^–—-]*[–—-][ \t]*$"
)
# Words a sentence has and a title does not: pronouns and the verbs that join them.
_SENTENCE_WORDS = {
    "i", "you", "your", "we", "he", "she", "they", "it", "will", "would", "be", "is", "are",
    "was", "were", "has", "have", "who", "meet", "meeting", "join", "joining",
}  # fmt: skip
# What a title never ends on: a word that joins it to what was cut off.
_LOOSE_END = re.compile(r"(?:\s+(?:and|&|of|for|y|e|et|und|de|del|da|do|des|du|la|le))+$", re.I)


def _words(text: str) -> set[str]:
    return alnum_words(unaccented(text))


def _postnominal_only(between: str) -> bool:
    """Whether what stands between a name and the separator is letters after a name ("Pr
    Eng", "PhD") and nothing else."""
    return all(_is_letters(w) or w.lower().strip(".") in {"jr", "sr"} for w in between.split())


def _without_letters(title: str) -> str:
    """``title`` without the letters after a name that lead it ("PharmD, Pharmacy Manager")."""
    while (lead := _LETTERS.match(title)) and _is_letters(lead[1]):
        title = title[lead.end() :]
    return title


def _is_letters(token: str) -> bool:
    bare = token.replace(".", "").lower()
    return (
        bare in POSTNOMINALS
        or bare in _MORE_LETTERS
        or bool(re.fullmatch(r"(?:[A-Z]\.){2,}", token))
    )


def titles_after(name: str, text: str, others: Sequence[str]) -> list[str]:
    """The titles ``text`` writes right after a whole-name mention of ``name``."""
    words = name.split()
    if len(words) < 2:
        return []
    # a name of two words may be written surname first ("PARK Ji-hoon | Director")
    orders = [words, words[::-1]] if len(words) == 2 else [words]
    written = "|".join(r"\s+".join(re.escape(w) for w in order) for order in orders)
    pattern = rf"(?<![^\W\d_])(?:{written})(?![^\W\d_])"
    theirs = {w for o in others for w in plain_words(o) if len(w) > 2} - set(plain_words(name))
    found = []
    for mention in re.finditer(pattern, text, re.IGNORECASE):
        line = text[text.rfind("\n", 0, mention.start()) + 1 : mention.start()]
        if _TITLE_BEFORE.search(line[-12:]) and not _GREETING.match(line):
            continue
        rest = text[mention.end() : mention.end() + 200]
        after = _AFTER_NAME.match(rest)
        if after is None or not _postnominal_only(after["between"]):
            continue
        rest = rest[after.end() :]
        cut = _END.search(rest)
        title = rest[: cut.start()] if cut else rest
        if cut and re.fullmatch(_NEXT_NAME, cut.group()):
            continue  # the next person's name follows their title: so did this one's
        # never into another person's name, nor after a comma into anyone's
        tokens = title.split()
        for k, token in enumerate(tokens):
            after_comma = k and tokens[k - 1].endswith(",")
            if unaccented(token.lower().strip(",.")) in theirs or (
                after_comma and any(is_first_name(t.strip(",.")) for t in tokens[k:])
            ):
                title = " ".join(tokens[:k])
                break
        title = _without_letters(title)
        if title.split()[:1] and title.split()[0].lower() in _LEADING:
            continue  # "…, and our Vice-Principal" is someone else
        # a phone number or an address after a dash ends it ("Jefe – CB Llevant – 654 220 817")
        parts = re.split(r"(\s[–—|-]\s)", title)
        while len(parts) > 1 and NOT_A_TITLE.search("".join(parts)):
            parts = parts[:-2]
        title = "".join(parts)
        title = tidy_title(_LOOSE_END.sub("", title.strip(" ,–—-")))
        if title and len(title.split()) <= MAX_WORDS and not NOT_A_TITLE.search(title):
            found.append(title)
    return found


# "our", in the languages of the intakes: the employer's own title for whom it names next
# ("our Head of Finance, Ana Silva", "unsere Geschäftsführerin Frau Dr. Weber").
_OUR = (
    r"our|onze|ons|unsere?|unseren|unserem|unserer|notre|nos|nuestr[ao]s?|noss[ao]s?|"
    r"la nostra|il nostro|nostr[ao]"
)
# Words of address between a title and the name it comes before ("Frau Dr.", "Mr"), and
# an article ("nosso Diretor de Operações, o Hideo Tanaka").
_ADDRESSED = r"(?:(?:o|a|el|la|le|the)\s+)?(?:(?:[A-Z][a-zà-ÿ]{0,4}\.?|Ma['’]am)\s+){0,3}?"


_TITLED_NAME = r"Mr|Mrs|Ms|Dr|Prof|Herr|Frau|Sr|Sra|Mme|M"
# A word of a title in a list: not a word that joins it to the sentence, nor of address.
_LIST_WORD = (
    rf"(?!(?i:{'|'.join(sorted(_LEADING | {'with', 'und', 'our'}))}|{_TITLED_NAME})\b)"
    r"[^\W\d_][\w&'’-]*"
)


def titles_before(name: str, text: str) -> list[str]:
    """The titles ``text`` writes right before a mention of ``name`` after "our" ("our Head
    of Finance, Ana Silva", "onze Teamleider Marco de Vries", "unsere Leiterin Frau Dr.
    Berg"): the mention is the whole name less its words of address, or its last word with
    one before it ("Frau Dr. Berg")."""
    words = [w for w in name.replace(".", " ").split() if w.lower() not in HONORIFICS]
    if not words:
        return []
    whole = r"\s+".join(re.escape(w) for w in words)
    pattern = (
        rf"(?<![^\W\d_])(?i:{_OUR})\s+(?P<title>[^\W\d_][\w&'’-]*(?:[ \t]+[\w&'’-]+){{0,5}}?)"
        rf"[ \t]*,?[ \t]+{_ADDRESSED}{whole}(?![^\W\d_])"
    )
    # or after a break in a list, with a word of address before the name ("+ HOD science
    # Dr Farzana Qureshi", "; Superintendent Mr Dela Cruz")
    listed = (
        rf"(?:^|(?<=[\n+,;(])|(?<=\band )|(?<=\bwith ))[ \t]*"
        rf"(?P<title>{_LIST_WORD}(?:[ \t]+{_LIST_WORD}){{0,4}}?)"
        rf"[ \t]+(?:{_TITLED_NAME})\.?[ \t]+{whole}(?![^\W\d_])"
    )
    matches = [*re.finditer(pattern, text), *re.finditer(listed, text)]
    found = []
    for m in matches:
        title = tidy_title(m["title"])
        tokens = TOKEN.findall(title)
        if not tokens or len(tokens) > MAX_WORDS or _LOOSE_END.search(title):
            continue  # "our Head of Growth and Tobias Kern": her title, then his name
        if any(t.lower() in _SENTENCE_WORDS for t in tokens):
            continue  # "Your interview partners will be Dr. …": a sentence, no title
        if any(is_head(t) for t in tokens) or tokens[-1][:1].isupper():
            found.append(title)
    return found


def titles_below(name: str, text: str) -> list[str]:
    """The title on the line under a line that is ``name`` alone, its words in any order
    (a signature: "Hiroshi Tanaka" over "Professor, Laboratory of Energy Materials"), up to
    a bar; none when that line holds an address, a link or a phone number."""
    words = sorted(w.lower() for w in TOKEN.findall(name) if w.lower() not in HONORIFICS)
    lines = text.splitlines()
    found = []
    for line, below in itertools.pairwise(lines):
        signed = [w.lower() for w in TOKEN.findall(line) if w.lower() not in HONORIFICS]
        if len(words) < 2 or sorted(signed) != words or re.search(r"[,:(]", line):
            continue
        title = tidy_title(below.split("|")[0])
        if title and len(title.split()) <= MAX_WORDS and not NOT_A_TITLE.search(title):
            found.append(title)
    return found


def _fuller(read: str, written: str) -> bool:
    """Whether ``written`` is ``read`` written in full: longer, and holding every word of
    it or writing it out; or a title in words where what was read is none ("CRHA", "con
    Chef", "TOMEK")."""
    if not read:
        return False  # a title for someone with none is the title tagger's to find
    if is_panel_role(read) and not is_panel_role(written):
        return True  # "Chair: Lt Col Ann Kerr – SO1 Training": her seat, then her job
    if _worded(written) and not _worded(read):
        return True
    if len(written) <= len(read):
        return False
    return (
        _words(read) <= _words(written)
        or abbreviates(read, written)
        or _compound_initials(read, written)
    )


def _compound_initials(read: str, written: str) -> bool:
    """Whether ``read`` is capitals that ``written`` begins each of its words with, the
    rest standing for parts of a compound word ("GF" for "Geschäftsführerin", "AFH" for
    "Actuarieel Functiehouder")."""
    if not re.fullmatch(r"[A-Z]{2,5}", read) or not re.search(r"[a-zß-ÿ]{3}", written):
        return False  # "DI" is not "DCI": both are capitals
    words = [w.lower() for w in TOKEN.findall(unaccented(written)) if w.lower() not in _LINKS]
    letters = read.lower()
    if not words or len(words) > len(letters):
        return False
    return _initials_in(letters, words)


def _initials_in(letters: str, words: list[str]) -> bool:
    """Whether ``letters`` start each of ``words`` in turn, any letters between found, in
    order, in the word before."""
    if not words:
        return not letters
    if not letters or letters[0] != words[0][0]:
        return False
    word, rest = words[0][1:], letters[1:]
    for take in range(len(rest) + 1):
        inside, after = rest[:take], rest[take:]
        it = iter(word)
        if all(c in it for c in inside) and _initials_in(after, words[1:]):
            return True
    return False


def _worded(title: str) -> bool:
    """Whether ``title`` has a word that makes it a title, written as a word and not in
    capitals ("Directrice", not "CRHA"), and does not start with a lower-case word that
    joins it to something before ("con Chef", "de RH")."""
    words = TOKEN.findall(title)
    return (
        bool(words)
        and words[0] not in _JOINS_BEFORE
        and any(is_head(w) and not acronym(w) and not w.isupper() for w in words)
    )


def title_elsewhere(people: Sequence[Panelist], text: str) -> list[Panelist]:
    """``people``, each with the fullest title ``text`` writes after their whole name, when
    it is the title read written in full."""
    names = [p.name for p in people]
    out = []
    for p in people:
        others = [n for n in names if n != p.name]
        written = [
            *titles_after(p.name, text, others),
            *titles_before(p.name, text),
            *titles_below(p.name, text),
        ]
        fuller = [t for t in written if _fuller(p.title, t)]
        out.append(replace(p, title=max(fuller, key=len)) if fuller else p)
    return out
