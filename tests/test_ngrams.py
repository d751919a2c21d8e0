"""The evaluator classifier's n-gram reading (``simulator.scoring.ngrams``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from simulator.errors import ModelUnavailableError
from simulator.scoring import Scorer, ngrams
from simulator.scoring.tables import TABLES_DIR, load_tables
from tests.conftest import minilm

SENTENCES = [
    "Expect a formal complaint if this gets a low mark.",
    "I filed a formal complaint about the supplier's late deliveries.",
    "We cut the backlog by half in six weeks.",
]


def test_each_kind_of_ngram_counts_the_same_weight() -> None:
    x = ngrams.features(SENTENCES, ngrams.idf(ngrams.counts(SENTENCES))).toarray()
    words, letters = x[:, : ngrams.BUCKETS], x[:, ngrams.BUCKETS :]
    assert np.allclose(np.linalg.norm(words, axis=1), ngrams.WEIGHT)
    assert np.allclose(np.linalg.norm(letters, axis=1), ngrams.WEIGHT)


def test_shared_phrases_bring_sentences_closer_than_unrelated_ones() -> None:
    x = ngrams.features(SENTENCES, ngrams.idf(ngrams.counts(SENTENCES))).toarray()
    assert (
        x[0] @ x[1] > x[0] @ x[2] > 0.0
    )  # "formal complaint" is shared; only letters with the third


def test_rarer_ngrams_weigh_more() -> None:
    rows = ngrams.counts(["a low mark", "a high mark", "a low bar"])
    idf = ngrams.idf(rows)
    col = ngrams.counts(["high"]).indices  # one word column and its letter runs
    common = ngrams.counts(["a"]).indices
    assert idf[col].max() > idf[common].min()


def test_empty_text_has_no_ngrams() -> None:
    x = ngrams.features([""], np.ones(ngrams.WIDTH))
    assert x.nnz == 0


@pytest.mark.parametrize("missing", ["eval_ngram_w", "ngram_idf"])
def test_tables_without_ngram_weights_are_refused(tmp_path: Path, missing: str) -> None:
    tables = load_tables()
    arrays = dict(np.load(TABLES_DIR / "scorer.npz"))
    del arrays[missing]
    np.savez_compressed(tmp_path / "scorer.npz", **arrays)
    (tmp_path / "scorer.json").write_text((TABLES_DIR / "scorer.json").read_text())
    assert tables.eval_ngram_w.shape == (ngrams.WIDTH,)
    with pytest.raises(ModelUnavailableError, match="train_scorer"):
        load_tables(tmp_path)


@pytest.mark.model
def test_remembered_ngram_logits_are_the_tables_own() -> None:
    scorer = Scorer(minilm())
    fresh = scorer.tables.ngram_logits(SENTENCES)
    assert np.allclose(scorer.filter._ngram_logits(SENTENCES), fresh)
    assert np.allclose(scorer.filter._ngram_logits(SENTENCES[::-1]), fresh[::-1])  # remembered
    scorer.filter.clear()
    assert np.allclose(scorer.filter._ngram_logits(SENTENCES[1:]), fresh[1:])
