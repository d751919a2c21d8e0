"""Which sentences of an answer are the candidate answering, and whether the answer tried to
steer its own score.

A sentence addressed to whoever scores is dropped whole: found by the patterns of
``simulator.manipulation``, by the learned "addressed to the evaluator" classifier (a linear
model over sentence features mixed with the fine-tuned addressee reader), or as a known
attack. Markup, runs that spell out a verdict, score fields and the short or
unfinished leftovers beside anything dropped go too, so that text which is not an answer
never counts towards length, floors, caps, features or evidence.
"""

from __future__ import annotations

import re
from collections import OrderedDict

import numpy as np

from simulator.manipulation import find_manipulation
from simulator.scoring.addressee import AddresseeReader
from simulator.scoring.encoder import SentenceEncoder, remembered
from simulator.scoring.features import about_the_candidate, first_person, sentence_matrix
from simulator.scoring.tables import ScorerTables, mixed
from simulator.scoring.text import (
    bare,
    hidden_words,
    is_answering,
    overlaps,
    spelled_edges,
    spells_verdict,
    split_sentences,
    symbol_edges,
    words,
)

# The classifier alone never flags a sentence this short ("Thank you."): too little to judge.
MIN_FLAG_WORDS = 3
# A sentence this likely to address the scorer can only lower a score, and does not count at
# all in an answer already flagged.
SUSPICIOUS = 0.5
# A sentence this short right beside removed text is its leftover ("Thank you.", "Top score.").
LEFTOVER_WORDS = 3
SHORT_WORDS = 8
# Where pasted text may be glued to a sentence: line breaks, runs of spaces, bars, ticks,
# code fences, and a missing full stop before a word that starts sentences ("... 0 against
# Yes, and I think ...", '..."the drill" Yes, and ...', "_b_a_n_d_ Yes, and ...").
_OPENERS = (
    "Yes|No|And|But|So|Then|My|Our|We|The|This|That|When|After|Last|In|At|On|One|Before|"
    "During|While|Because|If|As|It|Looking|Honestly|Thanks|Thank|Please|Note"
)
_PARTS = re.compile(
    r"\s*\n\s*|\s{2,}|\s+\|\s+|(?<=[✔✓])\s+|```"
    rf"|(?<=[a-z0-9%)\]\"'”’*_])\s+(?=(?:{_OPENERS})\b)"
)
# A word, then a capitalised one or "I" with no full stop between: where an unfinished
# pasted line may be glued to the sentence after it ("... treat it as handled Cost control
# is ..."). The word may end in a lower-case letter or digit, in capitals ("... STRONG
# YES I ..."), in another script ("...建议录用 Cost ...") or in a symbol ("... === I
# ..."). Honest sentences have such places too ("I moved to London"), so a piece cut there
# is dropped only on much surer odds than a sentence, and, like a sentence, only with
# three words or more unless it is a known attack: no such piece of an honest answer in
# the graded, calibration and blind honest sets reaches them (the highest is 0.986, "Pass
# nearly broke me."; shorter pieces reach 0.994, "FeverPAIN score."). Before "I" the
# piece in front must also read as finished: it neither opens as a clause that leads into
# the "I" ("As a QA reviewer I checked ...") nor ends on a word that leads on ("Grade 8
# piano, which I ...").
_GLUED = re.compile(
    r"(?:(?<=[a-z0-9%)\]\"'”’*_;+=>`-])|(?<=[A-Z]{2})|(?<=[^\x00-\x7f]))\s+(?=[A-Z][a-z]|I\b)"
)
_LEADS_IN = re.compile(
    r"^\W*(?:as|when|while|since|if|after|before|because|although|though|once|until|unless|"
    r"where|whether|having|being|given|like|unlike|in|at|on|by|with|without|during)\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"I\b")
_LEADS_ON = re.compile(
    r"\b(?:which|that|who|whom|whose|and|or|but|so|as|because|if|when|where|what|how|than|"
    r"the|a|an|my|your|our|their|his|her|its|to|of|for|with|at|in|on|by|from|into|while|"
    r"since|until|once|whether)\W*$",
    re.IGNORECASE,
)
GLUED_FLAG = 0.99
_ENDED = re.compile(r"[.!?…。！？][\"'”’)\]]*$")


def _verdict_runs(texts: list[str], markup: set[str]) -> set[str]:
    """Runs of consecutive non-sentences (markup, lone letters) that spell out a verdict."""
    found: set[str] = set()
    run: list[str] = []
    for text in [*texts, ""]:
        if text in markup:
            run.append(text)
            continue
        if run and spells_verdict(run):
            found |= set(run)
        run = []
    return found


# A removed sentence this long, met again word for word inside another, takes that one too.
HELD_WORDS = 4


def _holding(texts: list[str], removed: set[str]) -> set[str]:
    """Sentences that hold a removed one word for word: the same text pasted again and glued
    to its own leftovers ('— Engineering Manager "She made our whole team better."')."""
    pieces = [f" {' '.join(words(r.lower()))} " for r in removed if len(words(r)) >= HELD_WORDS]
    if not pieces:
        return set()
    return {
        t
        for t in texts
        if t not in removed and any(p in f" {' '.join(words(t.lower()))} " for p in pieces)
    }


def _without(texts: list[str], removed: set[str]) -> list[str]:
    """``texts`` less the removed sentences and the leftovers right beside them: a short
    piece, or a fragment that does not end like a sentence ("...asked me to add this:")."""
    out = []
    for i, text in enumerate(texts):
        beside = (i > 0 and texts[i - 1] in removed) or (
            i + 1 < len(texts) and texts[i + 1] in removed
        )
        leftover = len(words(text)) <= LEFTOVER_WORDS or not _ENDED.search(text)
        if text in removed or (beside and leftover):
            continue
        out.append(text)
    return out


def _glued_split(text: str) -> list[str]:
    """``text`` cut where a pasted line may be glued on (``_GLUED``), except before an "I"
    that the piece in front leads into."""
    pieces: list[str] = []
    start = 0
    for m in _GLUED.finditer(text):
        head = text[start : m.start()]
        if _PRONOUN.match(text, m.end()) and (_LEADS_IN.search(head) or _LEADS_ON.search(head)):
            continue
        pieces.append(head)
        start = m.end()
    return [*pieces, text[start:]]


class AnswerFilter:
    def __init__(
        self,
        encoder: SentenceEncoder,
        tables: ScorerTables,
        addressee: AddresseeReader | None = None,
    ) -> None:
        self.encoder = encoder
        self.tables = tables
        self.addressee = addressee
        # Each sentence's n-gram logit, bounded like the encoder's vectors: one answer is
        # read several times over (its parts, its readings), and a session rereads them.
        self._grams: OrderedDict[str, float] = OrderedDict()
        # Whether each sentence is nearly a known attack: comparing with the 6,000 known
        # sentences costs a few ms a time, so it is done once per sentence, not per reading.
        self._known: OrderedDict[str, bool] = OrderedDict()

    def clear(self) -> None:
        """Forget remembered n-gram, known-attack and addressee results (benchmarks time
        new answers)."""
        self._grams.clear()
        self._known.clear()
        if self.addressee is not None:
            self.addressee.clear()

    def _ngram_logits(self, texts: list[str]) -> np.ndarray:
        def compute(missing: list[str]) -> list[float]:
            return [float(v) for v in self.tables.ngram_logits(missing)]

        logits = remembered(self._grams, texts, compute, self.encoder.cache_size)
        return np.asarray(logits, dtype=np.float64)

    def _known_attack(self, plain: list[str]) -> np.ndarray:
        """Whether each sentence (read ``bare``) is nearly one of the known attacks."""

        def compute(missing: list[str]) -> list[bool]:
            return [bool(k) for k in self.tables.known_attack(self.encoder.encode(missing))]

        known = remembered(self._known, plain, compute, self.encoder.cache_size)
        return np.asarray(known, dtype=bool).reshape(len(plain))

    def answering(self, answer: str) -> tuple[list[str], bool]:
        """The answer's answering sentences, and whether anything was flagged.

        A sentence flagged on its own (by the patterns, the evaluator classifier or as a
        known attack) is dropped whole, with markup and the leftovers beside it; a sentence
        glued to flagged text by a line break or a run of spaces loses that part. A pattern
        match over the whole answer that no single sentence explains still flags the answer.
        """
        spans = find_manipulation(answer)
        touched = {s.text for s in split_sentences(answer) if overlaps(s, spans)}
        texts, flagged = self._unglued([s.text for s in split_sentences(answer)], touched)
        markup = {t for t in texts if not is_answering(t)}
        # Only a sentence that a match over the whole answer touched can match on its own.
        removed = {t for t in texts if t in touched and t not in markup and find_manipulation(t)}
        removed |= {t for t in texts if hidden_words(t)} | self._evaluator(
            [t for t in texts if t not in markup and t not in removed]
        )
        removed |= _verdict_runs(texts, markup)
        # Not answering, but word for word a known attack ("[模範解答] 評価：S").
        pieces = sorted(markup)
        removed |= {t for t, k in zip(pieces, self.tables.known_text(pieces), strict=True) if k}
        # A short, impersonal sentence inside a match over the whole answer is part of it
        # ("skill_depth: excellent.") even when it does not match on its own.
        removed |= {
            t
            for t in texts
            if t in touched and len(words(t)) <= SHORT_WORDS and not first_person(t)
        }
        removed |= _holding(texts, removed)
        return _without(texts, removed | markup), bool(flagged or removed or spans)

    def with_honest_parts(self, answer: str, texts: list[str]) -> list[str]:
        """``texts`` (what ``answering`` kept of ``answer``) with the honest parts of each
        sentence it dropped whole put back: the parts (between line breaks, runs of spaces
        or bars) that read as answering and are not flagged on their own. An attack glued
        onto a weak sentence of the answer ("Score / Strong I think what sets me apart...")
        takes that sentence with it, which can raise the score; this reading keeps it."""
        out = []
        for sentence in (s.text for s in split_sentences(answer)):
            mine = [t for t in texts if t in sentence]
            parts = [p.strip() for p in _PARTS.split(sentence) if p.strip()]
            if mine or len(parts) < 2:
                out += mine
                continue
            honest = [
                p
                for p in parts
                if is_answering(p) and not hidden_words(p) and not find_manipulation(p)
            ]
            flagged = self._evaluator(honest)
            out += [p for p in honest if p not in flagged]
        return list(dict.fromkeys(out))

    def _unglued(self, texts: list[str], touched: set[str]) -> tuple[list[str], bool]:
        """Each sentence with the parts cut out that are flagged on their own, where a line
        break, a run of spaces or a bar separates it into parts, or where a piece glued on
        without a full stop is flagged on the stricter odds of ``GLUED_FLAG``."""
        cuts = self._cuts(texts, touched)
        out, flagged = [], False
        for text in texts:
            if text not in cuts:
                out.append(text)  # one sentence, or flagged as a whole: judged whole below
                continue
            parts, bad = cuts[text]
            hit = any(is_answering(p) or hidden_words(p) for p in bad)
            hit = hit or spells_verdict([p for p in parts if p in bad and not is_answering(p)])
            if hit:  # a few words left beside what was cut go with it ("Accuracy confirmed ✔")
                bad |= {
                    p
                    for i, p in enumerate(parts)
                    if len(words(p)) <= LEFTOVER_WORDS
                    and bad & set(parts[max(0, i - 1) : i] + parts[i + 1 : i + 2])
                }
            flagged = flagged or hit
            runs: list[list[str]] = [[]]
            for p in parts:
                if p in bad:
                    runs.append([])
                else:
                    runs[-1].append(p)
            kept = max(runs, key=lambda run: sum(len(p) for p in run))
            if not bad or not kept:
                out.append(text)
            else:  # the longest run of parts between flagged ones, as written
                start = text.find(kept[0])
                out.append(text[start : text.find(kept[-1], start) + len(kept[-1])].strip())
        return out, flagged

    def _cuts(self, texts: list[str], touched: set[str]) -> dict[str, tuple[list[str], set[str]]]:
        """For each sentence that may hold pasted text (it has several parts, or a place
        where text may be glued on) and is not flagged whole: its parts, those cut further
        where a glued piece is flagged, and which of them are flagged. Each step judges the
        whole answer in one batch: an encoder pass per sentence is slow (about 12 ms)."""
        split = {
            t: [
                r
                for p in _PARTS.split(t)
                if p.strip()
                for q in symbol_edges(p)
                for r in spelled_edges(q)
            ]
            for t in texts
        }
        maybe = [
            t
            for t in texts
            if (len(split[t]) >= 2 or _GLUED.search(t))
            and not (t in touched and find_manipulation(t))
        ]
        # One encoder pass for all that may be judged: the sentences (each is judged whole
        # below anyway), and the parts and glued pieces of those that may hold pasted text.
        ahead = [q for t in maybe for p in split[t] for q in [p, *_glued_split(p)] if q.strip()]
        everything = [bare(t) or t for t in dict.fromkeys([*texts, *ahead])]
        self.encoder.encode(everything)
        self._known_attack(everything)
        whole = self._evaluator(maybe)
        bad = {
            t: {
                p
                for p in split[t]
                if not is_answering(p) or hidden_words(p) or (t in touched and find_manipulation(p))
            }
            for t in maybe
            if t not in whole
        }
        flagged = self._evaluator([p for t, b in bad.items() for p in split[t] if p not in b])
        pieces = {
            p: qs
            for t, b in bad.items()
            for p in split[t]
            if p not in b
            and p not in flagged
            and len(qs := [q for q in _glued_split(p) if q.strip()]) >= 2
        }
        glued = self._evaluator([q for qs in pieces.values() for q in qs], GLUED_FLAG)
        cuts: dict[str, tuple[list[str], set[str]]] = {}
        for t, b in bad.items():
            b |= flagged & set(split[t])
            parts: list[str] = []
            for p in split[t]:
                hits = set() if p in b else glued & set(pieces.get(p, []))
                parts += pieces[p] if hits else [p]
                b |= hits
            cuts[t] = (parts, b)
        return cuts

    def suspicious(self, texts: list[str]) -> list[bool]:
        """Whether each sentence is doubtful: the linear part of the evaluator classifier
        gives it even odds or more of being addressed to whoever scores (too weak to flag,
        but enough to doubt), or it speaks of "the candidate" in the third person and never
        as "I" or "we"."""
        if not texts:
            return []
        linear = self._linear([bare(t) or t for t in texts])
        p = mixed(linear, None, 0.0)
        return [
            bool(pe >= SUSPICIOUS) or about_the_candidate(t) for t, pe in zip(texts, p, strict=True)
        ]

    def unsuspicious(self, texts: list[str]) -> list[str]:
        """``texts`` less the suspicious sentences (a stricter reading, for answers already
        flagged)."""
        return [t for t, s in zip(texts, self.suspicious(texts), strict=True) if not s]

    def _evaluator(self, texts: list[str], threshold: float | None = None) -> set[str]:
        """Sentences the classifier reads as addressed to whoever scores (at the tables'
        threshold, or a stricter one), or known attacks."""
        if not texts:
            return set()
        cut = self.tables.eval_threshold if threshold is None else threshold
        plain = [bare(t) or t for t in texts]
        linear = self._linear(plain)
        p = self._flag_odds(plain, linear, cut)
        known = self._known_attack(plain) | self.tables.known_text(texts)
        return {
            t
            for t, pe, k in zip(texts, p, known, strict=True)
            if k or (pe >= cut and len(words(t)) >= MIN_FLAG_WORDS)
        }

    def _linear(self, plain: list[str]) -> np.ndarray:
        """The linear part's logits for sentences read ``bare`` (their MiniLM vectors and
        n-grams)."""
        x = sentence_matrix(plain, self.encoder.encode(plain))
        return self.tables.linear_logits(x, self._ngram_logits(plain))

    def _flag_odds(
        self, plain: list[str], linear: np.ndarray, threshold: float | None = None
    ) -> np.ndarray:
        """The evaluator's probability for the flag: the ``linear`` logit mixed with the
        addressee reader's. The reader only reads sentences whose linear logit could reach
        the flag ``threshold`` (the tables') with the highest logit the reader can give (its
        head's bound on unit vectors); the others cannot be flagged, and get 0."""
        share = self.tables.eval_mix
        if self.addressee is None or share == 0.0:
            return mixed(linear, None, 0.0)
        at = self.tables.eval_threshold if threshold is None else threshold
        cut = float(np.log(at / (1.0 - at)))
        reach = (1.0 - share) * linear + share * self.addressee.ceiling >= cut
        p = np.zeros(len(plain))
        if reach.any():
            read = [t for t, r in zip(plain, reach, strict=True) if r]
            p[reach] = mixed(linear[reach], self.addressee.logits(read), share)
        return p
