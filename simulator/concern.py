"""The panel's doubt as a phrase: a noun phrase any question can hold, addressed to the
candidate ("how I deal with underperformance in my team" -> "dealing with underperformance
in your team")."""

from __future__ import annotations

import re

_YOU = {"my": "your", "i": "you", "me": "you", "i'm": "you're", "i've": "you've",
        "myself": "yourself", "mine": "yours", "i'd": "you'd"}  # fmt: skip
# "how I deal with X", "how we handled X", "how you'd manage X": the verb becomes a gerund.
_HOW = re.compile(
    r"^how (?:well )?(?:I|we|you|they)(?:'d| would| will| can| could)? (\w+)\b\s*(.*)$",
    re.IGNORECASE,
)
_DOUBLED = {"run", "plan", "get", "set", "put", "cut", "stop", "drop", "shop", "chat", "submit",
            "commit", "admit", "refer", "transfer", "control", "begin", "swim"}  # fmt: skip
_IRREGULAR_PAST = {"dealt": "deal", "led": "lead", "ran": "run", "made": "make", "took": "take",
                   "kept": "keep", "spoke": "speak", "chose": "choose", "thought": "think",
                   "been": "be", "done": "do", "had": "have", "gone": "go", "written": "write",
                   "given": "give", "taken": "take", "built": "build", "held": "hold",
                   "taught": "teach", "brought": "bring", "sold": "sell", "got": "get",
                   "gotten": "get"}  # fmt: skip


def you_form(text: str) -> str:
    """A phrase from round-one notes turned to address the candidate ("my budgeting" ->
    "your budgeting")."""
    return re.sub(
        r"\b(my|I|me|I'm|I've|myself|mine|I'd)\b",
        lambda m: _YOU[m.group(0).lower()],
        text,
    )


def gerund(verb: str) -> str:
    """``deal`` -> ``dealing``, ``handle`` -> ``handling``, ``run`` -> ``running``,
    ``handled`` -> ``handling``."""
    v = verb.lower()
    v = _IRREGULAR_PAST.get(v, v)
    if v.endswith("ed") and len(v) > 4:
        v = v[:-2] if not v.endswith("ied") else v[:-3] + "y"
        if v.endswith(("dl", "gl", "bl", "tl", "at", "ag", "ur", "iv", "rg", "ic")):
            v += "e"  # handl -> handle, negotiat -> negotiate; the "e" gives way to "ing" below
    if v in ("be", "see", "flee", "agree"):
        return v + "ing"
    if v in _DOUBLED:
        return v + v[-1] + "ing"
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        return v[:-1] + "ing"
    return v + "ing"


def noun_phrase(concern: str) -> str:
    """The doubt as a noun phrase: a "how I ..." clause becomes a gerund phrase; anything
    else is kept as written."""
    match = _HOW.match(concern.strip())
    if match is None:
        return concern.strip()
    verb, rest = match.groups()
    return f"{gerund(verb)} {rest}".strip()


# Words too common to show that two phrases speak of the same doubt.
_STOP = {"with", "about", "that", "this", "your", "their", "have", "from", "more", "what",
         "when", "will", "would", "like", "into", "some", "they", "them", "been",
         "were"}  # fmt: skip


def content_words(text: str) -> set[str]:
    """The words of four letters or more that carry a phrase's meaning, in lower case."""
    return {w for w in re.findall(r"[^\W\d_]{4,}", text.lower()) if w not in _STOP}


def spoken(concern: str) -> str:
    """The doubt as the panel says it to the candidate."""
    return you_form(noun_phrase(concern))
