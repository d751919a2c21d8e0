"""What the learned tables see: features of each sentence, and of an answer built from its
answering sentences only. Training (``evals.train_scorer``) and scoring use this one module,
so the two can never drift apart."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# What a sentence does in an answer (evals/datasets/GRADING.md defines each).
ROLES: tuple[str, ...] = (
    "situation",
    "task",
    "action",
    "result",
    "reflection",
    "research",
    "claim",
    "filler",
    "deflection",
    "question",
)
# The sentences that tell what happened (a padded or hollow answer has few of them).
STORY_ROLES = ("situation", "action", "result")

_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|"
    r"thirty|forty|fifty|hundred|thousand|million|half|third|quarter|dozen)\b",
    re.IGNORECASE,
)
_I = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|myself)\b", re.IGNORECASE)
_WE = re.compile(r"\b(we|we're|we've|we'd|us|our|ours)\b", re.IGNORECASE)
_YOU = re.compile(r"\b(you|your|yours)\b", re.IGNORECASE)
_WORDS = re.compile(r"\w+")

# Cues to what a sentence *does* rather than to its wording: it talks about the answer or
# "the candidate" as an object; it uses the vocabulary of marking and verdicts; it speaks to a
# reader who is not the panel; it is markup; it tells the reader what to do.
_PERSON = "candidate|applicant|interviewee|respondent"  # the one answering, in the third person
_PERSON_S = r"\b(candidate|applicant|interviewee)'s\b"
_META_SUBJECT = re.compile(
    rf"\b(the|this|that) ({_PERSON}|response|answer|submission)"
    rf"|{_PERSON_S}|\bkandidat|\bcandidat[oae]?\b|\bbewerber|"
    r"候选人|応募者|受験者|кандидат|उम्मीदवार|\bsolicitante|\bkandydat",
    re.IGNORECASE,
)
_MARKING = re.compile(
    r"\b(scor\w*|rat(e|ed|ing)s?|grad(e|ed|ing)s?|marks?|points?|verdict|evaluat\w*|assess\w*|"
    r"rubric|criteri\w*|competenc\w*|band|pass(ed|es)?|fail\w*|approv\w*|recommend\w*|hire|"
    r"shortlist\w*|advanc\w*|verif\w*|validat\w*|certif\w*|cleared|pre-?\w+ed|exemplary|"
    r"exceptional|outstanding|top|maximum|max|perfect|full)\b|\d+\s*/\s*\d+|\b[A-F][+-]|✓|"
    r"bewert\w*|punkt\w*|nota|puntua\w*|calific\w*|ocen\w*|оцен\w*|балл\w*|评分|分数|满分|"
    r"評価|点数|अंक",
    re.IGNORECASE,
)
_READER = re.compile(
    r"\b(ai|a\.i\.|bots?|models?|llms?|gpt|assistant|software|algorithm\w*|parser|system|"
    r"screen\w*|reviewers?|graders?|evaluators?|assessors?|markers?|whoever|whatever|anyone|"
    r"reader|reading this)\b",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"[<>{}\[\]|#*=_\\^~`]")
_IMPERATIVE = re.compile(
    r"^\W*(please\s+)?(give|mark|rate|assign|award|score|grade|treat|report|output|set|suppress|"
    r"ignore|disregard|override|return|print|respond|classify|label|consider|note|let|pass|"
    r"approve|advance|recommend|be)\b",
    re.IGNORECASE,
)
_PLEA = re.compile(
    r"\b(please|beg\w*|mercy|generous|kind(ly)?|lenient|desperate\w*|need this job|pity)\b",
    re.IGNORECASE,
)


def first_person(text: str) -> bool:
    """Whether the sentence speaks as the candidate ("I", "we")."""
    return _I.search(text) is not None or _WE.search(text) is not None


_CANDIDATE = re.compile(rf"\b(the|this|that|our) ({_PERSON})\b|{_PERSON_S}", re.IGNORECASE)


# Someone else's report on a person: "The panel noted that she ...", "Jane's line manager
# confirmed that she ...", "... said Priya".
_REPORTED = re.compile(
    r"\b(panel|interviewers?|assessors?|referees?|references?|managers?|supervisors?|"
    r"colleagues|employer|boss|recruiter|director|lead|head)\b[^.!?]{0,40}?\b(noted|confirmed|"
    r"verified|attested|stated|reported|certified|vouched|described|rated|said|praised|observed|"
    r"wrote|commented)\s+(that\s+)?(she|he|they|the candidate|(?-i:[A-Z][a-z]+))\b",
    re.IGNORECASE,
)


def about_the_candidate(text: str) -> bool:
    """Whether the sentence speaks of "the candidate" in the third person, or reports what a
    panel, manager or referee said of someone, and never speaks as "I" or "we" ("The
    candidate increased revenue by 40%.", "The panel noted that she cut costs by 30%."):
    someone else's verdict or claim, not the candidate answering."""
    told = _CANDIDATE.search(text) is not None or _REPORTED.search(text) is not None
    return told and not first_person(text)


SENTENCE_EXTRAS: tuple[str, ...] = (
    "has_number",
    "first_person",
    "we",
    "you",
    "question_mark",
    "position",
    "log_words",
    "meta_subject",
    "marking_terms",
    "other_reader",
    "markup",
    "imperative",
    "plea",
    "non_latin",
)


def sentence_extras(text: str, position: float) -> list[float]:
    n = max(1, len(_WORDS.findall(text)))
    letters = [c for c in text if c.isalpha()]
    return [
        float(bool(_NUMBER.search(text))),
        min(1.0, len(_I.findall(text)) / 2),
        min(1.0, len(_WE.findall(text)) / 2),
        min(1.0, len(_YOU.findall(text)) / 2),
        float(text.rstrip().endswith("?")),
        position,
        math.log1p(n) / 4,
        float(bool(_META_SUBJECT.search(text))),
        min(1.0, len(_MARKING.findall(text)) / 3),
        float(bool(_READER.search(text))),
        min(1.0, 5 * len(_MARKUP.findall(text)) / max(1, len(text))),
        float(bool(_IMPERATIVE.search(text))),
        float(bool(_PLEA.search(text))),
        sum(not ("a" <= c.lower() <= "z") for c in letters) / max(1, len(letters)),
    ]


def sentence_matrix(texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """The sentence classifiers' input: the MiniLM vector and a few surface cues."""
    count = max(1, len(texts) - 1)
    extras = np.asarray(
        [sentence_extras(t, i / count) for i, t in enumerate(texts)], dtype=np.float32
    ).reshape(len(texts), len(SENTENCE_EXTRAS))
    return np.hstack([vectors, extras])


@dataclass(frozen=True)
class AnswerInput:
    """An answer's answering sentences, their vectors and role probabilities, and the
    vectors of what it should answer (the question, and the concern when there is one)."""

    texts: Sequence[str]
    vectors: np.ndarray  # (n, 384)
    roles: np.ndarray  # (n, len(ROLES))
    question: np.ndarray  # (384,)
    concern: np.ndarray | None


def _weighted(values: np.ndarray, weights: np.ndarray) -> float:
    total = float(weights.sum())
    return float((values * weights).sum() / total) if total > 1e-6 else 0.0


def answer_names() -> list[str]:
    names = [f"share_{r}" for r in ROLES] + [f"any_{r}" for r in ROLES]
    names += [
        "rel_q_max",
        "rel_q_mean",
        "rel_q_answer",
        "rel_q_story",
        "has_concern",
        "rel_c_max",
        "rel_c_mean",
        "rel_c_story",
        "numbers_in_story",
        "numbers_in_claims",
        "first_person",
        "we",
        "log_words",
        "log_sentences",
        "story_complete",
    ]
    return names + [f"emb_{i}" for i in range(384)]


def answer_vector(a: AnswerInput) -> np.ndarray:
    n = len(a.texts)
    if n == 0:
        return np.zeros(len(answer_names()), dtype=np.float32)
    roles = a.roles
    # Each sentence weighs by its length: a two-word "Thank you." says little either way.
    weight = np.asarray([len(_WORDS.findall(t)) for t in a.texts], dtype=np.float32)
    weight = weight / max(1.0, float(weight.sum()))
    share = weight @ roles
    anyr = roles.max(axis=0)
    rel_q = a.vectors @ a.question
    mean_vec = weight @ a.vectors
    mean_unit = mean_vec / max(1e-9, float(np.linalg.norm(mean_vec)))
    idx = {r: i for i, r in enumerate(ROLES)}
    story = roles[:, [idx[r] for r in STORY_ROLES]].sum(axis=1)
    claims = roles[:, idx["claim"]]
    numbers = np.asarray([float(bool(_NUMBER.search(t))) for t in a.texts])
    if a.concern is not None:
        rel_c = a.vectors @ a.concern
        concern = [1.0, float(rel_c.max()), float(weight @ rel_c), _weighted(rel_c, story)]
    else:
        concern = [0.0, 0.0, 0.0, 0.0]
    text = " ".join(a.texts)
    words = max(1, len(_WORDS.findall(text)))
    parts = [float(anyr[idx[r]] > 0.5) for r in ("situation", "action", "result", "reflection")]
    features = [
        *share.tolist(),
        *anyr.tolist(),
        float(rel_q.max()),
        float(weight @ rel_q),
        float(mean_unit @ a.question),
        _weighted(rel_q, story),
        *concern,
        min(3.0, float((numbers * story).sum())) / 3,
        min(3.0, float((numbers * claims).sum())) / 3,
        min(1.0, 10 * len(_I.findall(text)) / words),
        min(1.0, 10 * len(_WE.findall(text)) / words),
        math.log1p(words) / 5,
        math.log1p(n) / 3,
        sum(parts) / 4,
    ]
    return np.concatenate([np.asarray(features, dtype=np.float32), mean_unit.astype(np.float32)])
