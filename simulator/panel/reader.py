"""Names and titles read from the intake: the panel field first ("Name – Title" lines as
written, then any format), then the people the round-one notes and the recruiter's message
put in the coming round."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from simulator.domain import Intake
from simulator.name_words import (
    could_be_name,
    is_common_word,
    is_first_name,
    is_surname,
)
from simulator.panel.abbreviations import abbreviates
from simulator.panel.aliases import aliases, with_full_names
from simulator.panel.bracketed import with_bracketed_titles
from simulator.panel.coming import NEXT, REPLACES, SELF_JOIN, next_round
from simulator.panel.field_names import named_in_field
from simulator.panel.in_room import in_room
from simulator.panel.leanings import read_leanings
from simulator.panel.merged import alnum_words, clean_title, fullness, merged, merged_by_title
from simulator.panel.name_tagger import NameTagger, intake_text
from simulator.panel.panelist import Panelist
from simulator.panel.parse import entry_lines, parse
from simulator.panel.same_person import last_word, nested, same_person
from simulator.panel.seat_titles import seat_for
from simulator.panel.spelled_out import spelled_out
from simulator.panel.text import (
    SIGN_OFF,
    clean_text,
    closes,
    greeted,
    introduced,
    sentences,
    signer,
    typed_in_capitals,
)
from simulator.panel.title_elsewhere import title_elsewhere
from simulator.panel.title_tagger import TitleTagger
from simulator.panel.title_tidy import no_title
from simulator.panel.words import (
    ADDRESS,
    HONORIFICS,
    TITLE_WORDS,
    TOKEN,
    bare,
    has_head,
    is_cap,
    is_head,
)

MAX_PANEL = 12  # more names than this are not a panel; the first ones are kept


_ARRANGER = re.compile(r"recruit|talent|resourcing|\bhr\b|people partner", re.IGNORECASE)
# "Janet (recruitment)", "Rachel from HR": whom a name is followed by, on its own line.
_ARRANGER_AFTER = re.compile(
    rf"^[ \t]*[(,–-]?[ \t]*(?:from |in |of )?(?:the )?(?:{_ARRANGER.pattern})", re.IGNORECASE
)
# A sentence that seats whoever it names after this ("You'll be meeting with ...").
_MEETS = re.compile(
    r"\b(?:(?:be |are )?meet(?:ing)?(?: with)?|joined by|interview(?:ed)? (?:with|by)|"
    r"panel (?:is|will be|of|includes)|(?:you['’]ll|you will) (?:also )?(?:see|be with))\b",
    re.IGNORECASE,
)
# What follows the name of someone a sentence puts on the panel ("my colleague Dina Khoury
# (HR Business Partner) will sit in instead of me"): a bracket at most, then the verb.
_JOINS = re.compile(
    r"\s*(?:\([^()]{0,60}\)\s*)?,?\s*(?:will|['’]ll|is going to) (?:also )?"
    r"(?:sit in|join|be (?:on the panel|joining|sitting in|there))\b",
    re.IGNORECASE,
)


def _after_name(text: str, name: str) -> str:
    """The words right after the first mention of ``name``'s first word in ``text``."""
    first = re.escape(name.split()[0])
    match = re.search(rf"(?<![\w'’-]){first}(?:\s+[\w'’-]+)?", text)
    return text[match.end() : match.end() + 30] if match else ""


def _met(text: str, name: str) -> bool:
    """Whether a sentence of ``text`` says the candidate will meet ``name`` ("You'll be
    meeting with Derek Washington, ..., and Carla Jiménez, HR Generalist") or that they will
    sit in ("Dina Khoury (HR Business Partner) will sit in instead of me")."""
    first = name.split()[0]
    for sentence in sentences(clean_text(text)):
        cue = _MEETS.search(sentence)
        if cue and NEXT.search(sentence) and first in sentence[cue.end() :]:
            return True
        mention = re.search(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", sentence)
        if mention and _JOINS.match(sentence, mention.end()):
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
        for p in parse(text, lowercase_ok=lower, min_words=1, cue_only=cue_only)
        if len(p.name.split()) == 1
        and (
            (is_first_name(p.name) and not is_common_word(p.name))
            or same_person(p.name, known) is not None
            or (
                bool(p.title)
                and (is_first_name(p.name) or not is_common_word(p.name))
                and _titled(text, p.name)  # "and Jordan, our Visual Merchandising Lead"
            )
        )
    ]
    named = parse(text, lowercase_ok=lower, min_words=2, cue_only=cue_only)
    for p in named + [p for p in alone if same_person(p.name, [n.name for n in named]) is None]:
        words = {w.lower() for w in p.name.split()}
        # Whoever signs is on the panel only when they say so, or when the panel field lists
        # them; known by the surname when they sign with one ("Dana Whitfield" is not the
        # Dana Whitehorse who signs).
        signs = last_word(p.name).lower() in signed and (
            len(words) == 1 or len(words & signed) >= 2 or len(signed) < 2
        )
        sender = signs and same_person(p.name, known) is None
        # a sender who lists themself among those the candidate will meet joins too
        if words & greeting or (sender and not joins and not _listed_for_round(text, p.name)):
            continue
        arranges = _ARRANGER.search(p.title) or _ARRANGER_AFTER.search(_after_name(text, p.name))
        listed = same_person(p.name, known) is not None or (
            bool(arranges) and _listed_for_round(text, p.name)
        )
        if arranges and not ((sender and joins) or arrangers or listed or _met(text, p.name)):
            continue  # whoever arranges the interview is not on the panel, unless listed
        people.append(p)
    # A sender who introduces themself and joins, even by a name that alone reads as no one's
    # ("Hi Shannon, Anne-Marie from Bright Smile ... you'll meet me and ...").
    who = introduced(text)
    if joins and who and same_person(who, [p.name for p in people]) is None and not cue_only:
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


# A line of a list that starts with the whole name, after an honorific, and gives a title:
# what goes before the name, and what after it.
_LIST_LINE = (
    r"^\W*(?:(?:" + "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True))
    + r")\.?\s+)?",
    r"(?:\s*\([^()\n]*\))?\s*(?:[–—|]|-|,)\s*[A-Z]",
)  # fmt: skip


def _listed_in_invitation(message: str, name: str) -> bool:
    """Whether the message lists ``name`` under a header about the coming round ("Interview
    panel:"), on a line of its own that starts with the whole name and gives a title after
    it ("Ms. Jo Bright – Head of Audit"): the table never drops someone an invitation so
    seats."""
    if len(name.split()) < 2 or not _listed_for_round(message, name, same_line=True):
        return False
    line = _LIST_LINE[0] + re.escape(name) + _LIST_LINE[1]
    return re.search(line, clean_text(message), re.MULTILINE | re.IGNORECASE) is not None


def _titled(text: str, word: str) -> bool:
    """Whether one word that could be a name is followed by its title ("Bronwen, our Field
    Care Supervisor", "Tomasz (Head Chef)"), not a number or a lower-case word, nor a town's
    state in an address."""
    after = (
        rf"(?<![\w'’(-]){re.escape(word)}"
        r"(?:\s*[,(]\s*(?:our |the |who is |who's )?|\s+(?:our|who is|who's)\s+)[A-Z]\w"
    )  # "Bronwen, our Field Care Supervisor", "Dave our Area Manager"
    # not a town with its state and postcode ("Dayton, OH 45402")
    address = rf"(?<![\w'’-]){re.escape(word)},\s*[A-Z]{{2}}\s+\d"
    return (
        could_be_name([word])
        and re.search(after, text) is not None
        and re.search(address, text) is None
    )


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
    name the tagger reads as surely someone's in the room, or when the panel field names
    them by a word of their name (``named_in_field``); a title the rules read as a name
    it drops goes back to whom it follows (``_titles_read_as_names``). With a title tagger
    (``titles``), someone still without a title gets the one the intake writes beside their
    name, and a title the rules cut short grows as far as the intake writes it
    (``fuller_title``). A title read as initials alone ("CMO") is written out as the panel
    field, notes or message spell it elsewhere, if one way only (``spelled_out``). Last, a
    title written in full after another mention of the whole name replaces the one read
    (``title_elsewhere``), and two mentions of one title whose names agree are merged
    (``merged_by_title``)."""
    people = read_panel(intake)
    fresh_panel = round_one_again(intake.panel) is None  # not "same as before"
    if fresh_panel:
        # the table never drops a sender who says they will sit on the panel, unless a
        # forwarded message says so, whose sender is not the one who signs last
        message = intake.recruiter_message
        forwarded = _FORWARDED.search(message) is not None
        kept = in_room(intake, people)
        people = [
            p
            for p in people
            if p in kept
            or (not forwarded and _joining_sender(message, p.name))
            or _listed_in_invitation(message, p.name)
        ]
    if tagger is None:
        return people
    others = [
        o
        for o in read_panel(intake, everyone=True)
        if same_person(o.name, [p.name for p in people]) is None
    ]
    kept = tagger.named(intake, people, others)[:MAX_PANEL]
    kept = _titles_read_as_names(intake, kept, [p for p in [*people, *others] if p not in kept])
    if fresh_panel:
        left_out = [p for p in [*people, *others] if p not in kept]
        kept = [*kept, *named_in_field(intake.panel, kept, left_out)][:MAX_PANEL]
    kept = [replace(p, title="") if no_title(p.title, p.name, intake.company) else p for p in kept]
    if titles is not None:
        kept = titles.titled(intake_text(intake), kept)
    # not the job description, which spells out the role on offer ("a midweight designer")
    written = "\n".join((intake.panel, intake.round1_notes, intake.recruiter_message))
    kept = [replace(p, title=spelled_out(p.title, written)) for p in kept]
    return merged_by_title(title_elsewhere(kept, written))


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
            or same_person(p.name, [f.name for f in found])
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
    people = [p for p in merged(found) if not _dropped(p, dropped)]
    seated = [
        p.name
        for p in people
        if any(same_person(a.name, [p.name]) for a in seat_holders)
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
    written = [p for p in parse(message, lowercase_ok=False, min_words=1) if p.title]
    fuller = []
    for person in people:
        titles = [
            w.title
            for w in written
            if same_person(w.name, [person.name]) and _beside(person.name, w.title, text)
        ]
        best = max(titles, key=len, default="")
        fuller.append(replace(person, title=best) if _fuller(best, person.title) else person)
    return fuller


def _fuller(title: str, old: str) -> bool:
    """Whether ``title``, written beside a name by the employer, says more than ``old``:
    longer, the same written out ("Culinary Director" for "Culinary Dir"), or a title
    alone where ``old`` has more than a title in it ("Operations Manager" for the notes'
    "Ops Mgr, Dutch like")."""
    if not title or title.lower() in {old.lower() + "s", old.lower() + "es"}:
        return False  # "Owners", of "both owners, Tama and Sophie", says no more than "Owner"
    return (
        len(title) > len(old)
        or abbreviates(old, title)
        or (clean_title(title) and not clean_title(old) and abbreviates(old.split(",")[0], title))
        or _remark_after(old, title)
    )


def _remark_after(old: str, title: str) -> bool:
    """Whether ``old`` is ``title``'s first words with a remark after a comma, not more of
    the title ("Matron, v friendly" for the employer's "Matron – Medicine"): what follows
    the comma has no word of a title, and ``title`` holds every word before it."""
    job, comma, rest = old.partition(",")
    words = alnum_words(job)
    return (
        bool(comma and words)
        and words <= alnum_words(title)
        and clean_title(title)
        and not any(w.lower() in TITLE_WORDS or is_head(w) for w in TOKEN.findall(rest))
    )


_FORWARDED = re.compile(r"^\W*(?:from|de|von|van|od|da)\s*:", re.IGNORECASE | re.MULTILINE)
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
    written = [p for p in parse(description, lowercase_ok=False, min_words=2) if p.title]
    out = []
    for person in people:
        same = [w for w in written if same_person(w.name, [person.name])]
        if len(same) != 1:
            out.append(person)
            continue
        name, title = same[0].name, same[0].title
        if fullness(name) <= fullness(person.name):
            name = person.name
        old = person.title
        if old and not (alnum_words(old) < alnum_words(title) or abbreviates(old, title)):
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
    found = entry_lines(panel) or parse(panel, lowercase_ok=True, min_words=1)
    if not found and typed_in_capitals(panel):
        # typed in capitals, a field says nothing by its case: read it in title case too
        found = parse(panel, lowercase_ok=False, min_words=1)
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
    return (named or has_head(panel)) and not (_POINTS_TO_MESSAGE.search(panel))


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
    known = [f.name for f in merged(found)]
    seat_text = clean_text(intake.panel)
    titled: list[Panelist] = []
    seats: list[Panelist] = []
    for text in (intake.round1_notes, intake.recruiter_message):
        # a seat can be an arranger's ("CSB rep" for the bureau's HR Specialist)
        for p in _people_in_message(text, known=known, arrangers=True):
            if p.title and p not in found and nested(p.name, same_person(p.name, known)):
                titled.append(p)
            elif seat_for(p.title, seat_text, [f.title for f in found + titled + seats]):
                seats.append(p)
    return titled, seats
