"""Finds text in an answer that is addressed to the scorer rather than to the interviewer."""

from __future__ import annotations

import re

PATTERNS = [
    r"\b(ignore|disregard|forget|override) (all |any |the )?(previous|prior|above|earlier|your)?\s*"
    r"(instructions?|rules?|rubric|prompts?|guidelines)",
    r"\b(as|to) (the|an?) (ai|model|scorer|grader|evaluator|assistant|judge|system)\b",
    r"</?\s*(system|assistant|user|instructions?|admin)\s*>|\[/?(system|inst)\]|<<\s*sys\s*>>",
    r"^\s*(system|assistant)\s*:",
    r"\b(give|award|assign|rate|score) (me|this( answer)?|it) (a |an )?(perfect|full|top|high|max\w*|"
    r"\d+)",
    r"\b(score|rating|grade)\s*(of|=|:)\s*\d+",
    r"\"\s*(overall|score|dimensions|rating)\s*\"\s*:",
    r"\b(this answer (is|deserves)|the correct score|mark (this|me) as)\b",
    r"\b(please|pls) (be generous|rate (me|this) (highly|well)|give (me )?full marks)",
    r"\b(new instructions?|developer mode|jailbreak|you are now)\b",
    r"\b[A-Za-z0-9+/]{40,}={0,2}",  # long base64-like runs
]
_COMPILED = [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in PATTERNS]
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def find_manipulation(text: str) -> list[tuple[int, int]]:
    """Character spans (whole sentences) that try to instruct the scorer."""
    spans: list[tuple[int, int]] = []
    for sentence in _SENTENCE.finditer(text):
        if any(p.search(sentence.group(0)) for p in _COMPILED):
            spans.append(sentence.span())
    return spans


def strip_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return " ".join(part.strip() for part in out if part.strip())
