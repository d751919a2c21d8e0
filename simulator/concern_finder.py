"""What round one left in doubt, as a short phrase taken from the intake: "Raj asked twice
how I handle a nurse who is not pulling their weight" gives "how I handle a nurse who is
not pulling their weight", and "Rebecca wants to get comfortable with your modelling" gives
"your modelling"."""

from __future__ import annotations

import re

from simulator.concern import content_words, gerund
from simulator.domain import Intake

MAX_CONCERN = 60  # characters; a longer doubt is cut at a word

# What a panel does to a doubt: voices it, presses on it, or wants to test it next time.
_NOT = r"(?:\w+n['’]t|not|never)"
_DOUBT = (
    r"concerns?|concerned|worried|worries|worry|unsure|not (?:so |too |fully |entirely )?sure|"
    r"doubts?|doubtful|reservations?|hesitant|hesitations?|s[ck]eptical|unconvinced|critical|"
    rf"{_NOT} (?:\w+ )?(?:fully |totally |entirely |really |quite )?(?:convinced|sold|sure)|"
    r"question marks?|red flags?|hung up|fixated|picky|"
    r"(?:get|feel|be) (?:more )?comfortable|"
    r"a (?:real |bit of a |slight )?gap|(?:light|thin|vague|sketchy|weak|shaky) (?:on|in)"
)
# Questions asked: the mildest sign of a doubt.
_ASKED = (
    r"asked(?: me)?(?=[ \t]+(?:about|how|whether|if|re\b|abt))|"
    r"(?<!any )(?<!other )(?<!further )(?:a |some |more |lots of |a lot of |many |several |"
    r"a few |loads of |(?:had|has|have) (?:a |some )?)questions?"
)
# A conversation or exercise set for the next round, on a subject.
_TALK = re.compile(
    r"\b(?:a |short |brief |quick |follow-up |focused |case-based |live |practical )*"
    r"(?:discussion|conversation|chat|exercise|case study|deep dive|test|presentation)"
    r"[ \t]+(?:on|about|around|regarding|re:?|covering|focused on|focusing on)\b[: \t]*"
    r"(?P<rest>[^\n]{3,140})",
    re.IGNORECASE,
)
_PRESS = (
    r"asked(?: me)? (?:a lot|lots|loads|a ton|a couple of times|twice|again|several times|"
    r"repeatedly|3x|2x|(?:many|several|lots of|a lot of|pointed|tough|hard) questions)"
    r"(?=[ \t]+(?:about|how|whether|if|re\b|abt|on))|"
    r"(?:probed|probing|pushed|pushing|pressed|pressing|grilled|grilling|drilled|drilling|"
    r"dug|digging|challenged|quizzed|hammered|questioned|focused|focussed|focusing|focussing|"
    r"zeroed in)(?: me)?(?: hard| a lot| back| again| further| deeper| in| specifically)?|"
    r"kept (?:asking|coming back|circling back|returning|probing|pushing|pressing|going back)"
    r"(?: me)?|fumbled|struggled(?: with)?|stumbled|blanked|weak answer|"
    r"couldn['’]t answer|could not answer|didn['’]t (?:really )?answer"
)
# Wanting to look at something: the thing may follow the verb straight away.
_WANT = re.compile(
    r"\b(?:(?:wants?|wanted|would like|['’]d like|keen|hopes?|hoping|plans?|planning|going|"
    r"requested|chance) )?to (?:(?:really|properly|briefly|specifically) )?"
    r"(?:ask(?: you| me)?(?: about| more about)?|talk(?: specifically| more| further)? about|"
    r"hear(?: more)?(?: about)?|see more of|learn more about|find out more about|"
    r"explore|test|revisit|go over|go through|go deeper (?:on|into)|dig (?:deeper )?into|"
    r"drill (?:down )?into|understand(?: more| better)?(?: about)?|discuss|talk through|"
    r"run through|probe|focus on|cover|check|assess|look (?:at|into)|clarify|unpack|"
    r"review|dive (?:deeper )?into|get (?:more )?comfortable (?:with|on|about)|"
    r"follow up on|pick up on|come back to)"
    r"(?: more| a bit| again| further| in more detail)?[ \t]+(?P<rest>[^\n]{3,140})",
    re.IGNORECASE,
)
_LINK = (
    r"(?:about|around|regarding|re:?|abt|on|over|into|with|in|at|of|to|by|that|whether|if|"
    r"how|why|what|because of|bc of|b/c of|the point|the topic|the area|the question|"
    r"(?:since|as|because|bc) (?=I [a-z'’])|(?=I [a-z'’]))"
)
_TRIGGER = re.compile(
    rf"\b(?:(?P<doubt>{_DOUBT})|(?P<press>{_PRESS})|{_ASKED})"
    r"(?: more| a bit| again| further| specifically)?[ \t]+"
    rf"(?P<link>{_LINK})\b[: \t]*(?P<rest>[^\n]{{3,140}})",
    re.IGNORECASE,
)
# Someone who thought the candidate "too quiet for front desk".
_TOO = re.compile(
    r"\b(?:thought|thinks|think|felt|feels|feel|said|says|worried|concerned|found)(?: that)? "
    r"(?:I|i)(?:['’]m| am| was| were| might be| may be| could be| seemed| came across as)"
    r" (?P<rest>(?:a bit |slightly |rather |maybe )?too [^\n]{3,80})"
)
# Someone who thought the candidate lacks something: "felt I haven't handled a 483 response".
_LACK = re.compile(
    r"\b(?:felt|feels|feel|thinks|thought|think|said|says|worried|concerned|noted|mentioned)"
    r"(?: that)? (?P<rest>(?:I|i)(?:['’]ve| have| had)?(?: not| n['’]t|n['’]t| never)"
    r" [^\n]{3,100}|(?:I|i) lack(?:ed)? [^\n]{3,100})"
)
# "my court experience was a concern", "my publication record is too thin".
_WAS_WEAK = re.compile(
    r"\b(?P<rest>(?:my|your) [^.,;:!?\n]{3,70}?) (?:was|is|were|are|seemed|looked|came across as)"
    r" (?:a (?:bit |little )?(?:concern|worry|problem|issue|sticking point|weak spot|gap)|"
    r"(?:too |a bit |rather |quite |very |pretty )?(?:thin|weak|light|limited|patchy|shaky|"
    r"lacking|not enough|not strong enough|insufficient))\b",
    re.IGNORECASE,
)
# Where the doubt ends: a clause or list boundary.
_END = re.compile(
    r"\s*(?:[.;!?()\[\]]|,\s|:\s|\s[-–—]\s|\s/\s|\.\.|"
    r"\s(?:but|since|because|bc|as (?:it|that|I|she|he|they|we)|so|which|who said|after|"
    r"before (?:we|the|I|making|deciding|a decision)|with (?:you|me)\b|"
    r"and (?:I|i|she|he|they|we|said|seemed|was|then|also|whether|if|how|\w+n['’]t|\w+ed|"
    r"wants|needs|thinks|says|asks|would|will)\b|"
    r"- )\b|$)"
)
_LEAD = re.compile(r"^(?:(?:the|some|any|his|her|their|our|[Aa]n|a|on|about|around|re|of)\s+)+")
_TAIL = re.compile(r"(?:\s+(?:a bit|a little|slightly|specifically|further|more|again))+$")
# What a phrase cut short leaves dangling: "... myself vs", "... for front desk :/".
_DANGLING = re.compile(
    r"(?:[\s:;/\\()\-–—!?.,*_~^<>=+|]+|"
    r"\s+(?:vs\.?|and|or|with|the|a|an|of|to|for|in|on|my|your))+$",
    re.IGNORECASE,
)
# A time, a place or a medium: when and where the next round is, not what it is about.
_WHEN = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\b|\d{1,2}(?::\d\d|\s*[ap]\.?m\b|(?:st|nd|rd|th)\b|/\d)|"
    r"next |this |tomorrow|today|zoom|teams|google meet|video|phone|"
    r"site|campus|(?:our|the) (?:office|offices|site|building)|a (?:couple|few) of (?:areas|"
    r"things|points|topics)|some (?:areas|things|points|topics)|more$|him\b|her\b|them\b)",
    re.IGNORECASE,
)
# What names no doubt: a pronoun, or a word about the interview itself.
_EMPTY = re.compile(
    r"^(?:that|this|it|them|me|him|her|you|those|these|everything|anything|something|"
    r"things?|stuff|details?|next steps?|(?:the )?role|(?:the )?job|(?:the )?process|"
    r"(?:the )?offer|(?:the )?position|(?:the )?team|times?|dates?|availability|logistics|"
    r"salary|pay|money|when|where|your (?:application|interview|cv|availability)|"
    r"me again|us|the panel|the interview|the company)$",
    re.IGNORECASE,
)
# A doubt clause that says only who or when: "how it went", "if I was free".
_HOLLOW = re.compile(r"^(?:if|whether|that) (?:I|i)(?:'m| am| was| were) (?:free|available)\b")


def find_concern(intake: Intake) -> str:
    """A short phrase naming what round one left in doubt, if the intake says so.

    Every place the notes or the recruiter's message voice a doubt, press on something or
    say what the next round wants to look at is read. A doubt of the notes that the message
    echoes comes first; then the firmest (a doubt voiced over a question pressed, over a
    question asked), the message's before the notes' (it says what the coming round is
    for), the earliest first."""
    echoed = content_words(intake.recruiter_message)
    found = [
        (not message and bool(content_words(phrase) & echoed), strength, message, -start, phrase)
        for message, text in ((True, intake.recruiter_message), (False, intake.round1_notes))
        for strength, start, phrase in _candidates(text, message=message)
    ]
    return _cut(max(found, key=lambda f: f[:4])[4]) if found else ""


def _candidates(text: str, *, message: bool) -> list[tuple[int, int, str]]:
    """Every doubt ``text`` voices: how firmly (1 to 3), where, and the phrase."""
    found: list[tuple[int, int, str]] = []
    for match in _TRIGGER.finditer(text or ""):
        strength = 3 if match["doubt"] else 2 if match["press"] else 1
        strength = min(3, strength + message)  # the message says what the next round is for
        found.append((strength, match.start(), _phrase(match["link"], match["rest"])))
    for match in _TALK.finditer(text or ""):
        found.append((2 if message else 1, match.start(), _phrase("", match["rest"], False)))
    for match in _WANT.finditer(text or ""):
        found.append((3 if message else 2, match.start(), _phrase("", match["rest"], False)))
    for pattern, lead in ((_TOO, "being "), (_WAS_WEAK, "")):
        for match in pattern.finditer(text or ""):
            found.append((3, match.start(), _phrase("", lead + match["rest"], False)))
    for match in _LACK.finditer(text or ""):
        found.append((3, match.start(), _phrase("that", match["rest"])))
    return [f for f in found if f[2]]


def _phrase(link: str, rest: str, clause: bool = True) -> str:
    end = _END.search(rest)
    body = rest[: end.start()] if end else rest
    body = _LEAD.sub("", body.strip(" \t'\"‘’“”*_"))
    body = re.sub(r"^(?:is|are|was|were)\s+", "", body)  # "comfortable with is your modelling"
    body = _TAIL.sub("", _DANGLING.sub("", body))
    link = link.lower().rstrip(":")
    if link in ("how", "why", "what") and body:
        body = f"{link} {body}"  # "how I handle a nurse who ...": the clause is the doubt
    elif clause and (link in ("whether", "if", "that", "") or link.endswith(" ")) and body:
        body = _as_noun(body)
    body = re.sub(r"\s+(?:question|questions|part|bit|point|side|piece)$", "", body)
    if len(body) < 3 or _EMPTY.match(body) or _HOLLOW.match(body) or _WHEN.match(body):
        return ""
    if re.match(r"(?:the )?fact\b", body, re.IGNORECASE):
        return ""  # a clause about a fact is no name for a doubt
    return body


# "whether I can run models on my own" is "running models on my own".
_CAN = re.compile(
    r"^(?:I|i)(?:['’]d| would| could| can|['’]ll| will)?"
    r"(?: really| ever| actually| already| only| just| still| also| mostly)?"
    r"(?: be able to)? (\w+)(?=\s|$)\s*(.*)$"
)
# "I had enough CQC experience", "I lack operational knowledge": the thing lacking.
_ENOUGH = re.compile(
    r"^(?:I|i)(?:['’]ve| have| had| has)?(?: not| n['’]t|n['’]t)?(?: got| had)? "
    r"(?:enough|sufficient|the|much|a lot of|lack|lacked|lacking)\s+(.{3,})$"
)
# "I haven't run a WMS", "I've never been the manager": what was never done.
_NEVER = re.compile(
    r"^(?:I|i)(?:['’]ve| have| had)?(?: not| n['’]t|n['’]t| never| not yet| yet to)"
    r"(?: (?:actually|really|formally|directly))? (.+)$"
)
# "if I'm OK with after-hours on-call" is "after-hours on-call".
_AT_EASE = re.compile(
    r"^(?:I|i)(?:'m| am| was| were| would be|'d be)(?: really)? (?:(?:ok|okay|fine|happy|"
    r"comfortable) with|(?:ready|up|suited|cut out) for|suited to)\s+(.+)$",
    re.IGNORECASE,
)
_NOT_VERBS = {"am", "was", "were", "have", "had", "has", "do", "did", "is", "are", "'m", "'ve"}


# Negations typed without their apostrophe ("i havent done enough commercial").
_BARE_NOT = re.compile(
    r"\b(have|has|had|did|does|do|is|was|were|are|could|would|should|ca)nt\b", re.IGNORECASE
)


def _as_noun(clause: str) -> str:
    """A "whether I ..." clause as the noun phrase a question can hold, or "" when it has
    no plain one ("that I've never been ...")."""
    clause = _BARE_NOT.sub(lambda m: f"{m.group(1)}n't", clause)
    if (at_ease := _AT_EASE.match(clause)) is not None:
        return at_ease.group(1)
    if (enough := _ENOUGH.match(clause)) is not None:
        return enough.group(1)
    if (never := _NEVER.match(clause)) is not None:
        clause = f"I {never.group(1)}"
    can = _CAN.match(clause)
    if can is None or can.group(1).lower() in _NOT_VERBS:
        return ""
    return f"{gerund(can.group(1))} {can.group(2)}".strip()


def _cut(phrase: str) -> str:
    if len(phrase) <= MAX_CONCERN:
        return phrase
    return phrase[:MAX_CONCERN].rsplit(" ", 1)[0].rstrip(" ,;:-–")
