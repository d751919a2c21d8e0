"""Which words of an intake name someone in the coming round's room: all-MiniLM-L6-v2 with
low-rank adapters and a head on each token (``tables/name_tagger.npz``, fitted by
``python -m evals.train_name_tagger`` on labelled intakes).

The panel reader uses it twice. A person the rules read is dropped when none of the words of
their name reads as someone's in the room ("Palm Jumeirah", "Netze Wärme", "Upstream", or
a recruiter who will not be there). And someone the rules read only when they take in
everyone the notes and message name (not only whom a sentence puts in the coming round)
joins when a word of their name reads as surely someone's in the room. It has no say on a
name whose words it never saw.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import numpy as np

from simulator.adapters import AdaptedModel, AdapterTables
from simulator.domain import Intake
from simulator.model_pool import ModelPool
from simulator.name_words import is_first_name
from simulator.panel.panelist import Panelist
from simulator.panel.words import HONORIFICS, bare

TABLE = Path(__file__).parent / "tables" / "name_tagger.npz"
MAX_TOKENS, STRIDE = 256, 64  # windows over a long intake, overlapping by STRIDE tokens
MAX_WINDOWS = 24
# A person the rules put in the room stays when one of their name words reads at least KEEP
# likely a name of someone there; one they name elsewhere joins at ADD. Both were chosen on
# panel_intakes_unseen.jsonl, which the tagger never trained on.
KEEP, ADD = 0.9, 0.99
WORD = re.compile(r"[\w'’.-]*\w")


class NameTaggerTables(AdapterTables):
    """The name tagger's adapters and per-token head."""

    owner: ClassVar[str] = "The panel's name tagger"
    rebuild: ClassVar[str] = "python -m evals.train_name_tagger"


def intake_text(intake: Intake) -> str:
    """The fields the tagger reads, labelled, in the order it was fitted on."""
    return (
        f"Company: {intake.company}\nPanel: {intake.panel}\n"
        f"Notes: {intake.round1_notes}\nMessage: {intake.recruiter_message}"
    )


def fold(word: str) -> str:
    return word.lower().strip(".'’-")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Where each word of ``text`` starts and ends."""
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def token_word_index(
    spans: Sequence[tuple[int, int]], offsets: Sequence[Sequence[int]]
) -> list[int]:
    """The index in ``spans`` of the word each token (by its character offsets) falls in;
    -1 for special tokens and punctuation."""
    starts = [s for s, _ in spans]
    out = []
    for s, e in offsets:
        at = bisect.bisect_right(starts, s) - 1
        out.append(at if e > s and at >= 0 and s < spans[at][1] else -1)
    return out


def token_words(text: str, offsets: Sequence[Sequence[int]]) -> list[str | None]:
    """The folded word of ``text`` that each token (by its character offsets) falls in;
    None for special tokens and punctuation. The trainer labels tokens by the same words."""
    spans = word_spans(text)
    return [
        fold(text[spans[i][0] : spans[i][1]]) if i >= 0 else None
        for i in token_word_index(spans, offsets)
    ]


def name_words(name: str) -> list[str]:
    """A name's words as the tagger marks them: folded, honorifics and initials aside."""
    return [fold(w) for w in WORD.findall(name) if len(w) > 1 and bare(w) not in HONORIFICS]


class TokenTagger(AdaptedModel):
    """A tagger with a head on each token of the adapted MiniLM."""

    def token_odds(self, text: str) -> list[tuple[list[list[int]], np.ndarray]]:
        """For each window of ``text`` (up to ``MAX_WINDOWS``), its tokens' character
        offsets and the probability the head gives each, padding left out."""
        import torch

        with self._lock, torch.inference_mode():
            model, tokenizer = self._built()
            batch = tokenizer(
                [text], truncation=True, max_length=MAX_TOKENS, stride=STRIDE, padding=True,
                return_overflowing_tokens=True, return_offsets_mapping=True, return_tensors="pt",
            )  # fmt: skip
            ids, mask = batch["input_ids"][:MAX_WINDOWS], batch["attention_mask"][:MAX_WINDOWS]
            hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state.numpy()
        odds = 1.0 / (1.0 + np.exp(-(hidden @ self.tables.head_w + self.tables.head_b)))
        kept = mask.numpy().astype(bool)
        offsets = batch["offset_mapping"][:MAX_WINDOWS].tolist()
        return [(offsets[w][: int(kept[w].sum())], odds[w][kept[w]]) for w in range(len(offsets))]


class NameTagger(TokenTagger):
    """Each word's probability of naming someone in the room; the model is built on first
    use and shared by the threads of one server."""

    def word_odds(self, text: str) -> dict[str, float]:
        """The highest probability any token of each (folded) word of ``text`` gets."""
        best: dict[str, float] = {}
        for offsets, odds in self.token_odds(text):
            for k, word in enumerate(token_words(text, offsets)):
                if word is not None:
                    best[word] = max(best.get(word, 0.0), float(odds[k]))
        return best

    def named(
        self, intake: Intake, people: Sequence[Panelist], others: Sequence[Panelist] = ()
    ) -> list[Panelist]:
        """``people`` less those none of whose name words reads as a name in the room, then
        those of ``others`` (who are not among ``people``) one of whose name words surely
        does. Someone of ``people`` with a known given name is not in doubt; when no one
        is and there are no others, the model does not run (a pass costs about 0.3 s on a
        long intake on 2 cores)."""
        if not others and not any(_in_doubt(p.name) for p in people):
            return list(people)
        odds = self.word_odds(intake_text(intake))
        kept = [p for p in people if not _in_doubt(p.name) or _reads_as_name(p.name, odds)]
        return kept + [o for o in others if _reads_as_name(o.name, odds, ADD, unseen=False)]


def _in_doubt(name: str) -> bool:
    return not any(is_first_name(w) for w in WORD.findall(name))


def _reads_as_name(
    name: str, odds: dict[str, float], at_least: float = KEEP, unseen: bool = True
) -> bool:
    """Whether one of the words of ``name`` reads ``at_least`` this likely a name of someone
    in the room; ``unseen`` for a name none of whose words the tagger saw."""
    seen = [odds[w] for w in name_words(name) if w in odds]
    return max(seen) >= at_least if seen else unseen


def packaged_tagger(pool: ModelPool | None = None) -> NameTagger:
    """The tagger of the packaged tables, one per model pool."""
    return (pool or ModelPool()).get(
        ("name-tagger", str(TABLE)), lambda: NameTagger(NameTaggerTables.load(TABLE))
    )
