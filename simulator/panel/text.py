"""Text as the panel reader sees it: markup, addresses, numbers and links gone; a pasted
list, table, invite or signature as one entry per line; sentences; who greets and who signs."""

from __future__ import annotations

import html
import re
import unicodedata

from simulator.name_words import is_common_word, is_foreign_word, is_function_word
from simulator.panel.entries import as_entries
from simulator.panel.words import (
    HONORIFICS,
    LEADING,
    LINKS,
    PARTICLES,
    POSTNOMINALS,
    STOP,
    TITLE_HONORIFICS,
    TOKEN,
    bare,
    is_cap,
    is_head,
    titleish,
)

_EMAIL = re.compile(r"[^\s()<>\[\],;]+@[^\s()<>\[\],;]+")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_PHONE = re.compile(r"(?:\+|\b)\d[\d\s().-]{6,}\d\b")
_EXTENSION = re.compile(r"\b(?:ext|extn|x)\.?\s*\d{2,6}\b", re.IGNORECASE)
# Street addresses: "100 Edward St", "Plot 1402 Ajose Adeogun Street", "Burrard St",
# "Borsigstraße 14, 70469 Stuttgart".
_ADDRESS = re.compile(
    r"\b\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][\w'’-]+\s+){1,3}"
    r"(?:Street|Road|Avenue|Lane|Way|Drive|Boulevard|Place|Square|Quay|Row|Close|Crescent|"
    r"Terrace|Parade|Court|Highway|St|Rd|Ave|Blvd|Ln|Sq|Hwy|Tce|Cres|Pde)\b\.?"
    # and the area and town after it: ", GRA Phase II, Port Harcourt", ", Somerset East"
    r"(?:,\s*(?:[A-Z][\w'’-]*\s?){1,3}(?=[,.\n]|$)){0,2}"
    r"|\b(?:[A-Z][\w'’-]+\s+){1,2}(?:St|Rd|Ave|Blvd)\b\.?(?!\s+[A-Z])"
    r"|\b(?:on|at|in|off|our)\s+(?:[A-Z][\w'’-]+\s+){1,2}(?:Street|Road|Avenue|Quay)\b"
    r"|\b[\w-]+(?:straße|strasse|gasse|platz|allee)\b(?:\s+\d+\w?)?"
    r"|(?<=,)\s*\d{4,5}\s+[A-Z][\w-]+"
)
# An address book's display name before an e-mail address: "Surname, First <address>".
_SURNAME_FIRST = re.compile(
    r"\b(?!(?:\w+ )?(?:Regards|Thanks|Cheers|Best|Sincerely|Dear|Hi|Hello)\b)"
    r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?), ([A-Z][\w'’-]+(?: [A-Z]\.?)?)\s*(?=<[^<>@\s]+@)"
)
_CELL_END = re.compile(r"<\s*/\s*t[dh]\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,200}>")
_BLOCK_TAG = re.compile(r"<\s*(?:br|/p|/li|/div|/tr|p|li|div|tr)\b[^>]{0,200}>", re.IGNORECASE)
SIGN_OFF = re.compile(
    r"^\s*(best( wishes)?|kind regards|regards|many thanks|thanks|thank you|cheers|thx|ta|"
    r"sincerely|warm(est)? regards|all the best)\b[,!.]?\s*$",
    re.IGNORECASE,
)
# A greeting, past any honorific ("Hallo Herr Kaya", "Estimado Ing. Herrera"), to a name.
GREETING = re.compile(
    r"^\s*(dear|hi|hello|hey|hej|hallo|hola|bonjour|salut|ciao|namaste|kia ora|greetings|"
    r"beste|hoi|liebe|lieber|caro|cara|querido|querida|estimado|estimada|olá|oi|hei|"
    r"buenas|buenos días|buen día|bom dia|boa tarde|boa noite|moin|servus|hej hej|"
    r"sehr geehrte[rs]?|geachte|gentile|buongiorno|prezad[oa]|cher|chère|"
    r"cześć|dzień dobry|szanown[ya]|witaj|"
    r"good (?:day|morning|afternoon|evening)),?\s+"
    r"(?:(?:" + "|".join(re.escape(h) for h in sorted(HONORIFICS | {"m"})) + r")\.?\s+)*"
    r"([\w'’-]+)",
    re.IGNORECASE,
)


# Chinese and Japanese punctuation, as the rules read it.
_FULL_WIDTH = str.maketrans({"：": ":", "，": ",", "；": ";", "（": "(", "）": ")"})


def clean_text(text: str) -> str:
    """``text`` without markup, e-mail addresses, links or phone numbers."""
    text = text.translate(_FULL_WIDTH)  # "面试官：", "陈总，刘总监"
    text = _SURNAME_FIRST.sub(r"\2 \1 ", text)  # "Okonkwo, Emeka <e.okonkwo@...>"
    text = as_entries(text)  # profile cards, "DUBOIS Marie-Hélène", "Becky = Manager"
    text = _CELL_END.sub(" | ", text)  # a table row's cells, kept apart
    text = _BLOCK_TAG.sub("\n", text)
    text = html.unescape(_TAG.sub(" ", text))
    text = re.sub(r"\b(Dr|Prof)\.?-(?:Ing|med|phil|rer\.? ?nat)\.?", r"\1", text)  # "Dr.-Ing."
    # "Capt. (rtd)", "Sgt. Maj. Derrick Coleman (USA, Ret.)": a retirement, no title
    text = re.sub(r"\s*\((?:[A-Z]{2,5},?\s+)?(?:rtd|retd|ret|retired)\.?\)", "", text, flags=re.I)
    text = _DOTTED_LETTERS.sub(_joined_letters, text)  # "P.Eng." is PEng
    text = re.sub(r"[®™℠©]", "", text)  # "CFP®": marks, not pictographs between entries
    for pattern in (_EMAIL, _URL, _PHONE, _EXTENSION, _ADDRESS):
        text = pattern.sub(" ", text)
    text = "\n".join(_first_names_first(line) for line in text.split("\n"))
    text = _TITLE_THEN_HONORIFIC.sub(_title_after_name, text)
    text = re.sub(r"\(\s*[,;/|\s]*\)", " ", text)  # "Greg Hollis (<e-mail>, <phone>)"
    # A pictograph between entries separates them as a line break would.
    return "".join("\n" if unicodedata.category(c) == "So" else c for c in text)


_DOTTED_LETTERS = re.compile(r"\b([A-Z])\. ?([A-Z][a-z]{1,3})\b\.?")


def _joined_letters(match: re.Match[str]) -> str:
    """Post-nominal letters written with full stops ("P.Eng.", "C.Eng") as one word."""
    joined = match[1] + match[2]
    return joined if joined.lower() in POSTNOMINALS else match[0]


_LISTED_SURNAME_FIRST = re.compile(
    r"^(\s*(?:[\w ]+:\s*)?)([A-Z][\w'’-]+), ([A-Z][\w'’-]+)(\s*\(.*\))?\s*$"
)


def _first_names_first(line: str) -> str:
    """An attendee list that an address book wrote "Surname, First; Surname, First (Title)"
    with first names first."""
    items = line.split(";")
    if len(items) < 2:
        return line
    matches = [_LISTED_SURNAME_FIRST.match(item) for item in items]
    if sum(m is not None for m in matches) < 2:
        return line
    return ";".join(
        f"{m[1]}{m[3]} {m[2]}{m[4] or ''}" if m else item
        for item, m in zip(items, matches, strict=True)
    )


_HONORIFIC_WORD = "|".join(sorted((re.escape(h.capitalize()) for h in HONORIFICS), key=len)[::-1])
# A title written before an honorific and a name, at the start of a list item:
# "Chefarzt Prof. Dr. med. Stefan Hartmann", "Proprietress Mrs. Nkechi Uzor".
_TITLE_THEN_HONORIFIC = re.compile(
    r"(?:^|(?<=[,;&]\s)|(?<=\sand\s))"
    r"(?P<title>[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*){0,2}?) "
    rf"(?P<hon>(?:{_HONORIFIC_WORD})\.?(?: (?:Dr|med|Prof)\.?)*) (?P<rest>[^,;\n()]+)",
    re.MULTILINE,
)


def _title_after_name(match: re.Match[str]) -> str:
    """A list item that is a title no title word marks, an honorific and a name, with the
    title after the name ("Proprietress Mrs. Nkechi Uzor" as "Mrs. Nkechi Uzor
    (Proprietress)"). The title is capitalised
    and says no everyday English and no greeting ("Dear Ms Delgado"); a title word ("Deputy
    Principal Mrs N. Mahlangu") or an honorific that is a title ("Ward Sister Hope Adeyemi")
    is read as it stands."""
    title, rest = match["title"].split(), match["rest"].split()
    if (
        not title[0][:1].isupper()
        or not 1 <= len(rest) <= 4
        or not all(w[:1].isupper() for w in rest)
        or bare(match["hon"].split()[0]) in TITLE_HONORIFICS
        or any(is_head(w) or bare(w) in HONORIFICS or is_common_word(w.lower()) for w in title)
        or GREETING.match(match[0]) is not None  # "Hallo Herr Kaya"
        or any(is_function_word(w) for w in title)  # "Vous rencontrerez Mme Roux"
        or any(w.islower() and is_foreign_word(w) for w in title)  # "Teilnehmen werden Frau"
    ):
        return match[0]
    return f"{match['hon']} {' '.join(rest)} ({match['title']})"


_NICKNAME = re.compile(
    r"(?<=[A-Za-z])(?:\s+['‘\"“]([A-Z][\w-]*)['’\"”]|[ \t]+\(([A-Z][a-z][\w-]*)\))(?=[ \t]+[A-Z])"
)
# A shortened title word keeps its title going: "Sr. Manager, Total Rewards", "Dept. of".
_TITLE_ABBREVIATION = re.compile(
    r"\b(Snr|Jr|Asst|Assoc|Dep|Exec|Mgr|Dir|Gen|Sr)\.(?= [A-Z][a-z])|\b(Dept)\.(?= of )"
)
# A shortened lower-case word opening a title after a name ("Thijs de Vries, plv. directeur
# Financiële Markten", "stellv. Referatsleiterin"): its full stop ends no sentence.
_SHORTENED_WORD = re.compile(r"(?<=[,:–—-] )([a-z]{2,6})\.(?= ([a-z]|[^\W\d_][\w-]*))")


def _unless_word(match: re.Match[str]) -> str:
    """The shortened word without its full stop, unless it is an everyday word ("etc.",
    "ca.") or a capitalised word other than a title's head follows it (a new sentence)."""
    word, following = match[1], match[2]
    if is_common_word(word) or is_foreign_word(word):
        return match[0]
    return word if following.islower() or is_head(following) else match[0]


# A title in brackets, then the same written out or shortened ("(BL = Bereichsleiter)").
_GLOSS = re.compile(r"\(([^()=\n]{1,40}?)[ \t]*=[ \t]*([^()=\n]{1,60}?)\)")


def _glossed(match: re.Match[str]) -> str:
    """The bracket with the longer of the two ways it writes one title, when both hold a
    title's head word; as written otherwise ("(Dee = Deandre)")."""
    sides = [match[1].strip(), match[2].strip()]
    if not all(any(is_head(w) for w in re.findall(r"[\w'’&-]+", side)) for side in sides):
        return match[0]
    return f"({max(sides, key=len)})"


_PRONOUNS = re.compile(
    r"[ \t]*\((?:she|he|they|ze|xe)/(?:her|hers|him|his|them|they|she|he|zir|xem)\)", re.I
)
_QUOTED = re.compile(r"['‘\"“]([A-Z][\w-]*)['’\"”](?=\s+[A-Z])")


def _unless_title(match: re.Match[str]) -> str:
    """Nothing for a nickname ("Bongani (Bongi) Dlamini"), the bracket itself for a title
    word ("Ola (Head) Adeyemi")."""
    word = match[1] or match[2]
    before = match.string[: match.start()].split()[-1:] or [""]
    title = is_head(word) or is_common_word(word.lower()) or is_head(before[0])
    return match[0] if match[2] and title else ""


_CAPITALS = re.compile(r"(?<![^\W\d_])[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*")


def _uncapped(word: str, lower: bool) -> str:
    """A word typed in capitals, as it would be written: an acronym as it is ("CFO"), anything
    else in title case, or in lower case (``lower``)."""
    if not lower and word.lower() in {"of", "for", "and"}:
        return word.lower()  # "DIRECTOR OF SALES" is a Director of Sales
    if len(word) <= 3 and not (lower and word.lower() in STOP | LEADING | LINKS):
        return word
    return word.lower() if lower else word.title()


def typed_in_capitals(text: str, mostly: bool = False) -> bool:
    """Whether ``text`` is typed in capitals, in any script: every letter, and at least four
    ("EMRE + THE NEW HEAD COACH"); or, when ``mostly``, more than four in five of its letters
    ("PANEL: DR McKENZIE, HEAD OF ICT")."""
    letters = [c for c in text if c.isalpha()]
    if mostly:
        return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    return len(letters) >= 4 and all(c.isupper() for c in letters)


# Initials with the given name they stand for in brackets, written in Dutch invitations.
_INITIALS_THEN_NAME = re.compile(
    r"(?<![\w.])(?:[A-Z]\.[ \t]?){1,4}\(([A-Z][^\W\d_]+)\)[ \t]+"
    r"(?=[A-Z]|(?:van|de|der|den|ter|ten|el|al)[ \t])"
)


def normalise(text: str, lowercase_ok: bool = False) -> str:
    """Nicknames dropped ("Robert 'Bob' Fairley"), quotes off a lone one ("Capt. 'Mac'
    McKenzie"), "w/" written out, the full stop off a shortened title word ("Sr. Manager"),
    and text typed in capitals put in title case, short acronyms kept; in lower case where
    a field typed in lower case is read (``lowercase_ok``): "YOU WILL MEET ROSA" is no Will.
    """
    text = _QUOTED.sub(r"\1", _NICKNAME.sub(_unless_title, text))
    text = _INITIALS_THEN_NAME.sub(r"\1 ", text)  # "I.M. (Ingrid) Smit" is Ingrid Smit
    text = _PRONOUNS.sub("", text)  # "Dana Whitcombe (she/her), Director of ML Platform"
    text = re.sub(r"(?<![\w/])[wW]/(?=\s*\w)\s*", "with ", text)  # "w/ Grace + Rich"
    text = re.sub(r"(?<![\w/'’-])w (?=[A-Z])", "with ", text)  # "Interview w Principal Dunn"
    text = re.sub(r"\b(in) (charge)\b", r"\1-\2", text, flags=re.IGNORECASE)  # one title word
    text = re.sub(r"(?<=\w)-(?:san|sama|sensei|kun|chan)\b", "", text)  # "Nakamura-san"
    text = _TITLE_ABBREVIATION.sub(lambda m: m[1] or m[2], text)
    text = _SHORTENED_WORD.sub(_unless_word, text)  # "Thijs de Vries, plv. directeur ..."
    text = _GLOSS.sub(_glossed, text)  # "Herr Brandt (BL = Bereichsleiter)"
    if typed_in_capitals(text, mostly=True):
        # any script's capitals ("GESCHÄFTSFÜHRER", "ÖZTÜRK"), not only A to Z; an initial
        # stays as it is
        text = _CAPITALS.sub(
            lambda m: _uncapped(m[0], lowercase_ok) if m[0].isupper() and len(m[0]) > 1 else m[0],
            text,
        )
    return text


# Lines of a pasted calendar invite or signature block that hold no panelist.
_META_LINE = re.compile(
    r"^(?:when|where|date|time|time ?zone|location|venue|room|address|organi[sz]er|tel|"
    r"mob|mobile|phone|email|e-mail|web|website|meeting id|passcode|password|join\w*|temat|"
    r"video call link|dial-in|subject|ref|reference|from|to|sent|cc|bcc|reply-to)\s*[:.]"
    r"|^[tme]\s*:"  # "T: ...", "M: ...", "E: ...", but not an initial ("M. Dupont")
    r"|^(?:join|click|view|reply|accept|decline|invitation|google meet|microsoft teams)\b"
    r"|[-–—(]\s*organi[sz]er\)?$",  # whoever sends the invite is not on the panel for it
    re.IGNORECASE,
)
# A list's key, kept off the names it introduces ("Required Attendees: Ann Ose; ...").
_LIST_KEY = re.compile(
    r"^(?:required attendees|optional attendees|attendees|guests|invitees|interviewers|"
    r"assessors|(?:interview )?panel(?: members?)?)\s*:?\s*",
    re.IGNORECASE,
)
HEADER = re.compile(r"\b(?:panel|committee|board|assessors|interviewers|attendees|guests)\b", re.I)
_BULLET = re.compile(r"^(?:[*•·▪◦‣-]|\d{1,2}[.)])\s+")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")


def _line_kind(line: str) -> str:
    """``name`` (a line that is only a name), ``title`` (only a job title) or ``other``."""
    tokens = [t for t in TOKEN.findall(line) if t not in {".", ","}]
    tokens = tokens[:1] + [t for t in tokens[1:] if bare(t) not in POSTNOMINALS]  # "... MCIOB"
    if not tokens:
        return "other"
    if (
        "," not in line  # "Raj Patel, Vice-Chair" is an entry, not a name line
        and 1 <= len(tokens) <= 5
        and all(
            bare(t) in HONORIFICS
            or (is_cap(t) and not titleish(t) and not is_head(t))
            or (0 < i < len(tokens) - 1 and t in PARTICLES)  # "Charl van der Merwe"
            for i, t in enumerate(tokens)
        )
        and sum(bare(t) not in HONORIFICS | PARTICLES for t in tokens) >= 2
    ):
        return "name"
    entry = re.split(r"\s[–—-]\s", line, maxsplit=1)
    if len(entry) == 2 and _line_kind(entry[0]) == "name":
        return "other"  # "Elaine McAllister – Head of Analytics": an entry of its own
    if (
        len(tokens) <= 10
        and any(is_head(t) for t in tokens)
        and is_cap(tokens[0])
        and bare(tokens[0]) not in HONORIFICS
    ):
        return "title"
    return "other"


_TABLE_RULE = re.compile(r"^[\s|:+-]*$")
_NAME_HEAD = {
    "name", "names", "panelist", "panellist", "interviewer", "member", "panel member",
}  # fmt: skip
_TITLE_HEAD = {
    "title", "job title", "role", "position", "designation", "job", "post", "function",
}  # fmt: skip
_OTHER_HEAD = {"time", "date", "slot", "email", "e-mail", "phone", "company", "organisation"}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _rows(lines: list[str]) -> list[str]:
    """Table rows as entries: "| Jennifer O'Malley | Managing Director |" and "Hemi Walker |
    Operations Manager | Te Awa Dairy Ltd" read as "Jennifer O'Malley (Managing Director)",
    by the columns a header row names or else by what the cells hold; a header row or a
    rule is nothing."""
    columns: tuple[int, int] | None = None
    out = []
    for line in lines:
        if "|" not in line:
            out.append(line)
            continue
        if _TABLE_RULE.match(line):
            out.append("")
            continue
        cells = _cells(line)
        heads = [c.lower() for c in cells]
        if all(h in _NAME_HEAD | _TITLE_HEAD | _OTHER_HEAD for h in heads if h):
            out.append("")  # a header row ("Interviewer | Time")
            if any(h in _NAME_HEAD for h in heads) and any(h in _TITLE_HEAD for h in heads):
                columns = (
                    next(i for i, h in enumerate(heads) if h in _NAME_HEAD),
                    next(i for i, h in enumerate(heads) if h in _TITLE_HEAD),
                )
            continue
        out.append(_row(cells, columns) or line)
    return out


def _row(cells: list[str], columns: tuple[int, int] | None) -> str:
    """One table row as "Name (Title)", or "" when its cells hold no name and title."""
    if columns is not None and max(columns) < len(cells):
        name, title = cells[columns[0]], cells[columns[1]]
        return _entry_of(name, title) if name and title else name
    at = next((i for i, c in enumerate(cells) if _line_kind(c) == "name"), None)
    if at is None or at + 1 >= len(cells):
        return ""
    title = cells[at + 1]
    return _entry_of(cells[at], title) if _line_kind(title) == "title" else ""


def _entry_of(name: str, title: str) -> str:
    """A name and its title as one entry: the title in brackets, or after a dash when it
    has brackets of its own ("Director, Engineering (Claims Platforms)")."""
    return f"{name} – {title}" if "(" in title else f"{name} ({title})"


def as_lines(text: str) -> str:
    """A pasted list, invite or signature block as one entry per line: metadata, headers,
    bullets and emphasis gone; a name on one line and its title on the next joined; the
    organisation and contact lines under a signature dropped."""
    out: list[str] = []
    lines = _rows(
        [_EMPHASIS.sub("", _BULLET.sub("", ln.strip())).strip() for ln in text.splitlines()]
    )
    in_signature = False
    for i, line in enumerate(lines):
        if not line or not any(c.isalpha() for c in line):
            in_signature = False
            out.append(line)
            continue
        kind = _line_kind(line)
        nxt = _line_kind(lines[i + 1]) if i + 1 < len(lines) else "other"
        if _META_LINE.match(line) or SIGN_OFF.match(line):
            continue
        if (m := _LIST_KEY.match(line)) is not None and m.end() > 0:
            line = line[m.end() :].strip()
            if not line:
                continue
        elif line.endswith(":") or (
            len(line.split()) <= 5
            and HEADER.search(line)  # no one's name: "Advisory Appointments Committee"
            and kind != "title"
            and not re.search(r"[,(–—-]", line)
        ):
            continue  # a header ("Interview panel", "Assessors:")
        if in_signature and kind != "name":
            continue  # the title line already joined, and the contact lines under it
        if kind == "name" and nxt == "title":
            out.append(_entry_of(line, lines[i + 1]))
            in_signature = True
            continue
        in_signature = False
        out.append(line)
    return "\n".join(out)


_ABBREVIATION = re.compile(
    rf"\b(?:{'|'.join(sorted(re.escape(h) for h in HONORIFICS))}|st|[a-z])\.$", re.IGNORECASE
)


def sentences(text: str) -> list[str]:
    """``text`` cut at full stops, but not at an abbreviation or an initial ("Dr. Kwame
    Asante", "J. Patel")."""
    out: list[str] = []
    for piece in re.split(r"(?<=[A-Za-z\)][.!?])\s+", text):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


_NAME = r"((?-i:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?))"
# "Hi Ollie its Marianne from ...", "Helen Varga here from Kessler", "I'm Nadia Karimi, ...",
# "Hi Shannon, Anne-Marie from Bright Smile." (not "Priya Rao from our grid team will join")
_SELF_INTRO = re.compile(
    rf"\b(?:it['’]?s|this is|I['’]m|I am) {_NAME}|{_NAME} here\b"
    rf"|^\W*(?:(?:hi|hello|hey)\b[^,.!]{{0,20}}[,.!]\s*)?{_NAME} from (?-i:[A-Z])",
    re.IGNORECASE,
)


def greeted(text: str) -> set[str]:
    """The words of whoever a message greets, and of the greeting ("Kia ora Sam"), from its
    first lines after any e-mail header (lower case)."""
    lines = [ln for ln in clean_text(text).splitlines() if ln.strip() and not _META_LINE.match(ln)]
    return {
        w.lower()
        for ln in lines[:2]
        if (m := GREETING.match(ln))
        for w in (m.group(2), *m.group(1).split())
    }


def introduced(text: str) -> str | None:
    """The name a message's sender introduces themself by in its first lines, if any."""
    for ln in [ln for ln in text.splitlines() if ln.strip()][:2]:
        if (intro := _SELF_INTRO.search(ln)) is not None:
            return next(g for g in intro.groups() if g)
    return None


# Words that sign a message off, in several languages ("Pozdrawiam,", "Un saludo,").
_SIGN_OFF_WORDS = (
    r"regards|thanks|thx|best|cheers|wishes|saludos|un saludo|abrazos?|"
    r"cordialement|grüße|grüßen|gruß|groeten|groetjes|pozdrawiam|cumprimentos|atentamente|"
    r"saluti|hälsningar|terveisin|mvh|hilsen|asante|ngā mihi"
)
_SIGN_OFF_START = re.compile(rf"^\W*(?i:{_SIGN_OFF_WORDS})\b[^\d]*,\s*$")
_SIGN_OFF_END = re.compile(rf"(?i:\b(?:{_SIGN_OFF_WORDS}))\W*$")


def signs_off(line: str) -> bool:
    """Whether ``line`` is a sign-off and nothing else, in one of several languages: "Kind
    regards,", "Pozdrawiam,", "Saludos cordiales,", "Mit freundlichen Grüßen". A line that
    only begins with such a word is one when it ends in a comma ("Best Practice Lead" is
    not)."""
    if len(line.split()) > 4:
        return False
    return bool(SIGN_OFF.match(line) or _SIGN_OFF_START.match(line) or _SIGN_OFF_END.search(line))


def signer(text: str) -> set[str]:
    """The words of whoever signs ``text`` or introduces themself at its start ("Hi, Ruth
    here", "Hi its Clare Fenwick") (lower case)."""
    lines = text.splitlines()
    signed: set[str] = set()
    if (who := introduced(text)) is not None:
        signed |= {w.lower() for w in who.split()}
    for i, ln in enumerate(lines):
        if SIGN_OFF.match(ln) or closes(lines, i):
            signed |= {w.lower() for rest in lines[i + 1 : i + 3] for w in rest.split()}
        for tail in re.finditer(
            rf"\b(?i:{_SIGN_OFF_WORDS}),?\s+((?:[A-Z][\w'’-]+\s?){{1,3}})",
            ln,
        ):
            signed |= {w.lower() for w in tail.group(1).split()}
    return signed | _signature_block(lines)


_NAME_LINE = re.compile(r"^\s*((?:[A-Z][\w'’-]+ ){1,2}[A-Z][\w'’-]+)\s*$")
# A sign-off in any language: a short line ending in a comma ("Ngā mihi,", "Saludos,",
# "Mit freundlichen Grüßen,") with a name on the next line.
_CLOSING = re.compile(r"^\s*[^\W\d](?:[^\W\d]|[ '’-]){1,40},\s*$")


# A name under a sign-off: two to four capitalised words, with particles between them and
# a title before them ("Sanne de Groot-Visser", "Lic. Paola Elizondo Cantú"); every line
# ``_NAME_LINE`` reads is one.
_SIGNED_NAME = re.compile(
    r"^\s*(?:[A-Z][a-z]{1,4}\.\s)?[A-Z][\w'’-]+(?: (?:(?:"
    + "|".join(re.escape(p) for p in sorted(PARTICLES))
    + r") )*[A-Z][\w'’-]+){1,3}\s*$"
)


def closes(lines: list[str], i: int) -> bool:
    """Whether line ``i`` signs off, in any language: a short line ending in a comma, not a
    greeting, with a name on the line after it, or after one blank line."""
    after = [ln for ln in lines[i + 1 : i + 3] if ln.strip()][:1]
    return (
        bool(after)
        and _CLOSING.match(lines[i]) is not None
        and len(lines[i].split()) <= 4
        and GREETING.match(lines[i]) is None
        and _SIGNED_NAME.match(after[0]) is not None
    )


def _signature_block(lines: list[str]) -> set[str]:
    """The words of a name that opens a message's last block, with no sign-off before it,
    after a block that ends a sentence ("...Tuesday at 11?" / "" / "Dana Whitehorse" /
    "Human Resources | The Ledger")."""
    blanks = [i for i, ln in enumerate(lines) if not ln.strip()]
    if not blanks or blanks[-1] + 1 >= len(lines) or blanks[-1] == 0:
        return set()
    before = next((ln for ln in reversed(lines[: blanks[-1]]) if ln.strip()), "")
    match = _NAME_LINE.match(lines[blanks[-1] + 1])
    if match is None or not before.rstrip().endswith((".", "?", "!")):
        return set()
    return {w.lower() for w in match.group(1).split()}
