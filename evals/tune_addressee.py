"""``python -m evals.tune_addressee``: fine-tune the addressee reader
(``simulator.scoring.addressee``) on the injection families against answering sentences.

Low-rank adapters on every linear layer of the packaged all-MiniLM-L6-v2 and a linear head
are fitted; the base weights stay frozen, so the tables are small. Positives are the
families' sentences, negatives the benign look-alikes' and the graded dev and honest
training answers' sentences (the same sources as ``evals.train_scorer``).

With ``--folds K`` (default 5) the families are first split into K groups, and the dev and
honest answers and look-alikes into K groups: each fold is fitted without one group of each
and reads the held-out ones. That gives recall on families never trained on (whole groups of
families left out at once, which is harsher than leaving one out) and the cross-fitted
scores of answers from which ``evals.train_scorer`` sets the threshold. The test split and
the held-out families are never read here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from typing import Any, TypeVar

from tqdm import tqdm

from evals.train_scorer import ADDRESSEE_FOLDS, _bare_sentences, training_data
from simulator.adapters import AdapterTables, base_encoder
from simulator.scoring.addressee import (
    ADAPTER_FILE,
    SCALE,
    AddresseeReader,
    AddresseeTables,
    pooled,
)
from simulator.scoring.tables import TABLES_DIR

RANK, ALPHA = 8, 16.0
T = TypeVar("T", bound=AdapterTables)
BATCH = 32


def _lora(model: Any, rank: int, alpha: float, seed: int) -> dict[str, tuple[Any, Any]]:
    """Wrap every linear layer of the encoder's blocks with a trainable low-rank update;
    returns the adapters (a, b) by layer name."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    adapters: dict[str, tuple[Any, Any]] = {}
    for name, module in list(model.named_modules()):
        if not (isinstance(module, torch.nn.Linear) and name.startswith("encoder.layer.")):
            continue
        a = torch.nn.Parameter(torch.randn(rank, module.in_features, generator=generator) * 0.01)
        b = torch.nn.Parameter(torch.zeros(module.out_features, rank))
        adapters[name] = (a, b)

        def hook(
            mod: Any, inputs: Any, output: Any, a: Any = a, b: Any = b, k: float = alpha / rank
        ) -> Any:
            return output + (inputs[0] @ a.T @ b.T) * k

        module.register_forward_hook(hook)
    for p in model.parameters():
        p.requires_grad = False
    return adapters


def optimiser_for(adapters: dict[str, tuple[Any, Any]], head: Any) -> Any:
    """AdamW over the adapters and the head, the head at twice the adapters' rate."""
    import torch

    params = [p for pair in adapters.values() for p in pair]
    return torch.optim.AdamW(
        [{"params": params, "lr": 5e-4}, {"params": head.parameters(), "lr": 1e-3}],
        weight_decay=0.01,
    )


def step(optimiser: Any, schedule: Any, loss: Any, bar: Any) -> None:
    """One optimiser step on ``loss``, shown on the progress ``bar``."""
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
    schedule.step()
    bar.update(1)
    bar.set_postfix(loss=f"{loss.item():.3f}")


def fitted(
    cls: type[T],
    adapters: dict[str, tuple[Any, Any]],
    head: Any,
    alpha: float,
    meta: dict[str, Any],
) -> T:
    """The tables of ``cls`` holding the trained ``adapters`` and ``head``."""
    return cls(
        a={k: a.detach().numpy().copy() for k, (a, _) in adapters.items()},
        b={k: b.detach().numpy().copy() for k, (_, b) in adapters.items()},
        alpha=alpha,
        head_w=head.weight.detach().numpy()[0].copy(),
        head_b=float(head.bias.detach().numpy()[0]),
        meta=meta,
    )


def fit(
    positives: Sequence[str], negatives: Sequence[str], epochs: float = 2.0, seed: int = 0
) -> AddresseeTables:
    import torch

    torch.manual_seed(seed)
    model, tokenizer = base_encoder()
    adapters = _lora(model, RANK, ALPHA, seed)
    head = torch.nn.Linear(384, 1)
    optimiser = optimiser_for(adapters, head)
    data = [(t, 1.0) for t in positives] + [(t, 0.0) for t in negatives]
    steps = max(1, int(epochs * len(data) / BATCH))
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1.0 - s / steps)
    )
    weight = torch.tensor(len(negatives) / max(1, len(positives)))
    rng = random.Random(seed)
    model.train()
    with tqdm(total=steps, desc="fine-tuning the addressee reader", unit="step") as bar:
        while bar.n < steps:
            rng.shuffle(data)
            starts = range(0, max(1, len(data) - BATCH + 1), BATCH)  # whole batches, or one
            for i in starts:
                if bar.n >= steps:
                    break
                batch = data[i : i + BATCH]
                logits = head(SCALE * pooled(model, tokenizer, [t for t, _ in batch])).squeeze(-1)
                target = torch.tensor([y for _, y in batch])
                loss = torch.nn.functional.binary_cross_entropy_with_logits(
                    logits, target, pos_weight=weight
                )
                step(optimiser, schedule, loss, bar)
    meta = {"rank": RANK, "epochs": epochs, "positives": len(positives),
            "negatives": len(negatives)}  # fmt: skip
    return fitted(AddresseeTables, adapters, head, ALPHA, meta)


def sentence_logits(reader: AddresseeReader, texts: Sequence[Sequence[str]]) -> list[list[float]]:
    """Each text's sentences' logits (every sentence, in order)."""
    flat = list(dict.fromkeys(s for sents in texts for s in sents))
    logit = dict(zip(flat, reader.logits(flat), strict=True)) if flat else {}
    return [[round(float(logit[s]), 4) for s in sents] for sents in texts]


def _groups(keys: Sequence[str], folds: int, seed: int) -> dict[str, int]:
    unique = sorted(set(keys))
    return {k: i % folds for i, k in enumerate(random.Random(seed).sample(unique, len(unique)))}


def cross_fit(data: dict[str, Any], folds: int, epochs: float) -> dict[str, Any]:
    """Sentence logits of held-out families, answers and look-alikes, each from a fold never
    fitted on them (see the module's docstring): families by name, answers by question id
    (in the order read), look-alikes in the order read."""
    family_fold = _groups([f for f, _ in data["families"]], folds, 1)
    answer_fold = _groups([q for q, _, _ in data["answers"]], folds, 2)
    out: dict[str, Any] = {"families": {}, "dev": {}, "honest": {}, "benign": []}
    for k in range(folds):
        began = time.time()
        pos = [s for f, sents in data["families"] if family_fold[f] != k for s in sents]
        neg = [s for i, sents in enumerate(data["benign"]) if i % folds != k for s in sents]
        neg += [s for q, _, sents in data["answers"] if answer_fold[q] != k for s in sents]
        reader = AddresseeReader(fit(pos, neg, epochs))
        held = [(f, sents) for f, sents in data["families"] if family_fold[f] == k]
        for (f, _), p in zip(held, sentence_logits(reader, [s for _, s in held]), strict=True):
            out["families"].setdefault(f, []).append(p)
        answers = [(q, kind, s) for q, kind, s in data["answers"] if answer_fold[q] == k]
        logits = sentence_logits(reader, [s for *_, s in answers])
        for (q, kind, _), p in zip(answers, logits, strict=True):
            out[kind].setdefault(q, []).append(p)
        held_benign = [s for i, s in enumerate(data["benign"]) if i % folds == k]
        out["benign"] += sentence_logits(reader, held_benign)
        print(f"fold {k + 1}/{folds}: {time.time() - began:.0f} s", file=sys.stderr)
    return out


def load_data() -> dict[str, Any]:
    """``evals.train_scorer``'s training data as sentences, in the order it reads them."""
    dev, families, benign, honest = training_data()
    return {
        "families": [(f["family"], _bare_sentences(f["text"])) for f in families],
        "benign": [_bare_sentences(t) for t in benign],
        "answers": [(r["qid"], kind, _bare_sentences(r["answer"]))
                    for kind, rows in (("dev", dev), ("honest", honest)) for r in rows],
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5, help="0: fit the final tables only")
    parser.add_argument("--epochs", type=float, default=2.0)
    args = parser.parse_args(argv)
    data = load_data()
    if args.folds:
        scores = cross_fit(data, args.folds, args.epochs)
        ADDRESSEE_FOLDS.write_text(json.dumps(scores) + "\n", encoding="utf-8")
    pos = [s for _, sents in data["families"] for s in sents]
    neg = [s for sents in data["benign"] for s in sents]
    neg += [s for *_, sents in data["answers"] for s in sents]
    tables = fit(pos, neg, args.epochs)
    tables.save(TABLES_DIR / ADAPTER_FILE)
    print(json.dumps(tables.meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
