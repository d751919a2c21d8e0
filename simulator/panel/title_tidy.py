"""A title read from an intake, tidied: what the words around it left on it goes."""

from __future__ import annotations

import re

from simulator.name_words import is_function_word
from simulator.panel.words import PANEL_ROLES, SHORT_FORMS, is_head, is_panel_role, unaccented

_REMARK = re.compile(
    r",\s*(?:he|she|they|who|which|i|we)(?:['’](?:s|re|ll|d|ve)|\s+(?:is|was|are|were|has|had|will|"
    r"won['’]t|might|may|can|could|would|said|says|seemed|seems))\b",
    re.IGNORECASE,
)


# Articles and possessives of other languages before a title ("la Jefa de Calidad").
_ARTICLES = {
    "el", "la", "los", "las", "lo", "le", "les", "il", "do", "da", "dos", "das", "der", "die",
    "het", "nuestra", "nuestro", "nuestras", "nuestros", "nossa", "nosso", "notre", "nos",
    "unser", "unsere", "unserem", "unseren", "unserer", "onze", "nostro", "nostra", "sua", "seu",
    "al", "del", "au", "aux", "zum", "zur", "beim", "vom", "ao", "à", "na", "no", "nel", "della",
}  # fmt: skip


def tidy_title(title: str) -> str:
    """A title as read, without what the words around it left on it: joining spaces, a
    remark or verb after it, a leading article, a bracket it does not close, the seat on the
    panel after the job; each word capitalised when all were written in lower case."""
    title = re.sub(r"\s+([,):])", r"\1", title)  # tokens were joined by spaces
    title = re.sub(r"\s*/\s*", "/", title)
    title = re.sub(r"\(\s+", "(", title)
    title = re.sub(r"\s+", " ", title).strip(" ,;:-–—.")
    # a remark after the title is no part of it: "Produce Manager, he's retiring in Aug"
    title = _REMARK.split(title, maxsplit=1)[0]
    title = re.sub(r",\s*[a-z]+ed$", "", title)  # and a lone verb: "Head of School, chaired"
    words = title.split(" ")
    while len(words) > 1 and (
        (words[0].islower() and is_function_word(words[0])) or words[0].lower() in _ARTICLES
    ):
        words = words[1:]  # "ja apulaisrehtori", "nuestra Directora General", "do RH"
    title = " ".join(words)
    if re.fullmatch(r"[\d:.]+\s*(?:hrs?|h|uhr|am|pm|horas)?", title, re.IGNORECASE):
        return ""  # "a las 10:00 hrs" is a time, not a title
    # "(he's the Production Manager)": the title without the words that introduce it
    title = re.sub(
        r"^(?:he|she|they)(?:['’]s|['’]re| is| are) (?:the |our |an? )?", "", title, flags=re.I
    )
    while title.startswith("(") or (title.endswith(")") and "(" not in title):
        title = title.strip("()").strip(" ,;:-–—.")  # a bracket the title does not close
    # the seat on the panel after the job: "Head of Nursing, Medicine Division (Chair)"
    seat = re.search(r"\s*\(([^()]+)\)$", title)
    if seat and seat[1].lower() in PANEL_ROLES and seat.start() > 0:
        title = title[: seat.start()]
    job, comma, last = title.rpartition(",")  # "Director of Advising, chair"
    if comma and job.strip() and is_panel_role(last.strip()):
        title = job.strip()
    title = _one_of_them(title)
    if title and title == title.lower():
        title = " ".join(
            w if w in {"of", "for", "and", "&"} else w[:1].upper() + w[1:] for w in title.split()
        )
    return title


# A group someone is one of: "one of the owners", "2 principals", "both partners".
_ONE_OF = re.compile(
    r"(?:one of (?:the |our |its |their )?(?:\d |two |three |four )?|(?:[2-9]|two|three|four|both) )"
    r"(?P<group>.*\S)",
    re.IGNORECASE,
)


def _one_of_them(title: str) -> str:
    """The title of one of a group the title names ("one of the owners": "owner", "2
    Principals": "Principal"), when its last word is a title's in the plural."""
    group = _ONE_OF.fullmatch(title)
    if group is None:
        return title
    words = group["group"].split(" ")
    last = words[-1]
    for ending in ("es", "s"):
        one = last[: -len(ending)]
        if last.lower().endswith(ending) and len(one) > 2 and is_head(one):
            return " ".join([*words[:-1], one])
    return title


def no_title(title: str, name: str, company: str) -> bool:
    """Whether a title read is no title at all: a short form of the person's own first name
    ("Guillermo Ochoa (Memo)") or the employer's name ("K&B Heating" at K&B Heating
    Services)."""
    words = title.lower().strip(" .").split()
    if not words:
        return False
    given = name.split()[0].lower() if name.split() else ""
    if len(words) == 1 and SHORT_FORMS.get(words[0]) == unaccented(given):
        return True
    employer = set(re.findall(r"[\w&'’-]+", company.lower()))
    return len(words) >= 2 and set(re.findall(r"[\w&'’-]+", title.lower())) <= employer
