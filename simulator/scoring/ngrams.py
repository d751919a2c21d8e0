"""The words and letter runs of a sentence as the evaluator classifier reads them, beside its
MiniLM vector: hashed word 1-2-grams and character 2-5-grams within words, each weighted by
sublinear term frequency and inverse document frequency and scaled to unit length.

A mean sentence vector blurs the one phrase that gives an injection away ("if this gets a
low mark"); the n-grams keep it. Hashing needs no vocabulary: the tables hold the document
frequencies' weights (``idf``) and the classifier's weights, both per hashed column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # scipy.sparse and scikit-learn are imported on first use: they are slow
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import HashingVectorizer

BUCKETS = 2**18  # columns per kind of n-gram
WIDTH = 2 * BUCKETS
WEIGHT = 2.0  # each kind's unit-length row counts this much beside the sentence vector
_KINDS = (
    {"analyzer": "word", "ngram_range": (1, 2)},
    {"analyzer": "char_wb", "ngram_range": (2, 5)},
)


def _hashers() -> list[HashingVectorizer]:
    from sklearn.feature_extraction.text import HashingVectorizer

    return [
        HashingVectorizer(n_features=BUCKETS, alternate_sign=False, norm=None, **kind)
        for kind in _KINDS
    ]


def counts(texts: Sequence[str]) -> csr_matrix:
    """Raw n-gram counts, one row per text, ``WIDTH`` columns (words, then letter runs)."""
    from scipy.sparse import csr_matrix, hstack

    return csr_matrix(hstack([h.transform(list(texts)) for h in _hashers()]))


def idf(rows: csr_matrix) -> np.ndarray:
    """Smoothed inverse document frequency of each column over ``rows`` (``counts``)."""
    df = np.bincount(rows.indices, minlength=WIDTH)
    return np.log((1.0 + rows.shape[0]) / (1.0 + df)) + 1.0


def weighted(rows: csr_matrix, idf_: np.ndarray) -> csr_matrix:
    """``rows`` (``counts``) as the classifier reads them: ``1 + log(count)`` times ``idf_``,
    each kind scaled to unit length and then by ``WEIGHT``."""
    out = rows.astype(np.float64).tocsr(copy=True)
    out.data = (1.0 + np.log(out.data)) * idf_[out.indices]
    for start in (0, BUCKETS):
        part = (out.indices >= start) & (out.indices < start + BUCKETS)
        row_of = np.repeat(np.arange(out.shape[0]), np.diff(out.indptr))
        norms = np.sqrt(np.bincount(row_of[part], out.data[part] ** 2, minlength=out.shape[0]))
        scale = np.divide(WEIGHT, norms, out=np.zeros_like(norms), where=norms > 0)
        out.data[part] *= scale[row_of[part]]
    return out


def features(texts: Sequence[str], idf_: np.ndarray) -> csr_matrix:
    """``weighted(counts(texts), idf_)``."""
    return weighted(counts(texts), idf_)
