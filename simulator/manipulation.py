"""Finds text in an answer that is addressed to the scorer rather than to the interviewer.

An answer is data, never instructions. Whatever tries to steer the scoring is found here,
flagged, and removed before the answer is scored, so it can never raise a score:
instructions to ignore rules, fake system or chat tags, fake scores and JSON, requests to
reveal prompts, role-play set-ups, pleas and claimed authority, rubric echoes, text hidden
in invisible characters or comments, and encoded (base64, hex, rot13) instructions, in
English and the main European languages.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata

# Characters that render as nothing: zero-width spaces and joiners, BOM, Unicode tags.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\U000e0000-\U000e007f]")
_HTML_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)

_SCORE_WORDS = r"(score|scores|scored|scoring|mark|marks|grade|grades|rating|rate|points?)"
_TOP = r"(perfect|full|top|highest|maximum|max|best|strongest|excellent|exemplary|5\s*/\s*5|10\s*/\s*10|100(\s*/\s*100|\s*%)?)"
_AUDIENCE = r"(ai|a\.i\.|model|llm|assistant|scorer|grader|evaluator|assessor|judge|rubric|scoring (system|engine|model)|system)"

PATTERNS = [
    # Direct instructions about the rules.
    rf"\b(ignore|disregard|forget|override|bypass|skip)\b[^.;:]{{0,25}}\b(instructions?|rules?|rubric|prompts?|guidelines|criteria|policy|{_SCORE_WORDS})\b",
    r"\bnew instructions? (for|to) (the )?(scorer|grader|evaluator|assessor|ai|model|system|reviewer)\b",
    r"\b(stop|end|halt|finish) (evaluating|scoring|grading|the evaluation|the assessment)\b",
    r"\bset (every|all|each) (dimension|score|criteri\w*|rating)s?\b",
    # Addressing the scorer.
    rf"\b(dear|hey|hi|note to|attention|message (to|for)) (the |an? |my )?{_AUDIENCE}\b",
    r"\b(as|to) (the|an?) (ai|llm|scorer|grader|evaluator|assessor|scoring (system|engine|model))\b",
    r"\b(scorer|grader|evaluator|assessor|reviewer|marker)'?s? (note|comment|verdict|summary)\b",
    r"\b(you are|you'?re|act as|pretend( to be)?|role-?play|stay in character|let'?s play)\b.{0,60}\b(interviewer|grader|evaluator|assessor|judge|scorer|generous|lenient|marks?)\b",
    # Asking for, claiming or dictating a score.
    rf"\b(give|award|assign|output|put)\b.{{0,30}}\b(this|me|my|it|the) (answer|response|candidate)?.{{0,30}}\b{_TOP}\b.{{0,15}}\b{_SCORE_WORDS}",
    rf"\b(give|award|assign|output)\b.{{0,20}}\b{_TOP} {_SCORE_WORDS}",
    rf"\b(mark|rate|score|grade|rank)\b.{{0,20}}\b(as|with|it|this|me)\b.{{0,20}}{_TOP}",
    r"\b(rat|scor|mark|grad)(e|es|ed|ing)? (it|this|me)( answer)? (a |an )?(\d|five|ten|full|top|perfect|high(ly)?|well|generously|accordingly)\b",
    r"\b(score|rate|mark|grade) accordingly\b|\bacross the board\b|\b(five|ten) out of (five|ten)\b",
    r"\bself-?assessment\s*[:=]|\b(correct|right|fair|appropriate|true) (score|mark|rating|grade)\b",
    r"\b(any|a) (score|mark|rating|grade) (below|under|less than|lower than)\b",
    r"\b(evaluation|assessment|scoring|grading) (result|outcome|summary)\b|\bverdict\s*[:=*]",
    r"\|\s*(dimension|criteri\w*|score|rating)\s*\|",
    r"\bfinal (score|grade|rating|mark)\b",
    r"\b(instructed|directed|ordered|decided) that this (answer|response)\b",
    r"\b(this|the) (answer|response) (be|is to be|should be|must be) (recorded|marked|scored|rated|graded|treated)\b",
    r"\bthis (answer|response)\b.{0,40}\b(scores?|deserves?|merits?|earns?|is (a )?(top|perfect|strong|high)|clearly)\b",
    r"\b(top|perfect|full|high)[- ]scor\w+ (answer|response)\b",
    r"\b(final|overall) (assessment|score|grade|verdict|rating)\b\s*[:=]",
    r"\b(score|rating|grade|overall)\s*[:=]\s*\d+\s*(/\s*\d+)?",
    r"\b\d+\s*/\s*5\b.{0,40}\b(every|all|each) (dimensions?|criteria|categor\w+)\b",
    r"\b(every|all|each) (dimensions?|criteria)\b.{0,40}\b\d+\s*/\s*5\b",
    # Fake structured output.
    r"[\"'][^\"']{0,20}(overall|score|dimension|rating|grade|grader|flags|verdict|evidence)[^\"']{0,20}[\"']\s*:",
    # Fake system, chat or markup tags.
    r"</?\s*(system|assistant|user|instructions?|admin|answer|prompt|im_start|im_end)\s*>",
    r"<\|?\s*(im_start|im_end|system|endoftext)\s*\|?>",
    r"\[/?\s*(system|inst|sys)\s*\]|<<\s*/?\s*sys\s*>>",
    r"^\s*#{1,6}\s*(system|assistant|instructions?|user)\b",
    r"^\s*(system|assistant)\s*:",
    # Asking for hidden prompts or notes.
    r"\b(repeat|print|reveal|show|output|tell me|display|dump)\b (me )?(back )?(your|the|all|every|other|exact|hidden|what)\b.{0,40}\b(system prompt|prompts?|instructions?|hidden notes|panel notes|notes|rubric|guidance cards|thresholds|scoring (rules|criteria|guide)|(other|the) (finalists|candidates)'? (scores|notes))\b",
    # Pleas and claimed authority aimed at the mark.
    rf"\b(please|pls|kindly|i beg you)\b.{{0,40}}\b(generous|lenient|don'?t mark me down|do not mark me down|{_SCORE_WORDS}|pass me)\b",
    r"\b(mark me down|be generous|go easy on (me|this)|would mean (everything|the world)|begging)\b",
    r"\b(note|message|instruction|notice) from (the )?(hiring manager|recruiter|hr|interviewer|panel|admin|developer)s?\b",
    r"\b(admin|hr|system|compliance|management) (admin )?(notice|note|override|directive)\b",
    r"\b(pre-?approved|already (been )?approved|approved (by|for) (the )?(panel|hiring manager|hr))\b.{0,60}\b(rate|score|mark)\w*\b.{0,20}\b(maximum|max|top|full|highest|5|100)\b",
    r"\b(new|updated|changed) (evaluation|scoring|grading) (policy|rules?|instructions?)\b",
    r"\b(developer|debug|admin|god) mode\b|\bjailbreak\b",
    # Encodings offered as instructions.
    r"\b(decode|decipher|base64|rot13|rot-13|hex(adecimal)?)\b.{0,40}\b(follow|obey|apply|execute|instructions?|and (then )?do)\b",
    r"\b(follow|obey|execute)\b.{0,30}\b(decoded|encoded|the following (code|string))\b",
    # Other languages: ignore the instructions / give the top mark.
    r"\b(ignor(e|ez|a|ar|iere|ate|em)|olvida|vergiss|dimentica)\b.{0,40}\b(instructions?|instrucciones|anweisungen|istruzioni|instru[cç][oõ]es|r[eè]gles|reglas|regeln|regole)\b",
    r"\b(califica|calificar|punt[uú]a|note[zr]?|bewerte[n]?|valuta|avalie|d[eé]le|donne[zr]?|gib)\b.{0,50}\b(5|10|100|m[aá]xim[ao]|maximale?|h[oö]chst\w*|massim[oa]|toutes?|todas?|alle)\b",
    r"\b(puntuaci[oó]n|punteggio|pontua[cç][aã]o|punktzahl|note maximale|nota m[aá]xima)\b",
]
_COMPILED = [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in PATTERNS]
_DIMENSION_NAMES = re.compile(
    r"\b(concern[_ ]addressed|skill[_ ]depth|role[_ ]research|culture[_ ]fit|demeanou?r|improvement)\b",
    re.IGNORECASE,
)
_MARKED_DIMENSION = re.compile(
    _DIMENSION_NAMES.pattern
    + r"\W{0,6}(excellent|exemplary|outstanding|fully met|met|[0-5](\s*/\s*5)?|[✔✓✅])",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_BASE64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")
_HEX = re.compile(r"\b(?:[0-9a-fA-F]{2}[\s:]?){12,}\b")


def normalise(text: str) -> str:
    """The text as a reader sees it: compatibility forms folded, invisible characters gone."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def _decoded_texts(sentence: str) -> list[str]:
    """Plain text hidden in base64, hex or rot13 inside a sentence."""
    found = []
    for match in _BASE64.finditer(sentence):
        chunk = match.group(0)
        try:
            raw = base64.b64decode(chunk + "=" * (-len(chunk) % 4), validate=False)
            decoded = raw.decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        if sum(c.isalpha() or c == " " for c in decoded) > 0.8 * len(decoded) and " " in decoded:
            found.append(decoded)
    for match in _HEX.finditer(sentence):
        try:
            decoded = bytes.fromhex(re.sub(r"[\s:]", "", match.group(0))).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            continue
        if " " in decoded:
            found.append(decoded)
    if re.search(r"\brot-?13\b", sentence, re.IGNORECASE):
        found.append(codecs.decode(sentence, "rot13"))
    return found


def _suspicious(sentence: str) -> bool:
    if any(p.search(sentence) for p in _COMPILED):
        return True
    # Rubric names with marks attached ("skill depth (5), culture fit (5)...").
    names = {m.group(1).lower().replace("_", " ") for m in _DIMENSION_NAMES.finditer(sentence)}
    marks = r"\b[0-5](\s*/\s*5)?\b|excellent|exemplary|outstanding|fully met|\bmet\b|[✔✓✅]"
    if len(names) >= 3 and re.search(marks, sentence, re.I):
        return True
    return any(any(p.search(d) for p in _COMPILED) for d in _decoded_texts(sentence))


def _rubric_echo(text: str) -> list[tuple[int, int]]:
    """Rubric names with marks attached, spread over several short sentences."""
    marked = list(_MARKED_DIMENSION.finditer(normalise(text)))
    if len({m.group(1).lower().replace("_", " ") for m in marked}) < 3:
        return []
    names = {m.group(1).lower() for m in marked}
    return [
        s.span()
        for s in _SENTENCE.finditer(text)
        if any(n in normalise(s.group(0)).lower() for n in names)
    ]


def find_manipulation(text: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` (whole sentences, comments) that try to steer the scorer."""
    spans: list[tuple[int, int]] = [m.span() for m in _HTML_COMMENT.finditer(text)]
    spans += _rubric_echo(text)
    for sentence in _SENTENCE.finditer(text):
        raw = sentence.group(0)
        visible = normalise(raw)
        hidden = len(raw) - len(visible) >= 3  # text smuggled between invisible characters
        if hidden or _suspicious(visible):
            spans.append(sentence.span())
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def strip_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return " ".join(part.strip() for part in out if part.strip())
