"""What the panel says around its questions: the opening, follow-up forms, the close, and
its answers to the candidate's own questions. The wording is data
(``corpus/conversation.yaml``); this module only picks and fills it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

STANCES = ("supportive", "neutral", "skeptical")
REPLY_KEYS = (
    "concern", "concern_settled", "concern_none", "liked", "liked_none", "role", "next",
    "other", "none", "during",
)  # fmt: skip

# What a candidate's question to the panel is about.
ASKS = {
    "concern": re.compile(
        r"\b(concerns?|worr(y|ies|ied)|doubts?|reservations?|hesitat\w*|hold you back|"
        r"gaps?|weak(ness|nesses|est)?|unsure|stop you|anything (else )?(that )?(you )?need)\b",
        re.IGNORECASE,
    ),
    "liked": re.compile(
        r"\b(liked|like about|impress\w*|stood out|strengths?|went well|stand out|why (me|did you)|"
        r"called? me back|invite\w* me back)\b",
        re.IGNORECASE,
    ),
    "role": re.compile(
        r"\b(day[- ]to[- ]day|typical (day|week)|responsibilit\w*|team|role|success|first "
        r"(90|ninety|30|thirty|60|sixty) days|first (month|year)|priorities|challenges?|"
        r"expect\w*|look like)\b",
        re.IGNORECASE,
    ),
    "next": re.compile(
        r"\b(next steps?|timeline|timescales?|hear back|decision|when will|how long|process|"
        r"what happens next|start date)\b",
        re.IGNORECASE,
    ),
}
_QUESTION = re.compile(
    r"(\?\s*$)|^\s*(what|how|when|who|why|where|which|could you|can you|would you|do you|"
    r"does|is there|are there|will)\b",
    re.IGNORECASE,
)


# Words that open a sign-off or stand alone beside one ("Okay, thanks!", "No, that's it.").
_FILLERS = r"(?:ok(?:ay)?|right|great|well|so|no|um+|er+|alright|all right|sure)"
_FILLER = re.compile(_FILLERS, re.IGNORECASE)
_FROM_ME = r"(?: (?:from|for) (?:me|my side|now))?"
_TO_ADD = r"(?: (?:else|more|further))?(?: to (?:add|say|ask))?"
# One clause of a sign-off: thanks, or saying there is nothing more to say or ask.
_SIGN_OFF_CLAUSE = re.compile(
    rf"(?:{_FILLERS}\s+)*(?:"
    r"(?:many |great )?thanks?(?: you)?(?: (?:very|so) much)?(?: (?:all|everyone|again))?"
    r"(?: (?:for|to) (?:your|the|all|this|having|meeting|seeing|inviting|listening)\b.*)?"
    r"|cheers|much appreciated"
    rf"|(?:that'?s|that is|that was) (?:all|everything|it){_FROM_ME}"
    rf"|(?:i|i'?ve) (?:have|'ve)?\s*(?:got )?(?:nothing|no(?: more| other| further)? questions?)"
    rf"{_TO_ADD}{_FROM_ME}"
    rf"|i (?:don'?t|do not) have (?:anything|any(?: more| other| further)? questions?){_TO_ADD}"
    rf"|(?:no|not)(?: any)?(?: more| other| further)? questions?{_FROM_ME}"
    rf"|nothing (?:else|more|further)(?: to (?:add|say|ask))?{_FROM_ME}"
    r"|(?:i'?m|i am) (?:done|finished|all set|good)(?: (?:here|now|for now|for today))?"
    r"|(?:let'?s|let us|can we|could we|i'?d like to|i would like to|i want to) "
    r"(?:stop|finish|end|wrap up|leave it)(?: (?:it|there|here|now|the interview|the session|"
    r"this|for today))*"
    r")",
    re.IGNORECASE,
)


_INVITES = re.compile(
    r"\b(?:anything|questions?)\b[^?]*\byou\b[^?]*\b(?:ask|raise)\b", re.IGNORECASE
)


def invites_questions(question: str) -> bool:
    """Whether a question asks if the candidate has anything to ask ("is there anything
    about our hesitation that you would like to ask me?"): "no questions, thanks" answers it."""
    return _INVITES.search(question) is not None


def is_sign_off(answer: str) -> bool:
    """Whether an answer only thanks the panel or says there is nothing more to say ("Thank
    you, that is everything from me."): the candidate is done, not answering."""
    words = answer.split()
    if not words or len(words) > 25:
        return False
    clauses = [c.strip(" '\"") for c in re.split(r"[.,;:!?\u2026\-\u2013\u2014]+|\band\b", answer)]
    said = [c for c in clauses if c and not _FILLER.fullmatch(c)]
    return bool(said) and all(_SIGN_OFF_CLAUSE.fullmatch(c) for c in said)


class ConversationError(ValueError):
    """``conversation.yaml`` is malformed."""


@dataclass(frozen=True)
class Conversation:
    probes: dict[str, dict[str, tuple[str, ...]]]  # kind -> stance -> forms
    introductions: dict[str, str]
    self_introduction: str
    close: tuple[str, ...]
    close_cards: tuple[str, ...]
    replies: dict[str, str]
    next_steps: dict[str, str]
    areas: dict[str, str]  # rubric dimension -> how the panel names it to the candidate
    again: str  # said before a question is asked again, once the candidate's is answered
    sign_off: str  # the lead's words when the candidate ends before the last question

    def forms(self, kind: str, stance: str) -> tuple[str, ...]:
        by_stance = self.probes[kind]
        return by_stance.get(stance) or by_stance.get("neutral") or next(iter(by_stance.values()))


def load_conversation(path: Path) -> Conversation:
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        probes = {
            kind: {stance: tuple(str(f) for f in forms) for stance, forms in by.items()}
            for kind, by in raw["probes"].items()
        }
        replies = {k: str(v) for k, v in raw["replies"].items()}
        conversation = Conversation(
            probes=probes,
            introductions={k: str(v) for k, v in raw["introductions"].items()},
            self_introduction=str(raw["self_introduction"]),
            close=tuple(str(c) for c in raw["close"]),
            close_cards=tuple(str(c) for c in raw.get("close_cards") or ()),
            replies=replies,
            next_steps={k: str(v) for k, v in raw["next_steps"].items()},
            areas={k: str(v) for k, v in raw["areas"].items()},
            again=str(raw["again"]),
            sign_off=str(raw["sign_off"]),
        )
    except (KeyError, AttributeError, TypeError) as exc:
        raise ConversationError(f"{path}: missing or malformed section: {exc}") from exc
    missing = [k for k in REPLY_KEYS if k not in replies]
    bad = [s for by in probes.values() for s in by if s not in STANCES]
    if missing or bad or not conversation.close:
        raise ConversationError(f"{path}: missing replies {missing} or unknown stances {bad}")
    return conversation


def join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def opening(
    conversation: Conversation, lead_line: str, name: str, title: str, others: list[str]
) -> str:
    """The lead's opening: who they are, why the candidate is back (their own line), and
    who else is in the room."""
    parts = [conversation.self_introduction.format(name=name, title=title), lead_line]
    if others:
        form = conversation.introductions["one" if len(others) == 1 else "many"]
        parts.append(form.format(people=join_names(others)))
    return " ".join(p.strip() for p in parts if p.strip())


def is_question_to_panel(answer: str) -> bool:
    """Whether an answer is mostly the candidate asking the panel something."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", answer.strip()) if s.strip()]
    if not sentences or len(answer.split()) > 60:
        return False
    asked = [s for s in sentences if s.rstrip().endswith("?")]
    return len(asked) * 2 >= len(sentences)


def asked_topics(text: str) -> list[str]:
    """What the candidate asks about, in the order of ``ASKS`` ("other" for a question
    none of them covers)."""
    questions = [
        s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip() and _QUESTION.search(s)
    ]
    topics: list[str] = []
    for q in questions:
        found = [t for t, pattern in ASKS.items() if pattern.search(q)]
        for t in found[:1] or ["other"]:
            if t not in topics:
                topics.append(t)
    return topics


@dataclass(frozen=True)
class PanelFacts:
    """What the panel can honestly tell the candidate, from the session's own data."""

    concern: str  # the doubt in plain words ("" when there is none)
    concern_settled_by: str  # the candidate's words that went to it ("" when unsettled)
    weakest: str  # the weakest area so far, in words
    liked: str  # the candidate's strongest words so far
    role_summary: str
    next_steps: str


def reply(conversation: Conversation, text: str, facts: PanelFacts, *, closing: bool) -> str:
    """The panel's answer to the questions in ``text``."""
    r = conversation.replies
    parts: list[str] = []
    for topic in asked_topics(text):
        if topic == "concern":
            if facts.concern and facts.concern_settled_by:
                parts.append(
                    r["concern_settled"].format(
                        concern=facts.concern, quote=facts.concern_settled_by
                    )
                )
            elif facts.concern:
                parts.append(r["concern"].format(concern=facts.concern))
            else:
                parts.append(r["concern_none"].format(weakest=facts.weakest))
        elif topic == "liked":
            parts.append(r["liked"].format(quote=facts.liked) if facts.liked else r["liked_none"])
        elif topic == "role":
            parts.append(r["role"].format(role_summary=facts.role_summary))
        elif topic == "next":
            parts.append(r["next"].format(next_steps=facts.next_steps))
        else:
            parts.append(r["other"])
    if closing:
        if not any(facts.next_steps in p for p in parts):
            parts.append(facts.next_steps)
        parts.append(r["none"])
    elif parts:
        parts.insert(0, r["during"])
    return " ".join(parts)
