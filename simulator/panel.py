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
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from simulator.domain import FieldTitles, Intake, Persona
from simulator.name_words import could_be_name, could_start_name, is_common_word, is_first_name

UNTITLED = "Panel member"  # a named person whose title nobody gave
MAX_PANEL = 12  # more names than this are not a panel; the first ones are kept
MAX_NAME_WORDS = 4

HONORIFICS = {
    "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "matron",
    "sister", "judge", "cllr", "councillor", "rev", "dean", "capt", "fr", "sr", "revd",
    "engr", "mme", "mlle", "herr", "frau", "ing", "dhr", "mw", "lic", "sra", "srta", "dña",
    "dipl", "maestro", "mevr", "shri", "smt",
}  # fmt: skip
# Honorifics that are also job titles: "Matron Helen Ose" is a matron.
TITLE_HONORIFICS = {"matron", "sister", "judge", "councillor", "cllr", "professor", "prof", "dean"}
PARTICLES = {
    "van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "bin", "al", "el", "del",
    "dos", "das", "ter", "ten", "mac", "ni", "ní", "ó", "binte", "binti", "bint",
}  # fmt: skip
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
    "presenter", "agent", "handler", "educator", "investigator", "co-investigator",
    "pi", "writer", "reporter", "pilot", "doctor", "dentist", "vet", "veterinarian",
    "paramedic", "practitioner", "clinician", "physio", "optometrist", "radiographer",
    "tutor", "professor", "fellow", "researcher", "economist", "actuary", "underwriter",
    "broker", "trader", "surveyor", "estimator", "mechanic", "electrician", "operator",
    "steward", "purser", "receptionist", "assistant", "lawyer", "magistrate", "trainer",
    "instructor", "coach", "curator", "librarian", "archivist", "programmer", "mgr", "dir",
    "gm", "md", "senco", "worker", "caseworker", "marketer", "copywriter", "merchandiser",
    "dispatcher", "sister", "co-founder", "cofounder", "proprietor", "commander",
    "rep", "representative", "admin", "member", "geriatrician", "paediatrician",
    "pediatrician", "dietitian", "dietician", "optician", "statistician", "obstetrician",
    "musician", "historian", "custodian", "assessor", "postdoc", "publisher", "chaplain",
    "warden", "bursar", "adjuster", "forester", "gerente", "directora", "directeur",
    "directrice", "jefe", "jefa", "leiter", "leiterin", "inhaber", "responsable", "rector",
    "churchwarden", "provost", "chancellor", "vice-chancellor", "ranger", "keeper",
    "conductor", "concertmaster",
}  # fmt: skip
# Endings of compound titles in other languages ("Bibliotekschef", "Enhetsleder").
_HEAD_ENDINGS = ("chef", "sjef", "leder", "leiter", "leiterin", "direktor", "direktør", "rådgiver")
# Words of a title: its heads, and the words that only extend one ("Senior", "Ward").
TITLE_WORDS = TITLE_HEADS | {
    "senior", "assistant", "representative", "rep", "staff", "sous", "programme", "program",
    "operations", "people", "talent", "acquisition", "vice", "general", "managing", "team",
    "division", "department", "unit", "practice", "ward", "store", "site", "area", "regional",
    "clinical", "nursing", "engineering", "product", "finance", "sales", "marketing", "legal",
    "service", "services", "ops", "technical", "junior", "principal", "executive", "deputy",
    "associate", "account", "line", "land", "studio", "curriculum", "commissioning", "gp",
    "social", "data", "research", "fleet", "safety", "health", "quality", "digital", "hr",
    "chief", "head", "lead", "interim", "acting", "co", "group", "global", "national",
    "local", "district", "charge", "duty", "shift", "night", "training", "learning", "risk",
    "credit", "compliance", "partnerships", "development", "business", "customer", "client",
    "contracts", "grade", "band", "cabinet", "works", "theatre", "pharmacy", "crew", "design", "content",
}  # fmt: skip
# Capitalised words that are not names.
NOT_NAMES = {
    "i", "i'll", "i'm", "i've", "i'd", "you'll", "you're", "we'll", "we're", "they'll",
    "it'll", "that's", "there's", "she'll", "he'll", "you've", "the", "a", "an", "and", "or", "with", "our", "my",
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
    "room", "rd", "road", "street", "court", "building", "dept", "staffing", "recruitment",
    "resourcing", "careers", "project", "meet", "floor", "house", "hall", "suite", "lane",
    "avenue", "campus", "wing", "block", "reception", "centre", "center", "studio", "lab",
    "google", "microsoft", "slack", "linkedin", "outlook", "whatsapp", "webex", "skype",
    "interviewers", "attendees", "guests", "assessors", "panelists", "panellists", "optional",
    "required", "organiser", "organizer", "audition", "square", "place", "quay", "wharf",
}  # fmt: skip
DOUBT = re.compile(
    r"\b(doubts?|doubted|doubtful|unconvinced|not convinced|wasn't convinced|less convinced|"
    r"skeptical|sceptical|concerns?|concerned|worr(y|ied|ies)|reservations?|hesitant|"
    r"pushed (back|hard|a lot)|pressed( me)?|grilled|unsure|less sure|hesitations?|"
    r"(not|wasn't|weren't|isn't|aren't) (so |too |very |entirely |fully )?(sure|confident)|"
    r"lean(ing)? no|no-ish|a no(?!-)|weak|sloppy|flagged|didn't engage|"
    r"(don't|didn't) think I (convinced|persuaded)|wants? to check|"
    r"less keen|not keen|held back|against|tough on|challenged|probed|questioned|"
    r"kept (asking|coming back|pressing|pushing)|wasn't sold|not sold|cooler|lukewarm|"
    r"pointed questions?|tough questions?|light on|too thin|was thin|a (real )?gap|"
    r"sticking point|an issue|a problem|not enough|lacked|lacking|over-?engineered|"
    r"critical of|hard time|didn't seem convinced|pushed on|had questions|asked (a lot|twice)|"
    r"felt I (didn't|hadn't|wasn't|haven't|was slow)|hadn't shown|fumbled|kept going on|too junior|"
    r"(would|'d) have preferred|wondered (if|whether)|wants to see|needs? discussing|"
    r"don't think (he|she) was (convinced|sold|keen)|a bit thin|(was|were) thin)\b",
    re.IGNORECASE,
)
SUPPORT = re.compile(
    r"\b(liked|loved|keen|impressed|championed|champion|supportive|in favour|in favor|"
    r"backed|warm|warmed|enthusiastic|positive|argued for|vouched|pushed for|on my side|"
    r"rooted for|praised|could see me|on board|in my corner|fan of|sold on|happy with|"
    r"ideal|love to have|happy to have|glowing|rated me|great fit|good fit|wasted in|"
    r"fought for|my advocate|back me|backing me|clicked|wanted me|spot on|brilliant|"
    r"perfect|strongest|exactly what|strong (yes|hire)|smashed|lovely|appreciated|"
    r"would like me|wants me|move forward)\b",
    re.IGNORECASE,
)
# Contractions typed without their apostrophe ("wasnt sure", "didnt").
_BARE_NOT = re.compile(r"\b(was|were|did|had|is|are|do|does|could|would|have|has)nt\b", re.I)
_PRONOUN = re.compile(r"\b(he|she|him|her|his|he's|she's|hes|shes)\b", re.IGNORECASE)
_EMAIL = re.compile(r"[^\s()<>\[\],;]+@[^\s()<>\[\],;]+")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_PHONE = re.compile(r"(?:\+|\b)\d[\d\s().-]{6,}\d\b")
_CELL_END = re.compile(r"<\s*/\s*t[dh]\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,200}>")
_BLOCK_TAG = re.compile(r"<\s*(?:br|/p|/li|/div|/tr|p|li|div|tr)\b[^>]{0,200}>", re.IGNORECASE)
_TOKEN = re.compile(r"\b[A-Z]\.(?=\s*[A-Z])|[\w'’&-]+|[.(),;:/&|•·\n–—+\[\]-]")
LINKS = {"of", "for", "&", "and", "in"}
# Words between a name and its title.
BEFORE_TITLE = {"who", "who's", "is", "our", "the", "a", "current", "currently", "now"}
# A seat on the panel rather than a job: a job title after the name says more.
PANEL_ROLES = {"chair", "member", "panel chair", "panel member", "interviewer", "assessor"}
RANKS = {
    "senior", "junior", "principal", "lead", "chief", "assistant", "deputy", "associate",
    "trainee", "staff", "sub-principal", "co-principal", "sr", "jr", "snr",
}  # fmt: skip
POSTNOMINALS = {
    "kc", "qc", "mrcvs", "phd", "mbe", "obe", "cbe", "frcs", "mrcp", "frcp", "rn", "rgn",
    "aca", "acca", "cima", "fca", "ceng", "mice", "frics", "mrics", "msc", "mba", "ma", "bsc",
    "rvn", "rmn", "msn", "bsn", "dnp", "aprn", "mciob", "mcipd", "fcipd", "cipd", "cpa", "cfa",
    "pmp", "peng", "mrcgp", "frcvs", "mrpharms", "frsc", "mcsp", "fcca",
}  # fmt: skip
# Words that, in brackets after a title, qualify it ("Partner (Commercial)").
QUALIFIERS = {
    "commercial", "tax", "audit", "litigation", "corporate", "property", "employment",
    "disputes", "finance", "operations", "ops", "clinical", "technical", "interim", "acting",
    "digital", "retail", "wholesale", "private", "public", "family", "criminal", "civil",
    "maternity", "surgery", "medicine", "emea", "apac", "uk", "europe", "north", "south",
    "east", "west", "payments", "credit", "risk", "compliance", "strategy", "sales",
}  # fmt: skip
# Words that start a sentence in capitals but are not names.
COMMON = {
    "meeting", "probably", "same", "also", "just", "only", "interviewing", "joined", "joining",
    "possibly", "likely", "apparently", "met", "spoke", "seeing", "panel", "people", "two",
    "three", "as", "last", "time", "think", "before", "maybe", "not", "sure",
    "both", "all", "some", "someone", "head", "new", "old", "former", "previous",
    "assessment", "centre", "center", "day", "stage", "video", "call", "phone", "lunch",
    "again", "hopefully", "definitely", "tbc", "tbd", "alright", "hiya", "morning",
    "afternoon", "evening", "please", "bring",
}  # fmt: skip
_SIGN_OFF = re.compile(
    r"^\s*(best( wishes)?|kind regards|regards|many thanks|thanks|thank you|cheers|"
    r"sincerely|warm(est)? regards|all the best)\b[,!.]?\s*$",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^\s*(dear|hi|hello|hey|hej|hallo|hola|bonjour|salut|ciao|namaste|kia ora|greetings|"
    r"good (?:day|morning|afternoon|evening)),?\s+([\w'’-]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Panelist:
    name: str
    title: str = ""
    leaning: str = ""  # "doubts", "supports" or ""


def clean_text(text: str) -> str:
    """``text`` without markup, e-mail addresses, links or phone numbers."""
    text = _CELL_END.sub(" | ", text)  # a table row's cells, kept apart
    text = _BLOCK_TAG.sub("\n", text)
    text = html.unescape(_TAG.sub(" ", text))
    for pattern in (_EMAIL, _URL, _PHONE):
        text = pattern.sub(" ", text)
    text = re.sub(r"\(\s*[,;/|\s]*\)", " ", text)  # "Greg Hollis (<e-mail>, <phone>)"
    # A pictograph between entries separates them as a line break would.
    return "".join("\n" if unicodedata.category(c) == "So" else c for c in text)


_NICKNAME = re.compile(r"(?<=[A-Za-z])\s+['‘\"“]([A-Z][\w-]*)['’\"”](?=\s+[A-Z])")
_QUOTED = re.compile(r"['‘\"“]([A-Z][\w-]*)['’\"”](?=\s+[A-Z])")


def _normalise(text: str) -> str:
    """Nicknames dropped ("Robert 'Bob' Fairley"), quotes off a lone one ("Capt. 'Mac'
    McKenzie"), and text typed in capitals put in title case, short acronyms kept."""
    text = _QUOTED.sub(r"\1", _NICKNAME.sub("", text))
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        text = re.sub(r"[A-Z][A-Z'’-]+", lambda m: m[0] if len(m[0]) <= 3 else m[0].title(), text)
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
    b = _bare(token).rsplit("-", 1)[-1]  # "Vice-Chair"
    b = b[:-1] if b.endswith("s") and b[:-1] in TITLE_HEADS - {"head"} else b  # "partners"
    ist = len(b) > 5 and b.endswith(("ist", "ists")) and not b.endswith(("vist", "vists"))
    compound = len(b) >= 8 and b.endswith(_HEAD_ENDINGS)
    return b in TITLE_HEADS or ist or compound or _acronym(token)


def _name_token(token: str, lowercase_ok: bool) -> bool:
    b = _bare(token)
    if not b or b in NOT_NAMES or b in COMMON or b in TITLE_WORDS or b in HONORIFICS:
        return False
    if _is_head(token):
        return False
    if _acronym(token) or not re.fullmatch(r"[^\W\d_][\w'’-]*|[A-Z]\.", token):
        return False
    if _is_cap(token):
        return True
    # In lower case only a first name or a word that is not everyday English ("mcleod").
    return lowercase_ok and token.islower() and len(b) > 1 and could_be_name([b], True)


def _title_case(name: str) -> str:
    return " ".join(w if not w.islower() else w[:1].upper() + w[1:] for w in name.split())


HARD_STOPS = {")", ";", "\n", "|", "•", "·", "(", ".", "[", "]", "+"}
SEPARATORS = {",", "(", "-", "–", "—", ":", "/"}


def _names_in(tokens: list[str], lowercase_ok: bool, min_words: int) -> list[tuple[int, int]]:
    """(start, end) token spans that read as a person's name, with any honorific."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        start = i
        i, j = _span_at(tokens, i, lowercase_ok)
        if _reads_as_name(tokens, spans, (start, i, j), min_words):
            spans.append((start, j))
            i = j
        elif tokens[start].islower() or (
            j - i >= 2
            and start > 0
            and _bare(tokens[start - 1]) in {"of", "for", "in"}
            and could_start_name(tokens[i + 1])
        ):
            # The name may start at a later word: "it's Marguerite Halden", "Head of
            # Trusts Ravinder Gill".
            i = start + 1
        else:
            i = max(i + 1, j)
    return spans


def _span_at(tokens: list[str], i: int, lowercase_ok: bool) -> tuple[int, int]:
    """(first name word, end) of the possible name at ``i``, past any honorifics."""
    start = i
    if _bare(tokens[i]) in HONORIFICS and (tokens[i][:1].isupper() or lowercase_ok):
        i += 1
        while i < len(tokens) and (
            tokens[i] == "." or _bare(tokens[i]) in HONORIFICS | {"district"}
        ):
            i += 1
    j = i
    lower = lowercase_ok and start == i and not _is_cap(tokens[i])
    while j < len(tokens) and j - i < MAX_NAME_WORDS:
        t = tokens[j]
        if _name_token(t, lower) or (
            t in PARTICLES
            and (j > i or not lower)
            and j + 1 < len(tokens)
            and (_is_cap(tokens[j + 1]) or tokens[j + 1] in PARTICLES or lower)
        ):
            j += 1
        else:
            break
    return i, j


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
        and _is_head(tokens[opened - 1])
        and (_bare(tokens[i]) in QUALIFIERS or _ABSTRACT.search(_bare(tokens[i])) is not None)
    )
    before = _bare(tokens[start - 1]) if start > 0 else ""
    lower = words > 0 and tokens[i].islower()
    # Capitalised words before a title are its start ("Contracts Manager"); in a
    # lower-case field, two name words before one are a name ("ben taylor ops director").
    modifier = not honorific and _leads_to_title(tokens, j) and not (lower and words >= 2)
    dash = start > 1 and tokens[start - 1] in DASHES and _is_head(tokens[start - 2])
    continuation = not honorific and (
        before in {"of", "for", "in"}
        or (before == "&" and start > 1 and _titleish(tokens[start - 2]))
        or (
            before == "and"
            and start > 1
            and _titleish(tokens[start - 2])
            and _leads_to_title(tokens, j)  # "Health and Safety Manager"
        )
        or (words == 1 and _after_title_link(tokens, start))
        # "Senior Adjuster", "Principal Viola": one word after a rank is its title.
        or (
            words == 1
            and before in RANKS
            and start > 0
            and _is_cap(tokens[start - 1])
            and not is_first_name(tokens[i])
        )
    )
    bounded = (
        j >= len(tokens) or tokens[j] in SEPARATORS | HARD_STOPS | {"and", "&"}
    ) or _titleish(tokens[j])
    # In a field typed in lower case, one word right after a title is its holder's first
    # name ("production manager ffion, ...", "clinical lead physio - tom;").
    after_head = start > 0 and (
        _is_head(tokens[start - 1])
        or (tokens[start - 1] in DASHES and start > 1 and _is_head(tokens[start - 2]))
    )
    if lower and words == 1 and after_head and bounded and not _after_title_link(tokens, start):
        return before != "the" and could_be_name([tokens[i]], True)
    # "jonas (creative director)": one lower-case name with its title in brackets.
    bracket = tokens[j + 1 : j + 6] if j < len(tokens) and tokens[j] == "(" else []
    titled = ")" in bracket and any(_is_head(t) for t in bracket[: bracket.index(")")])
    if lower and words == 1 and not honorific and titled and before in {"", ",", "and", "+"}:
        return could_be_name([tokens[i]], True)
    if words and tokens[j - 1].endswith(("'s", "’s")):
        return False  # "as per Ruth's email", "Mr Singh's class"
    return (
        (words >= min_words or (words >= 1 and honorific))
        # Not "Emergency Medicine", nor "another directorate" in a lower-case field.
        and (honorific or could_be_name([t for t in tokens[i:j] if t not in PARTICLES], lower))
        and not modifier
        and not (words == 1 and not honorific and dash)  # "Director – Structures"
        and (honorific or before != "the")  # "the Renters' Rights changes"
        and not continuation
        and not in_brackets
        and not qualifier
        and (not lower or honorific or (words >= 2 and (bounded or _leads_to_title(tokens, j))))
    )


def _after_title_link(tokens: list[str], start: int) -> bool:
    """Whether one word at ``start`` ends a title ("Head of Crew Resources", "Engineering
    Manager, Payments") rather than being a name."""
    k = start - 1
    while k > 0 and _is_cap(tokens[k]) and _titleish(tokens[k]):
        k -= 1
    if k < start - 1 and _bare(tokens[k]) in {"of", "for", "in"}:
        return True
    return (
        start > 1
        and tokens[start - 1] == ","
        and _is_head(tokens[start - 2])
        and _bare(tokens[start]) in QUALIFIERS
    )


def _leads_to_title(tokens: list[str], j: int) -> bool:
    """Whether the words from ``j`` on continue a title ("Health & Safety Manager")."""
    if j < len(tokens) and _bare(tokens[j]) in POSTNOMINALS:
        return False  # "Sarah Odutola KC"
    if j < len(tokens) and (_bare(tokens[j]) in TITLE_WORDS or _is_head(tokens[j])):
        return True
    k = j
    while k < len(tokens) and k - j < 4 and (tokens[k] in {"&", "of"} or _is_cap(tokens[k])):
        if _is_head(tokens[k]):
            return k > j and tokens[j] in {"&", "of"}
        k += 1
    return False


# Lower-case words that end a title run: a title never holds them.
STOP = {
    "who", "whom", "is", "was", "runs", "run", "and", "but", "with", "from", "to", "at",
    "this", "that", "it's", "also", "again", "plus", "maybe", "someone", "time", "new",
    "will", "would", "be", "been", "being", "are", "were", "has", "had", "have", "on", "in",
    "by", "me", "my", "i", "you", "we", "they", "he", "she", "it", "not", "tbc", "probably",
    "then", "there", "here", "too", "as", "if", "so", "about", "after", "before", "than",
    "previous", "former", "old", "current", "asked", "we've", "i've", "they've", "said",
}  # fmt: skip
LEADING = {"the", "our", "a", "an", "is", "their", "who's", "his", "her", "your", "its"}
DASHES = {"-", "–", "—", "/", "&", "and", "+"}


def _title_words_of(words: list[str]) -> list[str]:
    """``words`` cut to a title: its last head word, the title words before it (with at most
    one plain word right before a head: "line producer"), and what qualifies the head
    after it ("Head of Collections"); nothing without a head word."""
    cut = max((i for i, w in enumerate(words) if w in {",", "-", "–", "—"}), default=-1)
    if cut > 0 and _qualifier_after(words[cut:]) == len(words) - cut:
        head = _title_words_of(words[:cut])  # "Medical Director, MICU": MICU qualifies it
        return [*head, *words[cut:]] if head else []
    heads = [
        i
        for i, w in enumerate(words)
        if _is_head(w) or (_bare(w) in TITLE_HONORIFICS and words[i + 1 : i + 2] == ["of"])
    ]  # "Dean of Social Sciences", "Professor of Law"
    if not heads:
        return []
    end = heads[-1] + 1
    while end < len(words):
        w = words[end]
        if w in LINKS and end + 1 < len(words):
            end += 2  # "of" and the word it takes, in any case
        elif _is_cap(w) or _titleish(w):
            end += 1
        else:
            break
    end += _qualifier_after(words[end:])
    start = heads[-1]
    while start > 0:
        w = words[start - 1]
        if w in {"-", "–", "—", "/", "+"}:
            break
        known = _titleish(w) or _is_head(w) or w.isdigit() or w in LINKS
        if known or (_is_cap(w) and _bare(w) not in LEADING | COMMON):
            start -= 1
            continue
        # One plain lower-case word right before a head: "line producer", "land agent".
        if w.islower() and _bare(w) not in LEADING | STOP | COMMON and _is_head(words[start]):
            start -= 1
        break
    while start < end and (words[start] in LINKS):
        start += 1
    return words[start:end]


def _field_words(words: list[str]) -> bool:
    """Whether ``words`` name a field of work ("Clinical Governance", "Children in Need")."""
    return bool(words) and all(
        (w in LINKS and 0 < k < len(words) - 1)
        or (
            _is_cap(w)
            and (_bare(w) in QUALIFIERS or is_common_word(_bare(w)))
            and not _is_head(w)  # "the head chef, Chef Bianca Russo"
            and _bare(w) not in HONORIFICS
        )
        or (len(words) == 1 and _acronym(w))  # "Nurse Manager, ICU"
        for k, w in enumerate(words)
    )


def _qualifier_after(words: list[str]) -> int:
    """How many of ``words``, right after a title, qualify it: a bracket ("Partner
    (Commercial)") or, when they end the entry, a dash or comma and a field of work
    ("Associate Director – Structures", "Engineering Manager, Payments")."""
    if words[:1] == ["("] and ")" in words[1:6]:
        close = words.index(")")
        return close + 1 if _field_words(words[1:close]) else 0
    if words[:1] and words[0] in {",", "-", "–", "—"} and 2 <= len(words) <= 5:
        return len(words) if _field_words(words[1:]) else 0
    return 0


def _bracket_end(tokens: list[str], k: int, starts: set[int]) -> int | None:
    """The index after a short bracket at ``k`` that qualifies a title ("Partner
    (Commercial)"), or None when it holds more (a name, a sentence)."""
    close = next((i for i in range(k + 1, min(len(tokens), k + 5)) if tokens[i] == ")"), None)
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


def _title_after(tokens: list[str], end: int, starts: set[int]) -> str:
    """A title written just after a name ("Raj Patel, Director of Nursing")."""
    j = end
    while j < len(tokens) and (
        _bare(tokens[j]) in POSTNOMINALS
        or (tokens[j] == "," and j + 1 < len(tokens) and _bare(tokens[j + 1]) in POSTNOMINALS)
    ):
        j += 1  # "Sarah Odutola KC (Head of Chambers)", "Kimberly Johnson, MSN, RN – ..."
    bracketed = j < len(tokens) and tokens[j] == "("
    if j < len(tokens) and tokens[j] in SEPARATORS:
        j += 1
    if (led := _team_led(tokens, j)) is not None:
        return led
    while j < len(tokens) and _bare(tokens[j]) in BEFORE_TITLE:
        j += 1  # "Freya Lindgren who is our Head of Growth", "..., current Front Office Manager"
    k = j
    while k < len(tokens) and k - j < 9 and k not in starts:
        t = tokens[k]
        if t == "(" and not bracketed and k > j and (close := _bracket_end(tokens, k, starts)):
            k = close
            break
        if t == "," and not bracketed:
            # "Omar Haddad – Engineering Manager, Payments" (a field of work ending the entry)
            stop = next((m for m in range(k + 1, len(tokens)) if tokens[m] in HARD_STOPS), None)
            stop = len(tokens) if stop is None else stop
            rest = range(k + 1, stop)
            if (
                1 <= len(rest) <= 4
                and not starts & set(rest)
                and _field_words(tokens[k + 1 : stop])
            ):
                k = stop
            break
        if t in HARD_STOPS:
            break
        linked = t in LINKS and k + 1 < len(tokens) and _is_cap(tokens[k + 1])
        if (t in DASHES and k + 1 in starts) or (t.islower() and _bare(t) in STOP and not linked):
            break  # "Lecturer in Soft Matter" goes on; "in" before a lower-case word does not
        k += 1
    if k in starts and k > j:
        return ""  # "Ann Ose, Director of Nursing Raj Patel": the title is Raj Patel's
    words = tokens[j:k]
    if bracketed:
        # "(Rector)", "(Churchwarden)": a short bracket of words that name no one is a role.
        role = (
            1 <= len(words) <= 3
            and _is_cap(words[0])
            and all(w.isalpha() and not is_first_name(w) for w in words)
        )
        return " ".join(words) if role or any(_is_head(w) for w in words) else ""
    return " ".join(_title_words_of(words))


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
        if t == "," and _field_words(tokens[k:j]) and _head_before(tokens, k - 1):
            k -= 1  # "Clinical Director, Emergency Medicine: Dr Farhan Siddiqui"
            continue
        if t in HARD_STOPS or t in SEPARATORS or (t.islower() and _bare(t) in STOP):
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
    ):
        return ""  # "Kwame Mensah, Senior Design Engineer / ...": Kwame Mensah's title
    words = tokens[k:j]
    while words and words[0] in {",", "("}:
        words = words[1:]
    return " ".join(_title_words_of(words))


def _head_before(tokens: list[str], k: int) -> bool:
    """Whether a title ends just before ``k`` ("Head of Nursing" before ", Urgent Care")."""
    m = k - 1
    while m >= 0 and k - m <= 5 and tokens[m] not in HARD_STOPS | SEPARATORS:
        if _is_head(tokens[m]):
            return True
        m -= 1
    return False


def _honorific_title(tokens: list[str], start: int, end: int) -> str:
    head = [t.strip(".") for t in tokens[start:end] if _bare(t) in TITLE_HONORIFICS | {"district"}]
    return " ".join(head)


def _tidy_title(title: str) -> str:
    title = re.sub(r"\s+([,)])", r"\1", title)  # tokens were joined by spaces
    title = re.sub(r"\(\s+", "(", title)
    title = re.sub(r"\s+", " ", title).strip(" ,;:-–—.")
    while title.startswith("(") or (title.endswith(")") and "(" not in title):
        title = title.strip("()").strip(" ,;:-–—.")  # a bracket the title does not close
    if title and title == title.lower():
        title = " ".join(
            w if w in {"of", "for", "and", "&"} else w[:1].upper() + w[1:] for w in title.split()
        )
    return title


def _leanings(text: str, people: list[Panelist]) -> dict[str, str]:
    """Who the text says doubted or favoured the candidate, clause by clause."""
    found: dict[str, str] = {}
    titles = [p.title.lower() for p in people]
    last: list[Panelist] = []  # who the sentence so far is about ("..., but he's worried")
    text = _BARE_NOT.sub(r"\1n't", text.replace("’", "'"))
    for sentence in re.split(r"[.;!?\n]", text):
        last = []
        # Clauses: at "but", "whereas"... and at a comma before someone else's name
        # ("Mateusz liked my design, Hannah felt I was slow").
        for clause in re.split(r",?\s+\b(?:but|whereas|while|although)\b|,\s+(?=[A-Z])", sentence):
            lowered = clause.lower()
            named = [
                p
                for p in people
                if any(
                    re.search(rf"\b{re.escape(w.lower())}\b(?!-)", lowered)
                    for w in _keys(p, unique_title=titles.count(p.title.lower()) == 1)
                )
            ]
            if not named and len(last) == 1 and _PRONOUN.search(clause):
                named = last
            last = named
            _lean(clause, named, found)
    return found


def _lean(clause: str, named: list[Panelist], found: dict[str, str]) -> None:
    """Record the leaning of the one person ``clause`` is about, if it shows one."""
    if len(named) != 1 or named[0].name in found:
        return
    if DOUBT.search(clause):
        found[named[0].name] = "doubts"
    elif SUPPORT.search(clause):
        found[named[0].name] = "supports"


def _keys(p: Panelist, unique_title: bool) -> list[str]:
    """How a text may refer to ``p``: a name, or a title no one else on the panel has."""
    words = [w for w in p.name.split() if _bare(w) not in HONORIFICS and len(w) > 2]
    title = p.title.lower()
    return words + ([title] if unique_title and len(title) > 3 else [])


# Lines of a pasted calendar invite or signature block that hold no panelist.
_META_LINE = re.compile(
    r"^(?:when|where|date|time|time ?zone|location|venue|room|address|organi[sz]er|tel|"
    r"mob|mobile|phone|email|e-mail|web|website|meeting id|passcode|password|join\w*|"
    r"video call link|dial-in|subject|ref|reference)\s*[:.]"
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
_HEADER = re.compile(r"\b(?:panel|committee|assessors|interviewers|attendees|guests)\b", re.I)
_BULLET = re.compile(r"^(?:[*•·▪◦‣-]|\d{1,2}[.)])\s+")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")


def _line_kind(line: str) -> str:
    """``name`` (a line that is only a name), ``title`` (only a job title) or ``other``."""
    tokens = [t for t in _TOKEN.findall(line) if t not in {".", ","}]
    if not tokens:
        return "other"
    if (
        "," not in line  # "Raj Patel, Vice-Chair" is an entry, not a name line
        and 1 <= len(tokens) <= 5
        and all(
            _bare(t) in HONORIFICS or (_is_cap(t) and not _titleish(t) and not _is_head(t))
            for t in tokens
        )
        and sum(_bare(t) not in HONORIFICS for t in tokens) >= 2
    ):
        return "name"
    if (
        len(tokens) <= 10
        and any(_is_head(t) for t in tokens)
        and _is_cap(tokens[0])
        and _bare(tokens[0]) not in HONORIFICS
    ):
        return "title"
    return "other"


_TABLE_RULE = re.compile(r"^[\s|:+-]*$")
_TABLE_HEAD = {"name", "names", "title", "job title", "role", "position", "panelist", "panel"}


def _row(line: str) -> str:
    """A table row as an entry: "| Jennifer O'Malley | Managing Director |" reads as
    "Jennifer O'Malley (Managing Director)"; a header row or a rule is nothing."""
    if "|" not in line:
        return line
    if _TABLE_RULE.match(line):
        return ""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    cells = [c for c in cells if c]
    if cells and all(c.lower() in _TABLE_HEAD for c in cells):
        return ""
    if len(cells) == 2 and _line_kind(cells[0]) == "name" and _line_kind(cells[1]) == "title":
        return f"{cells[0]} ({cells[1]})"
    return line


def _lines(text: str) -> str:
    """A pasted list, invite or signature block as one entry per line: metadata, headers,
    bullets and emphasis gone; a name on one line and its title on the next joined; the
    organisation and contact lines under a signature dropped."""
    out: list[str] = []
    lines = [
        _row(_EMPHASIS.sub("", _BULLET.sub("", ln.strip())).strip()) for ln in text.splitlines()
    ]
    in_signature = False
    for i, line in enumerate(lines):
        if not line or not any(c.isalpha() for c in line):
            in_signature = False
            out.append(line)
            continue
        kind = _line_kind(line)
        nxt = _line_kind(lines[i + 1]) if i + 1 < len(lines) else "other"
        if _META_LINE.match(line) or _SIGN_OFF.match(line):
            continue
        if (m := _LIST_KEY.match(line)) is not None and m.end() > 0:
            line = line[m.end() :].strip()
            if not line:
                continue
        elif line.endswith(":") or (
            len(line.split()) <= 5
            and _HEADER.search(line)
            and kind == "other"
            and not re.search(r"[,(–—-]", line)
        ):
            continue  # a header ("Interview panel", "Assessors:")
        if in_signature and kind != "name":
            continue  # the title line already joined, and the contact lines under it
        if kind == "name" and nxt == "title":
            out.append(f"{line} ({lines[i + 1]})")
            in_signature = True
            continue
        in_signature = False
        out.append(line)
    return "\n".join(out)


# "Name – Title", one per line: the form the step-1 hint asks for, read as written.
_ENTRY = re.compile(r"^(?P<name>[^\W\d][\w.'’ -]{0,58}?)\s+[–—-]\s+(?P<title>\S.{0,118})$")


def _entry(line: str) -> Panelist | None:
    """``line`` as a "Name – Title" entry: a capitalised name with no title word in it and
    a title with one."""
    match = _ENTRY.match(line.strip())
    if match is None:
        return None
    words = match.group("name").split()
    title = match.group("title").strip()
    if re.search(r"[;|()]|\s[–—-]\s", title):
        return None  # more than one entry on the line
    if "," in title and not _field_words(_TOKEN.findall(title.split(",", 1)[1])):
        return None  # "CEO, Rev. Dr Martin Achterberg", not "Nurse Manager, ICU"
    if not (
        1 <= len(words) <= MAX_NAME_WORDS + 1
        and all(_is_cap(w) or w in PARTICLES for w in words)
        and not any(_is_head(w) or _titleish(w) for w in words if _bare(w) not in HONORIFICS)
        and any(_is_head(w) for w in _TOKEN.findall(title))
    ):
        return None
    if len(words) > 2 and _bare(words[0]) in HONORIFICS:
        words = words[1:]  # "Dr Priya Nair", but "Dean Smith" is a name
    return Panelist(" ".join(words).rstrip("."), _tidy_title(title))


def _entries(text: str) -> list[Panelist]:
    """A panel field written one "Name – Title" per line, read as written; else nobody."""
    entries = [_entry(ln) for ln in _lines(clean_text(text)).splitlines() if ln.strip()]
    return [e for e in entries if e is not None] if all(entries) else []


def _parse(
    text: str, *, lowercase_ok: bool, min_words: int, cue_only: bool = False
) -> list[Panelist]:
    out: list[Panelist] = []
    for sentence in _sentences(_normalise(_lines(clean_text(text)))):
        if cue_only and not (PANEL_CUE.search(sentence) and _NEXT.search(sentence)):
            continue
        tokens = _TOKEN.findall(sentence)
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
                if t != "." and _bare(t) not in TITLE_HONORIFICS | {"district"}
            ]
            if not name_tokens:
                continue
            name = _title_case(" ".join(name_tokens).rstrip(".,"))
            while len(name.split()) > 2 and _bare(name.split()[0]) in HONORIFICS:
                name = name.split(" ", 1)[1]  # "Rev Dr Martin Achterberg"
            name = re.sub(r"^(Dr|Mr|Mrs|Ms|Prof|Mx|Capt|Rev|Cllr|Sr|Fr)\.? (?=\S+ \S)", "", name)
            after = _title_after(tokens, end, starts)
            before = _title_before(tokens, start, ends, title_first)
            title = (before or after) if title_first else (after or before)
            if after and before.lower() in PANEL_ROLES:
                title = after  # "Chair: Deborah Fenwick, Deputy Director"
            title = title or _honorific_title(tokens, start, end)
            out.append(Panelist(name, _tidy_title(title)))
    return out


# A sentence that puts people in the interview room.
PANEL_CUE = re.compile(
    r"\b(join\w*|sit(ting)? (in|on)|panel|meet(ing)?|interview\w*|attend\w*|be there|"
    r"with you|also be|as well|too|see|chat|talk)\b",
    re.IGNORECASE,
)
_ABBREVIATION = re.compile(r"\b(?:dr|mr|mrs|ms|prof|capt|cllr|rev|revd|st|sr|fr|mx|[a-z])\.$", re.I)


def _sentences(text: str) -> list[str]:
    """``text`` cut at full stops, but not at an abbreviation ("Dr. Kwame Asante")."""
    out: list[str] = []
    for piece in re.split(r"(?<=[a-z\)][.!?])\s+", text):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


# A sentence about the coming round ("You'll meet ...", "Keith would like to ..."), and one
# that keeps someone out of it ("Parveen won't be there next time").
_NEXT = re.compile(
    r"\b(?:will|going to|next (?:round|stage|step|time|interview)|again|would (?:like|love)|"
    r"joining|also (?:be|sit|join)|invit\w*|(?:second|final|callback) (?:stage|round|interview)"
    r")\b|['’](?:ll|d (?:like|love))\b",
    re.IGNORECASE,
)
_NOT_THERE = re.compile(
    r"\b(?:won['’]?t|will not) (?:be|attend|join|sit|make|come)\b"
    r"|\b(?:isn['’]?t|is not|not|never) (?:be |going to be )?"
    r"(?:on the|in the|involved|joining|there|attending|coming|available|part of)\b"
    r"|\bno longer\b|\b(?:can['’]?t|cannot|unable to) (?:make|attend|join|come)\b"
    r"|\bis away\b|\bon (?:annual |maternity |paternity )?leave\b"
    r"|\b(?:may|might|could) (?:pop|drop|look|stick) (?:in|by|their head)",  # not a panelist
    re.IGNORECASE,
)
# The sender puts themself on the panel ("I'll also sit on the panel", "You'll meet me").
_SELF_JOIN = re.compile(
    r"\bI(?:['’]ll| will) (?:also )?(?:be )?(?:sit|join|be (?:on|there|in))|"
    r"\bmeet (?:(?:\w+ )?(?:and|with) )?me\b|\b(?:will be|are|with|and) myself\b",
    re.IGNORECASE,
)
_HE_OR_SHE = re.compile(r"^\W*(?:he|she|they)\b\W*$", re.IGNORECASE)  # the whole subject


def _mentioned_at(sentence: str, name: str) -> int:
    """Where ``sentence`` last names ``name`` by one of its words (not an honorific), or -1."""
    spots = [
        m.start()
        for w in name.split()
        if len(w) > 2 and _bare(w) not in HONORIFICS
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(w)}(?![\w'’-])", sentence)
    ]
    return max(spots, default=-1)


NEAR = 40  # characters: a name this close before "won't be there" is who will not be


def _next_round(people: list[Panelist], texts: Iterable[str], listed: bool) -> list[Panelist]:
    """Never whoever a sentence keeps out of the coming round ("Parveen won't be there",
    "... Dave. He won't be in the next interview"); with no panel field (``listed`` false),
    only whoever a sentence or list about that round names, when any does."""
    coming: set[str] = set()
    away: set[str] = set()
    for text in texts:
        signed = _signer(text)
        last: set[str] = set()  # whom the sentence before named last: "he", "she"
        # In a list that a sentence about the coming round introduced ("The panel will
        # be:", "... callback interviews. Your schedule is as follows:"), until a blank
        # line after its first entry.
        listing = cue = False
        entries = 0
        for line in clean_text(text).splitlines():
            if not line.strip():
                listing = listing and not entries
                continue
            for sentence in _sentences(line):
                at = {p.name: _mentioned_at(sentence, p.name) for p in people}
                if _SELF_JOIN.search(sentence):
                    at |= {p.name: 0 for p in people if {*p.name.lower().split()} & signed}
                named = {n: i for n, i in at.items() if i >= 0}
                if (no := _NOT_THERE.search(sentence)) is not None:
                    # whoever it names just before: "Tom said Liz won't be there"
                    before = {n: i for n, i in named.items() if i < no.start() <= i + NEAR}
                    if before:
                        latest = max(before.values())
                        away |= {n for n, i in before.items() if i == latest}
                    elif _HE_OR_SHE.search(sentence[: no.start()]):
                        away |= last
                elif _NEXT.search(sentence) or listing:
                    coming |= set(named)
                    entries += bool(listing and named)
                    cue = True
                if sentence.rstrip().endswith(":") and cue and not listing:
                    listing, entries = True, 0
                cue = cue and bool(_NEXT.search(sentence) or listing)
                if named:
                    latest = max(named.values())
                    last = {n for n, i in named.items() if i == latest}
    kept = [p for p in people if p.name not in away]
    if listed or not coming & {p.name for p in kept}:
        return kept
    return [p for p in kept if p.name in coming]


def _signer(text: str) -> set[str]:
    """The words of whoever signs ``text`` (lower case)."""
    lines = text.splitlines()
    signed: set[str] = set()
    for i, ln in enumerate(lines):
        if _SIGN_OFF.match(ln):
            signed |= {w.lower() for rest in lines[i + 1 : i + 3] for w in rest.split()}
        for tail in re.finditer(
            r"\b(?i:regards|thanks|best|cheers|wishes),?\s+((?:[A-Z][\w'’-]+\s?){1,3})", ln
        ):
            signed |= {w.lower() for w in tail.group(1).split()}
    return signed


_ARRANGER = re.compile(r"recruit|talent|resourcing|\bhr\b|people partner", re.IGNORECASE)


def _people_in_message(text: str, cue_only: bool = False) -> list[Panelist]:
    """People a note or message names, less whoever it greets (the candidate) and whoever
    signs it (the sender, unless they say they will join); with ``cue_only``, only in
    sentences about the interview."""
    greeted = {m.group(2).lower() for ln in text.splitlines()[:2] if (m := _GREETING.match(ln))}
    signed = _signer(text)
    joins = _SELF_JOIN.search(text) is not None
    people = []
    # A first name alone counts too ("I'd see Lorraine again"), when it is no everyday word
    # ("Will", "Mark"); whether its owner is in the coming round is ``_next_round``'s call.
    alone = [
        p
        for p in _parse(text, lowercase_ok=False, min_words=1, cue_only=cue_only)
        if len(p.name.split()) == 1 and is_first_name(p.name) and not is_common_word(p.name)
    ]
    named = _parse(text, lowercase_ok=False, min_words=2, cue_only=cue_only)
    for p in named + [p for p in alone if _same_person(p.name, [n.name for n in named]) is None]:
        words = {w.lower() for w in p.name.split()}
        sender = bool(words & signed)
        if words & greeted or (sender and not joins):
            continue
        if _ARRANGER.search(p.title) and not (sender and joins):
            continue  # whoever arranges the interview is not on the panel
        people.append(p)
    return people


def named_panel(intake: Intake) -> list[Panelist]:
    """The people the intake names as the panel, each once, in the order first written."""
    found = _entries(intake.panel) or _parse(intake.panel, lowercase_ok=True, min_words=1)
    # With a panel written out, the notes and message add titles and leanings to it, and
    # only those people they put in the coming round ("X will also join"), not everyone
    # they name.
    # Whoever the panel field lists is on the panel, a talent partner included; the
    # recruiters the notes and message mention are not (``_people_in_message``).
    named = bool(found)
    for text in (intake.round1_notes, intake.recruiter_message):
        in_room = _people_in_message(text, cue_only=True) if named else []
        found += [
            p
            for p in _people_in_message(text)
            if not named or p in in_room or _same_person(p.name, [f.name for f in found])
        ]
    texts = (intake.panel, intake.round1_notes, intake.recruiter_message)
    found = _next_round(found, texts, listed=named)
    merged: dict[str, Panelist] = {}
    for p in found:
        key = _same_person(p.name, merged)
        if key is None:
            merged[p.name] = p
        else:
            old = merged[key]
            honorific_only = old.title.lower() in TITLE_HONORIFICS
            merged[key] = Panelist(
                old.name if len(old.name) >= len(p.name) else p.name,
                (p.title if honorific_only and p.title else old.title) or p.title,
                old.leaning or p.leaning,
            )
    employer = {w.lower() for w in re.findall(r"[\w'’-]+", intake.company)}
    people = [p for p in merged.values() if not {w.lower() for w in p.name.split()} <= employer][
        :MAX_PANEL
    ]
    text = "\n".join(
        clean_text(t) for t in (intake.round1_notes, intake.recruiter_message, intake.panel)
    )
    leanings = _leanings(text, people)
    return [replace(p, leaning=leanings.get(p.name, "")) for p in people]


def _plain_words(name: str) -> list[str]:
    """A name's words for comparing: lower case, accents off, honorifics dropped."""
    flat = unicodedata.normalize("NFKD", name.lower())
    flat = "".join(c for c in flat if not unicodedata.combining(c))
    words = [w.rstrip(".") for w in flat.split()]
    return [w for w in words if w not in HONORIFICS] or words


def _same_person(name: str, known: Iterable[str]) -> str | None:
    """An already-found name for the same person ("Priya" and "Priya Shah", "Dr Sandhu" and
    "Amrit Sandhu", "Tran" and "Trần"); "Kevin Doyle" and "Lorraine Doyle" are two people."""
    words = _plain_words(name)
    for other in known:
        theirs = _plain_words(other)
        shorter, longer = sorted((words, theirs), key=len)
        if longer[: len(shorter)] == shorter:  # "Priya" and "Priya Shah"
            return other
        if words[-1] != theirs[-1]:
            continue
        firsts = {words[0], theirs[0]}
        if len(shorter) == 1 or any(len(f) == 1 for f in firsts) or len(firsts) == 1:
            return other  # "Sandhu", "D. Menon" and "Deepa Menon"
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
