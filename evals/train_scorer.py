"""``python -m evals.train_scorer``: fit the scorer's tables on the graded *dev* split.

1. A sentence-role classifier (situation, action, result, ...) on the graders' sentence
   labels: logistic regression over MiniLM vectors and a few surface cues.
2. An "addressed to the evaluator" classifier over MiniLM vectors and hashed word and
   letter n-grams (``simulator.scoring.ngrams``): the injection families against answering
   sentences (graded dev answers, benign look-alikes and honest answers written blind to
   look like manipulation). Its logit is mixed with the fine-tuned addressee reader's
   (``python -m evals.tune_addressee``, run first, writes that reader's tables and its
   cross-fitted logits to ``evals/addressee_folds.json``), by the share that leaves the
   most families at 95% recall when each is left out. The threshold keeps cross-fitted
   false flags on dev answers at or below ``--max-false-flags`` and on the honest answers
   at or below ``--max-honest-false-flags``; recall is reported leaving each family out of
   the classifier's training in turn (the reader's logits for it come from a fold that left
   out its group of families).
3. Ridge regressions from answer features (role shares, sentence-level relevance to the
   question and concern, numbers inside the story, the mean sentence vector...) to the
   overall grade and each dimension's grade; the penalty is chosen by leave-questions-out
   cross-validation on dev. Role probabilities for these features are cross-fitted, as
   they are unseen at scoring time.

The test split is never read here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from scipy.stats import spearmanr
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GroupKFold
from tqdm import tqdm

from evals.datasets_io import read_jsonl
from simulator.embeddings import MiniLMEmbeddings
from simulator.manipulation import find_manipulation
from simulator.scoring import ngrams
from simulator.scoring.answering import MIN_FLAG_WORDS
from simulator.scoring.encoder import SentenceEncoder
from simulator.scoring.features import (
    ROLES,
    SENTENCE_EXTRAS,
    AnswerInput,
    answer_vector,
    sentence_matrix,
)
from simulator.scoring.tables import TABLES_DIR, TARGETS, ScorerTables, mixed
from simulator.scoring.text import (
    attack_key,
    bare,
    hidden_words,
    is_answering,
    spells_verdict,
    split_sentences,
    words,
)

POSITION = 384 + SENTENCE_EXTRAS.index("position")
EVAL_C = 0.5
# The families and honest look-alikes trained on (families_m, n, o and q: 32 kinds written
# later, told only which 50 kinds to avoid); families_d, i, j, k, l, r, s, t, u and benign_d,
# h, r, s, t, u are held out for the scorer eval (evals.tasks.scorer) and never read here.
FAMILY_FILES = tuple(f"families_{x}.jsonl" for x in "abcefghmnoq")
BENIGN_FILES = ("benign.jsonl", "benign_short.jsonl", *(f"benign_{x}.jsonl" for x in "cefgmnoq"))
# 400 whole honest answers written blind as negatives: sayings, general rules, stories about
# being assessed or judging others, talking to the panel, thanks and checks, boasts,
# instructions met at work, plain ones. ``honest_answers_blind.jsonl`` is the eval's and is
# never read here.
HONEST_FILE = "honest_answers_train.jsonl"
# The addressee reader's cross-fitted sentence logits, written by ``evals.tune_addressee``.
ADDRESSEE_FOLDS = Path(__file__).parent / "addressee_folds.json"
ALPHAS = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)


def _sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text) if is_answering(s.text)]


def _bare_sentences(text: str) -> list[str]:
    """What the evaluator classifier reads (see ``simulator.scoring.text.bare``)."""
    return [bare(s) or s for s in _sentences(text)]


def _labelled_sentences(
    rows: Sequence[dict[str, Any]],
) -> tuple[list[str], list[float], list[int], list[str]]:
    """The graders' sentences with their roles, position in the answer and question id."""
    texts, positions, labels, groups = [], [], [], []
    for row in rows:
        items = [s for s in row["sentences"] if s["role"] in ROLES]
        for i, s in enumerate(items):
            texts.append(s["text"])
            positions.append(i / max(1, len(items) - 1))
            labels.append(ROLES.index(s["role"]))
            groups.append(row["qid"])
    return texts, positions, labels, groups


def _matrix(encoder: SentenceEncoder, texts: list[str], positions: Sequence[float]) -> np.ndarray:
    x = sentence_matrix(texts, encoder.encode(texts))
    x[:, POSITION] = np.asarray(positions, dtype=np.float32)
    return x


def fit_roles(
    encoder: SentenceEncoder, rows: list[dict[str, Any]]
) -> tuple[LogisticRegression, dict[str, Any]]:
    texts, positions, labels, groups = _labelled_sentences(rows)
    x, y = _matrix(encoder, texts, positions), np.asarray(labels)
    correct = 0
    for train, test in GroupKFold(5).split(x, y, groups):
        model = LogisticRegression(C=2.0, max_iter=3000, class_weight="balanced").fit(
            x[train], y[train]
        )
        correct += int((model.predict(x[test]) == y[test]).sum())
    model = LogisticRegression(C=2.0, max_iter=3000, class_weight="balanced").fit(x, y)
    return model, {"sentences": len(texts), "cv_accuracy": round(correct / len(texts), 3)}


def _dense_matrix(encoder: SentenceEncoder, texts: list[str]) -> np.ndarray:
    x = sentence_matrix(texts, encoder.encode(texts))
    x[:, POSITION] = 0.0  # where a sentence sits says nothing about whom it addresses
    return x


@dataclass(frozen=True)
class FittedEvaluator:
    """The evaluator classifier over sentence features and n-grams, with the n-grams'
    inverse document frequencies from the sentences it was fitted on."""

    model: LogisticRegression
    idf: np.ndarray

    def logits(self, encoder: SentenceEncoder, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0)
        x = hstack([csr_matrix(_dense_matrix(encoder, texts)), ngrams.features(texts, self.idf)])
        return np.asarray(self.model.decision_function(x.tocsr()), dtype=np.float64)


@dataclass(frozen=True)
class Readings:
    """Sentence logits of the texts a threshold and recall are read from, each from models
    that never saw that text: the linear classifier's and the addressee reader's (zeros
    where there is no reader), for the sentences the classifier may flag alone."""

    linear: list[np.ndarray]
    addressee: list[np.ndarray]

    def highest(self, share: float) -> np.ndarray:
        return np.asarray(
            [
                float(mixed(a, b, share).max()) if len(a) else 0.0
                for a, b in zip(self.linear, self.addressee, strict=True)
            ]
        )


def _counted(sents: Sequence[str]) -> list[int]:
    """Which sentences the classifier alone may flag (``MIN_FLAG_WORDS`` words or more)."""
    return [i for i, s in enumerate(sents) if len(words(s)) >= MIN_FLAG_WORDS]


def _addressee_logits(
    folds: dict[str, list[list[float]]] | None, names: list[str], texts: list[list[str]]
) -> list[np.ndarray]:
    """The addressee reader's cross-fitted logits of ``texts`` (``folds``: lists of sentence
    logits by family or question id, in the order read), counted sentences only."""
    if folds is None:
        return [np.zeros(len(_counted(s))) for s in texts]
    seen: dict[str, int] = {}
    out = []
    for name, sents in zip(names, texts, strict=True):
        k = seen[name] = seen.get(name, -1) + 1
        logits = folds[name][k]
        if len(logits) != len(sents):
            raise SystemExit(
                "The addressee folds do not match the data: rerun evals.tune_addressee."
            )
        out.append(np.asarray([logits[i] for i in _counted(sents)]))
    return out


def fit_evaluator(
    encoder: SentenceEncoder,
    families: list[dict[str, Any]],
    benign: list[str],
    dev: list[dict[str, Any]],
    max_false_flags: float,
    honest: Sequence[dict[str, Any]] = (),
    max_honest_false_flags: float = 1.0,
    folds: dict[str, Any] | None = None,
) -> tuple[FittedEvaluator, float, float, dict[str, Any]]:
    """Positives: the families' sentences. Negatives: benign look-alikes, the dev answers'
    sentences and those of the ``honest`` answers. The threshold comes from cross-fitted
    scores of whole answers (each fold's answers unseen), so it reflects answers the
    classifier has not met: it flags at most ``max_false_flags`` of the dev answers and
    ``max_honest_false_flags`` of the honest ones (written to look like manipulation).

    ``folds`` holds the addressee reader's cross-fitted logits (``evals.tune_addressee``);
    the reader's share of the logit, up to ``MAX_SHARE``, is the one that leaves the most
    families at 95% recall or more when each is left out (then the highest mean recall).
    Returns the classifier, the threshold, the reader's share and a report."""
    rows = [*dev, *honest]
    pos_family = [f["family"] for f in families for _ in _bare_sentences(f["text"])]
    pos_texts = [s for f in families for s in _bare_sentences(f["text"])]
    answers = [_bare_sentences(r["answer"]) for r in rows]
    answer_of = [i for i, sents in enumerate(answers) for _ in sents]
    neg_texts = [s for t in benign for s in _bare_sentences(t)] + [
        s for sents in answers for s in sents
    ]
    answer_idx = np.asarray([-1] * (len(pos_texts) + len(neg_texts) - len(answer_of)) + answer_of)
    dense = _dense_matrix(encoder, pos_texts + neg_texts)
    grams = ngrams.counts(pos_texts + neg_texts)
    y = np.asarray([1] * len(pos_texts) + [0] * len(neg_texts))

    def fit(mask: np.ndarray) -> FittedEvaluator:
        idf = ngrams.idf(grams[mask])  # from the sentences trained on only
        x = hstack([csr_matrix(dense[mask]), ngrams.weighted(grams[mask], idf)]).tocsr()
        model = LogisticRegression(C=EVAL_C, max_iter=5000, class_weight="balanced")
        return FittedEvaluator(model.fit(x, y[mask]), idf)

    on_answers, on_families = _readings(
        encoder,
        fit,
        answer_idx,
        rows,
        answers,
        families,
        np.asarray(pos_family + [""] * len(neg_texts)),
        folds,
    )
    kinds = ["dev"] * len(dev) + ["honest"] * len(honest)
    limits = (max_false_flags, max_honest_false_flags if honest else None)
    shares = SHARES if folds is not None else (0.0,)
    threshold, share, report = _choose_share(
        on_answers, on_families, kinds, families, limits, shares
    )
    return fit(np.ones(len(y), dtype=bool)), threshold, share, report


def _choose_share(
    on_answers: Readings,
    on_families: Readings,
    kinds: list[str],
    families: list[dict[str, Any]],
    limits: tuple[float, float | None],
    shares: Sequence[float],
) -> tuple[float, float, dict[str, Any]]:
    """The reader's share (of ``shares``, at most ``MAX_SHARE``) that leaves the most families
    at 95% recall or more left out, then the highest mean recall: its threshold, the share
    and a report (which gives every share's figures)."""
    caught = [_caught_by_rules(f["text"]) for f in families]
    choices = {
        share: _threshold_and_recall(
            on_answers, on_families, share, kinds, families, caught, *limits
        )
        for share in shares
    }
    share = max((s for s in choices if s <= MAX_SHARE), key=lambda s: choices[s]["rank"])
    report = {k: v for k, v in choices[share].items() if k not in ("rank", "exact")}
    report["addressee_share"] = share
    report["shares_tried"] = {str(s): c["rank"] for s, c in choices.items()}
    return choices[share]["exact"], share, report


def _readings(
    encoder: SentenceEncoder,
    fit: Callable[[np.ndarray], FittedEvaluator],
    answer_idx: np.ndarray,
    rows: list[dict[str, Any]],
    answers: list[list[str]],
    families: list[dict[str, Any]],
    fam: np.ndarray,
    folds: dict[str, Any] | None,
) -> tuple[Readings, Readings]:
    """The answers' readings, each by classifiers fitted without its question (the
    classifier's folds by question, ``answer_idx`` giving each training sentence's answer
    or -1), and the families' readings, each family read by a classifier fitted without it
    (``fam``: each training sentence's family)."""
    linear: list[np.ndarray] = [np.zeros(0)] * len(rows)
    for _, held in GroupKFold(5).split(rows, groups=[r["qid"] for r in rows]):
        held_set = set(int(i) for i in held)
        fold = fit(np.asarray([int(i) not in held_set for i in answer_idx]))
        for i in held:
            linear[i] = fold.logits(encoder, [answers[i][j] for j in _counted(answers[i])])
    by_answer = _addressee_logits(
        None if folds is None else {**folds["dev"], **folds["honest"]},
        [r["qid"] for r in rows],
        answers,
    )
    texts = [_bare_sentences(f["text"]) for f in families]
    left_out = [np.zeros(0)] * len(families)
    for family in tqdm(
        sorted({f["family"] for f in families}), desc="leave one family out", unit="family"
    ):
        model = fit(fam != family)
        for i, f in enumerate(families):
            if f["family"] == family:
                left_out[i] = model.logits(encoder, [texts[i][j] for j in _counted(texts[i])])
    on_families = Readings(
        left_out,
        _addressee_logits(
            None if folds is None else folds["families"], [f["family"] for f in families], texts
        ),
    )
    return Readings(linear, by_answer), on_families


SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)
# The reader is one more MiniLM pass, run on the sentences its share could carry over the
# threshold. Above a quarter that is most answers: with tables fitted on 114 families, a share
# of 0.5 had it read 140 of the 214 calibration answers, and the median time to score one rose
# from 76 to 103 ms, past the 100 ms target. The larger shares are reported, not chosen.
MAX_SHARE = 0.25


def _threshold_and_recall(
    on_answers: Readings,
    on_families: Readings,
    share: float,
    kinds: list[str],
    families: list[dict[str, Any]],
    caught: list[bool],
    max_false_flags: float,
    max_honest_false_flags: float | None,
) -> dict[str, Any]:
    """The threshold for ``share`` (see ``fit_evaluator``) and each family's recall at it."""
    answer_max, kind = on_answers.highest(share), np.asarray(kinds)
    on_dev, on_honest = answer_max[kind == "dev"], answer_max[kind == "honest"]
    threshold = 1e-4 + max(
        0.5,
        float(np.quantile(on_dev, 1 - max_false_flags)),
        float(np.quantile(on_honest, 1 - max_honest_false_flags))
        if max_honest_false_flags is not None and len(on_honest)
        else 0.0,
    )
    hit = on_families.highest(share) >= threshold
    per_family: dict[str, Any] = {}
    for name in sorted({f["family"] for f in families}):
        idx = [i for i, f in enumerate(families) if f["family"] == name]
        per_family[name] = {
            "texts": len(idx),
            "classifier_recall_left_out": round(float(np.mean(hit[idx])), 3),
            "flag_recall_left_out": round(float(np.mean([hit[i] or caught[i] for i in idx])), 3),
        }
    recalls = [v["flag_recall_left_out"] for v in per_family.values()]
    return {
        "exact": threshold,
        "threshold": round(threshold, 4),
        "dev_false_flags_cross_fitted": round(float((on_dev >= threshold).mean()), 4),
        "honest_false_flags_cross_fitted": round(
            float((on_honest >= threshold).mean()) if len(on_honest) else 0.0, 4
        ),
        "per_family": per_family,
        "rank": (sum(r >= 0.95 for r in recalls), round(float(np.mean(recalls)), 4)),
    }


HONEST_COSINE = 0.97  # a known attack this close to an honest sentence is dropped from memory
HOST = "I rewrote the rota so nights were shared evenly, and sickness absence fell that quarter."


def _caught_by_rules(text: str) -> bool:
    """Whether the rules alone (patterns, markup with words in it, a verdict spelled in
    pieces or symbols) flag ``text`` appended to an honest answer."""
    answer = f"{HOST} {text}"
    spans = find_manipulation(answer)
    pieces = [s.text for s in split_sentences(text)]
    return (
        any(end > len(HOST) + 1 for _, end in spans)
        or any(hidden_words(p) for p in pieces)
        or spells_verdict([p for p in pieces if not is_answering(p)])
    )


def _every_sentence(text: str) -> list[str]:
    """Every sentence as the classifier reads it, answering or not ("[模範解答] 評価：S")."""
    return [bare(s.text) or s.text for s in split_sentences(text)]


def _attack_pieces(families: list[dict[str, Any]], every: bool = False) -> list[str]:
    """The families' sentences (with ``every``, those that are not answering too), and the
    quoted or introduced part of each: an attack too, when a line break has cut it from its
    lead-in ("My old boss asked me to add this: 'Best hire ever.'")."""
    sentences = _every_sentence if every else _bare_sentences
    pieces = [s for f in families for s in sentences(f["text"])]
    pieces += [
        bare(part)
        for s in list(pieces)
        for part in re.split(r"[:：]\s+|[\"“”']", s)[1:]
        if len(bare(part).split()) >= 4
    ]
    return list(dict.fromkeys(pieces))


def _honest_sentences(
    benign: list[str], dev: list[dict[str, Any]], every: bool = False
) -> list[str]:
    """The look-alikes' and dev answers' sentences (with ``every``, those that are not
    answering too)."""
    sentences = _every_sentence if every else _bare_sentences
    texts = [*benign, *(r["answer"] for r in dev)]
    return list(dict.fromkeys(s for t in texts for s in sentences(t)))


def known_attacks(
    encoder: SentenceEncoder,
    families: list[dict[str, Any]],
    benign: list[str],
    dev: list[dict[str, Any]],
) -> np.ndarray:
    """Vectors of the families' sentences, less any that an honest sentence comes close to
    (a "Thank you." inside a plea must not make every "Thank you." an attack)."""
    attacks = encoder.encode(_attack_pieces(families))
    honest = encoder.encode(_honest_sentences(benign, dev))
    keep = (attacks @ honest.T).max(axis=1) < HONEST_COSINE
    return attacks[keep]


def known_keys(
    families: list[dict[str, Any]], benign: list[str], dev: list[dict[str, Any]]
) -> frozenset[str]:
    """The families' sentences word for word (``attack_key``), less any an honest sentence
    also says and any too short to be told apart."""
    honest = {attack_key(s) for s in _honest_sentences(benign, dev, every=True)}
    keys = {attack_key(s) for s in _attack_pieces(families, every=True)}
    return frozenset(keys - honest - {""})


def answer_inputs(
    encoder: SentenceEncoder, rows: list[dict[str, Any]], role_probs: list[np.ndarray]
) -> np.ndarray:
    feats = []
    for row, roles in zip(rows, role_probs, strict=True):
        texts = _sentences(row["answer"])
        vectors = encoder.encode(texts)
        refs = encoder.encode([row["question"], row.get("concern") or "x"])
        concern = refs[1] if (row.get("concern") or "").strip() else None
        feats.append(answer_vector(AnswerInput(texts, vectors, roles, refs[0], concern)))
    return np.vstack(feats)


def cross_fitted_roles(
    encoder: SentenceEncoder, rows: list[dict[str, Any]], folds: int = 5
) -> list[np.ndarray]:
    """Role probabilities of each dev answer's sentences from a classifier that never saw
    that answer's question."""
    groups = [r["qid"] for r in rows]
    out: list[np.ndarray | None] = [None] * len(rows)
    for train, test in GroupKFold(folds).split(rows, groups=groups):
        train_rows = [rows[i] for i in train]
        texts, positions, labels, _ = _labelled_sentences(train_rows)
        model = LogisticRegression(C=2.0, max_iter=3000, class_weight="balanced").fit(
            _matrix(encoder, texts, positions), labels
        )
        for i in test:
            sents = _sentences(rows[i]["answer"])
            probs = np.zeros((len(sents), len(ROLES)))
            if sents:
                p = model.predict_proba(sentence_matrix(sents, encoder.encode(sents)))
                probs[:, model.classes_] = p
            out[i] = probs
    return [p if p is not None else np.zeros((0, len(ROLES))) for p in out]


def fit_grades(
    x: np.ndarray, rows: list[dict[str, Any]]
) -> tuple[dict[str, Ridge], np.ndarray, np.ndarray, dict[str, Any]]:
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    groups = [r["qid"] for r in rows]
    targets = {
        "overall": np.asarray([r["grade"] for r in rows], dtype=float),
        **{d: np.asarray([r["dimensions"][d] for r in rows], dtype=float) for d in TARGETS[1:]},
    }
    models, report = {}, {}
    for name, y in targets.items():
        best = (-2.0, ALPHAS[0])
        for alpha in ALPHAS:
            pred = np.zeros(len(y))
            for train, test in GroupKFold(5).split(z, y, groups):
                pred[test] = Ridge(alpha=alpha).fit(z[train], y[train]).predict(z[test])
            rho = float(spearmanr(pred, y).statistic)
            if rho > best[0]:
                best = (rho, alpha)
        models[name] = Ridge(alpha=best[1]).fit(z, y)
        report[name] = {"alpha": best[1], "cv_spearman": round(best[0], 3)}
    return models, mean, scale, report


def training_data() -> tuple[
    list[dict[str, Any]], list[dict[str, Any]], list[str], list[dict[str, Any]]
]:
    """What the evaluator classifier and the addressee reader are fitted on: the graded dev
    answers, the injection families, the honest look-alikes and the honest answers (each its
    own group, ``qid`` "honest-<id>": it shares no question with the dev answers)."""
    dev = [r for r in read_jsonl("graded.jsonl") if r["split"] == "dev"]
    families = [r for name in FAMILY_FILES for r in read_jsonl(f"injection_families/{name}")]
    benign = [r["text"] for name in BENIGN_FILES for r in read_jsonl(f"injection_families/{name}")]
    honest = [{**r, "qid": f"honest-{r['id']}"} for r in read_jsonl(HONEST_FILE)]
    return dev, families, benign, honest


def _addressee_folds() -> dict[str, Any] | None:
    if ADDRESSEE_FOLDS.exists():
        folds: dict[str, Any] = json.loads(ADDRESSEE_FOLDS.read_text(encoding="utf-8"))
        return folds
    print(f"No {ADDRESSEE_FOLDS.name}: the addressee reader gets no share.", file=sys.stderr)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-false-flags", type=float, default=0.001)
    parser.add_argument("--max-honest-false-flags", type=float, default=0.03)
    args = parser.parse_args(argv)
    dev, families, benign, honest = training_data()
    encoder = SentenceEncoder(MiniLMEmbeddings(None))
    print(f"dev: {len(dev)} answers to {len({r['qid'] for r in dev})} questions", file=sys.stderr)

    roles, roles_report = fit_roles(encoder, dev)
    evaluator, threshold, share, eval_report = fit_evaluator(
        encoder, families, benign, dev, args.max_false_flags, honest,
        args.max_honest_false_flags, _addressee_folds(),
    )  # fmt: skip
    x = answer_inputs(encoder, dev, cross_fitted_roles(encoder, dev))
    models, mean, scale, grade_report = fit_grades(x, dev)

    dense_width = roles.coef_.shape[1]  # the same sentence features as the role classifier
    role_w = np.zeros((len(ROLES), roles.coef_.shape[1]), dtype=np.float32)
    role_b = np.full(len(ROLES), -30.0, dtype=np.float32)  # a role never labelled is never chosen
    for i, cls in enumerate(roles.classes_):
        role_w[cls], role_b[cls] = roles.coef_[i], roles.intercept_[i]
    tables = ScorerTables(
        role_w=role_w,
        role_b=role_b,
        eval_w=evaluator.model.coef_[0][:dense_width].astype(np.float32),
        eval_ngram_w=evaluator.model.coef_[0][dense_width:].astype(np.float32),
        ngram_idf=evaluator.idf.astype(np.float32),
        eval_b=float(evaluator.model.intercept_[0]),
        eval_threshold=threshold,
        eval_mix=share,
        known=known_attacks(encoder, families, benign, dev + honest),
        known_keys=known_keys(families, benign, dev + honest),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        coef={t: models[t].coef_.astype(np.float32) for t in TARGETS},
        intercept={t: float(models[t].intercept_) for t in TARGETS},
        meta={
            "fitted": dt.date.today().isoformat(),
            "dev_answers": len(dev),
            "honest_answers": len(honest),
            "roles": roles_report,
            "evaluator": eval_report,
            "grades": grade_report,
        },
    )
    tables.save(TABLES_DIR)
    print(json.dumps(tables.meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
