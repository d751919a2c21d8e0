"""The panel the candidate names: who they are, their titles, and which seat each takes.

Names and titles come from the intake's panel field, and from people the round-one notes
and the recruiter's message name. E-mail addresses, phone numbers, links and markup are
removed first and never echoed. A named panelist said to have doubts takes the doubting
seat, one said to be in favour the supporting seat; the rest fill the seats in the order
written. A seat nobody named keeps its generic persona, with a title fitting the role's
field (``corpus/fields.yaml``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from simulator.domain import FieldTitles, Intake, Persona

UNTITLED = "Panel member"  # a named person whose title nobody gave
MAX_PANEL = 6  # more names than this are not a panel; the first ones are kept
MAX_NAME_WORDS = 4

HONORIFICS = {
    "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "matron",
    "sister", "judge", "cllr", "councillor", "rev", "dean",
}  # fmt: skip
# Honorifics that are also job titles: "Matron Helen Ose" is a matron.
TITLE_HONORIFICS = {"matron", "sister", "judge", "councillor", "cllr", "professor", "prof", "dean"}
PARTICLES = {"van", "von", "de", "der", "da", "di", "du", "le", "la", "bin", "al", "el", "del"}
# Words that, alone, make a phrase a job title.
TITLE_HEADS = {
    "head", "director", "manager", "lead", "leader", "partner", "associate", "chief", "officer",
    "vp", "svp", "evp", "president", "principal", "matron", "nurse", "consultant", "engineer",
    "headteacher", "headmaster", "headmistress", "teacher", "deputy", "supervisor",
    "coordinator", "co-ordinator", "specialist", "chef", "owner", "founder", "ceo", "cfo",
    "cto", "coo", "cio", "cmo", "cpo", "hr", "recruiter", "analyst", "adviser", "advisor",
    "controller", "superintendent", "inspector", "editor", "producer", "trustee", "chair",
    "chairman", "chairwoman", "chairperson", "governor", "registrar", "surgeon", "physician",
    "architect", "accountant", "executive", "administrator", "commissioner", "lecturer",
    "foreman", "captain", "sergeant", "counsel", "solicitor", "barrister", "attorney",
    "paralegal", "pharmacist", "midwife", "therapist", "clerk", "secretary", "treasurer",
    "auditor", "buyer", "planner", "scientist", "designer", "developer", "technician",
}  # fmt: skip
# Words of a title: its heads, and the words that only extend one ("Senior", "Ward").
TITLE_WORDS = TITLE_HEADS | {
    "senior", "assistant", "representative", "rep", "staff", "sous", "programme", "program",
    "operations", "people", "talent", "acquisition", "vice", "general", "managing", "team",
    "division", "department", "unit", "practice", "ward", "store", "site", "area", "regional",
    "clinical", "nursing", "engineering", "product", "finance", "sales", "marketing", "legal",
    "service", "services",
}  # fmt: skip
# Capitalised words that are not names.
NOT_NAMES = {
    "i", "i'll", "i'm", "i've", "i'd", "the", "a", "an", "and", "or", "with", "our", "my",
    "your", "their", "his", "her", "we", "you", "they", "he", "she", "it", "this", "that",
    "from", "for", "of", "to", "in", "on", "at", "by", "as", "also", "plus", "then", "one",
    "two", "three", "four", "both", "someone", "somebody", "panel", "interview", "interviews",
    "round", "first", "second", "final", "next", "last", "today", "tomorrow", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "zoom", "teams", "hr", "ops", "finance", "marketing", "sales", "legal",
    "corporate", "disputes", "engineering", "product", "design", "operations", "people",
    "talent", "nursing", "clinical", "unknown", "tbc", "tbd", "n/a", "na", "none", "not",
    "sure", "yet", "maybe", "probably", "dear", "hi", "hello", "hey", "thanks", "thank",
    "regards", "best", "kind", "cheers", "sincerely", "warm", "felt", "mostly", "there",
    "when", "what", "who", "how", "why", "if", "but", "so", "after",
    "before", "during", "ceo", "cfo", "cto", "coo", "vp", "nhs", "uk", "us", "eu", "ai",
    "hiring", "manager", "director", "head", "lead", "recruiter", "team", "department",
    "group", "company", "firm", "office", "school", "hospital", "ward", "trust", "council",
    "london", "manchester", "birmingham", "leeds", "glasgow", "edinburgh", "bristol",
}  # fmt: skip
DOUBT = re.compile(
    r"\b(doubts?|doubtful|unconvinced|not convinced|wasn't convinced|skeptical|sceptical|"
    r"concerns?|concerned|worried|reservations?|hesitant|pushed back|pressed me|grilled|"
    r"unsure|not sure|less sure|less keen|held back|against|tough on|challenged|pressed|"
    r"probed|grilled|questioned|kept asking|wasn't sold|not sold|cooler|lukewarm)\b",
    re.IGNORECASE,
)
SUPPORT = re.compile(
    r"\b(liked|loved|keen|impressed|championed|supportive|in favour|in favor|backed|"
    r"warm|enthusiastic|positive|argued for|vouched|pushed for|on my side|rooted for|"
    r"praised|could see me|on board|in my corner|fan of|sold on)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\S+@\S+")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_PHONE = re.compile(r"(?:\+|\b)\d[\d\s().-]{6,}\d\b")
_TAG = re.compile(r"<[^>]{0,200}>")
_TOKEN = re.compile(r"[\w'’&-]+|[.(),;:/&|•·\n–—-]")
LINKS = {"of", "for", "&", "and", "in"}
# Words that start a sentence in capitals but are not names.
COMMON = {
    "meeting", "probably", "same", "also", "just", "only", "interviewing", "joined", "joining",
    "possibly", "likely", "apparently", "met", "spoke", "seeing", "panel", "people", "two",
    "three", "as", "last", "time", "think", "before", "maybe", "not", "sure",
    "both", "all", "some", "someone", "head", "new", "old", "former", "previous",
    "assessment", "centre", "center", "day", "stage", "video", "call", "phone", "lunch",
}  # fmt: skip
_SIGN_OFF = re.compile(
    r"^\s*(best( wishes)?|kind regards|regards|many thanks|thanks|thank you|cheers|"
    r"sincerely|warm(est)? regards|all the best)\b[,!.]?\s*$",
    re.IGNORECASE,
)
_GREETING = re.compile(r"^\s*(dear|hi|hello|hey)\s+([\w'’-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Panelist:
    name: str
    title: str = ""
    leaning: str = ""  # "doubts", "supports" or ""


def clean_text(text: str) -> str:
    """``text`` without markup, e-mail addresses, links or phone numbers."""
    text = html.unescape(_TAG.sub(" ", text))
    for pattern in (_EMAIL, _URL, _PHONE):
        text = pattern.sub(" ", text)
    return text


def _bare(token: str) -> str:
    return token.strip(".'’").lower()


def _is_cap(token: str) -> bool:
    return token[:1].isupper() and any(c.isalpha() for c in token)


def _acronym(token: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z&]{1,4}s?", token)) and _bare(token) not in NOT_NAMES


def _titleish(token: str) -> bool:
    b = _bare(token)
    return b in TITLE_WORDS or _acronym(token)


def _is_head(token: str) -> bool:
    """A word that makes a phrase a job title ("Director", "Psychiatrist", "CTO")."""
    b = _bare(token)
    return b in TITLE_HEADS or (len(b) > 5 and b.endswith("ist")) or _acronym(token)


def _name_token(token: str, lowercase_ok: bool) -> bool:
    b = _bare(token)
    if not b or b in NOT_NAMES or b in COMMON or b in TITLE_WORDS or b in HONORIFICS:
        return False
    if _is_head(token):
        return False
    if _acronym(token) or not re.fullmatch(r"[^\W\d_][\w'’-]*", token):
        return False
    return _is_cap(token) or (lowercase_ok and token.islower() and len(b) > 1)


def _title_case(name: str) -> str:
    return " ".join(w if not w.islower() else w[:1].upper() + w[1:] for w in name.split())


HARD_STOPS = {")", ";", "\n", "|", "•", "·", "(", "."}
SEPARATORS = {",", "(", "-", "–", "—", ":", "/"}


def _names_in(tokens: list[str], lowercase_ok: bool, min_words: int) -> list[tuple[int, int]]:
    """(start, end) token spans that read as a person's name, with any honorific."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        start = i
        if _bare(tokens[i]) in HONORIFICS and (tokens[i][:1].isupper() or lowercase_ok):
            i += 1
            while i < len(tokens) and _bare(tokens[i]) in HONORIFICS | {"district", "."}:
                i += 1
        j = i
        while j < len(tokens) and j - i < MAX_NAME_WORDS:
            t = tokens[j]
            if _name_token(t, lowercase_ok and start == i and not _is_cap(tokens[i])) or (
                _bare(t) in PARTICLES and j + 1 < len(tokens) and _is_cap(tokens[j + 1])
            ):
                j += 1
            else:
                break
        words = j - i
        honorific = start < i
        depth = sum(1 for t in tokens[:start] if t == "(") - sum(
            1 for t in tokens[:start] if t == ")"
        )
        opened = max((k for k in range(start) if tokens[k] == "("), default=-1)
        # A bracket right after a name holds its title; one right after a title, a name.
        in_brackets = depth > 0 and bool(spans) and spans[-1][1] == opened
        lower = words > 0 and tokens[i].islower()
        before = _bare(tokens[start - 1]) if start > 0 else ""
        modifier = not honorific and _leads_to_title(tokens, j)
        continuation = not honorific and (
            before in {"of", "for", "&"}
            or (before == "and" and start > 1 and _titleish(tokens[start - 2]))
        )
        bounded = j >= len(tokens) or tokens[j] in SEPARATORS | HARD_STOPS | {"and", "&"}
        ok = (words >= min_words or (words >= 1 and honorific)) and not modifier
        ok = ok and not continuation and not in_brackets and (not lower or (words >= 2 and bounded))
        if ok:
            spans.append((start, j))
            i = j
        else:
            i = max(i + 1, j)
    return spans


def _leads_to_title(tokens: list[str], j: int) -> bool:
    """Whether the words from ``j`` on continue a title ("Health & Safety Manager")."""
    if j < len(tokens) and (_bare(tokens[j]) in TITLE_WORDS or _is_head(tokens[j])):
        return True
    k = j
    while k < len(tokens) and k - j < 4 and (tokens[k] in {"&", "of"} or _is_cap(tokens[k])):
        if _is_head(tokens[k]):
            return k > j and tokens[j] in {"&", "of"}
        k += 1
    return False


def _title_after(tokens: list[str], end: int, starts: set[int]) -> str:
    """A title written just after a name ("Raj Patel, Director of Nursing")."""
    j = end
    bracketed = j < len(tokens) and tokens[j] == "("
    if j < len(tokens) and tokens[j] in SEPARATORS:
        j += 1
    while j < len(tokens) and _bare(tokens[j]) in {"the", "our", "a", "an", "is", "their", "who's"}:
        j += 1
    k = j
    while k < len(tokens) and k - j < 8 and k not in starts:
        t = tokens[k]
        comma_ends = t == "," and not bracketed
        if t in HARD_STOPS or comma_ends or (t.islower() and not _titleish(t) and t not in LINKS):
            break
        k += 1
    if k in starts:
        return ""  # "Ann Ose, Director of Nursing Raj Patel": the title is Raj Patel's
    while k > j and _bare(tokens[k - 1]) in LINKS | HONORIFICS:
        k -= 1
    while j < k and _bare(tokens[j]) in LINKS:
        j += 1
    words = tokens[j:k]
    if not any(_is_head(w) for w in words):
        return ""
    return " ".join(words)


def _title_before(tokens: list[str], start: int, ends: set[int]) -> str:
    """A title written just before a name ("Director of Nursing Raj Patel")."""
    j = start
    if j > 0 and tokens[j - 1] in {",", "("}:
        j -= 1
    k = j
    while k > 0 and j - k < 8 and k not in ends:
        t = tokens[k - 1]
        if (
            t in HARD_STOPS
            or t in SEPARATORS
            or (t.islower() and not _titleish(t) and t not in LINKS)
        ):
            break
        k -= 1
    while k < j and _bare(tokens[k]) in LINKS | {"the", "our"}:
        k += 1
    words = [w for w in tokens[k:j] if w not in {",", "("}]
    if not any(_is_head(w) for w in words):
        return ""
    return " ".join(words)


def _honorific_title(tokens: list[str], start: int, end: int) -> str:
    head = [t.strip(".") for t in tokens[start:end] if _bare(t) in TITLE_HONORIFICS | {"district"}]
    return " ".join(head)


def _tidy_title(title: str) -> str:
    title = re.sub(r"\s+([,)])", r"\1", title)  # tokens were joined by spaces
    title = re.sub(r"\s+", " ", title).strip(" ,;:-–—().")
    if title and title == title.lower():
        title = " ".join(
            w if w in {"of", "for", "and", "&"} else w[:1].upper() + w[1:] for w in title.split()
        )
    return title


def _leanings(text: str, people: list[Panelist]) -> dict[str, str]:
    """Who the text says doubted or favoured the candidate, clause by clause."""
    found: dict[str, str] = {}
    titles = [p.title.lower() for p in people]
    for clause in re.split(r"[.;!?\n]|,?\s+\b(?:but|whereas|while|although)\b", text):
        lowered = clause.lower()
        named = [
            p
            for p in people
            if any(
                re.search(rf"\b{re.escape(w.lower())}\b(?!-)", lowered)
                for w in _keys(p, unique_title=titles.count(p.title.lower()) == 1)
            )
        ]
        if len(named) != 1 or named[0].name in found:
            continue
        if DOUBT.search(clause):
            found[named[0].name] = "doubts"
        elif SUPPORT.search(clause):
            found[named[0].name] = "supports"
    return found


def _keys(p: Panelist, unique_title: bool) -> list[str]:
    """How a text may refer to ``p``: a name, or a title no one else on the panel has."""
    words = [w for w in p.name.split() if _bare(w) not in HONORIFICS and len(w) > 2]
    title = p.title.lower()
    return words + ([title] if unique_title and len(title) > 3 else [])


def _parse(text: str, *, lowercase_ok: bool, min_words: int) -> list[Panelist]:
    out: list[Panelist] = []
    for sentence in re.split(r"(?<=[a-z\)][.!?])\s+", clean_text(text)):
        tokens = _TOKEN.findall(sentence)
        spans = _names_in(tokens, lowercase_ok, min_words)
        starts, ends = {s for s, _ in spans}, {e for _, e in spans}
        for start, end in spans:
            name_tokens = [
                t for t in tokens[start:end] if _bare(t) not in TITLE_HONORIFICS | {"district", "."}
            ]
            if not name_tokens:
                continue
            name = _title_case(" ".join(name_tokens).rstrip(".,"))
            name = re.sub(r"\b(Dr|Mr|Mrs|Ms|Prof|Mx)\.? (?=\S+ \S)", "", name)
            title = (
                _title_after(tokens, end, starts)
                or _title_before(tokens, start, ends)
                or _honorific_title(tokens, start, end)
            )
            out.append(Panelist(name, _tidy_title(title)))
    return out


def _people_in_message(text: str) -> list[Panelist]:
    """People a note or message names, less whoever it greets (the candidate) and whoever
    signs it (the sender)."""
    lines = text.splitlines()
    greeted = {m.group(2).lower() for ln in lines[:2] if (m := _GREETING.match(ln))}
    signed: set[str] = set()
    for i, ln in enumerate(lines):
        if _SIGN_OFF.match(ln):
            signed |= {w.lower() for rest in lines[i + 1 : i + 3] for w in rest.split()}
        for tail in re.finditer(
            r"\b(?i:regards|thanks|best|cheers|wishes),?\s+((?:[A-Z][\w'’-]+\s?){1,3})", ln
        ):
            signed |= {w.lower() for w in tail.group(1).split()}
    people = []
    for p in _parse(text, lowercase_ok=False, min_words=2):
        words = {w.lower() for w in p.name.split()}
        if words & greeted or words & signed:
            continue
        if re.search(r"recruit|talent|resourcing|\bhr\b|people partner", p.title, re.I):
            continue  # whoever arranges the interview is not on the panel
        people.append(p)
    return people


def named_panel(intake: Intake) -> list[Panelist]:
    """The people the intake names as the panel, each once, in the order first written."""
    found = _parse(intake.panel, lowercase_ok=True, min_words=1)
    found += _people_in_message(intake.round1_notes)
    found += _people_in_message(intake.recruiter_message)
    merged: dict[str, Panelist] = {}
    found = [
        p
        for p in found
        if not re.search(r"\b(recruit\w*|talent|resourcing)\b", p.title, re.I) or p in found[:0]
    ]
    for p in found:
        key = _same_person(p.name, merged)
        if key is None:
            merged[p.name] = p
        else:
            old = merged[key]
            merged[key] = Panelist(
                old.name if len(old.name) >= len(p.name) else p.name,
                old.title or p.title,
                old.leaning or p.leaning,
            )
    people = list(merged.values())[:MAX_PANEL]
    text = "\n".join(
        clean_text(t) for t in (intake.round1_notes, intake.recruiter_message, intake.panel)
    )
    leanings = _leanings(text, people)
    return [replace(p, leaning=leanings.get(p.name, "")) for p in people]


def _same_person(name: str, known: Iterable[str]) -> str | None:
    """An already-found name for the same person ("Priya" and "Priya Shah")."""
    words = name.lower().split()
    for other in known:
        theirs = other.lower().split()
        shorter, longer = sorted((words, theirs), key=len)
        if (
            longer[: len(shorter)] == shorter
        ):  # "Priya" and "Priya Shah", "Mei Lin" and "Mei Lin Tan"
            return other
        if words[-1] == theirs[-1] and len(words) > 1 and len(theirs) > 1:
            return other
    return None


def field_of(intake: Intake, fields: dict[str, FieldTitles]) -> str:
    """The field whose keywords the role and job description mention most."""
    text = f" {intake.role} {intake.job_description} {intake.company} ".lower()
    hits = {
        name: sum(len(re.findall(rf"\b{re.escape(k)}\b", text)) for k in spec.keywords)
        for name, spec in fields.items()
    }
    best = max(hits, key=lambda f: (hits[f], f == "general"), default="general")
    return best if hits.get(best) else "general"


def cast(
    seats: Sequence[Persona],
    panel: Sequence[Panelist],
    titles: FieldTitles | None,
) -> tuple[list[Persona], list[Panelist]]:
    """The seats with the named panelists in them, and the named people left without a
    seat (who are introduced, but do not ask)."""
    free = list(panel)
    chosen: dict[str, Panelist] = {}
    for stance, leaning in (("skeptical", "doubts"), ("supportive", "supports")):
        seat = next((s for s in seats if s.stance == stance and s.id not in chosen), None)
        person = next((p for p in free if p.leaning == leaning), None)
        if seat is not None and person is not None:
            chosen[seat.id] = person
            free.remove(person)
    for seat in seats:
        if seat.id not in chosen and free:
            chosen[seat.id] = free.pop(0)
    out = []
    for seat in seats:
        default_title = (titles.titles.get(seat.id) if titles else None) or seat.role
        person = chosen.get(seat.id)
        if person is None:
            out.append(replace(seat, role=default_title))
        else:  # a named person's title is never made up
            out.append(replace(seat, name=person.name, role=person.title or UNTITLED))
    return out, free
