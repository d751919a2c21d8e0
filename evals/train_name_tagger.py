"""``python -m evals.train_name_tagger``: fine-tune the panel's name tagger
(``simulator.panel.name_tagger``) on the labelled panel intakes; with ``--titles``, its title
tagger (``simulator.panel.title_tagger``) instead.

Each token of an intake (company, panel field, round-one notes, recruiter's message) is
marked 1 when its word is a word of the name of someone the intake puts in the coming round's
room (its ``expected`` list), else 0; for the title tagger, 1 when its word is a word of such
a person's title within a few words of a word of their name. Low-rank adapters on every
linear layer of the packaged all-MiniLM-L6-v2 and a head on each token are fitted; the base
weights stay frozen.

Five batches are never read here: ``panel_intakes_unseen.jsonl``, on which the tagger's
thresholds were chosen, and ``panel_intakes_unopened.jsonl``, ``_untried``, ``_unmarked`` and
``_unvisited``, the four newest blind batches, kept for measuring it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from typing import Any

from tqdm import tqdm

from evals.datasets_io import DATASETS, read_jsonl
from evals.tune_addressee import _lora, fitted, optimiser_for, step
from simulator.adapters import AdapterTables, base_encoder
from simulator.domain import Intake
from simulator.panel.name_tagger import (
    MAX_TOKENS,
    STRIDE,
    TABLE,
    NameTaggerTables,
    intake_text,
    name_words,
    token_word_index,
    token_words,
    word_spans,
)
from simulator.panel.title_tagger import TITLE_TABLE, TitleTaggerTables, title_word_marks

HELD_OUT = (
    "panel_intakes_unseen.jsonl",
    "panel_intakes_unopened.jsonl",
    "panel_intakes_untried.jsonl",
    "panel_intakes_unmarked.jsonl",
    "panel_intakes_unvisited.jsonl",
)
RANK, ALPHA = 8, 16.0
BATCH = 8  # intakes (each one window or more)
POSITIVE_WEIGHT = 3.0


def training_rows() -> list[dict[str, Any]]:
    names = sorted(p.name for p in DATASETS.glob("panel_intakes*.jsonl"))
    return [row for name in names if name not in HELD_OUT for row in read_jsonl(name)]


def _targets(texts: Sequence[str], rows: Sequence[dict[str, Any]], batch: Any) -> Any:
    """1 for each token of a word of an expected name, window by window."""
    import torch

    targets = torch.zeros(batch["input_ids"].shape)
    windows = batch["overflow_to_sample_mapping"].tolist()
    for w, source in enumerate(windows):
        text = texts[source]
        wanted = {word for e in rows[source]["expected"] for word in name_words(e["name"])}
        for k, word in enumerate(token_words(text, batch["offset_mapping"][w].tolist())):
            if word in wanted:
                targets[w, k] = 1.0
    return targets


def _title_targets(texts: Sequence[str], rows: Sequence[dict[str, Any]], batch: Any) -> Any:
    """1 for each token of a word of an expected person's title near their name."""
    import torch

    targets = torch.zeros(batch["input_ids"].shape)
    windows = batch["overflow_to_sample_mapping"].tolist()
    marks = [title_word_marks(t, r["expected"]) for t, r in zip(texts, rows, strict=True)]
    for w, source in enumerate(windows):
        spans = word_spans(texts[source])
        for k, i in enumerate(token_word_index(spans, batch["offset_mapping"][w].tolist())):
            if i >= 0 and marks[source][i]:
                targets[w, k] = 1.0
    return targets


def fit(
    rows: list[dict[str, Any]], epochs: int = 2, seed: int = 0, titles: bool = False
) -> AdapterTables:
    import torch

    torch.manual_seed(seed)
    model, tokenizer = base_encoder()
    adapters = _lora(model, RANK, ALPHA, seed)
    head = torch.nn.Linear(384, 1)
    optimiser = optimiser_for(adapters, head)
    per_epoch = max(1, len(rows) // BATCH)
    steps = epochs * per_epoch
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / 30) * max(0.0, 1.0 - s / steps)
    )
    rows = list(rows)
    model.train()
    desc = f"fine-tuning the {'title' if titles else 'name'} tagger"
    with tqdm(total=steps, desc=desc, unit="step") as bar:
        for epoch in range(epochs):
            random.Random(epoch).shuffle(rows)
            for i in range(per_epoch):
                chunk = rows[i * BATCH : (i + 1) * BATCH]
                texts = [intake_text(Intake.from_dict(r["intake"])) for r in chunk]
                batch = tokenizer(
                    texts, padding=True, truncation=True, max_length=MAX_TOKENS, stride=STRIDE,
                    return_overflowing_tokens=True, return_offsets_mapping=True,
                    return_tensors="pt",
                )  # fmt: skip
                target = (_title_targets if titles else _targets)(texts, chunk, batch)
                hidden = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"])
                logits = head(hidden.last_hidden_state).squeeze(-1)
                mask = batch["attention_mask"].float()
                loss = torch.nn.functional.binary_cross_entropy_with_logits(
                    logits, target, pos_weight=torch.tensor(POSITIVE_WEIGHT), reduction="none"
                )
                step(optimiser, schedule, (loss * mask).sum() / mask.sum(), bar)
    meta = {"rank": RANK, "epochs": epochs, "intakes": len(rows), "held_out": list(HELD_OUT)}
    return fitted(TitleTaggerTables if titles else NameTaggerTables, adapters, head, ALPHA, meta)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--titles", action="store_true", help="fit the title tagger")
    args = parser.parse_args(argv)
    tables = fit(training_rows(), args.epochs, titles=args.titles)
    tables.save(TITLE_TABLE if args.titles else TABLE)
    print(json.dumps(tables.meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
